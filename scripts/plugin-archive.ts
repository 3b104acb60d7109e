import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packedTarball } from "./packed-package";
import { REPO_ROOT } from "./repo-root";

/**
 * `npm run plugin:archive`: the native plugin as one file for `pulumi plugin install resource chime-messaging
 * <version> --file <archive>`, the offline way to install it where the package is not on PATH: a .tar.gz holding
 * the plugin executable at its top and, beside it, node_modules with the package and what it needs at run time
 * (its dependencies and @pulumi/pulumi). Running it needs Node.js (20 or later) on PATH.
 *
 *     npm run plugin:archive [-- <output folder>]    # default: the repository's dist-plugin/
 *
 * Prints the archive's path, named as Pulumi's release archives are:
 * pulumi-resource-chime-messaging-v<version>-<os>-<arch>.tar.gz.
 */

const EXECUTABLE = "pulumi-resource-chime-messaging";

function pulumiSdkVersion(): string {
    const file = require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] });
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

export function buildPluginArchive(outputDir = path.join(REPO_ROOT, "dist-plugin")): string {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        version: string;
    };
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "chime-plugin-"));
    try {
        const tarball = packedTarball();
        fs.copyFileSync(tarball, path.join(staging, path.basename(tarball)));
        const dependencies = {
            "pulumi-chime-messaging": `file:./${path.basename(tarball)}`,
            "@pulumi/pulumi": pulumiSdkVersion(),
        };
        fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ private: true, dependencies }, null, 2));
        const install = ["install", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"];
        try {
            execFileSync("npm", [...install, "--offline"], { cwd: staging, stdio: "ignore" });
        } catch {
            execFileSync("npm", [...install, "--prefer-offline"], { cwd: staging, stdio: "inherit" });
        }
        fs.copyFileSync(path.join(REPO_ROOT, "bin", EXECUTABLE), path.join(staging, EXECUTABLE));
        fs.chmodSync(path.join(staging, EXECUTABLE), 0o755);
        fs.mkdirSync(outputDir, { recursive: true });
        const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
        const archive = path.join(outputDir, `${EXECUTABLE}-v${version}-${platform}.tar.gz`);
        execFileSync("tar", ["-czf", archive, "-C", staging, EXECUTABLE, "node_modules"]);
        return archive;
    } finally {
        fs.rmSync(staging, { recursive: true, force: true });
    }
}

if (require.main === module) {
    console.log(buildPluginArchive(process.argv[2] ? path.resolve(process.argv[2]) : undefined));
}
