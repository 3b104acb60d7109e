import { staleFiles, writeGeneratedFiles } from "./sdk-codegen/generate";

/**
 * Writes the SDK resource classes (`sdk/<type>.ts`), the native plugin's Pulumi package schema (`schema.json`), the
 * reference page of each resource (`docs/resources/<type>.md`) and the tables of `docs/resources.md` from the
 * provider schemas and the API models. `--check` writes nothing and fails when a generated file differs from what
 * it would write.
 *
 *     npm run generate            # after changing a schema
 *     npm run generate -- --check # what the tests and CI run
 */
async function main(): Promise<void> {
    if (process.argv.includes("--check")) {
        const stale = await staleFiles();
        if (stale.length > 0) {
            console.error(
                `These generated files differ from the schemas: ${stale.join(", ")}. Run \`npm run generate\`.`,
            );
            process.exit(1);
        }
        console.log("The generated SDK files, schema.json and the resource reference pages match the schemas.");
        return;
    }
    const written = await writeGeneratedFiles();
    console.log(written.length > 0 ? `Wrote ${written.join(", ")}.` : "Nothing to write: everything is up to date.");
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
