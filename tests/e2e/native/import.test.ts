import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { EmulatorFixture, startFixture } from "../../helpers/emulator";
import { requirePulumiCli } from "../../helpers/e2e";
import { CliStack, runCliOk } from "../../helpers/cli-run";
import { nativeStack, yamlProject } from "../../helpers/native";
import { createExistingBackend, ExistingBackend, withEveryType } from "../existing-backend";
import { mutatingCallsSince } from "../generated-program";

/**
 * The engine's own `pulumi import` through the native plugin: one resource of every type, made out of band with
 * the AWS SDK, is imported with no mutating call; the code `pulumi import` prints, added to the program, previews
 * with no change, and an `up` afterwards makes no mutating call.
 */

const YAML_HEADER = "name: chime-imported\nruntime: yaml\n";

/** A type as Pulumi YAML writes it: the `index` module may be left out of the token. */
const yamlType = (token: string) => new RegExp(`type: ${token.replace(":index:", ":(index:)?")}\\b`);

describe("pulumi import through the native plugin, one resource of every type", () => {
    let fx: EmulatorFixture;
    let stack: CliStack;
    let backend: ExistingBackend;
    let ids: Record<string, string>;

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        backend = await createExistingBackend(fx);
        ids = await withEveryType(fx, backend);
        stack = await nativeStack(binDir, fx.url, yamlProject(YAML_HEADER), "imported");
    });
    after(() => fx?.close());

    /** One resource of every type, with its id as the README documents it. */
    function toImport(): { type: string; name: string; id: string }[] {
        return Object.entries(ids).map(([type, id]) => ({
            type: `chime-messaging:index:${type}`,
            name: type.replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase()),
            id,
        }));
    }

    it("the import resource option: a program's up takes the channel over with no mutating call", async () => {
        const program = `${YAML_HEADER}resources:
  leads:
    type: chime-messaging:index:Channel
    properties:
      appInstanceArn: ${backend.appInstanceArn}
      name: Leads Room
      privacy: PRIVATE
      mode: RESTRICTED
      chimeBearer: ${backend.adminArn}
    options:
      import: ${backend.leads}
`;
        const adopting = await nativeStack(stack.binDir, fx.url, yamlProject(program), "import-option");
        const before = new Map(fx.emulator.callCounts);
        const up = await runCliOk(adopting, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /= 1 imported/);
        assert.deepEqual(mutatingCallsSince(before, fx.emulator.callCounts), {}, "an import changes nothing");
        await runCliOk(adopting, ["preview", "--expect-no-changes"]);
    });

    it("imports each with no mutating call, prints the code, and that code previews and ups with no change", async () => {
        const resources = toImport();
        const [first, ...rest] = resources;
        const before = new Map(fx.emulator.callCounts);

        // The single form, as the README shows it; it prints the code to add.
        const single = await runCliOk(stack, ["import", first.type, first.name, first.id, "--yes"]);
        assert.match(single, /= 1 imported/);
        assert.match(single, yamlType(first.type), "prints the YAML to add to the program");

        const importFile = path.join(stack.workDir, "import.json");
        fs.writeFileSync(importFile, JSON.stringify({ resources: rest }));
        const generatedFile = path.join(stack.workDir, "generated.yaml");
        const bulk = await runCliOk(stack, ["import", "--file", importFile, "--out", generatedFile, "--yes"]);
        assert.match(bulk, new RegExp(`= ${rest.length} imported`));
        assert.deepEqual(mutatingCallsSince(before, fx.emulator.callCounts), {}, "an import changes nothing");

        // The printed code of the single import and the generated file, added to the program.
        const singleCode = single.slice(single.indexOf("resources:"));
        const singleResources = singleCode.slice(0, singleCode.search(/\n\S/) + 1 || undefined);
        const generated = fs.readFileSync(generatedFile, "utf8");
        const generatedResources = generated.slice(generated.indexOf("resources:") + "resources:".length);
        for (const { type } of resources) assert.match(singleResources + generated, yamlType(type));
        fs.writeFileSync(
            path.join(stack.workDir, "Pulumi.yaml"),
            `${YAML_HEADER}${singleResources.trimEnd()}\n${generatedResources.replace(/^\n+/, "")}`,
        );
        await runCliOk(stack, ["preview", "--expect-no-changes"]);
        const beforeUp = new Map(fx.emulator.callCounts);
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, new RegExp(`${resources.length + 1} unchanged`), "the resources and the stack");
        assert.deepEqual(
            mutatingCallsSince(beforeUp, fx.emulator.callCounts),
            {},
            "an up after the import changes nothing",
        );
    });
});
