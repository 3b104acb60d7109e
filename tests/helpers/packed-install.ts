import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { packedTarball } from "../../scripts/packed-package";

/**
 * The package as a user gets it: the tarball of the built repository (packed once per build, see
 * scripts/packed-package.ts), installed into a fresh
 * project together with its peer dependency `@pulumi/pulumi` at the version this repository runs with (offline,
 * from the npm cache that `npm install` filled), so tests can check what this repository's own self-link hides
 * (files missing from the tarball, `exports` that block a path the serialized provider needs, a second copy of
 * the Pulumi SDK).
 *
 *     const project = await installPackedPackage();       // ~10 s
 *     const out = await project.runNode(`console.log(require.resolve("pulumi-chime-messaging/provider"))`);
 *     await project.remove();
 *
 * Build first (`npm run build`): the tarball holds `dist/`.
 */

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "..", "..");
export const PACKAGE_NAME = "pulumi-chime-messaging";

/** The version of `@pulumi/pulumi` this repository runs with (the lockfile's, or the one a CI leg installed). */
export const PULUMI_SDK_VERSION: string = require(
    require.resolve("@pulumi/pulumi/package.json", { paths: [repoRoot] }),
).version;

export interface InstalledProject {
    /** The project's folder; the package is in its node_modules. */
    dir: string;
    /** Where the package was installed (a real folder, not a link to this repository). */
    packageDir: string;
    /** Runs a CommonJS script with node in the project's folder; resolves with its stdout. */
    runNode(script: string): Promise<string>;
    /** Runs npm in the project's folder; resolves with its stdout. */
    npm(args: string[]): Promise<string>;
    remove(): Promise<void>;
}

async function npm(args: string[], cwd: string): Promise<string> {
    const { stdout } = await run("npm", args, {
        cwd,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, npm_config_update_notifier: "false" },
    });
    return stdout;
}

/** Installs the package's tarball (by default this build's, packed) into a new project folder. */
export async function installPackedPackage(tarball = packedTarball()): Promise<InstalledProject> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "chime-packed-"));
    try {
        await fs.promises.writeFile(
            path.join(dir, "package.json"),
            JSON.stringify({ name: "packed-install-check", version: "1.0.0", private: true }, null, 2),
        );
        const install = [
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            tarball,
            `@pulumi/pulumi@${PULUMI_SDK_VERSION}`,
        ];
        try {
            await npm([...install, "--offline"], dir);
        } catch {
            await npm([...install, "--prefer-offline"], dir);
        }
        const packageDir = path.join(dir, "node_modules", PACKAGE_NAME);
        return {
            dir,
            packageDir,
            async runNode(script: string) {
                const { stdout } = await run(process.execPath, ["-e", script], {
                    cwd: dir,
                    maxBuffer: 32 * 1024 * 1024,
                    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
                });
                return stdout;
            },
            npm: (args) => npm(args, dir),
            remove: () => fs.promises.rm(dir, { recursive: true, force: true }),
        };
    } catch (error) {
        await fs.promises.rm(dir, { recursive: true, force: true });
        throw error;
    }
}
