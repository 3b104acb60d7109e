import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelCommand,
    DescribeChannelMembershipCommand,
    GetChannelMessageCommand,
    ListChannelMessagesCommand,
    UpdateChannelReadMarkerCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld } from "../helpers/world";
import { sendMessage } from "./messages-fixture";

/** Elastic channels keep their messages per sub-channel. */
describe("messages in elastic channels", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    async function elasticWorld() {
        const world = await createWorld(fx, { users: ["owner", "alice", "bob", "carol", "dave"] });
        const u = world.users;
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "town hall",
                ChimeBearer: u.owner,
                MemberArns: [u.alice, u.bob, u.carol, u.dave],
                ElasticChannelConfiguration: {
                    MaximumSubChannels: 2,
                    TargetMembershipsPerSubChannel: 2,
                    MinimumMembershipPercentage: 10,
                },
            }),
        );
        const subChannelOf = async (member: string) =>
            (
                await fx.messaging.send(
                    new DescribeChannelMembershipCommand({ ChannelArn, MemberArn: member, ChimeBearer: member }),
                )
            ).ChannelMembership!.SubChannelId!;
        return { ...world, channelArn: ChannelArn!, subChannelOf };
    }

    it("keeps a message in the sender's sub-channel, listed and read with that SubChannelId", async () => {
        const world = await elasticWorld();
        const u = world.users;
        const aliceSub = await world.subChannelOf(u.alice);
        const daveSub = await world.subChannelOf(u.dave);
        assert.notEqual(aliceSub, daveSub);

        const sent = await sendMessage(fx, world.channelArn, u.alice, "hi sub-channel", { SubChannelId: aliceSub });
        assert.equal(sent.SubChannelId, aliceSub);
        assert.equal(sent.Status?.Value, "SENT");

        const list = (subChannelId: string) =>
            fx.messaging.send(
                new ListChannelMessagesCommand({
                    ChannelArn: world.channelArn,
                    ChimeBearer: u.alice,
                    SubChannelId: subChannelId,
                }),
            );
        const here = await list(aliceSub);
        assert.equal(here.SubChannelId, aliceSub);
        assert.deepEqual(
            here.ChannelMessages?.map((m) => m.MessageId),
            [sent.MessageId],
        );
        assert.deepEqual((await list(daveSub)).ChannelMessages, []);

        const { ChannelMessage } = await fx.messaging.send(
            new GetChannelMessageCommand({
                ChannelArn: world.channelArn,
                MessageId: sent.MessageId,
                ChimeBearer: u.alice,
                SubChannelId: aliceSub,
            }),
        );
        assert.equal(ChannelMessage?.SubChannelId, aliceSub);
        const elsewhere = await errorOf(() =>
            fx.messaging.send(
                new GetChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: sent.MessageId,
                    ChimeBearer: u.alice,
                    SubChannelId: daveSub,
                }),
            ),
        );
        assert.equal(elsewhere.name, "NotFoundException");
    });

    it("requires a SubChannelId, and one the sender belongs to", async () => {
        const world = await elasticWorld();
        const u = world.users;
        const missing = await errorOf(() => sendMessage(fx, world.channelArn, u.alice, "where?"));
        assert.equal(missing.name, "BadRequestException");
        assert.match(missing.message, /subChannelId is required/);

        const daveSub = await world.subChannelOf(u.dave);
        assert.notEqual(daveSub, await world.subChannelOf(u.alice));
        const foreign = await errorOf(() =>
            sendMessage(fx, world.channelArn, u.alice, "intruding", { SubChannelId: daveSub }),
        );
        assert.equal(foreign.name, "ForbiddenException");
        assert.match(foreign.message, /SendChannelMessage/);
        const listed = await fx.messaging.send(
            new ListChannelMessagesCommand({
                ChannelArn: world.channelArn,
                ChimeBearer: u.dave,
                SubChannelId: daveSub,
            }),
        );
        assert.deepEqual(listed.ChannelMessages, []);
    });

    it("has no read markers", async () => {
        const world = await elasticWorld();
        const error = await errorOf(() =>
            fx.messaging.send(
                new UpdateChannelReadMarkerCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.alice }),
            ),
        );
        assert.equal(error.name, "ForbiddenException");
    });
});
