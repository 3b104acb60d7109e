import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelModeratorCommand,
    DeleteChannelModeratorCommand,
    DescribeChannelModeratorCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { resourceImplementations } from "../../provider/resources";
import { UNKNOWN } from "../../provider/unknowns";
import { apiActingAfter, mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checkFailures, created, diffWith, refreshed, updatedInPlace } from "./app-instance-steps";
import { createChannel, errorOf, unlessNotFound } from "./channel-membership-steps";

describe("ChannelModerator provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let alice: string;
    let bob: string;
    before(async () => {
        pf = await startProviderFixture(["admin", "alice", "bob"]);
        provider = pf.provider("ChannelModerator");
        ({ alice, bob } = pf.world.users);
    });
    after(() => pf.close());

    const liveModerator = async (channelArn: string, arn: string) => {
        const command = new DescribeChannelModeratorCommand({
            ChannelArn: channelArn,
            ChannelModeratorArn: arn,
            ChimeBearer: pf.admin,
        });
        return unlessNotFound(async () => (await pf.fx.messaging.send(command)).ChannelModerator);
    };

    const moderatorOf = async (channelModeratorArn: string) => {
        const channelArn = await createChannel(pf);
        const { result, calls } = await pf.counting(() =>
            created(provider, { channelArn, channelModeratorArn, chimeBearer: pf.admin }),
        );
        return { ...result, calls, channelArn };
    };

    it("makes the user a moderator and outputs who did it and when", async () => {
        const moderator = await moderatorOf(alice);
        assert.deepEqual(moderator.calls, { CreateChannelModerator: 1, DescribeChannelModerator: 1 });
        assert.equal(moderator.id, `${moderator.channelArn}|${alice}`);
        const live = await liveModerator(moderator.channelArn, alice);
        assert.ok(live);
        assert.deepEqual(moderator.outs.createdBy, { arn: pf.admin, name: "admin" });
        assert.equal(moderator.outs.createdTimestamp, live.CreatedTimestamp!.toISOString());
        const refresh = await refreshed(provider, moderator);
        assert.equal(refresh.id, moderator.id);
        assert.deepEqual(refresh.props, moderator.outs, "nothing drifted");
        for (const state of [moderator.outs, refresh.props]) {
            const { result: diff, calls } = await pf.counting(() =>
                provider.diff!(moderator.id, state, moderator.inputs),
            );
            assert.equal(diff.changes, false);
            assert.deepEqual(calls, {}, "a second diff calls nothing");
        }
    });

    it("replaces (deleting first) when the channel or the user changes", async () => {
        const moderator = await moderatorOf(alice);
        const other = await createChannel(pf);
        for (const change of [{ channelArn: other }, { channelModeratorArn: bob }]) {
            const diff = await diffWith(provider, moderator, change);
            assert.deepEqual(diff.replaces, Object.keys(change));
            assert.equal(diff.deleteBeforeReplace, true);
        }
    });

    it("records a chimeBearer change in the state only, with no API call", async () => {
        const moderator = await moderatorOf(alice);
        const { result: moved, calls } = await pf.counting(() =>
            updatedInPlace(provider, moderator, { chimeBearer: alice }),
        );
        assert.deepEqual(calls, {});
        assert.equal(moved.outs.chimeBearer, alice);
        assert.deepEqual(moved.outs.createdBy, moderator.outs.createdBy, "outputs are kept");
    });

    it("adopts a moderator that already exists, with who really made it", async () => {
        const channelArn = await createChannel(pf);
        await pf.fx.messaging.send(
            new CreateChannelModeratorCommand({
                ChannelArn: channelArn,
                ChannelModeratorArn: bob,
                ChimeBearer: pf.admin,
            }),
        );
        await pf.fx.messaging.send(
            new CreateChannelModeratorCommand({ ChannelArn: channelArn, ChannelModeratorArn: alice, ChimeBearer: bob }),
        );
        const moderator = await created(provider, { channelArn, channelModeratorArn: alice, chimeBearer: pf.admin });
        assert.deepEqual(moderator.outs.createdBy, { arn: bob, name: "bob" });
    });

    it("reports a moderator removed outside the stack as gone, and deletes", async () => {
        const moderator = await moderatorOf(alice);
        await pf.fx.messaging.send(
            new DeleteChannelModeratorCommand({
                ChannelArn: moderator.channelArn,
                ChannelModeratorArn: alice,
                ChimeBearer: pf.admin,
            }),
        );
        assert.ok(!(await refreshed(provider, moderator)).id);
        const { calls } = await pf.counting(() => provider.delete!(moderator.id, moderator.outs));
        assert.deepEqual(mutatingCalls(calls), { DeleteChannelModerator: 1 }, "a delete that finds it gone succeeds");

        const again = await moderatorOf(bob);
        await provider.delete!(again.id, again.outs);
        assert.equal(await liveModerator(again.channelArn, bob), undefined);
    });

    it("fails a create whose moderator is removed before it is read back, naming it, instead of empty outputs", async () => {
        const channelArn = await createChannel(pf);
        const api = apiActingAfter("ChannelModerator", CreateChannelModeratorCommand, () =>
            pf.fx.messaging.send(
                new DeleteChannelModeratorCommand({
                    ChannelArn: channelArn,
                    ChannelModeratorArn: bob,
                    ChimeBearer: pf.admin,
                }),
            ),
        );
        const inputs = { channelArn, channelModeratorArn: bob, chimeBearer: pf.admin };
        const error = await errorOf(() => resourceImplementations.ChannelModerator.create(api, inputs));
        assert.equal(
            error.message,
            `ChannelModerator ${bob} in ${channelArn}: it was not found right after it was created`,
        );
    });

    it("says which moderator, which call and what the service answered when the bearer may not do it", async () => {
        const channelArn = await createChannel(pf);
        const error = await errorOf(() =>
            created(provider, { channelArn, channelModeratorArn: bob, chimeBearer: alice }),
        );
        assert.match(
            error.message,
            /^ChannelModerator .*user\/bob in .*: CreateChannelModerator failed: ForbiddenException: /,
        );
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const channelArn = await createChannel(pf);
        const good = { channelArn, channelModeratorArn: alice, chimeBearer: pf.admin };
        assertFailure(
            await checkFailures(pf, provider, { ...good, channelModeratorArn: pf.world.appInstanceArn }),
            "channelModeratorArn",
            "user or bot ARN",
        );
        assertFailure(await checkFailures(pf, provider, { ...good, channelArn: "channel" }), "channelArn", "channel");
        assertFailure(
            await checkFailures(pf, provider, { channelArn, channelModeratorArn: alice }),
            "chimeBearer",
            "required",
        );
        assertFailure(await checkFailures(pf, provider, { ...good, chimeBearer: "x" }), "chimeBearer", "x");
    });

    it("lets values unknown during a preview through check", async () => {
        const { result, calls } = await pf.counting(() =>
            provider.check!({}, { channelArn: UNKNOWN, channelModeratorArn: alice, chimeBearer: UNKNOWN }),
        );
        assert.deepEqual(result.failures ?? [], []);
        assert.deepEqual(calls, {});
    });
});
