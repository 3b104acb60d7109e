import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelBanCommand,
    CreateChannelMembershipCommand,
    CreateChannelModeratorCommand,
    DeleteChannelBanCommand,
    DeleteChannelModeratorCommand,
    DescribeChannelBanCommand,
    DescribeChannelMembershipCommand,
    DescribeChannelModeratorCommand,
    ListChannelBansCommand,
    ListChannelModeratorsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld, ChannelWorld } from "./messages-fixture";

describe("channel moderators and bans", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    const channel = () => w.channelArn;
    const addModerator = (bearer: string, who: string) =>
        fx.messaging.send(
            new CreateChannelModeratorCommand({ ChannelArn: channel(), ChannelModeratorArn: who, ChimeBearer: bearer }),
        );
    const removeModerator = (bearer: string, who: string) =>
        fx.messaging.send(
            new DeleteChannelModeratorCommand({ ChannelArn: channel(), ChannelModeratorArn: who, ChimeBearer: bearer }),
        );
    const describeModerator = (bearer: string, who: string) =>
        fx.messaging.send(
            new DescribeChannelModeratorCommand({
                ChannelArn: channel(),
                ChannelModeratorArn: who,
                ChimeBearer: bearer,
            }),
        );
    const moderatorNames = async () =>
        (
            await fx.messaging.send(
                new ListChannelModeratorsCommand({ ChannelArn: channel(), ChimeBearer: w.users.owner }),
            )
        )
            .ChannelModerators!.map((m) => m.Moderator!.Name!)
            .sort();
    const ban = (bearer: string, who: string) =>
        fx.messaging.send(new CreateChannelBanCommand({ ChannelArn: channel(), MemberArn: who, ChimeBearer: bearer }));
    const unban = (bearer: string, who: string) =>
        fx.messaging.send(new DeleteChannelBanCommand({ ChannelArn: channel(), MemberArn: who, ChimeBearer: bearer }));
    const bannedNames = async () =>
        (await fx.messaging.send(new ListChannelBansCommand({ ChannelArn: channel(), ChimeBearer: w.users.owner })))
            .ChannelBans!.map((b) => b.Member!.Name!)
            .sort();
    const isMember = async (who: string) => {
        try {
            await fx.messaging.send(
                new DescribeChannelMembershipCommand({
                    ChannelArn: channel(),
                    MemberArn: who,
                    ChimeBearer: w.users.owner,
                }),
            );
            return true;
        } catch (error) {
            assert.equal((error as Error).name, "NotFoundException");
            return false;
        }
    };
    const addMember = (bearer: string, who: string) =>
        fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channel(),
                MemberArn: who,
                Type: "DEFAULT",
                ChimeBearer: bearer,
            }),
        );

    describe("moderators", () => {
        it("lets a moderator add, describe and remove moderators", async () => {
            const out = await addModerator(w.users.mod, w.users.alice);
            assert.equal(out.ChannelArn, channel());
            assert.deepEqual(out.ChannelModerator, { Arn: w.users.alice, Name: "alice" });
            const { ChannelModerator } = await describeModerator(w.users.owner, w.users.alice);
            assert.deepEqual(ChannelModerator?.Moderator, { Arn: w.users.alice, Name: "alice" });
            assert.deepEqual(ChannelModerator?.CreatedBy, { Arn: w.users.mod, Name: "mod" });
            assert.equal(ChannelModerator?.ChannelArn, channel());
            assert.ok(ChannelModerator?.CreatedTimestamp instanceof Date);
            assert.deepEqual(await moderatorNames(), ["alice", "mod", "owner"]);
            await removeModerator(w.users.owner, w.users.alice);
            assert.deepEqual(await moderatorNames(), ["mod", "owner"]);
            assert.equal(
                (await errorOf(() => describeModerator(w.users.owner, w.users.alice))).name,
                "NotFoundException",
            );
            assert.equal(
                (await errorOf(() => removeModerator(w.users.owner, w.users.alice))).name,
                "NotFoundException",
            );
        });

        it("lets an app instance admin manage moderators of a channel it is not in", async () => {
            await addModerator(w.users.admin, w.users.bob);
            assert.deepEqual(await moderatorNames(), ["bob", "mod", "owner"]);
            await removeModerator(w.users.admin, w.users.bob);
        });

        it("denies members and non-members every moderator operation", async () => {
            for (const who of [w.users.alice, w.users.carol]) {
                const calls = [
                    () => addModerator(who, w.users.bob),
                    () => removeModerator(who, w.users.mod),
                    () => describeModerator(who, w.users.mod),
                    () =>
                        fx.messaging.send(
                            new ListChannelModeratorsCommand({ ChannelArn: channel(), ChimeBearer: who }),
                        ),
                ];
                for (const call of calls) {
                    const error = await errorOf(call);
                    assert.equal(error.name, "ForbiddenException");
                    assert.ok(error.message.includes(who));
                }
            }
            assert.deepEqual(await moderatorNames(), ["mod", "owner"]);
        });

        it("only makes users of the app instance moderators", async () => {
            const error = await errorOf(() => addModerator(w.users.owner, `${w.appInstanceArn}/user/ghost`));
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /ChannelModeratorArn/);
            const invalid = await errorOf(() => addModerator(w.users.owner, "not-an-arn"));
            assert.equal(invalid.name, "BadRequestException");
            assert.deepEqual(await moderatorNames(), ["mod", "owner"]);
        });
    });

    describe("bans", () => {
        it("kicks a banned member out and keeps it out until the ban is deleted", async () => {
            assert.equal(await isMember(w.users.bob), true);
            const out = await ban(w.users.mod, w.users.bob);
            assert.deepEqual(out.Member, { Arn: w.users.bob, Name: "bob" });
            assert.equal(await isMember(w.users.bob), false);
            const { ChannelBan } = await fx.messaging.send(
                new DescribeChannelBanCommand({
                    ChannelArn: channel(),
                    MemberArn: w.users.bob,
                    ChimeBearer: w.users.owner,
                }),
            );
            assert.deepEqual(ChannelBan?.Member, { Arn: w.users.bob, Name: "bob" });
            assert.deepEqual(ChannelBan?.CreatedBy, { Arn: w.users.mod, Name: "mod" });
            assert.ok(ChannelBan?.CreatedTimestamp instanceof Date);
            assert.deepEqual(await bannedNames(), ["bob"]);

            const readd = await errorOf(() => addMember(w.users.owner, w.users.bob));
            assert.equal(readd.name, "ConflictException");
            assert.match(readd.message, /banned/);
            const promote = await errorOf(() => addModerator(w.users.owner, w.users.bob));
            assert.equal(promote.name, "ConflictException");
            assert.equal(await isMember(w.users.bob), false);

            await unban(w.users.owner, w.users.bob);
            assert.deepEqual(await bannedNames(), []);
            await addMember(w.users.owner, w.users.bob);
            assert.equal(await isMember(w.users.bob), true);
        });

        it("refuses to ban app instance admins and moderators of the channel", async () => {
            const admin = await errorOf(() => ban(w.users.owner, w.users.admin));
            assert.equal(admin.name, "BadRequestException");
            assert.match(admin.message, /admin/);
            const moderator = await errorOf(() => ban(w.users.owner, w.users.mod));
            assert.equal(moderator.name, "ConflictException");
            assert.equal(await isMember(w.users.mod), true);
            assert.deepEqual(await bannedNames(), []);
        });

        it("can ban a user that is not a member yet", async () => {
            await ban(w.users.owner, w.users.carol);
            assert.equal((await errorOf(() => addMember(w.users.admin, w.users.carol))).name, "ConflictException");
            await unban(w.users.admin, w.users.carol);
        });

        it("denies members every ban operation", async () => {
            const calls = [
                () => ban(w.users.alice, w.users.bob),
                () => unban(w.users.alice, w.users.bob),
                () =>
                    fx.messaging.send(
                        new DescribeChannelBanCommand({
                            ChannelArn: channel(),
                            MemberArn: w.users.bob,
                            ChimeBearer: w.users.alice,
                        }),
                    ),
                () =>
                    fx.messaging.send(
                        new ListChannelBansCommand({ ChannelArn: channel(), ChimeBearer: w.users.alice }),
                    ),
            ];
            for (const call of calls) assert.equal((await errorOf(call)).name, "ForbiddenException");
            assert.equal(await isMember(w.users.bob), true);
        });

        it("answers NotFound for a ban that does not exist", async () => {
            const describe = await errorOf(() =>
                fx.messaging.send(
                    new DescribeChannelBanCommand({
                        ChannelArn: channel(),
                        MemberArn: w.users.alice,
                        ChimeBearer: w.users.owner,
                    }),
                ),
            );
            assert.equal(describe.name, "NotFoundException");
            assert.equal((await errorOf(() => unban(w.users.owner, w.users.alice))).name, "NotFoundException");
        });

        it("pages ListChannelBans", async () => {
            await ban(w.users.owner, w.users.alice);
            await ban(w.users.owner, w.users.carol);
            const first = await fx.messaging.send(
                new ListChannelBansCommand({ ChannelArn: channel(), ChimeBearer: w.users.owner, MaxResults: 1 }),
            );
            assert.equal(first.ChannelBans!.length, 1);
            assert.ok(first.NextToken);
            const second = await fx.messaging.send(
                new ListChannelBansCommand({
                    ChannelArn: channel(),
                    ChimeBearer: w.users.owner,
                    MaxResults: 1,
                    NextToken: first.NextToken,
                }),
            );
            assert.equal(second.NextToken, undefined);
            assert.deepEqual([first.ChannelBans![0].Member!.Name, second.ChannelBans![0].Member!.Name].sort(), [
                "alice",
                "carol",
            ]);
            const bad = await errorOf(() =>
                fx.messaging.send(
                    new ListChannelBansCommand({ ChannelArn: channel(), ChimeBearer: w.users.owner, NextToken: "x" }),
                ),
            );
            assert.equal(bad.name, "BadRequestException");
        });
    });
});
