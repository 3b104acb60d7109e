import * as fs from "fs";
import * as path from "path";

/** The node:sea module where this Node.js has it (20.12 and later). */
function singleExecutable(): typeof import("node:sea") | undefined {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require("node:sea") as typeof import("node:sea");
    } catch {
        return undefined;
    }
}

/** The package's root: the nearest folder above this module with a package.json (from sources or from dist/). */
export function packageRoot(): string {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "package.json"))) {
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
        dir = parent;
    }
    return dir;
}

/**
 * A file the package ships (package.json, schema.json, models/*.json), by its path from the package's root: in the
 * self-contained plugin, a single executable application (scripts/release/plugin-executables.ts), the asset of
 * that name inside the executable; everywhere else the installed package's file.
 */
export function readPackageFile(relative: string): string {
    const sea = singleExecutable();
    if (sea?.isSea()) return sea.getAsset(relative, "utf8");
    return fs.readFileSync(path.join(packageRoot(), relative), "utf8");
}
