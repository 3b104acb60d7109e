import { describe, it, before, after, beforeEach, afterEach } from "mocha";
import * as assert from "node:assert/strict";
import { DeleteChannelBanCommand, DeleteChannelMembershipCommand } from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checkFailures,
    created,
    diffWith,
    Props,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";
import { addMember, banMember, createChannel, errorOf, liveMembership } from "./channel-membership-steps";

describe("ChannelMembership provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let alice: string;
    let bob: string;
    before(async () => {
        pf = await startProviderFixture(["admin", "alice", "bob", "carol"]);
        provider = pf.provider("ChannelMembership");
        ({ alice, bob } = pf.world.users);
    });
    after(() => pf.close());

    const membershipOf = async (memberArn: string, extra: Props = {}) => {
        const channelArn = await createChannel(pf);
        const { result, calls } = await pf.counting(() =>
            created(provider, { channelArn, memberArn, chimeBearer: pf.admin, ...extra }),
        );
        return { ...result, calls, channelArn };
    };

    it("adds the member with one call, fills type's default, and refresh reads who invited it and when", async () => {
        const membership = await membershipOf(alice);
        assert.deepEqual(membership.calls, { CreateChannelMembership: 1 });
        assert.equal(membership.id, `${membership.channelArn}|${alice}`);
        assert.equal(membership.outs.type, "DEFAULT", "check fills the default type");
        assert.equal(membership.outs.banned, false);
        const live = await liveMembership(pf, membership.channelArn, alice);
        assert.equal(live?.Type, "DEFAULT");

        const refresh = await refreshed(provider, membership);
        assert.equal(refresh.id, membership.id);
        assert.deepEqual(refresh.props.invitedBy, { arn: pf.admin, name: "admin" });
        assert.equal(refresh.props.createdTimestamp, live!.CreatedTimestamp!.toISOString());
        assert.equal(refresh.props.lastUpdatedTimestamp, live!.LastUpdatedTimestamp!.toISOString());
        assert.equal(refresh.props.banned, false);
    });

    it("reports no change on a second diff, and calls nothing to find that out", async () => {
        const membership = await membershipOf(alice);
        const refresh = await refreshed(provider, membership);
        for (const state of [membership.outs, refresh.props]) {
            const { result: diff, calls } = await pf.counting(() =>
                provider.diff!(membership.id, state, membership.inputs),
            );
            assert.equal(diff.changes, false);
            assert.deepEqual(calls, {});
        }
    });

    it("adds a HIDDEN member, and a type change is a replacement that deletes first", async () => {
        const membership = await membershipOf(bob, { type: "HIDDEN" });
        assert.equal((await liveMembership(pf, membership.channelArn, bob))?.Type, "HIDDEN");
        const diff = await diffWith(provider, membership, { type: "DEFAULT" });
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, ["type"]);
        assert.equal(diff.deleteBeforeReplace, true, "the member is the key: the old membership must go first");

        // What the engine does for a delete-before-replace: delete the old, then create the new.
        const { calls } = await pf.counting(async () => {
            await provider.delete!(membership.id, membership.outs);
            return created(provider, { ...membership.inputs, type: "DEFAULT" });
        });
        assert.deepEqual(mutatingCalls(calls), { DeleteChannelMembership: 1, CreateChannelMembership: 1 });
        assert.equal((await liveMembership(pf, membership.channelArn, bob))?.Type, "DEFAULT");
    });

    it("replaces (deleting first) when the channel or the member changes", async () => {
        const membership = await membershipOf(alice);
        const otherChannel = await createChannel(pf);
        for (const change of [{ channelArn: otherChannel }, { memberArn: bob }]) {
            const diff = await diffWith(provider, membership, change);
            assert.deepEqual(diff.replaces, Object.keys(change));
            assert.equal(diff.deleteBeforeReplace, true);
        }
    });

    it("records a chimeBearer change in the state only, with no API call", async () => {
        const membership = await membershipOf(alice);
        const { result: moved, calls } = await pf.counting(() =>
            updatedInPlace(provider, membership, { chimeBearer: bob }),
        );
        assert.deepEqual(calls, {});
        assert.equal(moved.outs.chimeBearer, bob);
        assert.equal((await liveMembership(pf, membership.channelArn, alice))?.Type, "DEFAULT");
    });

    it("finds a type changed outside the stack on refresh, and the diff replaces it back", async () => {
        const membership = await membershipOf(alice);
        const { channelArn } = membership;
        await pf.fx.messaging.send(
            new DeleteChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: alice, ChimeBearer: pf.admin }),
        );
        await addMember(pf, channelArn, alice, pf.admin, "HIDDEN");
        const refresh = await refreshed(provider, membership);
        assert.equal(refresh.id, membership.id);
        assert.equal(refresh.props.type, "HIDDEN");
        const diff = await provider.diff!(membership.id, refresh.props, membership.inputs);
        assert.deepEqual(diff.replaces, ["type"]);
        assert.equal(diff.deleteBeforeReplace, true);
    });

    it("reports a membership removed outside the stack as gone", async () => {
        const membership = await membershipOf(alice);
        await pf.fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: membership.channelArn,
                MemberArn: alice,
                ChimeBearer: pf.admin,
            }),
        );
        const { result: refresh, calls } = await pf.counting(() => refreshed(provider, membership));
        assert.ok(!refresh.id, "gone");
        assert.deepEqual(calls, { DescribeChannelMembership: 1, DescribeChannelBan: 1 });
    });

    it("deletes the membership, and a delete that finds it gone succeeds", async () => {
        const membership = await membershipOf(alice);
        await provider.delete!(membership.id, membership.outs);
        assert.equal(await liveMembership(pf, membership.channelArn, alice), undefined);
        await provider.delete!(membership.id, membership.outs);
    });

    describe("bans", () => {
        it("keeps a banned member's membership in the state, flagged, so that up neither re-adds it nor fails", async () => {
            const membership = await membershipOf(alice);
            await banMember(pf, membership.channelArn, alice);
            assert.equal(
                await liveMembership(pf, membership.channelArn, alice),
                undefined,
                "the ban removed the membership",
            );

            const refresh = await refreshed(provider, membership);
            assert.equal(refresh.id, membership.id, "still in the state");
            assert.equal(refresh.props.banned, true);
            assert.equal(refresh.props.type, "DEFAULT");
            const { result: diff, calls } = await pf.counting(() =>
                provider.diff!(membership.id, refresh.props, membership.inputs),
            );
            assert.equal(diff.changes, false, "the next up does nothing: no create, so no failure and no loop");
            assert.deepEqual(calls, {});

            const { calls: deleteCalls } = await pf.counting(() => provider.delete!(membership.id, refresh.props));
            assert.deepEqual(
                mutatingCalls(deleteCalls),
                { DeleteChannelMembership: 1 },
                "deleting it has nothing to remove, and succeeds",
            );
        });

        it("reads a banned member as gone once the ban is lifted, so the next up adds it again", async () => {
            const membership = await membershipOf(bob);
            const { channelArn } = membership;
            await banMember(pf, channelArn, bob);
            const banned = await refreshed(provider, membership);
            await pf.fx.messaging.send(
                new DeleteChannelBanCommand({ ChannelArn: channelArn, MemberArn: bob, ChimeBearer: pf.admin }),
            );
            const lifted = await provider.read!(membership.id, banned.props);
            assert.ok(!lifted.id, "gone: the engine will create it again");
            await created(provider, membership.inputs);
            assert.equal((await liveMembership(pf, channelArn, bob))?.Type, "DEFAULT");
        });

        it("refuses to add a banned member, saying what to do", async () => {
            const channelArn = await createChannel(pf);
            await banMember(pf, channelArn, alice);
            const error = await errorOf(() =>
                created(provider, { channelArn, memberArn: alice, chimeBearer: pf.admin }),
            );
            assert.match(error.message, /is banned from the channel/);
            assert.match(
                error.message,
                /Remove this ChannelMembership from the program .* or delete the ChannelBan first/,
            );
            assert.ok(error.message.includes(alice) && error.message.includes(channelArn), error.message);
        });

        describe("as a bearer that may add members but not look at bans (a member of an UNRESTRICTED channel)", () => {
            let channelArn: string;
            beforeEach(async () => {
                channelArn = await createChannel(pf, { mode: "UNRESTRICTED" });
                await addMember(pf, channelArn, alice, pf.admin);
            });
            afterEach(() => pf.fx.emulator.faults.clear());

            it("reads a member banned since as gone (the ban is hidden from it), not as a failure", async () => {
                const membership = await created(provider, { channelArn, memberArn: bob, chimeBearer: alice });
                await banMember(pf, channelArn, bob);
                const { result: refresh, calls } = await pf.counting(() =>
                    provider.read!(membership.id, membership.outs),
                );
                assert.equal(refresh.id, undefined, "gone: the bearer cannot see the ban");
                assert.deepEqual(calls, { DescribeChannelMembership: 1, DescribeChannelBan: 1 });
            });

            it("fails the refresh when the ban check fails for another reason, rather than reading the member as gone", async () => {
                const membership = await created(provider, { channelArn, memberArn: bob, chimeBearer: alice });
                await banMember(pf, channelArn, bob);
                pf.fx.emulator.faults.update({ unavailableRate: 1, operations: ["DescribeChannelBan"] });
                const error = await errorOf(() => provider.read!(membership.id, membership.outs));
                assert.match(error.message, /DescribeChannelBan/);
                assert.match(error.message, /ServiceUnavailable/);
            });

            it("passes on the service's refusal to add a banned member, without claiming a ban it cannot see", async () => {
                await banMember(pf, channelArn, bob);
                const error = await errorOf(() =>
                    created(provider, { channelArn, memberArn: bob, chimeBearer: alice }),
                );
                assert.match(error.message, /CreateChannelMembership/);
                assert.match(error.message, /ConflictException/);
                assert.doesNotMatch(error.message, /Remove this ChannelMembership from the program/);
                assert.equal(await liveMembership(pf, channelArn, bob), undefined, "nothing was added");
            });
        });
    });

    describe("adoption", () => {
        it("adopts an identical membership that already exists (e.g. after an interrupted up)", async () => {
            const channelArn = await createChannel(pf, { mode: "UNRESTRICTED" });
            await addMember(pf, channelArn, bob, pf.admin);
            await addMember(pf, channelArn, alice, bob);
            const membership = await created(provider, { channelArn, memberArn: alice, chimeBearer: pf.admin });
            assert.equal(membership.id, `${channelArn}|${alice}`);
            const refresh = await refreshed(provider, membership);
            assert.deepEqual(
                refresh.props.invitedBy,
                { arn: bob, name: "bob" },
                "the existing membership, as bob made it",
            );
        });

        it("fails clearly when the member already belongs to the channel with another type", async () => {
            const channelArn = await createChannel(pf);
            await addMember(pf, channelArn, alice, pf.admin, "HIDDEN");
            const error = await errorOf(() =>
                created(provider, { channelArn, memberArn: alice, chimeBearer: pf.admin }),
            );
            assert.match(error.message, /already belongs to the channel with the type HIDDEN, not DEFAULT/);
            assert.match(error.message, /declare it with type HIDDEN, or delete the existing membership first/);
            assert.equal((await liveMembership(pf, channelArn, alice))?.Type, "HIDDEN", "left as it was");
        });
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const channelArn = await createChannel(pf);
        const good = { channelArn, memberArn: alice, chimeBearer: pf.admin };
        assertFailure(
            await checkFailures(pf, provider, { ...good, type: "VISIBLE" }),
            "type",
            "DEFAULT",
            "HIDDEN",
            "VISIBLE",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, channelArn: pf.world.appInstanceArn }),
            "channelArn",
            "must be a channel ARN",
            pf.world.appInstanceArn,
        );
        const stranger = "arn:aws:chime:us-east-1:123456789012:app-instance/other/user/eve";
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArn: stranger }),
            "memberArn",
            "must belong to the channel's app instance",
            stranger,
        );
        assertFailure(await checkFailures(pf, provider, { ...good, memberArn: "alice" }), "memberArn", "alice");
        assertFailure(await checkFailures(pf, provider, { channelArn, memberArn: alice }), "chimeBearer", "required");
        assertFailure(
            await checkFailures(pf, provider, { ...good, subChannelId: "s1" }),
            "subChannelId",
            "not a property of ChannelMembership",
        );
    });

    it("lets values unknown during a preview through check, and diff reports them as replacements", async () => {
        const membership = await membershipOf(alice);
        const { result, calls } = await pf.counting(() =>
            provider.check!({}, { ...membership.inputs, memberArn: UNKNOWN, type: UNKNOWN }),
        );
        assert.deepEqual(result.failures ?? [], []);
        assert.deepEqual(calls, {});
        const diff = await diffWith(provider, membership, { memberArn: UNKNOWN });
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, ["memberArn"]);
    });
});
