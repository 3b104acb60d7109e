import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelCommand,
    CreateChannelCommandInput,
    DeleteChannelCommand,
    DescribeChannelCommand,
    DescribeChannelMembershipCommand,
    DescribeChannelModeratorCommand,
    ListChannelMembershipsCommand,
    ListChannelModeratorsCommand,
    ListChannelsCommand,
    ListTagsForResourceCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld, ChannelWorld } from "./messages-fixture";

describe("CreateChannel", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    const create = (input: Partial<CreateChannelCommandInput> = {}) =>
        fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: w.appInstanceArn,
                Name: "room",
                ChimeBearer: w.users.owner,
                ...input,
            }),
        );
    const describeAs = (bearer: string, channelArn: string) =>
        fx.messaging.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));
    const listAll = async () =>
        (
            await fx.messaging.send(
                new ListChannelsCommand({ AppInstanceArn: w.appInstanceArn, ChimeBearer: w.users.admin }),
            )
        ).Channels!.map((c) => c.ChannelArn);

    it("creates an UNRESTRICTED PUBLIC channel with a 64-hex id under the app instance", async () => {
        const before = Date.now();
        const { ChannelArn } = await create({ Metadata: "m" });
        assert.match(ChannelArn!, new RegExp(`^${w.appInstanceArn}/channel/[0-9a-f]{64}$`));
        const { Channel } = await describeAs(w.users.owner, ChannelArn!);
        assert.equal(Channel?.Name, "room");
        assert.equal(Channel?.Mode, "UNRESTRICTED");
        assert.equal(Channel?.Privacy, "PUBLIC");
        assert.equal(Channel?.Metadata, "m");
        assert.deepEqual(Channel?.CreatedBy, { Arn: w.users.owner, Name: "owner" });
        assert.ok(Channel!.CreatedTimestamp!.getTime() >= before - 1000);
        assert.equal(Channel?.LastUpdatedTimestamp?.getTime(), Channel?.CreatedTimestamp?.getTime());
    });

    it("makes the creator a moderator and a member", async () => {
        const { ChannelArn } = await create();
        const { ChannelModerator } = await fx.messaging.send(
            new DescribeChannelModeratorCommand({
                ChannelArn,
                ChannelModeratorArn: w.users.owner,
                ChimeBearer: w.users.owner,
            }),
        );
        assert.deepEqual(ChannelModerator?.Moderator, { Arn: w.users.owner, Name: "owner" });
        const { ChannelMembership } = await fx.messaging.send(
            new DescribeChannelMembershipCommand({ ChannelArn, MemberArn: w.users.owner, ChimeBearer: w.users.owner }),
        );
        assert.equal(ChannelMembership?.Type, "DEFAULT");
        assert.deepEqual(ChannelMembership?.InvitedBy, { Arn: w.users.owner, Name: "owner" });
    });

    it("adds MemberArns as members and ModeratorArns as moderators", async () => {
        const { ChannelArn } = await create({ MemberArns: [w.users.alice, w.users.bob], ModeratorArns: [w.users.mod] });
        const { ChannelMemberships } = await fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn, ChimeBearer: w.users.owner }),
        );
        assert.deepEqual(ChannelMemberships!.map((m) => m.Member!.Name).sort(), ["alice", "bob", "owner"]);
        const { ChannelModerators } = await fx.messaging.send(
            new ListChannelModeratorsCommand({ ChannelArn, ChimeBearer: w.users.owner }),
        );
        assert.deepEqual(ChannelModerators!.map((m) => m.Moderator!.Name).sort(), ["mod", "owner"]);
    });

    it("uses ChannelId in the ARN and refuses a second channel with the same id", async () => {
        const { ChannelArn } = await create({ ChannelId: "team-1" });
        assert.equal(ChannelArn, `${w.appInstanceArn}/channel/team-1`);
        const error = await errorOf(() => create({ ChannelId: "team-1", Name: "other" }));
        assert.equal(error.name, "ConflictException");
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.equal((await describeAs(w.users.owner, ChannelArn!)).Channel?.Name, "room");
    });

    it("answers a repeated ClientRequestToken with the first channel, and the token with other input with a conflict", async () => {
        const count = (await listAll()).length;
        const first = await create({ ClientRequestToken: "token-1", Name: "once" });
        const again = await create({ ClientRequestToken: "token-1", Name: "once" });
        assert.equal(again.ChannelArn, first.ChannelArn);
        assert.equal((await listAll()).length, count + 1);
        const error = await errorOf(() => create({ ClientRequestToken: "token-1", Name: "different" }));
        assert.equal(error.name, "ConflictException");
        assert.equal((await listAll()).length, count + 1);
    });

    it("stores Tags", async () => {
        const { ChannelArn } = await create({ Tags: [{ Key: "team", Value: "blue" }] });
        const { Tags } = await fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: ChannelArn }));
        assert.deepEqual(Tags, [{ Key: "team", Value: "blue" }]);
    });

    it("stores ElasticChannelConfiguration and ExpirationSettings", async () => {
        const elastic = { MaximumSubChannels: 3, TargetMembershipsPerSubChannel: 4, MinimumMembershipPercentage: 10 };
        const expiration = { ExpirationDays: 7, ExpirationCriterion: "LAST_MESSAGE_TIMESTAMP" as const };
        const { ChannelArn } = await create({ ElasticChannelConfiguration: elastic, ExpirationSettings: expiration });
        const { Channel } = await describeAs(w.users.owner, ChannelArn!);
        assert.deepEqual(Channel?.ElasticChannelConfiguration, elastic);
        assert.deepEqual(Channel?.ExpirationSettings, expiration);
    });

    it("refuses members that are not users of the app instance, naming the field, and creates nothing", async () => {
        const count = (await listAll()).length;
        const stranger = `${w.appInstanceArn}/user/nobody`;
        const error = await errorOf(() => create({ MemberArns: [w.users.alice, stranger] }));
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /MemberArns/);
        assert.match(error.message, /nobody/);
        const other = await errorOf(() =>
            create({ ModeratorArns: ["arn:aws:chime:us-east-1:123456789012:app-instance/x/user/y"] }),
        );
        assert.equal(other.name, "BadRequestException");
        assert.match(other.message, /ModeratorArns/);
        assert.equal((await listAll()).length, count);
    });

    it("validates the input against the model, naming the field, and creates nothing", async () => {
        const count = (await listAll()).length;
        const cases: [Partial<CreateChannelCommandInput>, RegExp][] = [
            [{ Name: "" }, /Name/i],
            [{ Mode: "WHATEVER" as never }, /Mode/i],
            [{ Privacy: "SECRET" as never }, /Privacy/i],
            [{ ChannelId: "-bad-" }, /ChannelId/i],
            [{ Metadata: "x".repeat(1025) }, /Metadata/i],
            [
                { ExpirationSettings: { ExpirationDays: 0, ExpirationCriterion: "CREATED_TIMESTAMP" } },
                /ExpirationDays/i,
            ],
            [
                {
                    ElasticChannelConfiguration: {
                        MaximumSubChannels: 1,
                        TargetMembershipsPerSubChannel: 2,
                        MinimumMembershipPercentage: 10,
                    },
                },
                /MaximumSubChannels/i,
            ],
            [{ MemberArns: Array.from({ length: 11 }, () => w.users.alice) }, /MemberArns/i],
        ];
        for (const [input, field] of cases) {
            const error = await errorOf(() => create(input));
            assert.equal(error.name, "BadRequestException", JSON.stringify(input).slice(0, 80));
            assert.match(error.message, field);
        }
        assert.equal((await listAll()).length, count);
    });

    it("refuses a bearer that is not a user of the app instance", async () => {
        const error = await errorOf(() => create({ ChimeBearer: `${w.appInstanceArn}/user/ghost` }));
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /x-amz-chime-bearer/);
    });

    it("answers NotFoundException for a missing app instance", async () => {
        const missing = w.appInstanceArn.replace(/[0-9a-f]{4}$/, "0000");
        const error = await errorOf(() => create({ AppInstanceArn: missing }));
        assert.equal(error.name, "NotFoundException");
    });
});

describe("UpdateChannel, DescribeChannel and DeleteChannel", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    const update = (
        bearer: string,
        changes: { Name?: string; Mode?: "RESTRICTED" | "UNRESTRICTED"; Metadata?: string },
        channelArn = w.channelArn,
    ) => fx.messaging.send(new UpdateChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer, ...changes }));
    const describeAs = (bearer: string, channelArn = w.channelArn) =>
        fx.messaging.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer }));

    it("lets a moderator change Name, Mode and Metadata, each optional, and keeps the privacy", async () => {
        const before = (await describeAs(w.users.owner)).Channel!;
        await update(w.users.mod, { Name: "renamed", Mode: "RESTRICTED", Metadata: "v2" });
        await update(w.users.mod, { Metadata: "v3" });
        const after = (await describeAs(w.users.owner)).Channel!;
        assert.equal(after.Name, "renamed");
        assert.equal(after.Mode, "RESTRICTED");
        assert.equal(after.Metadata, "v3");
        assert.equal(after.Privacy, before.Privacy);
        assert.ok(after.LastUpdatedTimestamp!.getTime() >= before.LastUpdatedTimestamp!.getTime());
        assert.equal(after.CreatedTimestamp!.getTime(), before.CreatedTimestamp!.getTime());
    });

    it("lets an app instance admin update a channel it is not in", async () => {
        await update(w.users.admin, { Name: "by-admin" });
        assert.equal((await describeAs(w.users.owner)).Channel?.Name, "by-admin");
    });

    it("denies members and non-members UpdateChannel with a ForbiddenException naming bearer and operation", async () => {
        const name = (await describeAs(w.users.owner)).Channel?.Name;
        for (const who of [w.users.alice, w.users.carol]) {
            const error = await errorOf(() => update(who, { Name: "hijack" }));
            assert.equal(error.name, "ForbiddenException");
            assert.equal(error.$metadata?.httpStatusCode, 403);
            assert.ok(error.message.includes(who), error.message);
            assert.match(error.message, /UpdateChannel/);
        }
        assert.equal((await describeAs(w.users.owner)).Channel?.Name, name);
    });

    it("validates UpdateChannel input and changes nothing", async () => {
        const before = (await describeAs(w.users.owner)).Channel!;
        const error = await errorOf(() => update(w.users.owner, { Name: "", Metadata: "changed" }));
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /name/i);
        assert.equal((await describeAs(w.users.owner)).Channel?.Metadata, before.Metadata);
    });

    it("shows a PUBLIC channel to anyone in the app instance and a PRIVATE one only to its members, moderators and admins", async () => {
        assert.ok((await describeAs(w.users.carol)).Channel);
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: w.appInstanceArn,
                Name: "secret",
                Privacy: "PRIVATE",
                ChimeBearer: w.users.owner,
                MemberArns: [w.users.alice],
            }),
        );
        for (const who of [w.users.owner, w.users.alice, w.users.admin]) {
            assert.equal((await describeAs(who, ChannelArn)).Channel?.Privacy, "PRIVATE");
        }
        const error = await errorOf(() => describeAs(w.users.carol, ChannelArn));
        assert.equal(error.name, "ForbiddenException");
        assert.match(error.message, /DescribeChannel/);
    });

    it("answers NotFoundException for a channel that does not exist", async () => {
        const error = await errorOf(() => describeAs(w.users.owner, `${w.appInstanceArn}/channel/nope`));
        assert.equal(error.name, "NotFoundException");
        assert.equal(error.$metadata?.httpStatusCode, 404);
    });

    it("denies members DeleteChannel", async () => {
        const error = await errorOf(() =>
            fx.messaging.send(new DeleteChannelCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.alice })),
        );
        assert.equal(error.name, "ForbiddenException");
        assert.ok((await describeAs(w.users.owner)).Channel);
    });
});
