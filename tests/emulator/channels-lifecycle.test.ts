import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    AssociateChannelFlowCommand,
    CreateChannelBanCommand,
    CreateChannelCommand,
    CreateChannelMembershipCommand,
    DeleteChannelCommand,
    DeleteChannelFlowCommand,
    DeleteChannelMembershipCommand,
    DescribeChannelCommand,
    ListChannelBansCommand,
    ListChannelsAssociatedWithChannelFlowCommand,
    ListChannelMembershipsCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelMessagesCommand,
    ListChannelModeratorsCommand,
    ListChannelsModeratedByAppInstanceUserCommand,
    ListSubChannelsCommand,
    ListTagsForResourceCommand,
    PutChannelExpirationSettingsCommand,
    PutChannelMembershipPreferencesCommand,
    GetChannelMembershipPreferencesCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld, createFlow, ChannelWorld, sendMessage } from "./messages-fixture";

describe("PutChannelExpirationSettings", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    const settingsOf = async () =>
        (await fx.messaging.send(new DescribeChannelCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.owner })))
            .Channel?.ExpirationSettings;

    it("sets settings, answers with them, and removes them when the body has none", async () => {
        const settings = { ExpirationDays: 30, ExpirationCriterion: "CREATED_TIMESTAMP" as const };
        const out = await fx.messaging.send(
            new PutChannelExpirationSettingsCommand({
                ChannelArn: w.channelArn,
                ChimeBearer: w.users.mod,
                ExpirationSettings: settings,
            }),
        );
        assert.equal(out.ChannelArn, w.channelArn);
        assert.deepEqual(out.ExpirationSettings, settings);
        assert.deepEqual(await settingsOf(), settings);
        const cleared = await fx.messaging.send(
            new PutChannelExpirationSettingsCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.owner }),
        );
        assert.equal(cleared.ExpirationSettings, undefined);
        assert.equal(await settingsOf(), undefined);
    });

    it("works without a bearer (a developer call) and denies members", async () => {
        const settings = { ExpirationDays: 2, ExpirationCriterion: "LAST_MESSAGE_TIMESTAMP" as const };
        await fx.messaging.send(
            new PutChannelExpirationSettingsCommand({ ChannelArn: w.channelArn, ExpirationSettings: settings }),
        );
        assert.deepEqual(await settingsOf(), settings);
        const error = await errorOf(() =>
            fx.messaging.send(
                new PutChannelExpirationSettingsCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.alice }),
            ),
        );
        assert.equal(error.name, "ForbiddenException");
        assert.deepEqual(await settingsOf(), settings);
    });

    it("validates the settings and changes nothing", async () => {
        const before = await settingsOf();
        const error = await errorOf(() =>
            fx.messaging.send(
                new PutChannelExpirationSettingsCommand({
                    ChannelArn: w.channelArn,
                    ChimeBearer: w.users.owner,
                    ExpirationSettings: { ExpirationDays: 5476, ExpirationCriterion: "CREATED_TIMESTAMP" },
                }),
            ),
        );
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /ExpirationDays/i);
        assert.deepEqual(await settingsOf(), before);
    });
});

describe("DeleteChannel", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    it("deletes the channel with its memberships, moderators, bans, preferences, messages and tags", async () => {
        const create = () =>
            fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: w.appInstanceArn,
                    Name: "doomed",
                    ChannelId: "doomed",
                    ChimeBearer: w.users.owner,
                    MemberArns: [w.users.alice],
                    ModeratorArns: [w.users.mod],
                    Tags: [{ Key: "k", Value: "v" }],
                }),
            );
        const { ChannelArn } = await create();
        await fx.messaging.send(
            new CreateChannelBanCommand({ ChannelArn, MemberArn: w.users.carol, ChimeBearer: w.users.owner }),
        );
        await fx.messaging.send(
            new PutChannelMembershipPreferencesCommand({
                ChannelArn,
                MemberArn: w.users.alice,
                ChimeBearer: w.users.alice,
                Preferences: { PushNotifications: { AllowNotifications: "NONE" } },
            }),
        );
        await sendMessage(fx, ChannelArn!, w.users.alice, "hello");

        await fx.messaging.send(new DeleteChannelCommand({ ChannelArn, ChimeBearer: w.users.mod }));

        const gone = await errorOf(() =>
            fx.messaging.send(new DescribeChannelCommand({ ChannelArn, ChimeBearer: w.users.owner })),
        );
        assert.equal(gone.name, "NotFoundException");
        const tags = await errorOf(() =>
            fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: ChannelArn })),
        );
        assert.equal(tags.name, "NotFoundException");
        const aliceChannels = await fx.messaging.send(
            new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.alice }),
        );
        assert.ok(!aliceChannels.ChannelMemberships!.some((m) => m.ChannelSummary?.ChannelArn === ChannelArn));
        const modChannels = await fx.messaging.send(
            new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: w.users.mod }),
        );
        assert.ok(!modChannels.Channels!.some((c) => c.ChannelSummary?.ChannelArn === ChannelArn));

        // The same ChannelId again starts from nothing: no ban, no old members, messages, tags or preferences.
        await create();
        const bans = await fx.messaging.send(new ListChannelBansCommand({ ChannelArn, ChimeBearer: w.users.owner }));
        assert.deepEqual(bans.ChannelBans, []);
        await fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn,
                MemberArn: w.users.carol,
                Type: "DEFAULT",
                ChimeBearer: w.users.owner,
            }),
        );
        const messages = await fx.messaging.send(
            new ListChannelMessagesCommand({ ChannelArn, ChimeBearer: w.users.owner }),
        );
        assert.deepEqual(messages.ChannelMessages ?? [], []);
        const prefs = await fx.messaging.send(
            new GetChannelMembershipPreferencesCommand({
                ChannelArn,
                MemberArn: w.users.alice,
                ChimeBearer: w.users.alice,
            }),
        );
        assert.equal(prefs.Preferences?.PushNotifications, undefined);
        const moderators = await fx.messaging.send(
            new ListChannelModeratorsCommand({ ChannelArn, ChimeBearer: w.users.owner }),
        );
        assert.deepEqual(moderators.ChannelModerators!.map((m) => m.Moderator!.Name).sort(), ["mod", "owner"]);
    });

    it("releases the channel flow it was associated with", async () => {
        const flowArn = await createFlow(fx, w.appInstanceArn, "cleanup");
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({ AppInstanceArn: w.appInstanceArn, Name: "flowing", ChimeBearer: w.users.owner }),
        );
        await fx.messaging.send(
            new AssociateChannelFlowCommand({ ChannelArn, ChannelFlowArn: flowArn, ChimeBearer: w.users.owner }),
        );
        const busy = await errorOf(() => fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: flowArn })));
        assert.equal(busy.name, "ConflictException");
        await fx.messaging.send(new DeleteChannelCommand({ ChannelArn, ChimeBearer: w.users.owner }));
        const { Channels } = await fx.messaging.send(
            new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: flowArn }),
        );
        assert.deepEqual(Channels, []);
        await fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: flowArn }));
    });
});

describe("elastic channels", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    let channelArn: string;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: w.appInstanceArn,
                Name: "live",
                ChimeBearer: w.users.owner,
                ElasticChannelConfiguration: {
                    MaximumSubChannels: 2,
                    TargetMembershipsPerSubChannel: 2,
                    MinimumMembershipPercentage: 10,
                },
            }),
        );
        channelArn = ChannelArn!;
    });
    after(() => fx.close());

    const add = (who: string, type: "DEFAULT" | "HIDDEN" = "DEFAULT") =>
        fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channelArn,
                MemberArn: who,
                Type: type,
                ChimeBearer: w.users.owner,
            }),
        );

    it("places members in sub-channels of the target size, up to the maximum", async () => {
        const first = await add(w.users.alice);
        assert.ok(first.SubChannelId);
        await add(w.users.bob);
        const third = await add(w.users.carol);
        assert.notEqual(third.SubChannelId, first.SubChannelId);
        const { SubChannels } = await fx.messaging.send(
            new ListSubChannelsCommand({ ChannelArn: channelArn, ChimeBearer: w.users.owner }),
        );
        assert.deepEqual(
            SubChannels!.map((s) => s.MembershipCount),
            [2, 1],
        );
        await add(w.users.admin);
        const full = await errorOf(() => add(w.users.mod));
        assert.equal(full.name, "ResourceLimitExceededException");
        assert.equal(full.$metadata?.httpStatusCode, 400);
        const inFirst = await fx.messaging.send(
            new ListChannelMembershipsCommand({
                ChannelArn: channelArn,
                ChimeBearer: w.users.owner,
                SubChannelId: first.SubChannelId,
            }),
        );
        assert.deepEqual(inFirst.ChannelMemberships!.map((m) => m.Member!.Name).sort(), ["alice", "bob"]);
    });

    it("refuses hidden memberships and sub-channel listings to members", async () => {
        assert.equal((await errorOf(() => add(w.users.mod, "HIDDEN"))).name, "BadRequestException");
        const error = await errorOf(() =>
            fx.messaging.send(new ListSubChannelsCommand({ ChannelArn: channelArn, ChimeBearer: w.users.alice })),
        );
        assert.equal(error.name, "ForbiddenException");
    });

    it("places moderators in the sub-channel they name, and only moderators", async () => {
        const { SubChannels } = await fx.messaging.send(
            new ListSubChannelsCommand({ ChannelArn: channelArn, ChimeBearer: w.users.owner }),
        );
        const subChannelId = SubChannels![1].SubChannelId!;
        const addTo = (who: string, id: string) =>
            fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn: channelArn,
                    MemberArn: who,
                    Type: "DEFAULT",
                    ChimeBearer: w.users.owner,
                    SubChannelId: id,
                }),
            );
        const out = await addTo(w.users.owner, subChannelId);
        assert.equal(out.SubChannelId, subChannelId);
        const listed = await fx.messaging.send(
            new ListChannelMembershipsCommand({
                ChannelArn: channelArn,
                ChimeBearer: w.users.owner,
                SubChannelId: subChannelId,
            }),
        );
        assert.ok(listed.ChannelMemberships!.some((m) => m.Member?.Arn === w.users.owner));
        assert.equal((await errorOf(() => addTo(w.users.mod, subChannelId))).name, "BadRequestException");
        assert.equal((await errorOf(() => addTo(w.users.owner, "no-such-sub"))).name, "NotFoundException");
        const denied = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn: channelArn,
                    MemberArn: w.users.alice,
                    Type: "DEFAULT",
                    ChimeBearer: w.users.alice,
                    SubChannelId: subChannelId,
                }),
            ),
        );
        assert.equal(denied.name, "ForbiddenException");
        await fx.messaging.send(
            new DeleteChannelMembershipCommand({
                ChannelArn: channelArn,
                MemberArn: w.users.owner,
                ChimeBearer: w.users.owner,
            }),
        );
        const after = await fx.messaging.send(
            new ListChannelMembershipsCommand({
                ChannelArn: channelArn,
                ChimeBearer: w.users.owner,
                SubChannelId: subChannelId,
            }),
        );
        assert.ok(!after.ChannelMemberships!.some((m) => m.Member?.Arn === w.users.owner));
    });

    it("has no sub-channels on a regular channel", async () => {
        const error = await errorOf(() =>
            fx.messaging.send(new ListSubChannelsCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.owner })),
        );
        assert.equal(error.name, "BadRequestException");
    });
});
