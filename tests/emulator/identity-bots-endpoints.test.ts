import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BadRequestException,
    CreateAppInstanceAdminCommand,
    CreateAppInstanceBotCommand,
    DeleteAppInstanceBotCommand,
    DeregisterAppInstanceUserEndpointCommand,
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceBotCommand,
    DescribeAppInstanceUserEndpointCommand,
    ListAppInstanceBotsCommand,
    ListAppInstanceUserEndpointsCommand,
    ListTagsForResourceCommand,
    NotFoundException,
    RegisterAppInstanceUserEndpointCommand,
    ResourceLimitExceededException,
    UpdateAppInstanceBotCommand,
    UpdateAppInstanceUserEndpointCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

const LEX_ALIAS = `arn:aws:lex:${TEST_REGION}:${TEST_ACCOUNT}:bot-alias/ABCDEFGHIJ/KLMNOPQRST`;
const OTHER_ALIAS = `arn:aws:lex:${TEST_REGION}:${TEST_ACCOUNT}:bot-alias/ZZZZZZZZZZ/YYYYYYYYYY`;
const PINPOINT_APP = `arn:aws:mobiletargeting:${TEST_REGION}:${TEST_ACCOUNT}:apps/0123456789abcdef`;

describe("identity: app instance bots", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const createBot = (AppInstanceArn: string, Name: string, extra: object = {}) =>
        fx.identity.send(
            new CreateAppInstanceBotCommand({
                AppInstanceArn,
                Name,
                Configuration: {
                    Lex: { LexBotAliasArn: LEX_ALIAS, LocaleId: "en_US", RespondsTo: "STANDARD_MESSAGES" },
                },
                ...extra,
            }),
        );

    it("creates, describes, updates, lists and deletes a bot", async () => {
        const world = await createWorld(fx, { users: [] });
        const { AppInstanceBotArn } = await createBot(world.appInstanceArn, "bot-one", {
            Metadata: "m",
            Tags: [{ Key: "k", Value: "v" }],
        });
        assert.match(AppInstanceBotArn!, new RegExp(`^${world.appInstanceArn}/bot/[0-9a-f-]{36}$`));

        const bot = (await fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn }))).AppInstanceBot!;
        assert.equal(bot.Name, "bot-one");
        assert.equal(bot.Metadata, "m");
        assert.deepEqual(bot.Configuration, {
            Lex: { LexBotAliasArn: LEX_ALIAS, LocaleId: "en_US", RespondsTo: "STANDARD_MESSAGES" },
        });
        assert.deepEqual(
            (await fx.identity.send(new ListTagsForResourceCommand({ ResourceARN: AppInstanceBotArn }))).Tags,
            [{ Key: "k", Value: "v" }],
        );

        await fx.identity.send(
            new UpdateAppInstanceBotCommand({
                AppInstanceBotArn,
                Name: "bot-renamed",
                Metadata: "m2",
                Configuration: { Lex: { LexBotAliasArn: OTHER_ALIAS, LocaleId: "de_DE" } },
            }),
        );
        const updated = (await fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn })))
            .AppInstanceBot!;
        assert.equal(updated.Name, "bot-renamed");
        assert.equal(updated.Configuration?.Lex?.LexBotAliasArn, OTHER_ALIAS);

        const listed = await fx.identity.send(new ListAppInstanceBotsCommand({ AppInstanceArn: world.appInstanceArn }));
        assert.deepEqual(listed.AppInstanceBots, [{ AppInstanceBotArn, Name: "bot-renamed", Metadata: "m2" }]);

        await fx.identity.send(
            new CreateAppInstanceAdminCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceAdminArn: AppInstanceBotArn,
            }),
        );
        await fx.identity.send(new DeleteAppInstanceBotCommand({ AppInstanceBotArn }));
        const gone = await errorOf(() => fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn })));
        assert.ok(gone instanceof NotFoundException);
        const admin = await errorOf(() =>
            fx.identity.send(
                new DescribeAppInstanceAdminCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceAdminArn: AppInstanceBotArn,
                }),
            ),
        );
        assert.ok(admin instanceof NotFoundException);
        assert.equal(fx.emulator.store.table("tags").partitionSize(AppInstanceBotArn!), 0);
    });

    it("validates the Lex configuration and requires Name and Metadata on update", async () => {
        const world = await createWorld(fx, { users: [] });
        const badAlias = await errorOf(() =>
            fx.identity.send(
                new CreateAppInstanceBotCommand({
                    AppInstanceArn: world.appInstanceArn,
                    Configuration: { Lex: { LexBotAliasArn: "arn:aws:lex:bad", LocaleId: "en_US" } },
                }),
            ),
        );
        assert.ok(badAlias instanceof BadRequestException);
        assert.match(badAlias.message, /lexBotAliasArn/);

        const { AppInstanceBotArn } = await createBot(world.appInstanceArn, "b");
        const noMetadata = await errorOf(() =>
            fx.identity.send(new UpdateAppInstanceBotCommand({ AppInstanceBotArn, Name: "x" } as never)),
        );
        assert.ok(noMetadata instanceof BadRequestException);
        assert.match(noMetadata.message, /metadata is required/);
    });

    it("answers NotFound for a missing bot", async () => {
        const world = await createWorld(fx, { users: [] });
        const ghost = `${world.appInstanceArn}/bot/00000000-0000-0000-0000-000000000000`;
        for (const call of [
            () => fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn: ghost })),
            () =>
                fx.identity.send(
                    new UpdateAppInstanceBotCommand({ AppInstanceBotArn: ghost, Name: "n", Metadata: "" }),
                ),
            () => fx.identity.send(new DeleteAppInstanceBotCommand({ AppInstanceBotArn: ghost })),
        ]) {
            const error = await errorOf(call);
            assert.ok(error instanceof NotFoundException, `${error.name}: ${error.message}`);
        }
    });
});

describe("identity: app instance user endpoints", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const register = (AppInstanceUserArn: string, extra: object = {}) =>
        fx.identity.send(
            new RegisterAppInstanceUserEndpointCommand({
                AppInstanceUserArn,
                Type: "APNS",
                ResourceArn: PINPOINT_APP,
                EndpointAttributes: { DeviceToken: "device-token" },
                ...extra,
            }),
        );

    it("registers, describes, updates, lists and deregisters an endpoint", async () => {
        const world = await createWorld(fx, { users: ["dan"] });
        const dan = world.users.dan;
        const registered = await register(dan, { Name: "phone" });
        assert.equal(registered.AppInstanceUserArn, dan);
        assert.ok(registered.EndpointId);
        const EndpointId = registered.EndpointId!;

        const endpoint = (
            await fx.identity.send(new DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: dan, EndpointId }))
        ).AppInstanceUserEndpoint!;
        assert.equal(endpoint.Name, "phone");
        assert.equal(endpoint.Type, "APNS");
        assert.equal(endpoint.ResourceArn, PINPOINT_APP);
        assert.deepEqual(endpoint.EndpointAttributes, { DeviceToken: "device-token" });
        assert.equal(endpoint.AllowMessages, "ALL");
        assert.deepEqual(endpoint.EndpointState, { Status: "ACTIVE" });

        await fx.identity.send(
            new UpdateAppInstanceUserEndpointCommand({ AppInstanceUserArn: dan, EndpointId, AllowMessages: "NONE" }),
        );
        const listed = await fx.identity.send(new ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: dan }));
        assert.deepEqual(listed.AppInstanceUserEndpoints, [
            {
                AppInstanceUserArn: dan,
                EndpointId,
                Name: "phone",
                Type: "APNS",
                AllowMessages: "NONE",
                EndpointState: { Status: "ACTIVE" },
            },
        ]);

        await fx.identity.send(new DeregisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: dan, EndpointId }));
        const gone = await errorOf(() =>
            fx.identity.send(new DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: dan, EndpointId })),
        );
        assert.ok(gone instanceof NotFoundException);
        assert.match(gone.message, new RegExp(EndpointId));
    });

    it("validates the endpoint type, naming the field", async () => {
        const world = await createWorld(fx, { users: ["eve"] });
        const error = await errorOf(() => register(world.users.eve, { Type: "SMS" }));
        assert.ok(error instanceof BadRequestException);
        assert.match(error.message, /type/);
    });

    it("allows 10 endpoints per user", async () => {
        const world = await createWorld(fx, { users: ["fay"] });
        for (let i = 0; i < 10; i++) await register(world.users.fay);
        const error = await errorOf(() => register(world.users.fay));
        assert.ok(error instanceof ResourceLimitExceededException);
        assert.match(error.message, /10 endpoints/);
    });

    it("answers NotFound for a missing user", async () => {
        const world = await createWorld(fx, { users: [] });
        const error = await errorOf(() => register(`${world.appInstanceArn}/user/ghost`));
        assert.ok(error instanceof NotFoundException);
    });
});
