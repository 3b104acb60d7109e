import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    AssociateChannelFlowCommand,
    ChannelFlowCallbackCommand,
    ChannelFlowCallbackCommandInput,
    DisassociateChannelFlowCommand,
    GetChannelMessageCommand,
    GetChannelMessageStatusCommand,
    ListChannelMessagesCommand,
    UpdateChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { randomBytes } from "crypto";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { ChannelWorld, createChannelWorld, createFlow, sendMessage } from "./messages-fixture";

/** Messages sent to a channel with a channel flow wait for the processor's ChannelFlowCallback. */
describe("ChannelFlowCallback", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const callbackId = () => randomBytes(16).toString("hex");

    async function worldWithFlow(): Promise<ChannelWorld & { flowArn: string }> {
        const world = await createChannelWorld(fx);
        const flowArn = await createFlow(fx, world.appInstanceArn);
        await fx.messaging.send(
            new AssociateChannelFlowCommand({
                ChannelArn: world.channelArn,
                ChannelFlowArn: flowArn,
                ChimeBearer: world.users.owner,
            }),
        );
        return { ...world, flowArn };
    }

    const getMessage = (world: ChannelWorld, messageId: string, bearer: string) =>
        fx.messaging.send(
            new GetChannelMessageCommand({ ChannelArn: world.channelArn, MessageId: messageId, ChimeBearer: bearer }),
        );
    const statusOf = async (world: ChannelWorld, messageId: string, bearer: string) =>
        (
            await fx.messaging.send(
                new GetChannelMessageStatusCommand({
                    ChannelArn: world.channelArn,
                    MessageId: messageId,
                    ChimeBearer: bearer,
                }),
            )
        ).Status?.Value;
    const listedIds = async (world: ChannelWorld, bearer: string) =>
        (
            await fx.messaging.send(
                new ListChannelMessagesCommand({ ChannelArn: world.channelArn, ChimeBearer: bearer }),
            )
        ).ChannelMessages?.map((m) => m.MessageId) ?? [];
    const callback = (input: ChannelFlowCallbackCommandInput) =>
        fx.messaging.send(new ChannelFlowCallbackCommand(input));

    it("keeps a message PENDING, seen only by its sender, until the callback settles it", async () => {
        const world = await worldWithFlow();
        const sent = await sendMessage(fx, world.channelArn, world.users.alice, "darn it", { Metadata: "m1" });
        assert.equal(sent.Status?.Value, "PENDING");
        const id = sent.MessageId!;

        assert.equal(await statusOf(world, id, world.users.alice), "PENDING");
        const pending = await getMessage(world, id, world.users.alice);
        assert.equal(pending.ChannelMessage?.Status?.Value, "PENDING");
        assert.equal(pending.ChannelMessage?.Content, "darn it");
        const hidden = await errorOf(() => getMessage(world, id, world.users.bob));
        assert.equal(hidden.name, "ForbiddenException");
        assert.deepEqual(await listedIds(world, world.users.bob), []);
        assert.deepEqual(await listedIds(world, world.users.alice), [id]);

        const cbId = callbackId();
        const answer = await callback({
            ChannelArn: world.channelArn,
            CallbackId: cbId,
            ChannelMessage: { MessageId: id, Content: "d*rn it", Metadata: "filtered" },
        });
        assert.equal(answer.ChannelArn, world.channelArn);
        assert.equal(answer.CallbackId, cbId);

        const { ChannelMessage } = await getMessage(world, id, world.users.bob);
        assert.equal(ChannelMessage?.Status?.Value, "SENT");
        assert.equal(ChannelMessage?.Content, "d*rn it");
        assert.equal(ChannelMessage?.Metadata, "filtered");
        assert.equal(ChannelMessage?.Sender?.Arn, world.users.alice);
        assert.equal(await statusOf(world, id, world.users.alice), "SENT");
        assert.deepEqual(await listedIds(world, world.users.bob), [id]);
    });

    it("keeps the members the callback leaves out", async () => {
        const world = await worldWithFlow();
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "hello", {
            Metadata: "original",
            ContentType: "text/plain",
        });
        await callback({ ChannelArn: world.channelArn, CallbackId: callbackId(), ChannelMessage: { MessageId } });
        const { ChannelMessage } = await getMessage(world, MessageId!, world.users.bob);
        assert.equal(ChannelMessage?.Content, "hello");
        assert.equal(ChannelMessage?.Metadata, "original");
        assert.equal(ChannelMessage?.ContentType, "text/plain");
        assert.equal(ChannelMessage?.Status?.Value, "SENT");
    });

    it("is idempotent on CallbackId: the same callback again gives the same answer and changes nothing", async () => {
        const world = await worldWithFlow();
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "one");
        const input = {
            ChannelArn: world.channelArn,
            CallbackId: callbackId(),
            ChannelMessage: { MessageId, Content: "processed" },
        };
        const first = await callback(input);
        const before = await getMessage(world, MessageId!, world.users.bob);
        const again = await callback(input);
        assert.deepEqual(
            { ChannelArn: again.ChannelArn, CallbackId: again.CallbackId },
            { ChannelArn: first.ChannelArn, CallbackId: first.CallbackId },
        );
        const afterwards = await getMessage(world, MessageId!, world.users.bob);
        assert.deepEqual(afterwards.ChannelMessage, before.ChannelMessage);

        const reused = await errorOf(() =>
            callback({ ...input, ChannelMessage: { MessageId, Content: "something else" } }),
        );
        assert.equal(reused.name, "ConflictException");
        assert.equal((await getMessage(world, MessageId!, world.users.bob)).ChannelMessage?.Content, "processed");
    });

    it("answers Conflict to a new callback for a message that is no longer pending", async () => {
        const world = await worldWithFlow();
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "one");
        await callback({ ChannelArn: world.channelArn, CallbackId: callbackId(), ChannelMessage: { MessageId } });
        const error = await errorOf(() =>
            callback({
                ChannelArn: world.channelArn,
                CallbackId: callbackId(),
                ChannelMessage: { MessageId, Content: "late" },
            }),
        );
        assert.equal(error.name, "ConflictException");
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.match(error.message, /not awaiting/);
        assert.equal((await getMessage(world, MessageId!, world.users.bob)).ChannelMessage?.Content, "one");
    });

    it("denies a message the processor denies (DeleteResource): its status is DENIED, nothing else finds it", async () => {
        const world = await worldWithFlow();
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "spam");
        await callback({
            ChannelArn: world.channelArn,
            CallbackId: callbackId(),
            DeleteResource: true,
            ChannelMessage: { MessageId },
        });
        assert.equal(await statusOf(world, MessageId!, world.users.alice), "DENIED", "a documented status");
        const error = await errorOf(() => getMessage(world, MessageId!, world.users.alice));
        assert.equal(error.name, "NotFoundException");
        assert.deepEqual(await listedIds(world, world.users.alice), []);
        const again = await errorOf(() =>
            callback({ ChannelArn: world.channelArn, CallbackId: callbackId(), ChannelMessage: { MessageId } }),
        );
        assert.equal(again.$metadata?.httpStatusCode, 409, "a denied message awaits no more callbacks");
    });

    it("delivers a non-persistent message once processed, without keeping it", async () => {
        const world = await worldWithFlow();
        const { MessageId, Status } = await sendMessage(fx, world.channelArn, world.users.alice, "fleeting", {
            Persistence: "NON_PERSISTENT",
        });
        assert.equal(Status?.Value, "PENDING");
        assert.equal(await statusOf(world, MessageId!, world.users.alice), "PENDING");
        await callback({ ChannelArn: world.channelArn, CallbackId: callbackId(), ChannelMessage: { MessageId } });
        const error = await errorOf(() => getMessage(world, MessageId!, world.users.alice));
        assert.equal(error.name, "NotFoundException");
        assert.deepEqual(await listedIds(world, world.users.bob), []);
    });

    it("answers NotFound for a callback about an unknown message and validates the CallbackId", async () => {
        const world = await worldWithFlow();
        const unknown = await errorOf(() =>
            callback({
                ChannelArn: world.channelArn,
                CallbackId: callbackId(),
                ChannelMessage: { MessageId: "0".repeat(64) },
            }),
        );
        assert.equal(unknown.name, "NotFoundException");
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "x");
        const short = await errorOf(() =>
            callback({ ChannelArn: world.channelArn, CallbackId: "short", ChannelMessage: { MessageId } }),
        );
        assert.equal(short.name, "BadRequestException");
        assert.match(short.message, /callbackId/);
        const tooLong = await errorOf(() =>
            callback({
                ChannelArn: world.channelArn,
                CallbackId: callbackId(),
                ChannelMessage: { MessageId, Content: "x".repeat(4097) },
            }),
        );
        assert.equal(tooLong.name, "BadRequestException");
        assert.match(tooLong.message, /content of a STANDARD message must be at most 4096 bytes/);
        assert.equal(await statusOf(world, MessageId!, world.users.alice), "PENDING");
    });

    it("does not hold CONTROL messages, and stops holding messages once the flow is disassociated", async () => {
        const world = await worldWithFlow();
        const control = await sendMessage(fx, world.channelArn, world.users.alice, "typing", { Type: "CONTROL" });
        assert.equal(control.Status?.Value, "SENT");

        await fx.messaging.send(
            new DisassociateChannelFlowCommand({
                ChannelArn: world.channelArn,
                ChannelFlowArn: world.flowArn,
                ChimeBearer: world.users.owner,
            }),
        );
        const plain = await sendMessage(fx, world.channelArn, world.users.alice, "hello");
        assert.equal(plain.Status?.Value, "SENT");
        assert.equal((await getMessage(world, plain.MessageId!, world.users.bob)).ChannelMessage?.Content, "hello");
    });

    it("sends an edited message through the flow again, and refuses to edit it while pending", async () => {
        const world = await worldWithFlow();
        const { MessageId } = await sendMessage(fx, world.channelArn, world.users.alice, "v1");
        const edit = (content: string) =>
            fx.messaging.send(
                new UpdateChannelMessageCommand({
                    ChannelArn: world.channelArn,
                    MessageId,
                    Content: content,
                    ChimeBearer: world.users.alice,
                }),
            );
        const whilePending = await errorOf(() => edit("v1b"));
        assert.equal(whilePending.name, "ConflictException");

        await callback({ ChannelArn: world.channelArn, CallbackId: callbackId(), ChannelMessage: { MessageId } });
        const updated = await edit("v2");
        assert.equal(updated.Status?.Value, "PENDING");
        assert.equal(await statusOf(world, MessageId!, world.users.alice), "PENDING");
        await callback({
            ChannelArn: world.channelArn,
            CallbackId: callbackId(),
            ChannelMessage: { MessageId, Content: "v2 (checked)" },
        });
        const { ChannelMessage } = await getMessage(world, MessageId!, world.users.bob);
        assert.equal(ChannelMessage?.Content, "v2 (checked)");
        assert.ok(ChannelMessage?.LastEditedTimestamp instanceof Date);
    });
});
