import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BatchCreateChannelMembershipCommand,
    ChannelMembershipType,
    CreateChannelBanCommand,
    CreateChannelCommand,
    CreateChannelMembershipCommand,
    DeleteChannelMembershipCommand,
    DescribeChannelMembershipCommand,
    GetChannelMembershipPreferencesCommand,
    ListChannelMembershipsCommand,
    PutChannelMembershipPreferencesCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import {
    CreateAppInstanceBotCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld, ChannelWorld } from "./messages-fixture";

describe("channel memberships", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    const newChannel = async (
        mode: "RESTRICTED" | "UNRESTRICTED" = "UNRESTRICTED",
        privacy: "PUBLIC" | "PRIVATE" = "PUBLIC",
    ) =>
        (
            await fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: w.appInstanceArn,
                    Name: "c",
                    Mode: mode,
                    Privacy: privacy,
                    ChimeBearer: w.users.owner,
                    MemberArns: [w.users.alice],
                    ModeratorArns: [w.users.mod],
                }),
            )
        ).ChannelArn!;
    const add = (channelArn: string, bearer: string, member: string, type: ChannelMembershipType = "DEFAULT") =>
        fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channelArn,
                MemberArn: member,
                Type: type,
                ChimeBearer: bearer,
            }),
        );
    const describeMembership = (channelArn: string, member: string, bearer = w.users.owner) =>
        fx.messaging.send(
            new DescribeChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: member, ChimeBearer: bearer }),
        );
    const memberNames = async (channelArn: string, type?: ChannelMembershipType, bearer = w.users.owner) =>
        (
            await fx.messaging.send(
                new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: bearer, Type: type }),
            )
        )
            .ChannelMemberships!.map((m) => m.Member!.Name!)
            .sort();

    it("adds a member and describes the membership", async () => {
        const channelArn = await newChannel();
        const out = await add(channelArn, w.users.mod, w.users.bob);
        assert.equal(out.ChannelArn, channelArn);
        assert.deepEqual(out.Member, { Arn: w.users.bob, Name: "bob" });
        const { ChannelMembership } = await describeMembership(channelArn, w.users.bob);
        assert.equal(ChannelMembership?.ChannelArn, channelArn);
        assert.deepEqual(ChannelMembership?.Member, { Arn: w.users.bob, Name: "bob" });
        assert.deepEqual(ChannelMembership?.InvitedBy, { Arn: w.users.mod, Name: "mod" });
        assert.equal(ChannelMembership?.Type, "DEFAULT");
        assert.ok(ChannelMembership?.CreatedTimestamp instanceof Date);
        assert.ok(ChannelMembership?.LastUpdatedTimestamp instanceof Date);
        assert.deepEqual(await memberNames(channelArn), ["alice", "bob", "owner"]);
    });

    it("answers a repeated add of the same type with the existing membership, and another type with a conflict", async () => {
        const channelArn = await newChannel();
        await add(channelArn, w.users.owner, w.users.bob);
        const first = (await describeMembership(channelArn, w.users.bob)).ChannelMembership!;
        await new Promise((resolve) => setTimeout(resolve, 5));
        const again = await add(channelArn, w.users.mod, w.users.bob);
        assert.deepEqual(again.Member, { Arn: w.users.bob, Name: "bob" });
        const after = (await describeMembership(channelArn, w.users.bob)).ChannelMembership!;
        assert.deepEqual(after, first);
        const error = await errorOf(() => add(channelArn, w.users.owner, w.users.bob, "HIDDEN"));
        assert.equal(error.name, "ConflictException");
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.equal((await describeMembership(channelArn, w.users.bob)).ChannelMembership?.Type, "DEFAULT");
    });

    it("lets members add others to UNRESTRICTED channels only; non-members may not add anyone", async () => {
        const open = await newChannel("UNRESTRICTED");
        await add(open, w.users.alice, w.users.bob);
        assert.deepEqual(await memberNames(open), ["alice", "bob", "owner"]);
        const outsider = await errorOf(() => add(open, w.users.carol, w.users.carol));
        assert.equal(outsider.name, "ForbiddenException");

        const closed = await newChannel("RESTRICTED");
        const error = await errorOf(() => add(closed, w.users.alice, w.users.bob));
        assert.equal(error.name, "ForbiddenException");
        assert.ok(error.message.includes(w.users.alice));
        assert.match(error.message, /CreateChannelMembership/);
        await add(closed, w.users.mod, w.users.bob);
        await add(closed, w.users.admin, w.users.carol);
        assert.deepEqual(await memberNames(closed), ["alice", "bob", "carol", "owner"]);
    });

    it("follows UpdateChannel's mode change", async () => {
        const channelArn = await newChannel("UNRESTRICTED");
        await fx.messaging.send(
            new UpdateChannelCommand({ ChannelArn: channelArn, Mode: "RESTRICTED", ChimeBearer: w.users.owner }),
        );
        assert.equal((await errorOf(() => add(channelArn, w.users.alice, w.users.bob))).name, "ForbiddenException");
    });

    it("only adds users and bots of the channel's app instance, naming MemberArn", async () => {
        const channelArn = await newChannel();
        const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: "other" }));
        const { AppInstanceUserArn } = await fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: "zed", Name: "zed" }),
        );
        for (const stranger of [AppInstanceUserArn!, `${w.appInstanceArn}/user/nobody`]) {
            const error = await errorOf(() => add(channelArn, w.users.owner, stranger));
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /MemberArn/);
        }
        assert.deepEqual(await memberNames(channelArn), ["alice", "owner"]);
    });

    it("adds app instance bots, which can also act as bearers", async () => {
        const channelArn = await newChannel();
        const { AppInstanceBotArn } = await fx.identity.send(
            new CreateAppInstanceBotCommand({
                AppInstanceArn: w.appInstanceArn,
                Name: "helper",
                Configuration: {
                    Lex: {
                        LexBotAliasArn: "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST",
                        LocaleId: "en_US",
                        RespondsTo: "STANDARD_MESSAGES",
                    },
                },
            }),
        );
        const out = await add(channelArn, w.users.owner, AppInstanceBotArn!);
        assert.deepEqual(out.Member, { Arn: AppInstanceBotArn, Name: "helper" });
        await add(channelArn, AppInstanceBotArn!, w.users.bob);
        const { ChannelMembership } = await describeMembership(channelArn, w.users.bob);
        assert.deepEqual(ChannelMembership?.InvitedBy, { Arn: AppInstanceBotArn, Name: "helper" });
    });

    it("refuses a bearer from another app instance", async () => {
        const channelArn = await newChannel();
        const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: "elsewhere" }));
        const { AppInstanceUserArn } = await fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: "outsider", Name: "outsider" }),
        );
        const error = await errorOf(() => add(channelArn, AppInstanceUserArn!, AppInstanceUserArn!));
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /x-amz-chime-bearer/);
        const list = await errorOf(() => memberNames(channelArn, undefined, AppInstanceUserArn!));
        assert.equal(list.name, "BadRequestException");
    });

    it("validates Type and MemberArn", async () => {
        const channelArn = await newChannel();
        const badType = await errorOf(() => add(channelArn, w.users.owner, w.users.bob, "VIP" as never));
        assert.equal(badType.name, "BadRequestException");
        assert.match(badType.message, /type/i);
        const badArn = await errorOf(() => add(channelArn, w.users.owner, "bob"));
        assert.equal(badArn.name, "BadRequestException");
        assert.match(badArn.message, /memberArn/i);
        assert.deepEqual(await memberNames(channelArn), ["alice", "owner"]);
    });

    it("lists HIDDEN members only when type=HIDDEN is asked, and lets only moderators and admins add them", async () => {
        const channelArn = await newChannel();
        await add(channelArn, w.users.mod, w.users.bob, "HIDDEN");
        assert.deepEqual(await memberNames(channelArn), ["alice", "owner"]);
        assert.deepEqual(await memberNames(channelArn, "DEFAULT"), ["alice", "owner"]);
        assert.deepEqual(await memberNames(channelArn, "HIDDEN"), ["bob"]);
        assert.equal((await describeMembership(channelArn, w.users.bob)).ChannelMembership?.Type, "HIDDEN");
        const error = await errorOf(() => add(channelArn, w.users.alice, w.users.carol, "HIDDEN"));
        assert.equal(error.name, "ForbiddenException");
    });

    it("removes members: moderators anyone, members themselves only", async () => {
        const channelArn = await newChannel();
        await add(channelArn, w.users.owner, w.users.bob);
        const remove = (bearer: string, member: string) =>
            fx.messaging.send(
                new DeleteChannelMembershipCommand({ ChannelArn: channelArn, MemberArn: member, ChimeBearer: bearer }),
            );
        const denied = await errorOf(() => remove(w.users.alice, w.users.bob));
        assert.equal(denied.name, "ForbiddenException");
        await remove(w.users.alice, w.users.alice);
        await remove(w.users.mod, w.users.bob);
        assert.deepEqual(await memberNames(channelArn), ["owner"]);
        const missing = await errorOf(() => describeMembership(channelArn, w.users.bob));
        assert.equal(missing.name, "NotFoundException");
        const again = await errorOf(() => remove(w.users.mod, w.users.bob));
        assert.equal(again.name, "NotFoundException");
    });

    it("shows members of a PRIVATE channel only to its members, moderators and admins", async () => {
        const channelArn = await newChannel("UNRESTRICTED", "PRIVATE");
        assert.deepEqual(await memberNames(channelArn, undefined, w.users.alice), ["alice", "owner"]);
        assert.deepEqual(await memberNames(channelArn, undefined, w.users.admin), ["alice", "owner"]);
        const error = await errorOf(() => memberNames(channelArn, undefined, w.users.carol));
        assert.equal(error.name, "ForbiddenException");
        const describe = await errorOf(() => describeMembership(channelArn, w.users.alice, w.users.carol));
        assert.equal(describe.name, "ForbiddenException");
        const publicChannel = await newChannel();
        assert.deepEqual(await memberNames(publicChannel, undefined, w.users.carol), ["alice", "owner"]);
    });

    it("pages ListChannelMemberships", async () => {
        const channelArn = await newChannel();
        await fx.messaging.send(
            new BatchCreateChannelMembershipCommand({
                ChannelArn: channelArn,
                ChimeBearer: w.users.owner,
                MemberArns: [w.users.bob, w.users.carol, w.users.mod],
            }),
        );
        const seen: string[] = [];
        let token: string | undefined;
        do {
            const page = await fx.messaging.send(
                new ListChannelMembershipsCommand({
                    ChannelArn: channelArn,
                    ChimeBearer: w.users.owner,
                    MaxResults: 2,
                    NextToken: token,
                }),
            );
            assert.ok(page.ChannelMemberships!.length <= 2);
            seen.push(...page.ChannelMemberships!.map((m) => m.Member!.Name!));
            token = page.NextToken;
        } while (token);
        assert.deepEqual(seen.sort(), ["alice", "bob", "carol", "mod", "owner"]);
        for (const extra of [{ NextToken: "bm90IGEgdG9rZW4" }, { MaxResults: 0 }, { MaxResults: 51 }]) {
            const error = await errorOf(() =>
                fx.messaging.send(
                    new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: w.users.owner, ...extra }),
                ),
            );
            assert.equal(error.name, "BadRequestException");
        }
    });

    describe("BatchCreateChannelMembership", () => {
        it("adds the members it can and reports the others in Errors", async () => {
            const channelArn = await newChannel();
            await fx.messaging.send(
                new CreateChannelBanCommand({
                    ChannelArn: channelArn,
                    MemberArn: w.users.carol,
                    ChimeBearer: w.users.owner,
                }),
            );
            await add(channelArn, w.users.owner, w.users.bob, "HIDDEN");
            const ghost = `${w.appInstanceArn}/user/ghost`;
            const out = await fx.messaging.send(
                new BatchCreateChannelMembershipCommand({
                    ChannelArn: channelArn,
                    ChimeBearer: w.users.mod,
                    MemberArns: [w.users.admin, w.users.carol, ghost, w.users.bob, w.users.alice],
                }),
            );
            const batch = out.BatchChannelMemberships!;
            assert.equal(batch.ChannelArn, channelArn);
            assert.equal(batch.Type, "DEFAULT");
            assert.deepEqual(batch.InvitedBy, { Arn: w.users.mod, Name: "mod" });
            assert.deepEqual(batch.Members!.map((m) => m.Name).sort(), ["admin", "alice"]);
            const errors = Object.fromEntries(out.Errors!.map((e) => [e.MemberArn, e]));
            assert.equal(Object.keys(errors).length, 3);
            assert.equal(errors[w.users.carol].ErrorCode, "Conflict");
            assert.match(errors[w.users.carol].ErrorMessage!, /banned/);
            assert.equal(errors[ghost].ErrorCode, "BadRequest");
            assert.equal(errors[w.users.bob].ErrorCode, "Conflict");
            assert.deepEqual(await memberNames(channelArn), ["admin", "alice", "owner"]);
        });

        it("takes 1 to 100 ARNs and follows the channel's mode", async () => {
            const channelArn = await newChannel("RESTRICTED");
            const tooMany = await errorOf(() =>
                fx.messaging.send(
                    new BatchCreateChannelMembershipCommand({
                        ChannelArn: channelArn,
                        ChimeBearer: w.users.owner,
                        MemberArns: Array(101).fill(w.users.bob),
                    }),
                ),
            );
            assert.equal(tooMany.name, "BadRequestException");
            assert.match(tooMany.message, /memberArns/i);
            const denied = await errorOf(() =>
                fx.messaging.send(
                    new BatchCreateChannelMembershipCommand({
                        ChannelArn: channelArn,
                        ChimeBearer: w.users.alice,
                        MemberArns: [w.users.bob],
                    }),
                ),
            );
            assert.equal(denied.name, "ForbiddenException");
            assert.deepEqual(await memberNames(channelArn), ["alice", "owner"]);
        });
    });

    describe("membership preferences", () => {
        const put = (
            channelArn: string,
            bearer: string,
            member: string,
            push: { AllowNotifications: "ALL" | "NONE" | "FILTERED"; FilterRule?: string },
        ) =>
            fx.messaging.send(
                new PutChannelMembershipPreferencesCommand({
                    ChannelArn: channelArn,
                    MemberArn: member,
                    ChimeBearer: bearer,
                    Preferences: { PushNotifications: push },
                }),
            );
        const get = (channelArn: string, bearer: string, member: string) =>
            fx.messaging.send(
                new GetChannelMembershipPreferencesCommand({
                    ChannelArn: channelArn,
                    MemberArn: member,
                    ChimeBearer: bearer,
                }),
            );

        it("lets a member set and read its own preferences", async () => {
            const channelArn = await newChannel();
            const rule = JSON.stringify({ type: ["urgent"] });
            const out = await put(channelArn, w.users.alice, w.users.alice, {
                AllowNotifications: "FILTERED",
                FilterRule: rule,
            });
            assert.deepEqual(out.Member, { Arn: w.users.alice, Name: "alice" });
            assert.deepEqual(out.Preferences, {
                PushNotifications: { AllowNotifications: "FILTERED", FilterRule: rule },
            });
            const read = await get(channelArn, w.users.alice, w.users.alice);
            assert.equal(read.ChannelArn, channelArn);
            assert.deepEqual(read.Preferences, out.Preferences);
        });

        it("denies everyone else, admins and moderators included", async () => {
            const channelArn = await newChannel();
            await put(channelArn, w.users.alice, w.users.alice, { AllowNotifications: "NONE" });
            for (const other of [w.users.admin, w.users.owner, w.users.mod]) {
                assert.equal((await errorOf(() => get(channelArn, other, w.users.alice))).name, "ForbiddenException");
                const error = await errorOf(() => put(channelArn, other, w.users.alice, { AllowNotifications: "ALL" }));
                assert.equal(error.name, "ForbiddenException");
                assert.match(error.message, /PutChannelMembershipPreferences/);
            }
            assert.equal(
                (await get(channelArn, w.users.alice, w.users.alice)).Preferences?.PushNotifications
                    ?.AllowNotifications,
                "NONE",
            );
        });

        it("needs a FilterRule (a JSON object) for FILTERED, and changes nothing otherwise", async () => {
            const channelArn = await newChannel();
            await put(channelArn, w.users.alice, w.users.alice, { AllowNotifications: "ALL" });
            const missing = await errorOf(() =>
                put(channelArn, w.users.alice, w.users.alice, { AllowNotifications: "FILTERED" }),
            );
            assert.equal(missing.name, "BadRequestException");
            assert.match(missing.message, /FilterRule/);
            const invalid = await errorOf(() =>
                put(channelArn, w.users.alice, w.users.alice, {
                    AllowNotifications: "FILTERED",
                    FilterRule: "{not json",
                }),
            );
            assert.equal(invalid.name, "BadRequestException");
            assert.match(invalid.message, /FilterRule/);
            const badEnum = await errorOf(() =>
                put(channelArn, w.users.alice, w.users.alice, { AllowNotifications: "SOME" as never }),
            );
            assert.equal(badEnum.name, "BadRequestException");
            assert.equal(
                (await get(channelArn, w.users.alice, w.users.alice)).Preferences?.PushNotifications
                    ?.AllowNotifications,
                "ALL",
            );
        });

        it("answers NotFound for a non-member and drops preferences with the membership", async () => {
            const channelArn = await newChannel();
            assert.equal(
                (await errorOf(() => get(channelArn, w.users.carol, w.users.carol))).name,
                "NotFoundException",
            );
            await put(channelArn, w.users.alice, w.users.alice, { AllowNotifications: "NONE" });
            await fx.messaging.send(
                new DeleteChannelMembershipCommand({
                    ChannelArn: channelArn,
                    MemberArn: w.users.alice,
                    ChimeBearer: w.users.alice,
                }),
            );
            await add(channelArn, w.users.owner, w.users.alice);
            assert.equal(
                (await get(channelArn, w.users.alice, w.users.alice)).Preferences?.PushNotifications,
                undefined,
            );
        });
    });
});
