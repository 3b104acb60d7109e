import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelBanCommand,
    CreateChannelMembershipCommand,
    CreateChannelModeratorCommand,
    DeleteChannelBanCommand,
    DescribeChannelBanCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checkFailures, created, diffWith, refreshed, updatedInPlace } from "./app-instance-steps";
import { createChannel, errorOf, liveMembership, unlessNotFound } from "./channel-membership-steps";

describe("ChannelBan provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let alice: string;
    let bob: string;
    before(async () => {
        pf = await startProviderFixture(["admin", "alice", "bob"]);
        provider = pf.provider("ChannelBan");
        ({ alice, bob } = pf.world.users);
    });
    after(() => pf.close());

    const liveBan = async (channelArn: string, memberArn: string) => {
        const command = new DescribeChannelBanCommand({
            ChannelArn: channelArn,
            MemberArn: memberArn,
            ChimeBearer: pf.admin,
        });
        return unlessNotFound(async () => (await pf.fx.messaging.send(command)).ChannelBan);
    };

    const banOf = async (memberArn: string, channelArn?: string) => {
        channelArn ??= await createChannel(pf);
        const { result, calls } = await pf.counting(() =>
            created(provider, { channelArn, memberArn, chimeBearer: pf.admin }),
        );
        return { ...result, calls, channelArn: channelArn! };
    };

    it("bans a member, which removes its membership, and outputs who banned it and when", async () => {
        const channelArn = await createChannel(pf);
        await pf.fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channelArn,
                MemberArn: alice,
                Type: "DEFAULT",
                ChimeBearer: pf.admin,
            }),
        );
        const ban = await banOf(alice, channelArn);
        assert.deepEqual(ban.calls, { CreateChannelBan: 1, DescribeChannelBan: 1 });
        assert.equal(ban.id, `${channelArn}|${alice}`);
        const live = await liveBan(channelArn, alice);
        assert.deepEqual(ban.outs.createdBy, { arn: pf.admin, name: "admin" });
        assert.equal(ban.outs.createdTimestamp, live!.CreatedTimestamp!.toISOString());
        assert.equal(await liveMembership(pf, channelArn, alice), undefined, "the service kicked the member");
        const refresh = await refreshed(provider, ban);
        assert.deepEqual(refresh.props, ban.outs);
        const { result: diff, calls } = await pf.counting(() => provider.diff!(ban.id, refresh.props, ban.inputs));
        assert.equal(diff.changes, false);
        assert.deepEqual(calls, {});
    });

    it("works with a ChannelMembership of the same member: no loop while banned, the member comes back once the ban is deleted", async () => {
        const memberships = pf.provider("ChannelMembership");
        const channelArn = await createChannel(pf);
        const membership = await created(memberships, { channelArn, memberArn: bob, chimeBearer: pf.admin });
        const ban = await banOf(bob, channelArn);

        const whileBanned = await memberships.read!(membership.id, membership.outs);
        assert.equal(whileBanned.id, membership.id);
        assert.equal(whileBanned.props.banned, true);
        assert.equal((await memberships.diff!(membership.id, whileBanned.props, membership.inputs)).changes, false);

        await provider.delete!(ban.id, ban.outs);
        assert.equal(await liveBan(channelArn, bob), undefined);
        const lifted = await memberships.read!(membership.id, whileBanned.props);
        assert.ok(!lifted.id, "the membership reads as gone: the next up adds it again");
        await created(memberships, membership.inputs);
        assert.equal((await liveMembership(pf, channelArn, bob))?.Type, "DEFAULT");
    });

    it("replaces (deleting first) when the channel or the member changes; a bearer change calls nothing", async () => {
        const ban = await banOf(alice);
        const other = await createChannel(pf);
        for (const change of [{ channelArn: other }, { memberArn: bob }]) {
            const diff = await diffWith(provider, ban, change);
            assert.deepEqual(diff.replaces, Object.keys(change));
            assert.equal(diff.deleteBeforeReplace, true);
        }
        const { result: moved, calls } = await pf.counting(() => updatedInPlace(provider, ban, { chimeBearer: bob }));
        assert.deepEqual(calls, {});
        assert.equal(moved.outs.chimeBearer, bob);
    });

    it("adopts a ban that already exists", async () => {
        const channelArn = await createChannel(pf);
        await pf.fx.messaging.send(
            new CreateChannelBanCommand({ ChannelArn: channelArn, MemberArn: alice, ChimeBearer: pf.admin }),
        );
        const ban = await banOf(alice, channelArn);
        assert.deepEqual(ban.outs.createdBy, { arn: pf.admin, name: "admin" });
    });

    it("passes on the service's refusal to ban a moderator, naming the member and the call", async () => {
        const channelArn = await createChannel(pf);
        await pf.fx.messaging.send(
            new CreateChannelModeratorCommand({
                ChannelArn: channelArn,
                ChannelModeratorArn: bob,
                ChimeBearer: pf.admin,
            }),
        );
        const error = await errorOf(() => banOf(bob, channelArn));
        assert.match(
            error.message,
            /^ChannelBan .*user\/bob in .*: CreateChannelBan failed: ConflictException: .*moderator/,
        );
    });

    it("reports a ban lifted outside the stack as gone, and deletes", async () => {
        const ban = await banOf(alice);
        await pf.fx.messaging.send(
            new DeleteChannelBanCommand({ ChannelArn: ban.channelArn, MemberArn: alice, ChimeBearer: pf.admin }),
        );
        assert.ok(!(await refreshed(provider, ban)).id);
        const { calls } = await pf.counting(() => provider.delete!(ban.id, ban.outs));
        assert.deepEqual(mutatingCalls(calls), { DeleteChannelBan: 1 }, "a delete that finds it gone succeeds");

        const again = await banOf(bob);
        await provider.delete!(again.id, again.outs);
        assert.equal(await liveBan(again.channelArn, bob), undefined);
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const channelArn = await createChannel(pf);
        const good = { channelArn, memberArn: alice, chimeBearer: pf.admin };
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArn: channelArn }),
            "memberArn",
            "user or bot ARN",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, channelArn: pf.world.appInstanceArn }),
            "channelArn",
            "must be a channel ARN",
        );
        assertFailure(await checkFailures(pf, provider, { channelArn, memberArn: alice }), "chimeBearer", "required");
    });
});
