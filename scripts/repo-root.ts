import * as fs from "fs";
import * as path from "path";

/** The repository root: the nearest folder above this file with a package.json (from scripts/ or dist/scripts/). */
export const REPO_ROOT = (function nearestPackageRoot(dir: string): string {
    if (fs.existsSync(path.join(dir, "package.json")) || path.dirname(dir) === dir) return dir;
    return nearestPackageRoot(path.dirname(dir));
})(path.resolve(__dirname, ".."));
