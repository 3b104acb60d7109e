import { it } from "mocha";
import * as assert from "node:assert/strict";
import {
    DescribeChannelCommand,
    ListChannelBansCommand,
    ListChannelMembershipsCommand,
    ListChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { startFixture } from "../helpers/emulator";
import {
    createProcessorFunction,
    emulatorResources,
    openStack,
    requirePulumiCli,
    stageQuickstart,
    temporaryBackend,
} from "../helpers/e2e";

it("the quickstart stack: up builds the topology, a second preview changes nothing, destroy empties the emulator", async function () {
    const binDir = requirePulumiCli(this);
    const fx = await startFixture();
    try {
        const processorArn = await createProcessorFunction(fx.url, "profanity-filter");
        const stack = await openStack(binDir, fx.url, temporaryBackend(), stageQuickstart(), "quickstart-e2e");
        await stack.setConfig("processorLambdaArn", { value: processorArn });

        const up = await stack.up();
        assert.equal(up.summary.result, "succeeded");
        const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
        const bearer = outputs.adminArn as string;
        const channels = outputs.channels as Record<string, string>;

        const listed = await fx.messaging.send(
            new ListChannelsCommand({ AppInstanceArn: outputs.appInstanceArn as string, ChimeBearer: bearer }),
        );
        const privateListed = await fx.messaging.send(
            new ListChannelsCommand({
                AppInstanceArn: outputs.appInstanceArn as string,
                ChimeBearer: bearer,
                Privacy: "PRIVATE",
            }),
        );
        assert.deepEqual([...(listed.Channels ?? []), ...(privateListed.Channels ?? [])].map((c) => c.Name).sort(), [
            "announcements",
            "general",
            "leads",
        ]);
        const general = await fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: channels.general, ChimeBearer: bearer }),
        );
        assert.equal(general.Channel?.ChannelFlowArn, outputs.channelFlowArn);
        const hidden = await fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: channels.general, ChimeBearer: bearer, Type: "HIDDEN" }),
        );
        assert.deepEqual(
            hidden.ChannelMemberships?.map((m) => m.Member?.Arn),
            [(outputs.userArns as Record<string, string>).carol],
        );
        const bans = await fx.messaging.send(
            new ListChannelBansCommand({ ChannelArn: channels.general, ChimeBearer: bearer }),
        );
        assert.deepEqual(
            bans.ChannelBans?.map((b) => b.Member?.Arn),
            [(outputs.userArns as Record<string, string>).mallory],
        );

        const callsBefore = new Map(fx.emulator.callCounts);
        const preview = await stack.preview();
        const changes = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
        assert.deepEqual(changes, [], "a second preview must report no changes");
        const secondUp = await stack.up();
        assert.deepEqual(
            Object.entries(secondUp.summary.resourceChanges ?? {}).filter(([op]) => op !== "same"),
            [],
            "a second up must change nothing",
        );
        const mutatingCalls = [...fx.emulator.callCounts]
            .filter(([op, n]) => n !== (callsBefore.get(op) ?? 0))
            .map(([op]) => op)
            .filter((op) =>
                /^(Create|Update|Delete|Put|Tag|Untag|Associate|Disassociate|Batch|Add|Remove|Register|Deregister)/.test(
                    op,
                ),
            );
        assert.deepEqual(mutatingCalls, [], "a second preview and up must make no mutating call");

        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await emulatorResources(fx.url), {}, "destroy must leave the emulator empty");
    } finally {
        await fx.close();
    }
});
