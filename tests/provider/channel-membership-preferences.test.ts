import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelMembershipCommand,
    DeleteChannelMembershipCommand,
    GetChannelMembershipPreferencesCommand,
    PutChannelMembershipPreferencesCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
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
import { createChannel, errorOf } from "./channel-membership-steps";

const RULE = JSON.stringify({ mention: ["alice"] });

describe("ChannelMembershipPreferences provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let alice: string;
    let bob: string;
    before(async () => {
        pf = await startProviderFixture(["admin", "alice", "bob"]);
        provider = pf.provider("ChannelMembershipPreferences");
        ({ alice, bob } = pf.world.users);
    });
    after(() => pf.close());

    const memberChannel = async (...members: string[]) => {
        const channelArn = await createChannel(pf);
        for (const member of members) {
            await pf.fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn: channelArn,
                    MemberArn: member,
                    Type: "DEFAULT",
                    ChimeBearer: pf.admin,
                }),
            );
        }
        return channelArn;
    };
    const livePush = async (channelArn: string, member: string) => {
        const command = new GetChannelMembershipPreferencesCommand({
            ChannelArn: channelArn,
            MemberArn: member,
            ChimeBearer: member,
        });
        return (await pf.fx.messaging.send(command)).Preferences?.PushNotifications;
    };
    const preferencesOf = async (extra: Props = {}) => {
        const channelArn = await memberChannel(alice);
        const { result, calls } = await pf.counting(() =>
            created(provider, {
                channelArn,
                memberArn: alice,
                chimeBearer: alice,
                allowNotifications: "ALL",
                ...extra,
            }),
        );
        return { ...result, calls, channelArn };
    };

    it("sets the member's preferences, reads them back, and a second diff calls nothing", async () => {
        const preferences = await preferencesOf({ allowNotifications: "FILTERED", filterRule: RULE });
        assert.deepEqual(preferences.calls, { GetChannelMembershipPreferences: 1, PutChannelMembershipPreferences: 1 });
        assert.deepEqual(await livePush(preferences.channelArn, alice), {
            AllowNotifications: "FILTERED",
            FilterRule: RULE,
        });
        const refresh = await refreshed(provider, preferences);
        assert.equal(refresh.id, `${preferences.channelArn}|${alice}`);
        assert.deepEqual(refresh.props, preferences.outs);
        const { result: diff, calls } = await pf.counting(() =>
            provider.diff!(preferences.id, refresh.props, preferences.inputs),
        );
        assert.equal(diff.changes, false);
        assert.deepEqual(calls, {});
    });

    it("changes them in place, and removing the filter rule removes it", async () => {
        const preferences = await preferencesOf({ allowNotifications: "FILTERED", filterRule: RULE });
        const { result: none, calls } = await pf.counting(() =>
            updatedInPlace(provider, preferences, { allowNotifications: "NONE", filterRule: undefined }),
        );
        assert.deepEqual(mutatingCalls(calls), { PutChannelMembershipPreferences: 1 });
        assert.deepEqual(await livePush(preferences.channelArn, alice), { AllowNotifications: "NONE" });
        assert.equal((await refreshed(provider, none)).props.filterRule, undefined);
    });

    it("finds preferences changed outside the stack on refresh, and the diff sets them back in place", async () => {
        const preferences = await preferencesOf();
        await pf.fx.messaging.send(
            new PutChannelMembershipPreferencesCommand({
                ChannelArn: preferences.channelArn,
                MemberArn: alice,
                ChimeBearer: alice,
                Preferences: { PushNotifications: { AllowNotifications: "NONE" } },
            }),
        );
        const refresh = await refreshed(provider, preferences);
        assert.equal(refresh.props.allowNotifications, "NONE");
        const diff = await provider.diff!(preferences.id, refresh.props, preferences.inputs);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
    });

    it("replaces (deleting first) when the channel or the member changes", async () => {
        const preferences = await preferencesOf();
        const other = await memberChannel(alice, bob);
        for (const change of [{ channelArn: other }, { memberArn: bob, chimeBearer: bob }]) {
            const diff = await diffWith(provider, preferences, change);
            assert.deepEqual(
                diff.replaces,
                Object.keys(change).filter((k) => k !== "chimeBearer"),
            );
            assert.equal(diff.deleteBeforeReplace, true);
        }
    });

    it("goes with the membership, and a delete sets the preferences back to none", async () => {
        const preferences = await preferencesOf({ allowNotifications: "NONE" });
        await provider.delete!(preferences.id, preferences.outs);
        assert.equal(await livePush(preferences.channelArn, alice), undefined);
        const again = await preferencesOf();
        await pf.fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: again.channelArn,
                MemberArn: alice,
                ChimeBearer: pf.admin,
            }),
        );
        assert.ok(!(await refreshed(provider, again)).id);
        await provider.delete!(again.id, again.outs);
    });

    it("fails with the service's answer when the member does not belong to the channel", async () => {
        const channelArn = await createChannel(pf);
        const error = await errorOf(() =>
            created(provider, { channelArn, memberArn: bob, chimeBearer: bob, allowNotifications: "ALL" }),
        );
        assert.match(
            error.message,
            /^ChannelMembershipPreferences .*user\/bob in .*: PutChannelMembershipPreferences failed: NotFoundException/,
        );
    });

    it("rejects a bearer other than the member, and bad preferences, before any API call", async () => {
        const channelArn = await createChannel(pf);
        const good = { channelArn, memberArn: alice, chimeBearer: alice, allowNotifications: "ALL" };
        assertFailure(
            await checkFailures(pf, provider, { ...good, chimeBearer: pf.admin }),
            "chimeBearer",
            "must be memberArn",
            "only a member may set its own preferences",
            pf.admin,
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, allowNotifications: "FILTERED" }),
            "allowNotifications",
            "FILTERED needs a filterRule",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, filterRule: RULE }),
            "filterRule",
            "only when allowNotifications is FILTERED",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, allowNotifications: "FILTERED", filterRule: "[1]" }),
            "filterRule",
            "must be a JSON object",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...good, allowNotifications: "SOME" }),
            "allowNotifications",
            "SOME",
        );
        assertFailure(
            await checkFailures(pf, provider, { channelArn, memberArn: alice, chimeBearer: alice }),
            "allowNotifications",
            "required",
        );
    });

    it("lets values unknown during a preview through check, the bearer rule included", async () => {
        const { result, calls } = await pf.counting(() =>
            provider.check!(
                {},
                {
                    channelArn: UNKNOWN,
                    memberArn: UNKNOWN,
                    chimeBearer: alice,
                    allowNotifications: "FILTERED",
                    filterRule: UNKNOWN,
                },
            ),
        );
        assert.deepEqual(result.failures ?? [], []);
        assert.deepEqual(calls, {});
    });
});
