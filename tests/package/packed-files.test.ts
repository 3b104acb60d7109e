import { describe, it, before } from "mocha";
import assert from "node:assert/strict";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";

/**
 * What `npm pack` ships: the built package (sdk, provider, emulator, smithy, quotas, cli) with its declarations
 * and source maps, the models the emulator serves, the commands and the native plugin's executable, its package
 * schema, the YAML example, and the README, CHANGELOG and LICENSE; never the tests, scripts, benchmarks, the other
 * examples or build bookkeeping. Every source map carries the sources it names, since
 * the .ts files themselves are not shipped.
 */
const repoRoot = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const SHIPPED_SOURCE_FOLDERS = ["sdk/nodejs", "provider", "emulator", "smithy", "quotas", "cli"];

/** The .ts files of a source folder (without .d.ts), relative to the repository, e.g. "sdk/nodejs/channel.ts". */
function sourcesOf(folder: string): string[] {
    return (fs.readdirSync(path.join(repoRoot, folder), { recursive: true }) as string[])
        .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
        .map((file) => path.posix.join(folder, file.split(path.sep).join("/")));
}

describe("the packed package (npm pack --dry-run)", () => {
    let files: string[];

    before(async () => {
        const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
            cwd: repoRoot,
            maxBuffer: 32 * 1024 * 1024,
        });
        files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    });

    it("holds only the built package, the models, the schema, the commands, the plugin, the YAML example and the documents", () => {
        const allowed = [
            /^package\.json$/,
            /^(README|CHANGELOG)\.md$/,
            /^LICENSE$/,
            /^bin\/chime-(emulator|import|preview-report)\.js$/,
            /^bin\/pulumi-resource-chime-messaging$/,
            /^schema\.json$/,
            /^examples\/yaml\/Pulumi\.yaml$/,
            /^models\/[\w.-]+\.json$/,
            new RegExp(`^dist/(${SHIPPED_SOURCE_FOLDERS.join("|")})/[\\w/.-]+\\.(js|d\\.ts|js\\.map)$`),
        ];
        assert.deepEqual(
            files.filter((file) => !allowed.some((pattern) => pattern.test(file))),
            [],
        );
        for (const document of ["README.md", "CHANGELOG.md", "LICENSE", "package.json"])
            assert.ok(files.includes(document), document);
        assert.ok(fs.readFileSync(path.join(repoRoot, "LICENSE"), "utf8").includes("Apache License"));
    });

    it("holds the compiled module, declarations and source map of every source file, and nothing stale", () => {
        const expected = SHIPPED_SOURCE_FOLDERS.flatMap(sourcesOf).flatMap((source) => {
            const base = `dist/${source.replace(/\.ts$/, "")}`;
            return [`${base}.js`, `${base}.d.ts`, `${base}.js.map`];
        });
        assert.deepEqual(
            files.filter((file) => file.startsWith("dist/")),
            expected.sort(),
        );
    });

    it("every source map carries the content of the sources it names", () => {
        for (const map of files.filter((file) => file.endsWith(".js.map"))) {
            const { sources, sourcesContent } = JSON.parse(fs.readFileSync(path.join(repoRoot, map), "utf8"));
            assert.equal(sourcesContent?.length, sources.length, `${map} does not inline its sources`);
            for (const [i, source] of sources.entries()) {
                const original = fs.readFileSync(path.resolve(repoRoot, path.dirname(map), source), "utf8");
                assert.equal(sourcesContent[i], original, `${map}: ${source} is not the current source`);
            }
        }
    });

    it("holds what package.json points at: main, types, exports and bin", () => {
        const targets = [
            manifest.main,
            manifest.types,
            ...Object.values(manifest.exports),
            ...Object.values(manifest.bin),
        ];
        for (const target of targets as string[]) {
            // A subpath pattern ("./dist/provider/entries/*.js") must match at least one shipped file.
            const [prefix, suffix] = path.posix.normalize(target).split("*");
            const shipped =
                suffix === undefined
                    ? files.includes(prefix)
                    : files.some((file) => file.startsWith(prefix) && file.endsWith(suffix));
            assert.ok(shipped, `${target} is not in the package`);
        }
    });
});
