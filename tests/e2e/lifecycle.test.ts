import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import {
    DeleteChannelMembershipCommand,
    DescribeChannelCommand,
    DescribeChannelMembershipCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Stack } from "@pulumi/pulumi/automation";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import {
    createProcessorFunction,
    emulatorResources,
    openStack,
    stageLifecycleStack,
    requirePulumiCli,
    temporaryBackend,
} from "../helpers/e2e";

type Outputs = {
    appInstanceArn: string;
    adminArn: string;
    carolArn: string;
    channelArn: string;
    flowArns: Record<string, string>;
};

async function upWith(
    stack: Stack,
    config: Record<string, string>,
): Promise<{ outputs: Outputs; changes: Record<string, number> }> {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
    const result = await stack.up();
    assert.equal(result.summary.result, "succeeded");
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value])) as Outputs;
    return { outputs, changes: (result.summary.resourceChanges ?? {}) as Record<string, number> };
}

async function previewDiff(stack: Stack, config: Record<string, string>) {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
    let text = "";
    const preview = await stack.preview({ diff: true, onOutput: (out) => (text += out) });
    return { summary: preview.changeSummary as Record<string, number>, text };
}

async function describeChannel(fx: EmulatorFixture, outputs: Outputs) {
    const out = await fx.messaging.send(
        new DescribeChannelCommand({ ChannelArn: outputs.channelArn, ChimeBearer: outputs.adminArn }),
    );
    return out.Channel!;
}

describe("the engine carries out what the preview says: update in place, replacements, refresh, destroy", () => {
    let fx: EmulatorFixture;
    let stack: Stack;
    let outputs: Outputs;

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        const processorLambdaArn = await createProcessorFunction(fx.url, "processor");
        stack = await openStack(binDir, fx.url, temporaryBackend(), stageLifecycleStack());
        ({ outputs } = await upWith(stack, { processorLambdaArn }));
    });
    after(() => fx?.close());

    it("a second preview reports no changes", async () => {
        const { summary } = await previewDiff(stack, {});
        assert.deepEqual(
            Object.entries(summary).filter(([op, n]) => op !== "same" && n > 0),
            [],
        );
    });

    it("renaming a channel is an update in place, and preview --diff shows the property", async () => {
        const { summary, text } = await previewDiff(stack, { channelName: "town-square" });
        assert.equal(summary.update, 1);
        assert.equal(summary.replace ?? 0, 0);
        assert.match(text, /name\s*:\s*"general"\s*=>\s*"town-square"/);
        assert.doesNotMatch(text, /__provider/);
        const before = outputs.channelArn;
        ({ outputs } = await upWith(stack, {}));
        assert.equal(outputs.channelArn, before, "the channel keeps its ARN");
        assert.equal((await describeChannel(fx, outputs)).Name, "town-square");
    });

    it("changing privacy is shown as a replacement, and the new channel exists afterwards", async () => {
        const { summary, text } = await previewDiff(stack, { privacy: "PRIVATE" });
        assert.ok((summary.replace ?? 0) >= 1, `expected a replacement, got ${JSON.stringify(summary)}`);
        assert.match(text, /privacy/);
        const old = outputs;
        ({ outputs } = await upWith(stack, {}));
        assert.notEqual(outputs.channelArn, old.channelArn);
        const channel = await describeChannel(fx, outputs);
        assert.equal(channel.Privacy, "PRIVATE");
        assert.equal(channel.Name, "town-square");
        assert.equal(channel.ChannelFlowArn, outputs.flowArns.first, "the new channel has its flow again");
        const gone = await errorOf(() => describeChannel(fx, old));
        assert.equal(gone.name, "NotFoundException");
    });

    it("a membership type change succeeds (delete before replace)", async () => {
        const { changes } = await upWith(stack, { carolType: "HIDDEN" });
        assert.ok((changes.replace ?? 0) >= 1);
        const membership = await fx.messaging.send(
            new DescribeChannelMembershipCommand({
                ChannelArn: outputs.channelArn,
                MemberArn: outputs.carolArn,
                ChimeBearer: outputs.adminArn,
            }),
        );
        assert.equal(membership.ChannelMembership?.Type, "HIDDEN");
    });

    it("a flow swap on a channel succeeds (delete before replace)", async () => {
        await upWith(stack, { flow: "second" });
        assert.equal((await describeChannel(fx, outputs)).ChannelFlowArn, outputs.flowArns.second);
    });

    it("refresh finds a resource deleted in the emulator, and the next up puts it back", async () => {
        await fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: outputs.channelArn,
                MemberArn: outputs.carolArn,
                ChimeBearer: outputs.adminArn,
            }),
        );
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.resourceChanges?.delete, 1, JSON.stringify(refresh.summary.resourceChanges));
        const { changes } = await upWith(stack, {});
        assert.equal(changes.create, 1);
        const membership = await fx.messaging.send(
            new DescribeChannelMembershipCommand({
                ChannelArn: outputs.channelArn,
                MemberArn: outputs.carolArn,
                ChimeBearer: outputs.adminArn,
            }),
        );
        assert.equal(membership.ChannelMembership?.Type, "HIDDEN");
    });

    it("destroy leaves the emulator empty, disassociating flows before deleting them", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
