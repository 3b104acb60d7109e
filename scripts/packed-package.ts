import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./repo-root";

/**
 * The package as a user installs it, for the quickstart, the examples, the end-to-end tests and the benchmarks:
 * `npm pack` of the built repository, installed with `npm install` into a project folder of a cache. A Pulumi
 * program that resolves `pulumi-chime-messaging` from there gets a real folder inside `node_modules`, so its
 * resources' `__provider` is what users get (this repository's own `file:` self-link resolves to the
 * repository itself, which Pulumi's closure serializer copies by value).
 *
 * The cache is keyed by a hash of what the tarball holds (package.json and the `files` it lists), so nothing is
 * packed or installed again until the build output changes. Build first: the tarball holds `dist/`.
 *
 *     const project = packedProjectDir();   // <cache>/<key>, with node_modules/pulumi-chime-messaging
 */

const PACKAGE_NAME = "pulumi-chime-messaging";
/** Bump when what is installed beside the package changes shape. */
const RECIPE = "1";
/** Cached installs kept besides the newest (each is a full node_modules). */
const KEPT_INSTALLS = 3;
const LOCK_TIMEOUT_MS = 10 * 60_000;

/**
 * Where the installs are cached. Its path must not contain the package's name: Pulumi's closure serializer
 * finds a package's package.json through the first occurrence of the name in the module's absolute path.
 */
export function packedCacheRoot(): string {
    const root = process.env.CHIME_PACKED_CACHE ?? path.join(os.homedir(), ".cache", "chime-messaging-packed");
    if (path.resolve(root).includes(PACKAGE_NAME)) {
        throw new Error(`CHIME_PACKED_CACHE=${root}: the cache's path must not contain "${PACKAGE_NAME}"`);
    }
    return root;
}

interface Manifest {
    version: string;
    files: string[];
    devDependencies: Record<string, string>;
}

const manifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

/** What a TypeScript Pulumi project installs besides the package, at this repository's pinned versions. */
/** The version of the peer dependency `@pulumi/pulumi` this repository runs with (the lockfile's, or a CI leg's). */
function pulumiSdkVersion(): string {
    return JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }), "utf8"))
        .version;
}

function projectManifest(tarball: string): string {
    const { devDependencies } = manifest();
    const tools = Object.fromEntries(
        ["typescript", "ts-node", "@types/node"].map((name) => [name, devDependencies[name]]),
    );
    const dependencies = { [PACKAGE_NAME]: `file:./${tarball}`, "@pulumi/pulumi": pulumiSdkVersion(), ...tools };
    return JSON.stringify({ name: "chime-packed-project", version: "1.0.0", private: true, dependencies }, null, 2);
}

function filesUnder(relative: string): string[] {
    const full = path.join(REPO_ROOT, relative);
    if (!fs.existsSync(full)) return [];
    if (!fs.statSync(full).isDirectory()) return [relative];
    return fs
        .readdirSync(full, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)));
}

/** A hash of every file the tarball would hold, and of how the cached project is made. */
export function packageContentKey(): string {
    const hash = createHash("sha256").update(`${RECIPE}\n${projectManifest("")}\n`);
    const files = ["package.json", ...manifest().files.flatMap(filesUnder)].sort();
    for (const file of files) hash.update(`${file}\n`).update(fs.readFileSync(path.join(REPO_ROOT, file)));
    return hash.digest("hex").slice(0, 16);
}

function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, {
        cwd,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
            ...process.env,
            npm_config_update_notifier: "false",
            npm_config_fund: "false",
            npm_config_audit: "false",
        },
    });
}

function sleep(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Runs `fn` holding an exclusive lock file (another process making the same install waits; a dead holder's lock is taken over). */
function withLock<T>(lockFile: string, fn: () => T): T {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
        try {
            fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
            break;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            const holder = Number(fs.readFileSync(lockFile, "utf8") || "0");
            if (holder && !isRunning(holder)) fs.rmSync(lockFile, { force: true });
            else if (Date.now() > deadline) {
                throw new Error(`${lockFile} is still held by process ${holder}`, { cause: error });
            } else sleep(250);
        }
    }
    try {
        return fn();
    } finally {
        fs.rmSync(lockFile, { force: true });
    }
}

const COMPLETE = ".complete";

/** Packs the repository and installs the tarball into `dir` (offline from npm's cache when it can). */
function packAndInstall(dir: string): void {
    // A build running at the same time may be rewriting dist/ (npm then reports an unexpected EOF): try again.
    const pack = () => npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dir], REPO_ROOT);
    let packed: string;
    try {
        packed = pack();
    } catch {
        packed = pack();
    }
    const [{ filename }] = JSON.parse(packed) as { filename: string }[];
    fs.writeFileSync(path.join(dir, "package.json"), projectManifest(filename));
    const install = ["install", "--no-audit", "--no-fund", "--ignore-scripts"];
    try {
        npm([...install, "--offline"], dir);
    } catch {
        npm([...install, "--prefer-offline"], dir);
    }
    fs.writeFileSync(path.join(dir, COMPLETE), new Date().toISOString());
}

/** Removes all but the most recently used installs. */
function prune(root: string, keep: string): void {
    const installs = fs
        .readdirSync(root)
        .filter(
            (name) => /^[0-9a-f]{16}$/.test(name) && name !== keep && fs.existsSync(path.join(root, name, COMPLETE)),
        )
        .map((name) => ({ name, used: fs.statSync(path.join(root, name, COMPLETE)).mtimeMs }))
        .sort((a, b) => b.used - a.used);
    for (const { name } of installs.slice(KEPT_INSTALLS))
        fs.rmSync(path.join(root, name), { recursive: true, force: true });
}

/**
 * The cached project folder that installed the current build's tarball (`node_modules/pulumi-chime-messaging`,
 * its dependencies, and TypeScript with ts-node); packs and installs it first when the build changed (~10 s).
 */
export function packedProjectDir(): string {
    const root = packedCacheRoot();
    fs.mkdirSync(root, { recursive: true });
    const key = packageContentKey();
    const dir = path.join(root, key);
    const markUsed = () => {
        const now = new Date();
        fs.utimesSync(path.join(dir, COMPLETE), now, now);
    };
    if (fs.existsSync(path.join(dir, COMPLETE))) {
        markUsed();
        return dir;
    }
    withLock(path.join(root, `${key}.lock`), () => {
        if (fs.existsSync(path.join(dir, COMPLETE))) return;
        const staging = `${dir}.tmp-${process.pid}`;
        fs.rmSync(staging, { recursive: true, force: true });
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(staging);
        try {
            packAndInstall(staging);
            fs.renameSync(staging, dir);
        } catch (error) {
            fs.rmSync(staging, { recursive: true, force: true });
            throw error;
        }
    });
    markUsed();
    prune(root, key);
    return dir;
}

/** The folder npm linked the installed package's executables into (`pulumi-resource-chime-messaging` among them). */
export function packedBinDir(): string {
    return path.join(packedProjectDir(), "node_modules", ".bin");
}

/** The tarball in the cached project (to install into another project). */
export function packedTarball(): string {
    const dir = packedProjectDir();
    const tarball = fs.readdirSync(dir).find((name) => name.startsWith(`${PACKAGE_NAME}-`) && name.endsWith(".tgz"));
    if (!tarball) throw new Error(`no tarball in ${dir}`);
    return path.join(dir, tarball);
}

/**
 * A new folder for a staged project inside the cached install, so that the program's modules resolve there as
 * in a user's project, with short relative paths (each resource's state records the source positions of its
 * registration, relative to the project).
 */
export function packedProjectFolder(prefix: string): string {
    const projects = path.join(packedProjectDir(), "projects");
    fs.mkdirSync(projects, { recursive: true });
    return fs.mkdtempSync(path.join(projects, prefix));
}

/**
 * A copy of a Pulumi project (the given paths of `sourceDir`) in `into`, with a `node_modules` link to the
 * packed install, so the program loads the package as a user's program does. Files already in `into` (stack
 * config a run wrote) are kept.
 */
export function stagePackedProject(sourceDir: string, paths: string[], into: string): string {
    fs.mkdirSync(into, { recursive: true });
    for (const p of paths) fs.cpSync(path.join(sourceDir, p), path.join(into, p), { recursive: true });
    const link = path.join(into, "node_modules");
    const target = path.join(packedProjectDir(), "node_modules");
    const existing = fs.lstatSync(link, { throwIfNoEntry: false });
    if (existing?.isSymbolicLink() && fs.readlinkSync(link) === target) return into;
    if (existing) fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(target, link);
    return into;
}
