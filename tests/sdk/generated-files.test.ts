import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { resourceImplementations } from "../../provider/resources";
import { generatedFiles, staleFiles } from "../../scripts/generate/generate";
import { REPO_ROOT } from "../../scripts/repo-root";
import { resourceModel } from "../../scripts/generate/resource-model";
import { GENERATED_HEADER } from "../../scripts/generate/sdk-file";

describe("the SDK classes, the package schema and the reference pages generated from the provider schemas", () => {
    it("match what the schemas and API models generate (run `npm run generate` after changing a schema)", async () => {
        assert.deepEqual(await staleFiles(), []);
    });

    it("cover every resource type, each class file with the generated header", async () => {
        const files = await generatedFiles();
        for (const type of Object.keys(resourceImplementations)) {
            const module = type.replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase());
            const content = files.get(path.join("sdk", "nodejs", `${module}.ts`));
            assert.ok(content?.startsWith(GENERATED_HEADER), `${type}: sdk/${module}.ts`);
            assert.match(content!, new RegExp(`export class ${type} extends ChimeResource`));
        }
    });

    it("put each resource's change behaviour into the doc comments, the reference pages and the schema", async () => {
        const files = await generatedFiles();
        const channel = files.get(path.join("sdk", "nodejs", "channel.ts"))!;
        assert.match(channel, /Replaces the resource when changed; deletes before replacing while a `channelId`/);
        assert.match(channel, /State only, no API call/);
        assert.match(
            files.get(path.join("sdk", "nodejs", "channel-membership.ts"))!,
            /Replaces the resource when changed; deletes before replacing\./,
        );
        const page = files.get(path.join("docs", "resources", "channel.md"))!;
        assert.match(page, /\| `privacy` \| `"PUBLIC" \\\| "PRIVATE"` \| {2}\| replaces the resource;/);
        assert.match(
            page,
            /- Replaces the resource: `appInstanceArn`, `privacy`, `channelId`, `elasticChannelConfiguration`\./,
        );
        assert.match(page, /pulumi import chime-messaging:index:Channel channel <id>/);
        assert.ok(page === fs.readFileSync(path.join(REPO_ROOT, "docs", "resources", "channel.md"), "utf8"));
        const schema = JSON.parse(files.get("schema.json")!);
        const privacy = schema.resources["chime-messaging:index:Channel"].inputProperties.privacy;
        assert.match(privacy.description, /Replaces the resource when changed/);
        assert.deepEqual(schema.resources["chime-messaging:index:Channel"].requiredInputs, [
            "appInstanceArn",
            "chimeBearer",
        ]);
        assert.equal(schema.resources["chime-messaging:index:AppInstanceWithAdmin"].isComponent, true);
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
    it("is left out of the generated Args, class, schema and reference tables", () => {
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
