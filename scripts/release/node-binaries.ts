import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../repo-root";
import { cachedFolder } from "./toolchain-cache";

/**
 * The `node_modules` folder holding the Node.js binary of every plugin platform, installed by `npm ci` from
 * scripts/release/node-binaries, whose lockfile pins each package's version and integrity hash. `--force`
 * because each package declares the one platform it runs on, and all five are wanted here, to be copied, not run
 * (but the one of this machine, which makes the executables' blob).
 */
export function nodeBinaries(): string {
    const pins = path.join(REPO_ROOT, "scripts", "release", "node-binaries");
    const files = ["package.json", "package-lock.json"].map((name) => path.join(pins, name));
    const dir = cachedFolder("node-binaries", files, (staging) => {
        for (const file of files) fs.copyFileSync(file, path.join(staging, path.basename(file)));
        execFileSync(
            "npm",
            ["ci", "--force", "--ignore-scripts", "--no-bin-links", "--no-audit", "--no-fund", "--loglevel=error"],
            { cwd: staging, stdio: ["ignore", "ignore", "inherit"] },
        );
    });
    return path.join(dir, "node_modules");
}
