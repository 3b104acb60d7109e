import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";
import { buildRelease, packageVersion, RELEASE_DIR } from "../../scripts/release/release";
import { REPO_ROOT } from "../../scripts/repo-root";

/** What a release is made from: the build, the schema, the generated SDKs. */
const RELEASE_SOURCES = [
    "package.json",
    "schema.json",
    "dist/provider",
    "dist/smithy",
    "dist/sdk/nodejs",
    "sdk/python",
    "sdk/go",
];

function newestChange(paths: string[]): number {
    let newest = 0;
    for (const relative of paths) {
        const full = path.join(REPO_ROOT, relative);
        if (!fs.existsSync(full)) continue;
        const files = fs.statSync(full).isDirectory()
            ? fs
                  .readdirSync(full, { recursive: true, withFileTypes: true })
                  .filter((entry) => entry.isFile())
                  .map((entry) => path.join(entry.parentPath, entry.name))
            : [full];
        for (const file of files) newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
    return newest;
}

/**
 * The release folder (`npm run release`) for the tests of what a release publishes: built here when it is not
 * there, is of another version, or is older than what it is made from (.ci/run builds it first, from the clean
 * checkout, as a release is built).
 */
export async function releaseFolder(): Promise<string> {
    const sums = path.join(RELEASE_DIR, "SHA256SUMS");
    const current =
        fs.existsSync(sums) &&
        fs.readFileSync(sums, "utf8").includes(`-${packageVersion()}.tgz`) &&
        fs.statSync(sums).mtimeMs >= newestChange(RELEASE_SOURCES);
    if (!current) await buildRelease(RELEASE_DIR);
    return RELEASE_DIR;
}

export interface ServedFolder {
    /** `http://127.0.0.1:<port>/` */
    url: string;
    /** The paths asked for, in order. */
    requests: string[];
    close(): Promise<void>;
}

/** Serves a folder's files over HTTP on loopback, as a release's download server would (404 for anything else). */
export async function serveFolder(dir: string): Promise<ServedFolder> {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname).replace(/^\/+/, "");
        requests.push(name);
        const file = path.join(dir, name);
        if (req.method !== "GET" || !file.startsWith(dir + path.sep) || !fs.existsSync(file)) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, { "content-length": fs.statSync(file).size });
        fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
        requests,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** Every `node` executable this machine would run: each one on PATH, and the one running the tests. */
function nodeExecutables(pathVariable: string): string[] {
    const found = new Set<string>([fs.realpathSync(process.execPath)]);
    for (const dir of pathVariable.split(path.delimiter).filter(Boolean)) {
        const candidate = path.join(dir, "node");
        if (fs.existsSync(candidate)) found.add(candidate).add(fs.realpathSync(candidate));
    }
    return [...found];
}

/**
 * A command line that runs `command` with no Node.js to be had: in a private mount namespace (`unshare --mount`,
 * as root), /dev/null is mounted over every `node` on the environment's PATH and over the tests' own, so that
 * anything that tries to start Node.js fails.
 */
export function withoutNode(command: string[], env: NodeJS.ProcessEnv): string[] {
    const hide = nodeExecutables(env.PATH ?? "")
        .map((file) => `mount --bind /dev/null '${file.replace(/'/g, "'\\''")}'`)
        .join(" && ");
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", `${hide} && exec "$@"`, "sh", ...command];
}

/** The release's plugin archive of a platform, unpacked into `into`; returns the paths of what it holds. */
export function unpackArchive(archive: string, into: string): string[] {
    fs.mkdirSync(into, { recursive: true });
    execFileSync("tar", ["-xzf", archive, "-C", into]);
    return execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).trim().split("\n");
}
