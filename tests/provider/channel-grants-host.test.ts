import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { CreateChannelBanCommand, DeleteChannelBanCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { initFailureOf, ProviderHost, UNKNOWN } from "../helpers/provider-host";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { createChannel, errorOf, liveMembers, liveMembership } from "./channel-membership-steps";

const CROWD = Array.from({ length: 150 }, (_, i) => `crowd${String(i).padStart(3, "0")}`);

/**
 * Layer 3: the same lifecycles driven through the Pulumi SDK's own dynamic-provider host over gRPC, with the
 * calls the engine makes (a delete-before-replace is Delete, then Create).
 */
describe("membership, moderator, ban and preferences resources through the dynamic-provider host (layer 3)", () => {
    let pf: ProviderFixture;
    let host: ProviderHost;
    let alice: string;
    let bob: string;
    before(async () => {
        pf = await startProviderFixture(["admin", "alice", "bob", ...CROWD]);
        ({ alice, bob } = pf.world.users);
        host = await ProviderHost.start({
            env: {
                AWS_ENDPOINT_URL: pf.fx.url,
                AWS_REGION: "us-east-1",
                AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
                AWS_SECRET_ACCESS_KEY: "secret",
                AWS_MAX_ATTEMPTS: "1",
                // The emulator here enforces no quotas; pacing is measured by bench/memberships.ts.
                CHIME_MESSAGING_PACING: "off",
            },
        });
        assert.deepEqual(await host.configure({ "aws:region": "us-east-1" }), { acceptSecrets: false });
    });
    after(async () => {
        await host.stop();
        await pf.close();
    });

    it("ChannelMembership: check, create, a no-op diff, a type change deleting first, a ban without a loop", async () => {
        const membership = host.resource("ChannelMembership", "alice");
        const channelArn = await createChannel(pf);
        const preview = await membership.check({}, { channelArn: UNKNOWN, memberArn: alice, chimeBearer: pf.admin });
        assert.deepEqual(preview.failures, []);
        const { inputs, failures } = await membership.check(
            {},
            { channelArn, memberArn: alice, chimeBearer: pf.admin },
        );
        assert.deepEqual(failures, []);
        assert.equal(inputs.type, "DEFAULT");

        const { result: made, calls } = await pf.counting(() => membership.create(inputs));
        assert.deepEqual(calls, { CreateChannelMembership: 1 });
        assert.equal(made.id, `${channelArn}|${alice}`);
        assert.equal(made.properties.banned, false);
        assert.equal(typeof made.properties.__provider, "string");

        const { result: same, calls: diffCalls } = await pf.counting(() =>
            membership.diff(made.id, made.properties, inputs),
        );
        assert.equal(same.changes, "NONE");
        assert.deepEqual(diffCalls, {});
        const previewDiff = await membership.diff(made.id, made.properties, { ...inputs, type: UNKNOWN });
        assert.equal(previewDiff.changes, "SOME");

        const hidden = (await membership.check(inputs, { ...inputs, type: "HIDDEN" })).inputs;
        const diff = await membership.diff(made.id, made.properties, hidden);
        assert.deepEqual(diff, { changes: "SOME", replaces: ["type"], deleteBeforeReplace: true });
        await membership.delete(made.id, made.properties);
        const remade = await membership.create(hidden);
        assert.equal((await liveMembership(pf, channelArn, alice))?.Type, "HIDDEN");

        const ban = host.resource("ChannelBan", "alice-banned");
        const banInputs = (await ban.check({}, { channelArn, memberArn: alice, chimeBearer: pf.admin })).inputs;
        const banned = await ban.create(banInputs);
        assert.deepEqual(banned.properties.createdBy, { arn: pf.admin, name: "admin" });
        const refreshed = await membership.read(remade.id, remade.properties);
        assert.equal(refreshed.id, remade.id, "kept in the state");
        assert.equal(refreshed.properties.banned, true);
        assert.equal((await membership.diff(remade.id, refreshed.properties, hidden)).changes, "NONE", "no loop");

        await ban.delete(banned.id, banned.properties);
        assert.equal((await membership.read(remade.id, refreshed.properties)).id, "", "gone once the ban is lifted");
    });

    it("ChannelMembership: bad inputs fail check with the property named", async () => {
        const membership = host.resource("ChannelMembership", "bad");
        const { failures } = await membership.check(
            {},
            { channelArn: "nope", memberArn: alice, type: "ALL", chimeBearer: pf.admin },
        );
        assert.deepEqual([...new Set(failures.map((f) => f.property))].sort(), ["channelArn", "type"]);
    });

    it("ChannelMemberships: a partial batch failure records exactly the members that exist, and the next up finishes", async () => {
        const set = host.resource("ChannelMemberships", "crowd");
        const channelArn = await createChannel(pf);
        const members = CROWD.map((id) => pf.world.users[id]).sort();
        const banned = members[7];
        const nobody = `${pf.world.appInstanceArn}/user/nobody`;
        await pf.fx.messaging.send(
            new CreateChannelBanCommand({ ChannelArn: channelArn, MemberArn: banned, ChimeBearer: pf.admin }),
        );
        const wanted = [...members.slice(0, 149), nobody].reverse();
        const { inputs, failures } = await set.check({}, { channelArn, memberArns: wanted, chimeBearer: pf.admin });
        assert.deepEqual(failures, []);
        assert.deepEqual(inputs.memberArns, [...wanted].sort(), "a set: check sorts it");

        const error = await errorOf(() => set.create(inputs));
        assert.match(error.message, /2 of 150 members could not be added/);
        const failure = initFailureOf(error);
        assert.ok(failure, "the engine is told to record a state");
        const existing = members.slice(0, 149).filter((arn) => arn !== banned);
        assert.deepEqual(failure.properties.memberArns, existing);
        assert.equal(
            typeof failure.properties.__provider,
            "string",
            "later calls can load the provider from this state",
        );
        assert.equal(failure.properties.chimeBearer, pf.admin);
        assert.deepEqual(failure.reasons.map((r) => r.split(": ")[0]).sort(), [banned, nobody].sort());
        assert.deepEqual(await liveMembers(pf, channelArn), existing);

        // The next up: the ban is lifted and `nobody` is dropped from the program.
        await pf.fx.messaging.send(
            new DeleteChannelBanCommand({ ChannelArn: channelArn, MemberArn: banned, ChimeBearer: pf.admin }),
        );
        const fixed = (await set.check(inputs, { ...inputs, memberArns: members.slice(0, 149) })).inputs;
        const diff = await set.diff(failure.id, failure.properties, fixed);
        assert.deepEqual(diff, { changes: "SOME", replaces: [], deleteBeforeReplace: false });
        const { result: updated, calls } = await pf.counting(() => set.update(failure.id, failure.properties, fixed));
        assert.deepEqual(mutatingCalls(calls), { BatchCreateChannelMembership: 1 });
        assert.deepEqual(updated.properties.memberArns, members.slice(0, 149));
        assert.deepEqual(await liveMembers(pf, channelArn), members.slice(0, 149));

        const read = await set.read(failure.id, updated.properties);
        assert.deepEqual(read.properties.memberArns, members.slice(0, 149));
        const { result: again, calls: diffCalls } = await pf.counting(() =>
            set.diff(failure.id, read.properties, fixed),
        );
        assert.equal(again.changes, "NONE");
        assert.deepEqual(diffCalls, {});

        await set.delete(failure.id, read.properties);
        assert.deepEqual(await liveMembers(pf, channelArn), []);
    });

    it("ChannelModerator: create, no-op diff, bearer change without a call, refresh, delete", async () => {
        const moderator = host.resource("ChannelModerator", "bob");
        const channelArn = await createChannel(pf);
        const { inputs } = await moderator.check({}, { channelArn, channelModeratorArn: bob, chimeBearer: pf.admin });
        const made = await moderator.create(inputs);
        assert.deepEqual(made.properties.createdBy, { arn: pf.admin, name: "admin" });
        assert.equal((await moderator.diff(made.id, made.properties, inputs)).changes, "NONE");
        const moved = (await moderator.check(inputs, { ...inputs, chimeBearer: bob })).inputs;
        assert.deepEqual(await moderator.diff(made.id, made.properties, moved), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const { result: updated, calls } = await pf.counting(() => moderator.update(made.id, made.properties, moved));
        assert.deepEqual(calls, {});
        assert.equal(updated.properties.chimeBearer, bob);
        assert.equal(updated.properties.createdTimestamp, made.properties.createdTimestamp);
        const replaced = await moderator.diff(made.id, made.properties, { ...inputs, channelModeratorArn: alice });
        assert.deepEqual(replaced, { changes: "SOME", replaces: ["channelModeratorArn"], deleteBeforeReplace: true });
        assert.equal((await moderator.read(made.id, made.properties)).id, made.id);
        await moderator.delete(made.id, made.properties);
        assert.equal((await moderator.read(made.id, made.properties)).id, "");
    });

    it("ChannelMembershipPreferences: the member sets its own, changes them in place, and delete resets them", async () => {
        const channelArn = await createChannel(pf);
        const membership = host.resource("ChannelMembership", "bob-member");
        await membership.create(
            (await membership.check({}, { channelArn, memberArn: bob, chimeBearer: pf.admin })).inputs,
        );
        const preferences = host.resource("ChannelMembershipPreferences", "bob-quiet");
        const refused = await preferences.check(
            {},
            { channelArn, memberArn: bob, chimeBearer: pf.admin, allowNotifications: "NONE" },
        );
        assert.deepEqual(
            refused.failures.map((f) => f.property),
            ["chimeBearer"],
        );
        const { inputs } = await preferences.check(
            {},
            { channelArn, memberArn: bob, chimeBearer: bob, allowNotifications: "NONE" },
        );
        const made = await preferences.create(inputs);
        const filtered = (
            await preferences.check(inputs, { ...inputs, allowNotifications: "FILTERED", filterRule: '{"a":1}' })
        ).inputs;
        assert.deepEqual(await preferences.diff(made.id, made.properties, filtered), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const updated = await preferences.update(made.id, made.properties, filtered);
        const read = await preferences.read(made.id, updated.properties);
        assert.equal(read.properties.allowNotifications, "FILTERED");
        assert.equal(read.properties.filterRule, '{"a":1}');
        await preferences.delete(made.id, read.properties);
        const reset = await preferences.read(made.id, read.properties);
        assert.equal(reset.id, made.id, "the membership is still there");
        assert.equal(reset.properties.allowNotifications, undefined, "no preferences any more");
    });
});
