import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../repo-root";
import { goTool } from "./go-tools";
import { archiveName, buildPluginArchives, PLUGIN_TARGETS } from "./plugin-executables";

/**
 * `npm run release`: everything a release publishes, of one version (package.json's), in `dist-release/`:
 *
 *     pulumi-chime-messaging-<v>.tgz                       the npm package (TypeScript SDK, Node-script plugin, tools)
 *     pulumi_chime_messaging-<v>-py3-none-any.whl          the Python SDK, and its sdist
 *     pulumi_chime_messaging-<v>.tar.gz
 *     goproxy/<module path>/@v/v<v>.{info,mod,zip}, list   the Go SDK, as a module proxy serves it
 *     pulumi-resource-chime-messaging-v<v>-<os>-<arch>.tar.gz   the self-contained plugin, five platforms
 *     SHA256SUMS                                           of all the files above (sha256sum's format)
 *
 * It needs what the build needs (Node.js and npm, Go, python3 with `build`, Debian's osslsigncode), downloads
 * only from the registries, and checks that every artifact says the same version before it writes SHA256SUMS.
 *
 *     npm run release [-- <output folder>]
 */

export const RELEASE_DIR = path.join(REPO_ROOT, "dist-release");

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;

export const packageVersion = () => readJson<{ version: string }>(path.join(REPO_ROOT, "package.json")).version;

/** The Go SDK's module path (sdk/go/go.mod). */
export function goModulePath(): string {
    const goMod = fs.readFileSync(path.join(REPO_ROOT, "sdk", "go", "go.mod"), "utf8");
    return /^module\s+(\S+)/m.exec(goMod)![1];
}

const run = (command: string, args: string[], cwd = REPO_ROOT) =>
    execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

function npmTarball(out: string): string {
    const [{ filename }] = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out]));
    return path.join(out, filename);
}

/** The wheel and the sdist of sdk/python, built from a copy so that the build leaves nothing in the tree. */
function pythonPackages(out: string): string[] {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chime-release-python-"));
    try {
        const source = path.join(scratch, "src");
        fs.cpSync(path.join(REPO_ROOT, "sdk", "python"), source, {
            recursive: true,
            filter: (file) => path.basename(file) !== "tests" && !file.includes("__pycache__"),
        });
        fs.copyFileSync(path.join(REPO_ROOT, "LICENSE"), path.join(source, "LICENSE"));
        const built = path.join(scratch, "dist");
        run("python3", ["-m", "build", "--sdist", "--wheel", "--outdir", built, "."], source);
        return fs.readdirSync(built).map((name) => {
            fs.copyFileSync(path.join(built, name), path.join(out, name));
            return path.join(out, name);
        });
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

/** sdk/go as module version v<version> in `<out>/goproxy`; returns the files written. */
function goModule(out: string, version: string): string[] {
    const proxy = path.join(out, "goproxy");
    const module = path.join(os.tmpdir(), `chime-release-go-${process.pid}`);
    fs.cpSync(path.join(REPO_ROOT, "sdk", "go"), module, {
        recursive: true,
        filter: (file) => path.basename(file) !== "tests",
    });
    try {
        run(goTool("go-module-proxy"), [module, `v${version}`, proxy]);
    } finally {
        fs.rmSync(module, { recursive: true, force: true });
    }
    return fs
        .readdirSync(proxy, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Fails, naming the artifact, when any of them says another version than package.json. */
export function checkVersions(out: string, version: string): void {
    const expect = (what: string, found: string | undefined) => {
        if (found !== version) throw new Error(`release ${version}: ${what} says ${found ?? "no version"}`);
    };
    const schema = readJson<{ version: string; pluginDownloadURL: string }>(path.join(REPO_ROOT, "schema.json"));
    expect("schema.json", schema.version);
    for (const sdk of ["python/pulumi_chime_messaging", "go/chimemessaging"]) {
        const plugin = readJson<{ version: string; server: string }>(
            path.join(REPO_ROOT, "sdk", sdk, "pulumi-plugin.json"),
        );
        expect(`sdk/${sdk}/pulumi-plugin.json`, plugin.version);
        if (plugin.server !== schema.pluginDownloadURL)
            throw new Error(`sdk/${sdk}/pulumi-plugin.json: server ${plugin.server}, not ${schema.pluginDownloadURL}`);
    }
    const inTarball = run("tar", [
        "-xzOf",
        path.join(out, `pulumi-chime-messaging-${version}.tgz`),
        "package/package.json",
    ]);
    expect("the npm tarball's package.json", (JSON.parse(inTarball) as { version: string }).version);
    const wheel = path.join(out, `pulumi_chime_messaging-${version}-py3-none-any.whl`);
    const metadata = run("python3", [
        "-c",
        "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); " +
            "print(next(z.read(n).decode() for n in z.namelist() if n.endswith('.dist-info/METADATA')))",
        wheel,
    ]);
    expect("the wheel's METADATA", /^Version: (.+)$/m.exec(metadata)?.[1]);
    const sdist = path.join(out, `pulumi_chime_messaging-${version}.tar.gz`);
    if (!fs.existsSync(sdist)) throw new Error(`release ${version}: no sdist ${path.basename(sdist)}`);
    const list = path.join(out, "goproxy", goModulePath(), "@v", "list");
    expect("the Go module proxy's list", fs.readFileSync(list, "utf8").trim().replace(/^v/, ""));
    for (const t of PLUGIN_TARGETS) {
        const archive = path.join(out, archiveName(version, t));
        if (!fs.existsSync(archive)) throw new Error(`release ${version}: no plugin archive ${path.basename(archive)}`);
    }
}

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** `SHA256SUMS` of every file in `out`, by its path relative to `out`. */
function writeChecksums(out: string): string {
    const files = fs
        .readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name !== "SHA256SUMS")
        .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
        .sort();
    const sums = path.join(out, "SHA256SUMS");
    fs.writeFileSync(sums, files.map((file) => `${sha256(path.join(out, file))}  ${file}\n`).join(""));
    return sums;
}

export async function buildRelease(out = RELEASE_DIR): Promise<string> {
    const version = packageVersion();
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const step = (what: string) => console.error(`release ${version}: ${what}`);
    step("the npm package");
    npmTarball(out);
    step("the Python SDK's wheel and sdist");
    pythonPackages(out);
    step("the Go SDK as a module proxy's files");
    goModule(out, version);
    step(`the plugin for ${PLUGIN_TARGETS.map((t) => `${t.os}-${t.arch}`).join(", ")}`);
    await buildPluginArchives(out, version);
    checkVersions(out, version);
    writeChecksums(out);
    return out;
}

if (require.main === module) {
    buildRelease(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
        (out) => console.log(out),
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        },
    );
}
