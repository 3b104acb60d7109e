import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { resourceImplementations } from "../../provider/resources";
import { generatedFiles, repositoryRoot, staleFiles } from "../../scripts/sdk-codegen/generate";
import { resourceModel } from "../../scripts/sdk-codegen/resource-model";
import { GENERATED_HEADER } from "../../scripts/sdk-codegen/sdk-file";

describe("the SDK classes and the README tables generated from the provider schemas", () => {
    it("match what the schemas and API models generate (run `npm run generate` after changing a schema)", async () => {
        assert.deepEqual(await staleFiles(), []);
    });

    it("cover every resource type, each class file with the generated header", async () => {
        const files = await generatedFiles();
        for (const type of Object.keys(resourceImplementations)) {
            const module = type.replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase());
            const content = files.get(path.join("sdk", `${module}.ts`));
            assert.ok(content?.startsWith(GENERATED_HEADER), `${type}: sdk/${module}.ts`);
            assert.match(content!, new RegExp(`export class ${type} extends ChimeResource`));
        }
    });

    it("put each resource's change behaviour into the doc comments and the README", async () => {
        const files = await generatedFiles();
        const channel = files.get(path.join("sdk", "channel.ts"))!;
        assert.match(channel, /Replaces the resource when changed; deletes before replacing while a `channelId`/);
        assert.match(channel, /State only, no API call/);
        assert.match(
            files.get(path.join("sdk", "channel-membership.ts"))!,
            /Replaces the resource when changed; deletes before replacing\./,
        );
        const readme = files.get("README.md")!;
        assert.match(readme, /\| `privacy` \| `"PUBLIC" \\\| "PRIVATE"` \| {2}\| replaces the resource;/);
        assert.ok(readme === fs.readFileSync(path.join(repositoryRoot(), "README.md"), "utf8"));
    });

    it("refuse a schema whose documented outputs disagree with its outputs", () => {
        const schema = resourceImplementations.Channel.schema;
        const { channelFlowArn: _left, ...outputs } = schema.docs!.outputs;
        assert.throws(
            () => resourceModel({ ...schema, docs: { ...schema.docs!, outputs } }),
            /Channel: docs.outputs \(.*\) must be the schema's outputs/,
        );
    });

    it("refuse an API structure the schema gives no SDK name", () => {
        const schema = resourceImplementations.ChannelFlow.schema;
        assert.throws(
            () => resourceModel({ ...schema, docs: { ...schema.docs!, typeNames: {} } }),
            /ChannelFlow: docs.typeNames must name the API structure Processor/,
        );
    });
});

describe("an input the SDK's base class sets (internal)", () => {
    it("is left out of the generated Args, class and README tables", () => {
        const schema = resourceImplementations.AppInstance.schema;
        const withInternal = {
            ...schema,
            inputs: { ...schema.inputs, creationToken: { change: "state" as const, internal: true } },
        };
        const model = resourceModel(withInternal);
        assert.deepEqual(
            model.inputs.map((i) => i.name),
            Object.keys(schema.inputs),
        );
    });
});
