import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { DeleteChannelMembershipCommand, DescribeChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { entryModuleName } from "../../provider/entry-names";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { requirePulumiCli, emulatorResources, openStack, stageProject, temporaryBackend } from "../helpers/e2e";
import { legacyProviderText } from "../helpers/legacy-provider";

/**
 * A stack created by version 0.1.0 holds, in every resource's inputs and outputs, the `__provider` that version
 * wrote (it loads `pulumi-chime-messaging/provider` and calls `forType`). Its state is made here by importing a
 * checkpoint that holds that text, then the installed package refreshes, updates and destroys it through the
 * real CLI: refresh and delete run the `__provider` of the state, so they run the 0.1.0 text.
 */

type StateResource = { urn: string; type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

const resourcesOf = async (stack: Stack) => ((await stack.exportStack()).deployment.resources ?? []) as StateResource[];
const typeOf = (resource: StateResource) => resource.type.slice(resource.type.lastIndexOf(":") + 1);
const named = (resources: StateResource[], name: string) => resources.find((r) => r.urn.endsWith(`::${name}`));
const isChime = (resource: StateResource) => resource.type.startsWith("pulumi-nodejs:dynamic/chime:");
const changed = (changes: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(changes ?? {}).filter(([op, n]) => op !== "same" && n > 0));

describe("a stack whose state holds the __provider of version 0.1.0", () => {
    let binDir: string;

    let fx: EmulatorFixture;
    let stack: Stack;
    let outputs: Record<string, string>;
    const folders: string[] = [];

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
        const project = stageProject(path.join(REPO_ROOT, "tests", "e2e", "legacy-provider-stack"), [
            "Pulumi.yaml",
            "index.js",
        ]);
        const backend = temporaryBackend();
        folders.push(project, backend);
        stack = await openStack(binDir, fx.url, backend, project, "legacy");
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value as string]));

        // The checkpoint 0.1.0 would have written: the same resources, each with its __provider of that version.
        const deployment = await stack.exportStack();
        for (const resource of (deployment.deployment.resources ?? []) as StateResource[]) {
            if (!isChime(resource)) continue;
            resource.inputs!.__provider = legacyProviderText(typeOf(resource));
            resource.outputs!.__provider = legacyProviderText(typeOf(resource));
        }
        await stack.importStack(deployment);
    });

    after(async () => {
        await fx?.close();
        for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    });

    it("holds the 0.1.0 text in every resource after the import", async () => {
        const resources = (await resourcesOf(stack)).filter(isChime);
        assert.equal(resources.length, 8);
        for (const resource of resources) {
            assert.equal(resource.outputs!.__provider, legacyProviderText(typeOf(resource)), resource.urn);
            assert.ok(
                String(resource.outputs!.__provider).includes(
                    'require("pulumi-chime-messaging/provider").forType(resourceType)',
                ),
            );
        }
    });

    it("refresh reads every resource through it and drops a membership deleted outside the stack", async () => {
        await fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: outputs.channelArn,
                MemberArn: outputs.carolArn,
                ChimeBearer: outputs.adminArn,
            }),
        );
        const reads = () => fx.emulator.callCounts.get("DescribeChannelMembership") ?? 0;
        const readsBefore = reads();
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        assert.deepEqual(changed(refresh.summary.resourceChanges), { delete: 1 });
        assert.ok(reads() >= readsBefore + 2, "the memberships were not read from the service");
        const resources = await resourcesOf(stack);
        assert.equal(named(resources, "lobby-carol"), undefined, "the deleted membership is still in the state");
        assert.equal(named(resources, "lobby-dave")!.outputs!.__provider, legacyProviderText("ChannelMembership"));
    });

    it("update renames the channel and adds the membership back, and the updated resources get the new __provider", async () => {
        await stack.setConfig("channelName", { value: "renamed" });
        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        assert.deepEqual(changed(up.summary.resourceChanges), { create: 1, update: 1 });
        const described = await fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: outputs.channelArn, ChimeBearer: outputs.adminArn }),
        );
        assert.equal(described.Channel?.Name, "renamed");
        const resources = await resourcesOf(stack);
        const entry = (type: string) => `require("pulumi-chime-messaging/providers/${entryModuleName(type)}")`;
        assert.ok(String(named(resources, "lobby")!.outputs!.__provider).includes(entry("Channel")));
        assert.ok(String(named(resources, "lobby-carol")!.outputs!.__provider).includes(entry("ChannelMembership")));
        assert.equal(
            named(resources, "app")!.outputs!.__provider,
            legacyProviderText("AppInstance"),
            "an untouched resource keeps its text",
        );
    });

    it("destroy deletes everything, the resources that still hold the 0.1.0 text included", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
