import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    DeleteChannelMessageCommand,
    DescribeChannelCommand,
    GetChannelMessageCommand,
    GetChannelMessageStatusCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelMessagesCommand,
    RedactChannelMessageCommand,
    SendChannelMessageCommand,
    UpdateChannelMessageCommand,
    UpdateChannelReadMarkerCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { ChannelWorld, createChannelWorld, sendMessage, sleep } from "./messages-fixture";

describe("channel messages", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const getMessage = (world: ChannelWorld, messageId: string, bearer: string) =>
        fx.messaging.send(
            new GetChannelMessageCommand({ ChannelArn: world.channelArn, MessageId: messageId, ChimeBearer: bearer }),
        );
    const listedIds = async (world: ChannelWorld, bearer: string) =>
        (
            await fx.messaging.send(
                new ListChannelMessagesCommand({ ChannelArn: world.channelArn, ChimeBearer: bearer }),
            )
        ).ChannelMessages?.map((m) => m.MessageId) ?? [];

    function assertDenied(
        error: Error & { $metadata?: { httpStatusCode?: number } },
        bearer: string,
        operation: string,
    ) {
        assert.equal(error.name, "ForbiddenException");
        assert.equal(error.$metadata?.httpStatusCode, 403);
        assert.ok(error.message.includes(bearer), error.message);
        assert.ok(error.message.includes(operation), error.message);
    }

    describe("SendChannelMessage and GetChannelMessage", () => {
        it("stores a message with everything it was sent with", async () => {
            const world = await createChannelWorld(fx);
            const sent = await sendMessage(fx, world.channelArn, world.users.alice, "hello", {
                Metadata: "meta",
                ContentType: "text/markdown",
                MessageAttributes: { topic: { StringValues: ["news", "daily"] } },
                PushNotification: { Title: "New", Body: "hello", Type: "DEFAULT" },
            });
            assert.equal(sent.ChannelArn, world.channelArn);
            assert.match(sent.MessageId!, /^[0-9a-f]{64}$/);
            assert.deepEqual(sent.Status, { Value: "SENT" });

            const { ChannelMessage } = await getMessage(world, sent.MessageId!, world.users.bob);
            assert.equal(ChannelMessage?.ChannelArn, world.channelArn);
            assert.equal(ChannelMessage?.MessageId, sent.MessageId);
            assert.equal(ChannelMessage?.Content, "hello");
            assert.equal(ChannelMessage?.Metadata, "meta");
            assert.equal(ChannelMessage?.ContentType, "text/markdown");
            assert.deepEqual(ChannelMessage?.MessageAttributes, { topic: { StringValues: ["news", "daily"] } });
            assert.equal(ChannelMessage?.Type, "STANDARD");
            assert.equal(ChannelMessage?.Persistence, "PERSISTENT");
            assert.deepEqual(ChannelMessage?.Sender, { Arn: world.users.alice, Name: "alice" });
            assert.equal(ChannelMessage?.Redacted, false);
            assert.deepEqual(ChannelMessage?.Status, { Value: "SENT" });
            assert.ok(ChannelMessage?.CreatedTimestamp instanceof Date);
            assert.equal(ChannelMessage?.LastUpdatedTimestamp?.getTime(), ChannelMessage?.CreatedTimestamp?.getTime());
            assert.equal(ChannelMessage?.LastEditedTimestamp, undefined);

            const { Channel } = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.owner }),
            );
            assert.equal(Channel?.LastMessageTimestamp?.getTime(), ChannelMessage?.CreatedTimestamp?.getTime());
        });

        it("needs a membership of one's own, even for an app instance admin", async () => {
            const world = await createChannelWorld(fx);
            for (const who of ["carol", "admin"] as const) {
                const error = await errorOf(() => sendMessage(fx, world.channelArn, world.users[who], "hi"));
                assertDenied(error, world.users[who], "SendChannelMessage");
            }
            assert.deepEqual(await listedIds(world, world.users.admin), []);
        });

        it("gives a non-persistent message an id but does not keep it", async () => {
            const world = await createChannelWorld(fx);
            const sent = await sendMessage(fx, world.channelArn, world.users.alice, "ephemeral", {
                Persistence: "NON_PERSISTENT",
            });
            assert.match(sent.MessageId!, /^[0-9a-f]{64}$/);
            assert.equal(sent.Status?.Value, "SENT");
            assert.deepEqual(await listedIds(world, world.users.alice), []);
            const error = await errorOf(() => getMessage(world, sent.MessageId!, world.users.alice));
            assert.equal(error.name, "NotFoundException");
            const { Channel } = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.owner }),
            );
            assert.equal(Channel?.LastMessageTimestamp, undefined);
        });

        it("answers a repeated ClientRequestToken with the first message instead of sending it twice", async () => {
            const world = await createChannelWorld(fx);
            const first = await sendMessage(fx, world.channelArn, world.users.alice, "once", {
                ClientRequestToken: "send-1",
            });
            const again = await sendMessage(fx, world.channelArn, world.users.alice, "once", {
                ClientRequestToken: "send-1",
            });
            assert.equal(again.MessageId, first.MessageId);
            assert.deepEqual(await listedIds(world, world.users.alice), [first.MessageId]);
        });

        it("rejects bad input, naming the field, and stores nothing", async () => {
            const world = await createChannelWorld(fx);
            const send = (input: Record<string, unknown>) =>
                errorOf(() =>
                    fx.messaging.send(
                        new SendChannelMessageCommand({
                            ChannelArn: world.channelArn,
                            ChimeBearer: world.users.alice,
                            Content: "x",
                            Type: "STANDARD",
                            Persistence: "PERSISTENT",
                            ...input,
                        } as never),
                    ),
                );
            const cases: [Record<string, unknown>, RegExp][] = [
                [{ Content: undefined }, /content is required/],
                [{ Content: "" }, /content/],
                [{ Type: "LOUD" }, /type must be one of STANDARD, CONTROL/],
                [{ Persistence: "FOREVER" }, /persistence/],
                [{ Metadata: "m".repeat(1025) }, /metadata/],
                [{ Type: "CONTROL", Content: "c".repeat(31) }, /CONTROL message must be at most 30 bytes/],
                [{ Type: "CONTROL", Content: "ok", Metadata: "m" }, /metadata is not allowed on a CONTROL message/],
                [{ Content: "é".repeat(2049) }, /at most 4096 bytes/],
                [{ Target: [{ MemberArn: world.users.carol }] }, /target\[0\]\.memberArn .* not a member/],
                [{ SubChannelId: "sub1" }, /subChannelId is only valid for elastic channels/],
            ];
            for (const [input, expected] of cases) {
                const error = await send(input);
                assert.equal(error.name, "BadRequestException", JSON.stringify(input));
                assert.match(error.message, expected);
            }
            assert.deepEqual(await listedIds(world, world.users.alice), []);
            const { Channel } = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.owner }),
            );
            assert.equal(Channel?.LastMessageTimestamp, undefined);
        });

        it("shows a targeted message only to its sender and its target", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "psst", {
                Target: [{ MemberArn: world.users.bob }],
            });
            const seen = await getMessage(world, MessageId!, world.users.bob);
            assert.deepEqual(seen.ChannelMessage?.Target, [{ MemberArn: world.users.bob }]);
            assert.deepEqual(await listedIds(world, world.users.alice), [MessageId]);
            assert.deepEqual(await listedIds(world, world.users.bob), [MessageId]);
            assert.deepEqual(await listedIds(world, world.users.mod), []);
            const error = await errorOf(() => getMessage(world, MessageId!, world.users.mod));
            assert.equal(error.name, "NotFoundException");
        });

        it("lets an outsider read a public channel but not a private one", async () => {
            const open = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, open.channelArn, open.users.alice, "public");
            assert.equal((await getMessage(open, MessageId!, open.users.carol)).ChannelMessage?.Content, "public");

            const closed = await createChannelWorld(fx, { privacy: "PRIVATE" });
            const secret = await sendMessage(fx, closed.channelArn, closed.users.alice, "private");
            assertDenied(
                await errorOf(() => getMessage(closed, secret.MessageId!, closed.users.carol)),
                closed.users.carol,
                "GetChannelMessage",
            );
            assertDenied(
                await errorOf(() => listedIds(closed, closed.users.carol)),
                closed.users.carol,
                "ListChannelMessages",
            );
            assert.deepEqual(await listedIds(closed, closed.users.admin), [secret.MessageId]);
        });

        it("answers NotFound for an unknown message and BadRequest for a bearer from elsewhere", async () => {
            const world = await createChannelWorld(fx);
            const missing = await errorOf(() => getMessage(world, "f".repeat(64), world.users.alice));
            assert.equal(missing.name, "NotFoundException");
            assert.equal(missing.$metadata?.httpStatusCode, 404);
            const other = await createChannelWorld(fx);
            const stranger = await errorOf(() => sendMessage(fx, world.channelArn, other.users.alice, "hi"));
            assert.equal(stranger.name, "BadRequestException");
            assert.match(stranger.message, /x-amz-chime-bearer/);
        });
    });

    describe("ListChannelMessages", () => {
        async function sendSeries(world: ChannelWorld, count: number): Promise<{ id: string; at: Date }[]> {
            const sent = [];
            for (let i = 0; i < count; i++) {
                const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, `m${i}`);
                const { ChannelMessage } = await getMessage(world, MessageId!, world.users.alice);
                sent.push({ id: MessageId!, at: ChannelMessage!.CreatedTimestamp! });
                await sleep(3);
            }
            return sent;
        }
        const list = (world: ChannelWorld, input: Record<string, unknown> = {}) =>
            fx.messaging.send(
                new ListChannelMessagesCommand({
                    ChannelArn: world.channelArn,
                    ChimeBearer: world.users.bob,
                    ...input,
                }),
            );

        it("lists newest first by default, oldest first with ASCENDING", async () => {
            const world = await createChannelWorld(fx);
            const sent = await sendSeries(world, 3);
            const ids = sent.map((s) => s.id);
            const descending = await list(world);
            assert.deepEqual(
                descending.ChannelMessages?.map((m) => m.MessageId),
                [...ids].reverse(),
            );
            assert.deepEqual(
                descending.ChannelMessages?.map((m) => m.Content),
                ["m2", "m1", "m0"],
            );
            assert.equal(descending.ChannelArn, world.channelArn);
            assert.equal(descending.NextToken, undefined);
            const ascending = await list(world, { SortOrder: "ASCENDING" });
            assert.deepEqual(
                ascending.ChannelMessages?.map((m) => m.MessageId),
                ids,
            );
        });

        it("keeps the order of messages sent within the same millisecond", async () => {
            const world = await createChannelWorld(fx);
            const ids = [];
            for (let i = 0; i < 20; i++) {
                ids.push((await sendMessage(fx, world.channelArn, world.users.alice, `quick ${i}`)).MessageId);
            }
            const { ChannelMessages } = await list(world, { SortOrder: "ASCENDING" });
            assert.deepEqual(
                ChannelMessages?.map((m) => m.MessageId),
                ids,
            );
        });

        it("pages with NextToken, without repeats when messages arrive between pages", async () => {
            const world = await createChannelWorld(fx);
            const sent = await sendSeries(world, 5);
            const first = await list(world, { MaxResults: 2 });
            assert.deepEqual(
                first.ChannelMessages?.map((m) => m.MessageId),
                [sent[4].id, sent[3].id],
            );
            assert.ok(first.NextToken);

            await sendMessage(fx, world.channelArn, world.users.alice, "late arrival");
            const second = await list(world, { MaxResults: 2, NextToken: first.NextToken });
            assert.deepEqual(
                second.ChannelMessages?.map((m) => m.MessageId),
                [sent[2].id, sent[1].id],
            );
            const third = await list(world, { MaxResults: 2, NextToken: second.NextToken });
            assert.deepEqual(
                third.ChannelMessages?.map((m) => m.MessageId),
                [sent[0].id],
            );
            assert.equal(third.NextToken, undefined);

            const otherQuery = await errorOf(() =>
                list(world, { MaxResults: 2, NextToken: first.NextToken, SortOrder: "ASCENDING" }),
            );
            assert.equal(otherQuery.name, "BadRequestException");
            assert.match(otherQuery.message, /NextToken/);
            const garbage = await errorOf(() => list(world, { NextToken: "not-a-token" }));
            assert.equal(garbage.name, "BadRequestException");
        });

        it("pages oldest first too, and carries on when the last message of a page is deleted", async () => {
            const world = await createChannelWorld(fx);
            const ids = [];
            for (let i = 0; i < 5; i++) {
                ids.push((await sendMessage(fx, world.channelArn, world.users.alice, `n${i}`)).MessageId);
            }
            const first = await list(world, { MaxResults: 2, SortOrder: "ASCENDING" });
            assert.deepEqual(
                first.ChannelMessages?.map((m) => m.MessageId),
                [ids[0], ids[1]],
            );
            await fx.messaging.send(
                new DeleteChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: ids[1],
                    ChimeBearer: world.users.admin,
                }),
            );
            const second = await list(world, { MaxResults: 2, SortOrder: "ASCENDING", NextToken: first.NextToken });
            assert.deepEqual(
                second.ChannelMessages?.map((m) => m.MessageId),
                [ids[2], ids[3]],
            );
            const third = await list(world, { MaxResults: 2, SortOrder: "ASCENDING", NextToken: second.NextToken });
            assert.deepEqual(
                third.ChannelMessages?.map((m) => m.MessageId),
                [ids[4]],
            );
            assert.equal(third.NextToken, undefined);

            const newest = await list(world, { MaxResults: 1 });
            await fx.messaging.send(
                new DeleteChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: ids[4],
                    ChimeBearer: world.users.admin,
                }),
            );
            const older = await list(world, { MaxResults: 10, NextToken: newest.NextToken });
            assert.deepEqual(
                older.ChannelMessages?.map((m) => m.MessageId),
                [ids[3], ids[2], ids[0]],
            );
        });

        it("ends a listing exactly at MaxResults without a NextToken", async () => {
            const world = await createChannelWorld(fx);
            for (let i = 0; i < 2; i++) await sendMessage(fx, world.channelArn, world.users.alice, `e${i}`);
            const exact = await list(world, { MaxResults: 2 });
            assert.equal(exact.ChannelMessages?.length, 2);
            assert.equal(exact.NextToken, undefined);
        });

        it("filters by creation time with NotBefore and NotAfter, both inclusive", async () => {
            const world = await createChannelWorld(fx);
            const sent = await sendSeries(world, 5);
            const between = await list(world, { NotBefore: sent[1].at, NotAfter: sent[3].at, SortOrder: "ASCENDING" });
            assert.deepEqual(
                between.ChannelMessages?.map((m) => m.MessageId),
                [sent[1].id, sent[2].id, sent[3].id],
            );
            const since = await list(world, { NotBefore: sent[3].at });
            assert.deepEqual(
                since.ChannelMessages?.map((m) => m.MessageId),
                [sent[4].id, sent[3].id],
            );
            const until = await list(world, { NotAfter: sent[0].at });
            assert.deepEqual(
                until.ChannelMessages?.map((m) => m.MessageId),
                [sent[0].id],
            );

            const reversed = await errorOf(() => list(world, { NotBefore: sent[3].at, NotAfter: sent[1].at }));
            assert.equal(reversed.name, "BadRequestException");
            assert.match(reversed.message, /notBefore/);
        });

        it("rejects MaxResults and SortOrder outside the model, naming the field", async () => {
            const world = await createChannelWorld(fx);
            const tooMany = await errorOf(() => list(world, { MaxResults: 0 }));
            assert.equal(tooMany.name, "BadRequestException");
            assert.match(tooMany.message, /maxResults/);
            const badOrder = await errorOf(() => list(world, { SortOrder: "SIDEWAYS" }));
            assert.equal(badOrder.name, "BadRequestException");
            assert.match(badOrder.message, /sortOrder/);
        });
    });

    describe("UpdateChannelMessage", () => {
        const update = (world: ChannelWorld, messageId: string, bearer: string, input: Record<string, unknown>) =>
            fx.messaging.send(
                new UpdateChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: messageId,
                    ChimeBearer: bearer,
                    ...input,
                } as never),
            );

        it("lets the sender edit its message and records when", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "tpyo", { Metadata: "m" });
            await sleep(3);
            const answer = await update(world, MessageId!, world.users.alice, {
                Content: "typo",
                ContentType: "text/plain",
            });
            assert.equal(answer.MessageId, MessageId);
            assert.equal(answer.Status?.Value, "SENT");
            const { ChannelMessage } = await getMessage(world, MessageId!, world.users.bob);
            assert.equal(ChannelMessage?.Content, "typo");
            assert.equal(ChannelMessage?.ContentType, "text/plain");
            assert.equal(ChannelMessage?.Metadata, "m");
            assert.ok(ChannelMessage!.LastEditedTimestamp!.getTime() > ChannelMessage!.CreatedTimestamp!.getTime());
            assert.equal(
                ChannelMessage?.LastUpdatedTimestamp?.getTime(),
                ChannelMessage?.LastEditedTimestamp?.getTime(),
            );
        });

        it("lets nobody else edit it, not even an admin or a moderator", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "mine");
            for (const who of ["bob", "mod", "admin", "carol"] as const) {
                const error = await errorOf(() => update(world, MessageId!, world.users[who], { Content: "theirs" }));
                assertDenied(error, world.users[who], "UpdateChannelMessage");
            }
            assert.equal((await getMessage(world, MessageId!, world.users.bob)).ChannelMessage?.Content, "mine");
        });

        it("requires Content", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "kept");
            const error = await errorOf(() => update(world, MessageId!, world.users.alice, { Metadata: "x" }));
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /content is required/);
            const { ChannelMessage } = await getMessage(world, MessageId!, world.users.alice);
            assert.equal(ChannelMessage?.Content, "kept");
            assert.equal(ChannelMessage?.Metadata, undefined);
        });
    });

    describe("RedactChannelMessage", () => {
        const redact = (world: ChannelWorld, messageId: string, bearer: string) =>
            fx.messaging.send(
                new RedactChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: messageId,
                    ChimeBearer: bearer,
                }),
            );

        it("removes the content, keeps the metadata and lists the message as redacted", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "oops", {
                Metadata: "keep",
            });
            const answer = await redact(world, MessageId!, world.users.alice);
            assert.equal(answer.ChannelArn, world.channelArn);
            assert.equal(answer.MessageId, MessageId);
            const { ChannelMessages } = await fx.messaging.send(
                new ListChannelMessagesCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.bob }),
            );
            assert.equal(ChannelMessages?.length, 1);
            assert.equal(ChannelMessages?.[0].Redacted, true);
            assert.equal(ChannelMessages?.[0].Content, undefined);
            assert.equal(ChannelMessages?.[0].Metadata, "keep");

            const edit = await errorOf(() =>
                fx.messaging.send(
                    new UpdateChannelMessageCommand({
                        ChannelArn: world.channelArn,
                        MessageId,
                        Content: "back",
                        ChimeBearer: world.users.alice,
                    }),
                ),
            );
            assert.equal(edit.name, "ConflictException");
        });

        it("lets moderators and admins redact anyone's message, members only their own", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "rude");
            for (const who of ["bob", "carol"] as const) {
                assertDenied(
                    await errorOf(() => redact(world, MessageId!, world.users[who])),
                    world.users[who],
                    "RedactChannelMessage",
                );
            }
            assert.equal((await getMessage(world, MessageId!, world.users.bob)).ChannelMessage?.Redacted, false);
            await redact(world, MessageId!, world.users.mod);
            assert.equal((await getMessage(world, MessageId!, world.users.bob)).ChannelMessage?.Redacted, true);

            const second = await sendMessage(fx, world.channelArn, world.users.bob, "also rude");
            await redact(world, second.MessageId!, world.users.admin);
            assert.equal((await getMessage(world, second.MessageId!, world.users.bob)).ChannelMessage?.Redacted, true);
        });
    });

    describe("DeleteChannelMessage", () => {
        const remove = (world: ChannelWorld, messageId: string, bearer: string) =>
            fx.messaging.send(
                new DeleteChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId: messageId,
                    ChimeBearer: bearer,
                }),
            );

        it("is for app instance admins only; moderators and senders are denied", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.mod, "bye");
            for (const who of ["mod", "owner", "alice"] as const) {
                assertDenied(
                    await errorOf(() => remove(world, MessageId!, world.users[who])),
                    world.users[who],
                    "DeleteChannelMessage",
                );
            }
            assert.deepEqual(await listedIds(world, world.users.alice), [MessageId]);

            await remove(world, MessageId!, world.users.admin);
            assert.deepEqual(await listedIds(world, world.users.alice), []);
            assert.equal(
                (await errorOf(() => getMessage(world, MessageId!, world.users.alice))).name,
                "NotFoundException",
            );
            assert.equal((await errorOf(() => remove(world, MessageId!, world.users.admin))).name, "NotFoundException");
        });

        it("lets an admin delete a targeted message it cannot see", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "dm", {
                Target: [{ MemberArn: world.users.bob }],
            });
            assert.equal(
                (await errorOf(() => getMessage(world, MessageId!, world.users.admin))).name,
                "NotFoundException",
            );
            await remove(world, MessageId!, world.users.admin);
            assert.deepEqual(await listedIds(world, world.users.bob), []);
        });
    });

    describe("GetChannelMessageStatus", () => {
        it("answers the sender only", async () => {
            const world = await createChannelWorld(fx);
            const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "status?");
            const status = (bearer: string) =>
                fx.messaging.send(
                    new GetChannelMessageStatusCommand({
                        ChannelArn: world.channelArn,
                        MessageId,
                        ChimeBearer: bearer,
                    }),
                );
            assert.deepEqual((await status(world.users.alice)).Status, { Value: "SENT" });
            for (const who of ["bob", "admin"] as const) {
                assertDenied(
                    await errorOf(() => status(world.users[who])),
                    world.users[who],
                    "GetChannelMessageStatus",
                );
            }
        });
    });

    describe("UpdateChannelReadMarker", () => {
        const mark = (world: ChannelWorld, bearer: string) =>
            fx.messaging.send(
                new UpdateChannelReadMarkerCommand({ ChannelArn: world.channelArn, ChimeBearer: bearer }),
            );
        const readMarkerOf = async (world: ChannelWorld, bearer: string) => {
            const { ChannelMemberships } = await fx.messaging.send(
                new ListChannelMembershipsForAppInstanceUserCommand({
                    AppInstanceUserArn: bearer,
                    ChimeBearer: bearer,
                }),
            );
            const membership = ChannelMemberships?.find((m) => m.ChannelSummary?.ChannelArn === world.channelArn);
            return membership?.AppInstanceUserMembershipSummary?.ReadMarkerTimestamp;
        };

        it("records when a member last read the channel", async () => {
            const world = await createChannelWorld(fx);
            assert.equal(await readMarkerOf(world, world.users.alice), undefined);
            const before = Date.now();
            const { ChannelArn } = await mark(world, world.users.alice);
            assert.equal(ChannelArn, world.channelArn);
            const first = await readMarkerOf(world, world.users.alice);
            assert.ok(first instanceof Date && first.getTime() >= before - 1, String(first));
            await sleep(5);
            await mark(world, world.users.alice);
            assert.ok((await readMarkerOf(world, world.users.alice))!.getTime() > first.getTime());
            assert.equal(await readMarkerOf(world, world.users.bob), undefined);
        });

        it("needs a membership of one's own, even for an admin", async () => {
            const world = await createChannelWorld(fx);
            for (const who of ["carol", "admin"] as const) {
                assertDenied(
                    await errorOf(() => mark(world, world.users[who])),
                    world.users[who],
                    "UpdateChannelReadMarker",
                );
            }
        });
    });
});
