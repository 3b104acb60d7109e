import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelBanCommand,
    CreateChannelMembershipCommand,
    DeleteChannelMembershipCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { PartialFailure } from "../../provider/errors";
import { UNKNOWN } from "../../provider/unknowns";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";
import { createChannel, errorOf, liveMembers } from "./channel-membership-steps";

const USERS = Array.from({ length: 160 }, (_, i) => `user${String(i).padStart(3, "0")}`);

describe("ChannelMemberships provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let arns: string[];
    before(async () => {
        pf = await startProviderFixture(["admin", ...USERS]);
        provider = pf.provider("ChannelMemberships");
        arns = USERS.map((id) => pf.world.users[id]).sort();
    });
    after(() => pf.close());

    const setOf = async (memberArns: string[], extra: Record<string, unknown> = {}) => {
        const channelArn = await createChannel(pf);
        const { result, calls } = await pf.counting(() =>
            created(provider, { channelArn, memberArns, chimeBearer: pf.admin, ...extra }),
        );
        return { ...result, calls, channelArn };
    };

    it("adds 150 members in batches of 100, and reads them back with ListChannelMemberships", async () => {
        const set = await setOf(arns.slice(0, 150));
        assert.deepEqual(set.calls, { BatchCreateChannelMembership: 2 });
        assert.equal(set.outs.type, "DEFAULT");
        assert.deepEqual(await liveMembers(pf, set.channelArn), arns.slice(0, 150));
        const { result: refresh, calls } = await pf.counting(() => refreshed(provider, set));
        assert.deepEqual(calls, { ListChannelMemberships: 4 }, "151 members (the channel's creator too), 50 per page");
        assert.deepEqual(refresh.props.memberArns, arns.slice(0, 150));
    });

    it("reports no change on a second diff, whatever the order of the list, and calls nothing", async () => {
        const set = await setOf(arns.slice(0, 5));
        const reordered = await checked(provider, { ...set.inputs, memberArns: [...set.inputs.memberArns].reverse() });
        const refresh = await refreshed(provider, set);
        for (const [state, news] of [
            [set.outs, set.inputs],
            [set.outs, reordered],
            [refresh.props, set.inputs],
        ]) {
            const { result: diff, calls } = await pf.counting(() => provider.diff!(set.id, state, news));
            assert.equal(diff.changes, false);
            assert.deepEqual(calls, {});
        }
    });

    it("changes the set by adding and removing only the difference", async () => {
        const set = await setOf(arns.slice(0, 10));
        const wanted = [...arns.slice(2, 10), ...arns.slice(10, 13)];
        const { result: changed, calls } = await pf.counting(() =>
            updatedInPlace(provider, set, { memberArns: wanted }),
        );
        assert.deepEqual(mutatingCalls(calls), { DeleteChannelMembership: 2, BatchCreateChannelMembership: 1 });
        assert.deepEqual(await liveMembers(pf, set.channelArn), wanted.sort());
        assert.deepEqual(changed.outs.memberArns, wanted.sort());
    });

    it("leaves members outside the set alone, on refresh and on delete", async () => {
        const set = await setOf(arns.slice(0, 3));
        const outsider = arns[3];
        await pf.fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: set.channelArn,
                MemberArn: outsider,
                Type: "DEFAULT",
                ChimeBearer: pf.admin,
            }),
        );
        assert.deepEqual(
            (await refreshed(provider, set)).props.memberArns,
            arns.slice(0, 3),
            "the outsider is none of its business",
        );
        await provider.delete!(set.id, set.outs);
        assert.deepEqual(await liveMembers(pf, set.channelArn), [outsider]);
    });

    it("finds members removed outside the stack on refresh, and the next update adds them back", async () => {
        const set = await setOf(arns.slice(0, 4));
        await pf.fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: set.channelArn,
                MemberArn: arns[1],
                ChimeBearer: pf.admin,
            }),
        );
        const refresh = await refreshed(provider, set);
        assert.equal(refresh.id, set.id);
        assert.deepEqual(refresh.props.memberArns, [arns[0], arns[2], arns[3]]);
        const diff = await provider.diff!(set.id, refresh.props, set.inputs);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
        const { calls } = await pf.counting(() => provider.update!(set.id, refresh.props, set.inputs));
        assert.deepEqual(mutatingCalls(calls), { BatchCreateChannelMembership: 1 });
        assert.deepEqual(await liveMembers(pf, set.channelArn), arns.slice(0, 4));
    });

    it("reads the set as gone with its channel", async () => {
        const set = await setOf(arns.slice(0, 2));
        const { DeleteChannelCommand } = await import("@aws-sdk/client-chime-sdk-messaging");
        await pf.fx.messaging.send(new DeleteChannelCommand({ ChannelArn: set.channelArn, ChimeBearer: pf.admin }));
        assert.ok(!(await refreshed(provider, set)).id);
    });

    it("replaces the whole set, deleting first, when the type or the channel changes", async () => {
        const set = await setOf(arns.slice(0, 3));
        const other = await createChannel(pf);
        for (const change of [{ type: "HIDDEN" }, { channelArn: other }]) {
            const diff = await diffWith(provider, set, change);
            assert.deepEqual(diff.replaces, Object.keys(change));
            assert.equal(diff.deleteBeforeReplace, true);
        }
        await provider.delete!(set.id, set.outs);
        const hidden = await created(provider, { ...set.inputs, type: "HIDDEN" });
        assert.deepEqual(await liveMembers(pf, set.channelArn, "HIDDEN"), arns.slice(0, 3));
        assert.deepEqual(await liveMembers(pf, set.channelArn, "DEFAULT"), []);
        assert.deepEqual((await refreshed(provider, hidden)).props.memberArns, arns.slice(0, 3));
    });

    it("records a chimeBearer change in the state only, with no API call", async () => {
        const set = await setOf(arns.slice(0, 2));
        const { result: moved, calls } = await pf.counting(() =>
            updatedInPlace(provider, set, { chimeBearer: arns[0] }),
        );
        assert.deepEqual(calls, {});
        assert.equal(moved.outs.chimeBearer, arns[0]);
    });

    describe("partial failures", () => {
        it("adds every member it can among 150, names each one it cannot, and records exactly those that exist", async () => {
            const channelArn = await createChannel(pf);
            const banned = arns[40];
            const nobody = `${pf.world.appInstanceArn}/user/nobody`;
            await pf.fx.messaging.send(
                new CreateChannelBanCommand({ ChannelArn: channelArn, MemberArn: banned, ChimeBearer: pf.admin }),
            );
            const wanted = [...arns.slice(0, 149), nobody];
            const inputs = await checked(provider, { channelArn, memberArns: wanted, chimeBearer: pf.admin });
            const error = (await errorOf(() => provider.create(inputs))) as unknown as PartialFailure;
            assert.ok(error instanceof PartialFailure, `a partial failure, not ${error}`);
            assert.match(error.message, /2 of 150 members could not be added/);
            assert.ok(error.message.includes(`${banned}: Conflict:`), error.message);
            assert.ok(error.message.includes(`${nobody}: BadRequest:`), error.message);
            assert.deepEqual(error.reasons.map((r) => r.slice(0, r.indexOf(": "))).sort(), [banned, nobody].sort());
            const existing = arns.slice(0, 149).filter((arn) => arn !== banned);
            assert.deepEqual(await liveMembers(pf, channelArn), existing);
            assert.deepEqual(error.properties.memberArns, existing, "the state is true to what exists");
            assert.equal(error.properties.channelArn, channelArn);
            assert.equal(
                typeof error.properties.__provider,
                "undefined",
                "the provider object is called directly here",
            );
            assert.ok(error.id.startsWith(`${channelArn}|DEFAULT|`));

            // The next up diffs the recorded state against the program: it tries the two again, and only them.
            const state = { ...inputs, ...error.properties };
            const diff = await provider.diff!(error.id, state, inputs);
            assert.equal(diff.changes, true);
            const { result: retried, calls } = await pf.counting(() =>
                errorOf(() => provider.update!(error.id, state, inputs)),
            );
            assert.deepEqual(mutatingCalls(calls), { BatchCreateChannelMembership: 1 });
            assert.match(retried.message, /2 of 2 members could not be added/);
        });

        it("fails with nothing recorded when no member can be added", async () => {
            const channelArn = await createChannel(pf);
            const nobody = `${pf.world.appInstanceArn}/user/nobody`;
            const inputs = await checked(provider, { channelArn, memberArns: [nobody], chimeBearer: pf.admin });
            const error = await errorOf(() => provider.create(inputs));
            assert.ok(!(error instanceof PartialFailure));
            assert.match(error.message, /1 of 1 members could not be added: .*nobody: BadRequest/);
        });

        it("stops at a batch call refused as a whole, reporting the rest as not attempted", async () => {
            const channelArn = await createChannel(pf, { mode: "RESTRICTED" });
            const plainUser = arns[159];
            const inputs = await checked(provider, {
                channelArn,
                memberArns: arns.slice(0, 150),
                chimeBearer: plainUser,
            });
            const { result: error, calls } = await pf.counting(() => errorOf(() => provider.create(inputs)));
            assert.ok(!(error instanceof PartialFailure), "nothing was added: nothing to record");
            assert.deepEqual(calls, { BatchCreateChannelMembership: 1 });
            assert.match(error.message, /150 of 150 members could not be added/);
            // One line per reason, naming its members.
            assert.equal(error.message.match(/BatchCreateChannelMembership failed: ForbiddenException/g)?.length, 1);
            assert.ok(
                error.message.includes(`100 members (${arns.slice(0, 100).join(", ")}): ChannelMemberships`),
                error.message,
            );
            assert.ok(error.message.includes(`50 members (${arns.slice(100, 150).join(", ")}): not attempted after`));
            assert.deepEqual(await liveMembers(pf, channelArn), []);
        });

        it("records the members that were removed and those that were not when an update half fails", async () => {
            const set = await setOf(arns.slice(0, 3));
            const banned = arns[5];
            await pf.fx.messaging.send(
                new CreateChannelBanCommand({ ChannelArn: set.channelArn, MemberArn: banned, ChimeBearer: pf.admin }),
            );
            const news = await checked(provider, { ...set.inputs, memberArns: [arns[0], arns[4], banned] });
            const error = (await errorOf(() => provider.update!(set.id, set.outs, news))) as unknown as PartialFailure;
            assert.ok(error instanceof PartialFailure);
            assert.match(error.message, /1 of 2 members could not be added/);
            assert.deepEqual(error.properties.memberArns, [arns[0], arns[4]].sort());
            assert.deepEqual(await liveMembers(pf, set.channelArn), [arns[0], arns[4]].sort());
        });
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const channelArn = await createChannel(pf);
        const good = { channelArn, memberArns: arns.slice(0, 2), chimeBearer: pf.admin };
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArns: [arns[0], arns[0]] }),
            "memberArns",
            "repeats",
            arns[0],
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArns: ["alice"] }),
            "memberArns",
            "memberArns[0]",
            "alice",
        );
        const stranger = "arn:aws:chime:us-east-1:123456789012:app-instance/other/user/eve";
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArns: [stranger] }),
            "memberArns",
            "must belong to the channel's app instance",
        );
        const tooMany = Array.from({ length: 10_001 }, (_, i) => `${pf.world.appInstanceArn}/user/u${i}`);
        assertFailure(
            await checkFailures(pf, provider, { ...good, memberArns: tooMany }),
            "memberArns",
            "at most 10000 members",
        );
        assertFailure(await checkFailures(pf, provider, { ...good, type: "ALL" }), "type", "ALL");
        assertFailure(
            await checkFailures(pf, provider, { channelArn, chimeBearer: pf.admin }),
            "memberArns",
            "required",
        );
    });

    it("lets values unknown during a preview through check, and diff reports them as changes", async () => {
        const set = await setOf(arns.slice(0, 2));
        for (const memberArns of [UNKNOWN, [arns[0], UNKNOWN]]) {
            const { result, calls } = await pf.counting(() => provider.check!({}, { ...set.inputs, memberArns }));
            assert.deepEqual(result.failures ?? [], []);
            assert.deepEqual(calls, {});
            const diff = await provider.diff!(set.id, set.outs, result.inputs!);
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces, []);
        }
    });
});
