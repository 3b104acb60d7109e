import { after, before, describe, it } from "mocha";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    DeleteChannelCommand,
    DescribeChannelCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { CreateAppInstanceAdminCommand, CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import { errorOf } from "../helpers/emulator";
import { liveTagsOf, mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { UNKNOWN } from "../../provider/unknowns";

type Props = Record<string, any>;

let pf: ProviderFixture;
let channel: pulumi.dynamic.ResourceProvider;
let baseInputs: Props;

describe("Channel provider against the emulator", () => {
    before(async () => {
        pf = await startProviderFixture();
        channel = pf.provider("Channel");
        baseInputs = { appInstanceArn: pf.world.appInstanceArn, name: "General", chimeBearer: pf.admin };
    });
    after(() => pf.close());

    async function checked(news: Props): Promise<Props> {
        const result = await channel.check!({}, news);
        assert.deepEqual(result.failures ?? [], [], "check failed");
        return result.inputs!;
    }

    async function created(news: Props): Promise<{ id: string; outs: Props; inputs: Props }> {
        const inputs = await checked(news);
        const { id, outs } = await channel.create(inputs);
        return { id, outs, inputs };
    }

    async function live(arn: string) {
        const { Channel } = await pf.fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: pf.admin }),
        );
        return Channel!;
    }

    function liveTags(arn: string): Promise<Record<string, string>> {
        return liveTagsOf(pf, "messaging", arn);
    }

    /** Runs check, diff and (when it says so) update, as the engine does for a changed program. */
    async function applied(state: { id: string; outs: Props }, news: Props) {
        const inputs = await checked(news);
        const diff = await channel.diff!(state.id, state.outs, inputs);
        const { result, calls } = await pf.counting(() => channel.update!(state.id, state.outs, inputs));
        return { diff, outs: result.outs as Props, calls };
    }

    describe("Channel check", () => {
        it("fills the service defaults so they never show up as drift", async () => {
            const inputs = await checked(baseInputs);
            assert.equal(inputs.mode, "UNRESTRICTED");
            assert.equal(inputs.privacy, "PUBLIC");
        });

        it("rejects bad inputs naming the property, the rule and the value, without any API call", async () => {
            const { result, calls } = await pf.counting(() =>
                channel.check!(
                    {},
                    {
                        ...baseInputs,
                        name: "",
                        mode: "OPEN",
                        privacy: "SECRET",
                        channelId: "-bad-",
                        expirationSettings: { expirationDays: 0, expirationCriterion: "CREATED_TIMESTAMP" },
                    },
                ),
            );
            assert.deepEqual(calls, {});
            const byProperty = Object.fromEntries(result.failures!.map((f) => [f.property, f.reason]));
            assert.match(byProperty.name, /length/i);
            assert.match(byProperty.mode, /OPEN/);
            assert.match(byProperty.mode, /UNRESTRICTED/);
            assert.match(byProperty.privacy, /SECRET/);
            // ChannelId is a sensitive shape in the API model: the reason names the rule but not the value.
            assert.match(byProperty.channelId, /channelId must match the pattern/);
            assert.match(byProperty.expirationSettings, /ExpirationDays|expirationDays/);
        });

        it("requires appInstanceArn, name and chimeBearer, and refuses unknown properties", async () => {
            const result = await channel.check!({}, { nmae: "typo" });
            const properties = result.failures!.map((f) => f.property).sort();
            assert.deepEqual(properties, ["appInstanceArn", "chimeBearer", "name", "nmae"]);
        });

        it("refuses an app instance ARN that is not one, and a bearer of another app instance", async () => {
            const notAnInstance = await channel.check!({}, { ...baseInputs, appInstanceArn: pf.admin });
            assert.deepEqual(
                notAnInstance.failures!.map((f) => f.property),
                ["appInstanceArn"],
            );
            assert.match(notAnInstance.failures![0].reason, /must be an app instance ARN/);

            const { AppInstanceArn } = await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: "other" }));
            const { result, calls } = await pf.counting(() =>
                channel.check!({}, { ...baseInputs, appInstanceArn: AppInstanceArn }),
            );
            assert.deepEqual(calls, {});
            assert.equal(result.failures!.length, 1);
            assert.equal(result.failures![0].property, "chimeBearer");
            assert.ok(
                result.failures![0].reason.includes(AppInstanceArn!) && result.failures![0].reason.includes(pf.admin),
                result.failures![0].reason,
            );
        });

        it("says chimeBearer is required once, and refuses an app instance ARN as the bearer", async () => {
            const missing = await channel.check!({}, { ...baseInputs, chimeBearer: undefined });
            assert.deepEqual(missing.failures, [{ property: "chimeBearer", reason: "chimeBearer is required" }]);
            const instance = baseInputs.appInstanceArn;
            const notAUser = await channel.check!({}, { ...baseInputs, chimeBearer: instance });
            assert.deepEqual(notAUser.failures, [
                {
                    property: "chimeBearer",
                    reason:
                        "chimeBearer must be an app instance user or bot ARN (<app instance ARN>/user/<id> or " +
                        `/bot/<id>) (got ${instance})`,
                },
            ]);
        });

        it("lets values unknown during a preview pass", async () => {
            const result = await channel.check!({}, { ...baseInputs, appInstanceArn: UNKNOWN, chimeBearer: UNKNOWN });
            assert.deepEqual(result.failures ?? [], []);
            assert.equal(result.inputs!.appInstanceArn, UNKNOWN);
        });
    });

    describe("Channel lifecycle", () => {
        it("create makes the channel and reports its outputs", async () => {
            const { result, calls } = await pf.counting(() =>
                created({
                    ...baseInputs,
                    metadata: "m",
                    mode: "RESTRICTED",
                    privacy: "PRIVATE",
                    channelId: "general-1",
                    tags: { team: "a" },
                }),
            );
            assert.equal(calls.CreateChannel, 1);
            const { id, outs } = result;
            assert.equal(id, `${pf.world.appInstanceArn}/channel/general-1`);
            assert.equal(outs.arn, id);
            const channelNow = await live(id);
            assert.equal(channelNow.Name, "General");
            assert.equal(channelNow.Mode, "RESTRICTED");
            assert.equal(channelNow.Privacy, "PRIVATE");
            assert.equal(channelNow.Metadata, "m");
            assert.deepEqual(await liveTags(id), { team: "a" });
            assert.equal(outs.createdTimestamp, channelNow.CreatedTimestamp!.toISOString());
            assert.equal(outs.lastUpdatedTimestamp, channelNow.LastUpdatedTimestamp!.toISOString());
            assert.equal(outs.createdBy.arn, pf.admin);
            assert.equal(outs.chimeBearer, pf.admin);
            for (const value of Object.values(outs)) assert.notEqual(value, undefined);
        });

        it("a second diff with the same inputs reports no change, and update then calls nothing", async () => {
            const state = await created({
                ...baseInputs,
                name: "Stable",
                tags: { a: "1" },
                expirationSettings: { expirationDays: 3, expirationCriterion: "CREATED_TIMESTAMP" },
            });
            const inputs = await checked({
                ...baseInputs,
                name: "Stable",
                tags: { a: "1" },
                expirationSettings: { expirationDays: 3, expirationCriterion: "CREATED_TIMESTAMP" },
            });
            const diff = await channel.diff!(state.id, state.outs, inputs);
            assert.equal(diff.changes, false);
            assert.deepEqual(diff.replaces, []);
            const { calls } = await pf.counting(() => channel.update!(state.id, state.outs, inputs));
            assert.deepEqual(mutatingCalls(calls), {});
            // After a refresh with no drift, the same holds.
            const refreshed = await channel.read!(state.id, state.outs);
            assert.equal((await channel.diff!(state.id, refreshed.props!, inputs)).changes, false);
        });

        it("name, mode and metadata change in place with one UpdateChannel", async () => {
            const state = await created({ ...baseInputs, metadata: "before" });
            const { diff, outs, calls } = await applied(state, {
                ...baseInputs,
                name: "Renamed",
                mode: "RESTRICTED",
                metadata: "after",
            });
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces, []);
            assert.deepEqual(mutatingCalls(calls), { UpdateChannel: 1 });
            const channelNow = await live(state.id);
            assert.deepEqual(
                [channelNow.Name, channelNow.Mode, channelNow.Metadata],
                ["Renamed", "RESTRICTED", "after"],
            );
            assert.equal(outs.name, "Renamed");
            assert.equal(outs.arn, state.id);
            assert.equal(outs.lastUpdatedTimestamp, channelNow.LastUpdatedTimestamp!.toISOString());
        });

        it("removing metadata clears it, and a refresh then shows no drift", async () => {
            const state = await created({ ...baseInputs, metadata: "something" });
            const { outs } = await applied(state, baseInputs);
            assert.ok(!(await live(state.id)).Metadata, "metadata is still set");
            const refreshed = await channel.read!(state.id, outs);
            assert.equal((await channel.diff!(state.id, refreshed.props!, await checked(baseInputs))).changes, false);
        });

        it("expiration settings are put, changed and removed in place", async () => {
            const state = await created(baseInputs);
            const settings = { expirationDays: 7, expirationCriterion: "LAST_MESSAGE_TIMESTAMP" };
            const added = await applied(state, { ...baseInputs, expirationSettings: settings });
            assert.deepEqual(added.diff.replaces, []);
            assert.deepEqual(mutatingCalls(added.calls), { PutChannelExpirationSettings: 1 });
            assert.deepEqual((await live(state.id)).ExpirationSettings, {
                ExpirationDays: 7,
                ExpirationCriterion: "LAST_MESSAGE_TIMESTAMP",
            });

            const changed = await applied(
                { id: state.id, outs: added.outs },
                { ...baseInputs, expirationSettings: { ...settings, expirationDays: 30 } },
            );
            assert.deepEqual(mutatingCalls(changed.calls), { PutChannelExpirationSettings: 1 });
            assert.equal((await live(state.id)).ExpirationSettings?.ExpirationDays, 30);

            const removed = await applied({ id: state.id, outs: changed.outs }, baseInputs);
            assert.deepEqual(mutatingCalls(removed.calls), { PutChannelExpirationSettings: 1 });
            assert.equal((await live(state.id)).ExpirationSettings, undefined);
        });

        it("tags: each added, changed or removed key is one precise call", async () => {
            const state = await created({ ...baseInputs, tags: { keep: "1", change: "old", drop: "x" } });
            const added = await applied(state, {
                ...baseInputs,
                tags: { keep: "1", change: "old", drop: "x", extra: "new" },
            });
            assert.deepEqual(mutatingCalls(added.calls), { TagResource: 1 });
            assert.deepEqual(await liveTags(state.id), { keep: "1", change: "old", drop: "x", extra: "new" });

            const changed = await applied(
                { id: state.id, outs: added.outs },
                { ...baseInputs, tags: { keep: "1", change: "new", drop: "x", extra: "new" } },
            );
            assert.deepEqual(mutatingCalls(changed.calls), { TagResource: 1 });

            const removed = await applied(
                { id: state.id, outs: changed.outs },
                { ...baseInputs, tags: { keep: "1", change: "new", extra: "new" } },
            );
            assert.deepEqual(mutatingCalls(removed.calls), { UntagResource: 1 });
            assert.deepEqual(await liveTags(state.id), { keep: "1", change: "new", extra: "new" });

            const cleared = await applied({ id: state.id, outs: removed.outs }, baseInputs);
            assert.deepEqual(mutatingCalls(cleared.calls), { UntagResource: 1 });
            assert.deepEqual(await liveTags(state.id), {});
        });

        const otherInstance = "arn:aws:chime:us-east-1:123456789012:app-instance/other";
        for (const [property, value] of [
            ["appInstanceArn", otherInstance],
            ["privacy", "PRIVATE"],
            ["channelId", "another-id"],
            [
                "elasticChannelConfiguration",
                { maximumSubChannels: 2, targetMembershipsPerSubChannel: 2, minimumMembershipPercentage: 10 },
            ],
        ] as const) {
            it(`a change of ${property} is a replacement (create before delete)`, async () => {
                const state = await created(baseInputs);
                // Moving to another app instance takes a bearer of that instance too (which alone replaces nothing).
                const bearer = property === "appInstanceArn" ? { chimeBearer: `${otherInstance}/user/admin` } : {};
                const inputs = await checked({ ...baseInputs, ...bearer, [property]: value });
                const diff = await channel.diff!(state.id, state.outs, inputs);
                assert.equal(diff.changes, true);
                assert.deepEqual(diff.replaces, [property]);
                assert.equal(diff.deleteBeforeReplace, false);
            });
        }

        it("a replacement that keeps a caller-chosen channelId deletes the old channel first (same ARN)", async () => {
            const program = { ...baseInputs, channelId: "fixed-1" };
            const state = await created(program);
            const news = await checked({ ...program, privacy: "PRIVATE" });
            const diff = await channel.diff!(state.id, state.outs, news);
            assert.deepEqual(diff.replaces, ["privacy"]);
            assert.equal(diff.deleteBeforeReplace, true);
            // Create-before-delete finds the ARN taken by a channel that differs: it is not taken over.
            assert.match(
                (await errorOf(() => channel.create(news))).message,
                /Channel: the channel .*\/channel\/fixed-1 already exists, but it differs from the program, so it was not taken over: privacy: declared "PRIVATE", live "PUBLIC"/,
            );
            await channel.delete!(state.id, state.outs);
            const replacement = await channel.create(news);
            assert.equal(replacement.id, state.id);
            assert.equal((await live(state.id)).Privacy, "PRIVATE");

            // A new channelId, or none, lets the replacement be created first.
            const renamedId = await channel.diff!(
                state.id,
                state.outs,
                await checked({ ...program, channelId: "fixed-2" }),
            );
            assert.equal(renamedId.deleteBeforeReplace, false);
            const previewId = await channel.diff!(
                state.id,
                state.outs,
                await checked({ ...program, privacy: "PRIVATE", channelId: UNKNOWN }),
            );
            assert.equal(previewId.deleteBeforeReplace, true);
        });

        it("create-only properties survive a refresh without drift", async () => {
            const elastic = {
                maximumSubChannels: 4,
                targetMembershipsPerSubChannel: 2,
                minimumMembershipPercentage: 10,
            };
            const program = {
                ...baseInputs,
                channelId: "elastic-1",
                privacy: "PUBLIC",
                elasticChannelConfiguration: elastic,
            };
            const state = await created(program);
            assert.deepEqual((await live(state.id)).ElasticChannelConfiguration, {
                MaximumSubChannels: 4,
                TargetMembershipsPerSubChannel: 2,
                MinimumMembershipPercentage: 10,
            });
            const refreshed = await channel.read!(state.id, state.outs);
            assert.deepEqual(refreshed.props!.elasticChannelConfiguration, elastic);
            assert.equal(refreshed.props!.channelId, "elastic-1");
            const diff = await channel.diff!(state.id, refreshed.props!, await checked(program));
            assert.deepEqual([diff.changes, diff.replaces], [false, []]);
        });

        it("a value unknown during a preview shows as a change (a replacement for a create-only property)", async () => {
            const state = await created(baseInputs);
            const diff = await channel.diff!(
                state.id,
                state.outs,
                await checked({ ...baseInputs, appInstanceArn: UNKNOWN, name: UNKNOWN }),
            );
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces, ["appInstanceArn"]);
        });

        it("a new chimeBearer changes the state only; later calls are made as the new bearer", async () => {
            const state = await created(baseInputs);
            const alice = pf.world.users.alice; // not a moderator: the service refuses her UpdateChannel
            const switched = await applied(state, { ...baseInputs, chimeBearer: alice });
            assert.equal(switched.diff.changes, true);
            assert.deepEqual(switched.diff.replaces, []);
            assert.deepEqual(switched.calls, {});
            assert.equal(switched.outs.chimeBearer, alice);
            assert.equal(switched.outs.arn, state.id);

            const inputs = await checked({ ...baseInputs, chimeBearer: alice, name: "As alice" });
            const error = await errorOf(() => channel.update!(state.id, switched.outs, inputs));
            assert.match(
                error.message,
                new RegExp(
                    `^Channel ${escape(state.id)}: UpdateChannel failed: ForbiddenException: .*${escape(alice)}`,
                ),
            );
            assert.equal((await live(state.id)).Name, "General");
        });

        it("refresh shows drift made out of band", async () => {
            const state = await created({ ...baseInputs, metadata: "m" });
            await pf.fx.messaging.send(
                new UpdateChannelCommand({
                    ChannelArn: state.id,
                    Name: "Changed elsewhere",
                    Metadata: "m",
                    ChimeBearer: pf.admin,
                }),
            );
            const refreshed = await channel.read!(state.id, state.outs);
            assert.equal(refreshed.id, state.id);
            assert.equal(refreshed.props!.name, "Changed elsewhere");
            assert.equal(refreshed.inputs!.name, "Changed elsewhere");
            assert.equal(refreshed.props!.chimeBearer, pf.admin);
            const diff = await channel.diff!(
                state.id,
                refreshed.props!,
                await checked({ ...baseInputs, metadata: "m" }),
            );
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces, []);
        });

        it("refresh of a channel deleted out of band reports it gone", async () => {
            const state = await created(baseInputs);
            await pf.fx.messaging.send(new DeleteChannelCommand({ ChannelArn: state.id, ChimeBearer: pf.admin }));
            const refreshed = await channel.read!(state.id, state.outs);
            assert.ok(!refreshed.id, `expected no id, got ${refreshed.id}`);
        });

        it("delete removes the channel, and deleting a channel already gone succeeds", async () => {
            const state = await created(baseInputs);
            const { calls } = await pf.counting(() => channel.delete!(state.id, state.outs));
            assert.deepEqual(calls, { DeleteChannel: 1 });
            const error = await errorOf(() => live(state.id));
            assert.equal(error.name, "NotFoundException");
            await channel.delete!(state.id, state.outs);
        });

        it("delete uses the bearer recorded last", async () => {
            const state = await created(baseInputs);
            await pf.fx.identity.send(
                new CreateAppInstanceAdminCommand({
                    AppInstanceArn: pf.world.appInstanceArn,
                    AppInstanceAdminArn: pf.world.users.bob,
                }),
            );
            const switched = await applied(state, { ...baseInputs, chimeBearer: pf.world.users.bob });
            await channel.delete!(state.id, switched.outs);
            assert.equal((await errorOf(() => live(state.id))).name, "NotFoundException");
        });

        it("an error says which resource, which call and what the service said", async () => {
            const inputs = await checked({ ...baseInputs, chimeBearer: `${pf.world.appInstanceArn}/user/nobody` });
            const error = await errorOf(() => channel.create(inputs));
            assert.match(error.message, /^Channel "General": CreateChannel failed: \w+Exception: .+/);
        });
    });

    function escape(text: string): string {
        return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }
});
