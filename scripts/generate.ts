import { spawnSync } from "child_process";
import * as path from "path";
import { packageRoot } from "../smithy/package-files";
import { staleFiles, writeGeneratedFiles } from "./generate/generate";

/**
 * Writes everything generated from the resource and function declarations: the TypeScript SDK (`sdk/nodejs`), the
 * plugin's Pulumi package schema (`schema.json`), the reference pages and tables of `docs/`, the entry modules of
 * `provider/entries/`, and then, from that schema, the Python and Go SDKs (`sdk/python`, `sdk/go`, by Pulumi's own
 * code generators). `--check` writes nothing and fails when a generated file differs from what it would write.
 *
 *     npm run generate            # after changing a declaration
 *     npm run generate -- --check # what the tests and CI run
 */
async function main(): Promise<void> {
    const check = process.argv.includes("--check");
    const root = packageRoot();
    if (check) {
        const stale = await staleFiles(root);
        if (stale.length > 0) {
            console.error(
                `These generated files differ from the declarations: ${stale.join(", ")}. Run \`npm run generate\`.`,
            );
            process.exit(1);
        }
        console.log(
            "The TypeScript SDK, schema.json, the entry modules and the reference pages match the declarations.",
        );
    } else {
        const written = await writeGeneratedFiles(root);
        console.log(
            written.length > 0
                ? `Wrote ${written.join(", ")}.`
                : "The TypeScript files and schema.json are up to date.",
        );
    }
    const languages = spawnSync(
        "bash",
        [path.join(root, "scripts", "generate", "language-sdks.sh"), ...(check ? ["--check"] : [])],
        {
            stdio: "inherit",
        },
    );
    if (languages.status !== 0) process.exit(languages.status ?? 1);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
