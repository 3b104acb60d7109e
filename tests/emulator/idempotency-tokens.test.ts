import { describe, it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    CreateAppInstanceBotCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    DeleteAppInstanceBotCommand,
    DeleteAppInstanceCommand,
    DeleteAppInstanceUserCommand,
    DeregisterAppInstanceUserEndpointCommand,
    DescribeAppInstanceBotCommand,
    DescribeAppInstanceCommand,
    DescribeAppInstanceUserCommand,
    DescribeAppInstanceUserEndpointCommand,
    ListAppInstanceBotsCommand,
    ListAppInstancesCommand,
    ListAppInstanceUserEndpointsCommand,
    ListAppInstanceUsersCommand,
    RegisterAppInstanceUserEndpointCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    CreateChannelCommand,
    CreateChannelFlowCommand,
    DeleteChannelCommand,
    DeleteChannelFlowCommand,
    DeleteChannelMessageCommand,
    DescribeChannelCommand,
    DescribeChannelFlowCommand,
    GetChannelMessageCommand,
    ListChannelFlowsCommand,
    ListChannelMessagesCommand,
    ListChannelsCommand,
    SendChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { loadModel, ServiceName } from "../../smithy/model";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { ChannelWorld, createChannelWorld, processor } from "./messages-fixture";

/**
 * One operation that takes an idempotency token: how to call it with a token (and a variant of its input), what
 * identifies its answer, how many resources exist, and how to delete the resource and look it up again.
 */
interface TokenOperation {
    call(fx: EmulatorFixture, world: ChannelWorld, token: string, variant?: boolean): Promise<string>;
    count(fx: EmulatorFixture, world: ChannelWorld): Promise<number>;
    remove(fx: EmulatorFixture, world: ChannelWorld, id: string): Promise<unknown>;
    describe(fx: EmulatorFixture, world: ChannelWorld, id: string): Promise<unknown>;
}

const LEX_ALIAS = `arn:aws:lex:${TEST_REGION}:${TEST_ACCOUNT}:bot-alias/ABCDEFGHIJ/KLMNOPQRST`;
const PINPOINT_APP = `arn:aws:mobiletargeting:${TEST_REGION}:${TEST_ACCOUNT}:apps/0123456789abcdef`;
const name = (variant?: boolean) => (variant ? "other-name" : "the-name");

const OPERATIONS: Record<string, TokenOperation> = {
    CreateAppInstance: {
        call: async (fx, _w, token, variant) =>
            (await fx.identity.send(new CreateAppInstanceCommand({ Name: name(variant), ClientRequestToken: token })))
                .AppInstanceArn!,
        count: async (fx) => (await fx.identity.send(new ListAppInstancesCommand({}))).AppInstances!.length,
        remove: (fx, _w, arn) => fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: arn })),
        describe: (fx, _w, arn) => fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn })),
    },
    CreateAppInstanceUser: {
        call: async (fx, w, token, variant) =>
            (
                await fx.identity.send(
                    new CreateAppInstanceUserCommand({
                        AppInstanceArn: w.appInstanceArn,
                        AppInstanceUserId: "token-user",
                        Name: name(variant),
                        ClientRequestToken: token,
                    }),
                )
            ).AppInstanceUserArn!,
        count: async (fx, w) =>
            (
                await fx.identity.send(
                    new ListAppInstanceUsersCommand({ AppInstanceArn: w.appInstanceArn, MaxResults: 50 }),
                )
            ).AppInstanceUsers!.length,
        remove: (fx, _w, arn) => fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: arn })),
        describe: (fx, _w, arn) => fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: arn })),
    },
    CreateAppInstanceBot: {
        call: async (fx, w, token, variant) =>
            (
                await fx.identity.send(
                    new CreateAppInstanceBotCommand({
                        AppInstanceArn: w.appInstanceArn,
                        Name: name(variant),
                        Configuration: {
                            Lex: { LexBotAliasArn: LEX_ALIAS, LocaleId: "en_US", RespondsTo: "STANDARD_MESSAGES" },
                        },
                        ClientRequestToken: token,
                    }),
                )
            ).AppInstanceBotArn!,
        count: async (fx, w) =>
            (await fx.identity.send(new ListAppInstanceBotsCommand({ AppInstanceArn: w.appInstanceArn })))
                .AppInstanceBots!.length,
        remove: (fx, _w, arn) => fx.identity.send(new DeleteAppInstanceBotCommand({ AppInstanceBotArn: arn })),
        describe: (fx, _w, arn) => fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn: arn })),
    },
    RegisterAppInstanceUserEndpoint: {
        call: async (fx, w, token, variant) =>
            (
                await fx.identity.send(
                    new RegisterAppInstanceUserEndpointCommand({
                        AppInstanceUserArn: w.users.alice,
                        Name: name(variant),
                        Type: "APNS",
                        ResourceArn: PINPOINT_APP,
                        EndpointAttributes: { DeviceToken: "device-token" },
                        ClientRequestToken: token,
                    }),
                )
            ).EndpointId!,
        count: async (fx, w) =>
            (await fx.identity.send(new ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: w.users.alice })))
                .AppInstanceUserEndpoints!.length,
        remove: (fx, w, id) =>
            fx.identity.send(
                new DeregisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: w.users.alice, EndpointId: id }),
            ),
        describe: (fx, w, id) =>
            fx.identity.send(
                new DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: w.users.alice, EndpointId: id }),
            ),
    },
    CreateChannel: {
        call: async (fx, w, token, variant) =>
            (
                await fx.messaging.send(
                    new CreateChannelCommand({
                        AppInstanceArn: w.appInstanceArn,
                        Name: name(variant),
                        ChimeBearer: w.users.admin,
                        ClientRequestToken: token,
                    }),
                )
            ).ChannelArn!,
        count: async (fx, w) =>
            (
                await fx.messaging.send(
                    new ListChannelsCommand({ AppInstanceArn: w.appInstanceArn, ChimeBearer: w.users.admin }),
                )
            ).Channels!.length,
        remove: (fx, w, arn) =>
            fx.messaging.send(new DeleteChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin })),
        describe: (fx, w, arn) =>
            fx.messaging.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: w.users.admin })),
    },
    CreateChannelFlow: {
        call: async (fx, w, token, variant) =>
            (
                await fx.messaging.send(
                    new CreateChannelFlowCommand({
                        AppInstanceArn: w.appInstanceArn,
                        Name: name(variant),
                        Processors: [processor()],
                        ClientRequestToken: token,
                    }),
                )
            ).ChannelFlowArn!,
        count: async (fx, w) =>
            (await fx.messaging.send(new ListChannelFlowsCommand({ AppInstanceArn: w.appInstanceArn }))).ChannelFlows!
                .length,
        remove: (fx, _w, arn) => fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: arn })),
        describe: (fx, _w, arn) => fx.messaging.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn })),
    },
    SendChannelMessage: {
        call: async (fx, w, token, variant) =>
            (
                await fx.messaging.send(
                    new SendChannelMessageCommand({
                        ChannelArn: w.channelArn,
                        ChimeBearer: w.users.alice,
                        Content: name(variant),
                        Type: "STANDARD",
                        Persistence: "PERSISTENT",
                        ClientRequestToken: token,
                    }),
                )
            ).MessageId!,
        count: async (fx, w) =>
            (
                await fx.messaging.send(
                    new ListChannelMessagesCommand({ ChannelArn: w.channelArn, ChimeBearer: w.users.alice }),
                )
            ).ChannelMessages!.length,
        remove: (fx, w, id) =>
            fx.messaging.send(
                new DeleteChannelMessageCommand({
                    ChannelArn: w.channelArn,
                    MessageId: id,
                    ChimeBearer: w.users.admin,
                }),
            ),
        describe: async (fx, w, id) => {
            const { ChannelMessage } = await fx.messaging.send(
                new GetChannelMessageCommand({ ChannelArn: w.channelArn, MessageId: id, ChimeBearer: w.users.alice }),
            );
            return ChannelMessage;
        },
    },
};

/** ChannelFlowCallback's CallbackId is its token; its idempotency is tested with the callback itself. */
const TESTED_ELSEWHERE = new Set(["ChannelFlowCallback"]);

function operationsWithTokens(): string[] {
    return (["messaging", "identity", "lambda"] as ServiceName[]).flatMap((service) => {
        const model = loadModel(service);
        return model.operations
            .filter((operation) => {
                const members = operation.inputShape ? (model.shape(operation.inputShape).members ?? {}) : {};
                return Object.values(members).some((m) => m.traits?.["smithy.api#idempotencyToken"] !== undefined);
            })
            .map((operation) => operation.name);
    });
}

async function withWorld(fn: (fx: EmulatorFixture, world: ChannelWorld) => Promise<void>, dataDir?: string) {
    const fx = await startFixture({ dataDir });
    try {
        await fn(fx, await createChannelWorld(fx));
    } finally {
        await fx.close();
    }
}

describe("idempotency tokens", () => {
    it("every operation with an idempotency token in the models is covered here", () => {
        const covered = new Set([...Object.keys(OPERATIONS), ...TESTED_ELSEWHERE]);
        assert.deepEqual(
            operationsWithTokens().filter((name) => !covered.has(name)),
            [],
        );
        assert.deepEqual(
            [...covered].filter((name) => !operationsWithTokens().includes(name)),
            [],
            "no stale entries",
        );
    });

    for (const [operation, op] of Object.entries(OPERATIONS)) {
        describe(operation, () => {
            it("the same token and input answer the first resource again and create no second one", () =>
                withWorld(async (fx, world) => {
                    const before = await op.count(fx, world);
                    const first = await op.call(fx, world, "token-same-1");
                    const again = await op.call(fx, world, "token-same-1");
                    assert.equal(again, first);
                    assert.equal(await op.count(fx, world), before + 1);
                }));

            it("the same token with another input is a 409 ConflictException naming the token, and creates nothing", () =>
                withWorld(async (fx, world) => {
                    await op.call(fx, world, "token-conflict-1");
                    const count = await op.count(fx, world);
                    const error = await errorOf(() => op.call(fx, world, "token-conflict-1", true));
                    assert.equal(error.name, "ConflictException");
                    assert.equal(error.$metadata?.httpStatusCode, 409);
                    assert.match(error.message, new RegExp(`ClientRequestToken token-conflict-1 was already used`));
                    assert.equal(await op.count(fx, world), count);
                }));

            it("another token creates another resource", () =>
                withWorld(async (fx, world) => {
                    if (operation === "CreateAppInstanceUser") {
                        // The user id is the natural key: a second token for the same id is a conflict instead.
                        await op.call(fx, world, "token-a");
                        const error = await errorOf(() => op.call(fx, world, "token-b"));
                        assert.equal(error.name, "ConflictException");
                        return;
                    }
                    const before = await op.count(fx, world);
                    const a = await op.call(fx, world, "token-a");
                    const b = await op.call(fx, world, "token-b");
                    assert.notEqual(a, b);
                    assert.equal(await op.count(fx, world), before + 2);
                }));

            it("a token whose resource was deleted since answers the deleted resource's id, which is not found", () =>
                withWorld(async (fx, world) => {
                    const first = await op.call(fx, world, "token-deleted-1");
                    await op.remove(fx, world, first);
                    const count = await op.count(fx, world);
                    assert.equal(await op.call(fx, world, "token-deleted-1"), first, "the first answer again");
                    assert.equal(await op.count(fx, world), count, "nothing is created again");
                    assert.equal((await errorOf(() => op.describe(fx, world, first))).name, "NotFoundException");
                    const fresh = await op.call(fx, world, "token-deleted-2");
                    await op.describe(fx, world, fresh);
                }));
        });
    }

    it("tokens survive a restart with a data folder", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-tokens-"));
        try {
            let world: ChannelWorld | undefined;
            let first = "";
            await withWorld(async (fx, w) => {
                world = w;
                first = await OPERATIONS.CreateChannel.call(fx, w, "token-restart-1");
            }, dataDir);
            const fx = await startFixture({ dataDir });
            try {
                const count = await OPERATIONS.CreateChannel.count(fx, world!);
                assert.equal(await OPERATIONS.CreateChannel.call(fx, world!, "token-restart-1"), first);
                assert.equal(await OPERATIONS.CreateChannel.count(fx, world!), count);
            } finally {
                await fx.close();
            }
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
