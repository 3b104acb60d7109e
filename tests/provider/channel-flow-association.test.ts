import { describe, it, before, after } from "mocha";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    CreateChannelCommand,
    CreateChannelFlowCommand,
    DeleteChannelCommand,
    DescribeChannelCommand,
    DisassociateChannelFlowCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { UNKNOWN } from "../../provider/unknowns";

type Props = Record<string, any>;

let pf: ProviderFixture;
let association: pulumi.dynamic.ResourceProvider;

async function newChannel(name = "General"): Promise<string> {
    const { ChannelArn } = await pf.fx.messaging.send(
        new CreateChannelCommand({ AppInstanceArn: pf.world.appInstanceArn, Name: name, ChimeBearer: pf.admin }),
    );
    return ChannelArn!;
}

async function newFlow(name = "Flow"): Promise<string> {
    const { ChannelFlowArn } = await pf.fx.messaging.send(
        new CreateChannelFlowCommand({
            AppInstanceArn: pf.world.appInstanceArn,
            Name: name,
            Processors: [
                {
                    Name: "p",
                    Configuration: {
                        Lambda: {
                            ResourceArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
                            InvocationType: "ASYNC",
                        },
                    },
                    ExecutionOrder: 1,
                    FallbackAction: "CONTINUE",
                },
            ],
        }),
    );
    return ChannelFlowArn!;
}

async function flowOf(channelArn: string): Promise<string | undefined> {
    const { Channel } = await pf.fx.messaging.send(
        new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: pf.admin }),
    );
    return Channel!.ChannelFlowArn;
}

async function checked(news: Props): Promise<Props> {
    const result = await association.check!({}, news);
    assert.deepEqual(result.failures ?? [], [], "check failed");
    return result.inputs!;
}

async function associated(channelArn: string, channelFlowArn: string) {
    return association.create(await checked({ channelArn, channelFlowArn, chimeBearer: pf.admin }));
}

describe("ChannelFlowAssociation", () => {
    before(async () => {
        pf = await startProviderFixture();
        association = pf.provider("ChannelFlowAssociation");
    });
    after(() => pf.close());

    it("check names bad ARNs and a flow of another app instance; unknown values pass", async () => {
        const bad = await association.check!(
            {},
            { channelArn: "not-an-arn", channelFlowArn: "x", chimeBearer: pf.admin },
        );
        assert.deepEqual([...new Set(bad.failures!.map((f) => f.property))].sort(), ["channelArn", "channelFlowArn"]);

        const channelArn = `${pf.world.appInstanceArn}/channel/abc`;
        const otherFlow = "arn:aws:chime:us-east-1:123456789012:app-instance/other/channel-flow/f1";
        const across = await association.check!({}, { channelArn, channelFlowArn: otherFlow, chimeBearer: pf.admin });
        assert.equal(across.failures!.length, 1);
        assert.equal(across.failures![0].property, "channelFlowArn");
        assert.ok(across.failures![0].reason.includes(otherFlow));

        const strangerBearer = "arn:aws:chime:us-east-1:123456789012:app-instance/other/user/admin";
        const stranger = await association.check!(
            {},
            { channelArn, channelFlowArn: `${pf.world.appInstanceArn}/channel-flow/f1`, chimeBearer: strangerBearer },
        );
        assert.deepEqual(
            stranger.failures!.map((f) => f.property),
            ["chimeBearer"],
        );
        assert.ok(stranger.failures![0].reason.includes(pf.world.appInstanceArn));

        const preview = await association.check!(
            {},
            { channelArn: UNKNOWN, channelFlowArn: UNKNOWN, chimeBearer: pf.admin },
        );
        assert.deepEqual(preview.failures ?? [], []);
    });

    it("create associates the flow; read finds it; a second diff reports no change", async () => {
        const channelArn = await newChannel();
        const flowArn = await newFlow();
        const { result, calls } = await pf.counting(() => associated(channelArn, flowArn));
        assert.deepEqual(mutatingCalls(calls), { AssociateChannelFlow: 1 });
        assert.equal(result.id, `${channelArn}|${flowArn}`);
        assert.equal(await flowOf(channelArn), flowArn);
        const refreshed = await association.read!(result.id, result.outs);
        assert.equal(refreshed.id, result.id);
        const diff = await association.diff!(
            result.id,
            refreshed.props!,
            await checked({ channelArn, channelFlowArn: flowArn, chimeBearer: pf.admin }),
        );
        assert.equal(diff.changes, false);
    });

    it("swapping the flow of a channel replaces the association, disassociating first", async () => {
        const channelArn = await newChannel();
        const first = await newFlow("first");
        const second = await newFlow("second");
        const state = await associated(channelArn, first);
        const news = await checked({ channelArn, channelFlowArn: second, chimeBearer: pf.admin });
        const diff = await association.diff!(state.id, state.outs, news);
        assert.deepEqual(diff.replaces, ["channelFlowArn"]);
        assert.equal(diff.deleteBeforeReplace, true);

        // The order the engine follows for a delete-before-replace: the old one first, then the new one.
        const { calls } = await pf.counting(async () => {
            await association.delete!(state.id, state.outs);
            return association.create(news);
        });
        assert.deepEqual(mutatingCalls(calls), { DisassociateChannelFlow: 1, AssociateChannelFlow: 1 });
        assert.equal(await flowOf(channelArn), second);
    });

    it("the other order (create before delete) is what the service refuses: one flow per channel", async () => {
        const channelArn = await newChannel();
        const first = await newFlow("first");
        await associated(channelArn, first);
        const error = await errorOf(async () => associated(channelArn, await newFlow("second")));
        assert.ok(
            error.message.startsWith(
                `ChannelFlowAssociation: the channel ${channelArn} already has the channel flow ${first}, but it differs from the program`,
            ),
            error.message,
        );
    });

    it("a new channel is a replacement too", async () => {
        const flowArn = await newFlow();
        const state = await associated(await newChannel(), flowArn);
        const diff = await association.diff!(
            state.id,
            state.outs,
            await checked({ channelArn: await newChannel("other"), channelFlowArn: flowArn, chimeBearer: pf.admin }),
        );
        assert.deepEqual(diff.replaces, ["channelArn"]);
        assert.equal(diff.deleteBeforeReplace, true);
    });

    it("a new bearer changes the state only", async () => {
        const state = await associated(await newChannel(), await newFlow());
        const news = await checked({ ...state.outs, chimeBearer: pf.world.users.bob });
        const diff = await association.diff!(state.id, state.outs, news);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
        const { result, calls } = await pf.counting(() => association.update!(state.id, state.outs, news));
        assert.deepEqual(calls, {});
        assert.equal(result.outs!.chimeBearer, pf.world.users.bob);
    });

    it("refresh: disassociated out of band, or its channel deleted, it is gone", async () => {
        const channelArn = await newChannel();
        const flowArn = await newFlow();
        const state = await associated(channelArn, flowArn);
        await pf.fx.messaging.send(
            new DisassociateChannelFlowCommand({
                ChannelArn: channelArn,
                ChannelFlowArn: flowArn,
                ChimeBearer: pf.admin,
            }),
        );
        assert.ok(!(await association.read!(state.id, state.outs)).id);
        // Deleting what is already gone succeeds.
        await association.delete!(state.id, state.outs);

        const again = await associated(channelArn, flowArn);
        await pf.fx.messaging.send(new DeleteChannelCommand({ ChannelArn: channelArn, ChimeBearer: pf.admin }));
        assert.ok(!(await association.read!(again.id, again.outs)).id);
        await association.delete!(again.id, again.outs);
    });

    it("delete disassociates", async () => {
        const channelArn = await newChannel();
        const state = await associated(channelArn, await newFlow());
        const { calls } = await pf.counting(() => association.delete!(state.id, state.outs));
        assert.deepEqual(calls, { DisassociateChannelFlow: 1 });
        assert.equal(await flowOf(channelArn), undefined);
    });
});
