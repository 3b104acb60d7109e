import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Where the release build keeps what it fetches or compiles (the Node.js binaries, the Go tools), outside the
 * repository and beside the Pulumi CLI builds of scripts/pulumi-cli.sh, keyed by what pins them so that a change
 * of pin makes a new entry.
 */
export const toolchainCacheRoot = () =>
    process.env.PULUMI_CHIME_CACHE ?? path.join(os.homedir(), ".cache", "pulumi-chime-messaging");

/** `<cache>/<name>-<hash of the given files>`, made by `make` into a staging folder when it is not there yet. */
export function cachedFolder(name: string, pinnedBy: string[], make: (staging: string) => void): string {
    const hash = createHash("sha256");
    for (const file of pinnedBy) hash.update(fs.readFileSync(file));
    const dir = path.join(toolchainCacheRoot(), `${name}-${hash.digest("hex").slice(0, 16)}`);
    if (fs.existsSync(dir)) return dir;
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const staging = `${dir}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging);
    try {
        make(staging);
        fs.renameSync(staging, dir);
    } catch (error) {
        fs.rmSync(staging, { recursive: true, force: true });
        if (!fs.existsSync(dir)) throw error; // another build made it meanwhile
    }
    return dir;
}
