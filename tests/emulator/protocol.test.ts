import { it } from "mocha";
import assert from "node:assert/strict";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    DescribeAppInstanceCommand,
    DescribeAppInstanceUserCommand,
    ListAppInstancesCommand,
    ListAppInstanceUsersCommand,
    TagResourceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    CreateChannelCommand,
    DeleteChannelCommand,
    ListChannelMessagesCommand,
    ListChannelsCommand,
    ListTagsForResourceCommand,
    SendChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { clientConfig, EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

type ChimeError = Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; Code?: string };

const MISSING_APP_INSTANCE = "arn:aws:chime:us-east-1:123456789012:app-instance/00000000-0000-4000-8000-000000000000";

async function withFixture(fn: (fx: EmulatorFixture) => Promise<void>): Promise<void> {
    const fx = await startFixture();
    try {
        await fn(fx);
    } finally {
        await fx.close();
    }
}

it("an error carries x-amzn-ErrorType and {Code, Message}; the SDK maps it to its class, status and Code", () =>
    withFixture(async (fx) => {
        const raw = await fetch(`${fx.url}/app-instances/${encodeURIComponent(MISSING_APP_INSTANCE)}`);
        assert.equal(raw.status, 404);
        assert.equal(raw.headers.get("x-amzn-errortype"), "NotFoundException");
        assert.equal(raw.headers.get("content-type"), "application/json");
        const body = (await raw.json()) as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), ["Code", "Message"]);
        assert.equal(body.Code, "NotFound");

        const notFound = (await errorOf(() =>
            fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: MISSING_APP_INSTANCE })),
        )) as ChimeError;
        assert.equal(notFound.name, "NotFoundException");
        assert.equal(notFound.$metadata?.httpStatusCode, 404);
        assert.equal(notFound.Code, "NotFound");
        assert.match(notFound.message, new RegExp(MISSING_APP_INSTANCE));

        const badRequest = (await errorOf(() =>
            fx.identity.send(new CreateAppInstanceCommand({ Name: "" })),
        )) as ChimeError;
        assert.equal(badRequest.name, "BadRequestException");
        assert.equal(badRequest.$metadata?.httpStatusCode, 400);
        assert.equal(badRequest.Code, "BadRequest");
        assert.match(badRequest.message, /\bname must have length between 1 and 256/);
    }));

it("the request id is sent in x-amzn-RequestId and reaches $metadata.requestId", () =>
    withFixture(async (fx) => {
        const answer = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.match(answer.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
        const error = (await errorOf(() =>
            fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: MISSING_APP_INSTANCE })),
        )) as ChimeError;
        assert.match(error.$metadata?.requestId ?? "", /^[0-9a-f-]{36}$/);
        assert.notEqual(error.$metadata?.requestId, answer.$metadata.requestId);
    }));

it("timestamps travel as epoch seconds and the SDK parses them into the right Date", () =>
    withFixture(async (fx) => {
        const before = Date.now();
        const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: "clock" }));
        const after = Date.now();
        const raw = await fetch(`${fx.url}/app-instances/${encodeURIComponent(AppInstanceArn!)}`);
        const wire = ((await raw.json()) as { AppInstance: { CreatedTimestamp: unknown } }).AppInstance
            .CreatedTimestamp;
        assert.equal(typeof wire, "number");
        assert.ok(
            (wire as number) >= before / 1000 - 1 && (wire as number) <= after / 1000 + 1,
            `${wire} is not in seconds`,
        );

        const { AppInstance } = await fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn }));
        assert.ok(AppInstance?.CreatedTimestamp instanceof Date);
        assert.ok(AppInstance.CreatedTimestamp.getTime() >= before && AppInstance.CreatedTimestamp.getTime() <= after);
        assert.equal(
            AppInstance.CreatedTimestamp.getTime(),
            Math.round((wire as number) * 1000),
            "milliseconds survive",
        );
    }));

it("ARNs in paths are percent-encoded in full; an unencoded ARN matches no operation", () =>
    withFixture(async (fx) => {
        const world = await createWorld(fx, { users: ["alice"] });
        const userArn = world.users.alice;
        // The SDK encodes ':' and '/' in the label.
        const { AppInstanceUser } = await fx.identity.send(
            new DescribeAppInstanceUserCommand({ AppInstanceUserArn: userArn }),
        );
        assert.equal(AppInstanceUser?.AppInstanceUserArn, userArn);
        // Lower-case escapes decode the same.
        const lower = encodeURIComponent(userArn).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
        assert.equal((await fetch(`${fx.url}/app-instance-users/${lower}`)).status, 200);
        const unencoded = await fetch(`${fx.url}/app-instance-users/${userArn}`);
        assert.equal(unencoded.status, 404);
        assert.equal(unencoded.headers.get("x-amzn-errortype"), "UnknownOperationException");
    }));

it("an unknown route answers UnknownOperationException", () =>
    withFixture(async (fx) => {
        const raw = await fetch(`${fx.url}/no-such-thing`, { method: "POST", body: "{}" });
        assert.equal(raw.status, 404);
        assert.equal(raw.headers.get("x-amzn-errortype"), "UnknownOperationException");
        // The SDK with a base path that the emulator does not serve:
        const lost = new ChimeSDKIdentityClient(clientConfig(`${fx.url}/elsewhere`));
        try {
            const error = (await errorOf(() => lost.send(new ListAppInstancesCommand({})))) as ChimeError;
            assert.equal(error.name, "UnknownOperationException");
            assert.equal(error.$metadata?.httpStatusCode, 404);
        } finally {
            lost.destroy();
        }
    }));

for (const maxResults of [0, 51, -1]) {
    it(`MaxResults ${maxResults} is refused with BadRequestException naming maxResults`, () =>
        withFixture(async (fx) => {
            const error = (await errorOf(() =>
                fx.identity.send(new ListAppInstancesCommand({ MaxResults: maxResults })),
            )) as ChimeError;
            assert.equal(error.name, "BadRequestException");
            assert.equal(error.$metadata?.httpStatusCode, 400);
            assert.match(error.message, /maxResults must be a value between 1 and 50/);
        }));
}

it("MaxResults 1 and 50 are accepted and page the listing", () =>
    withFixture(async (fx) => {
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "one" }));
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "two" }));
        const first = await fx.identity.send(new ListAppInstancesCommand({ MaxResults: 1 }));
        assert.equal(first.AppInstances?.length, 1);
        assert.ok(first.NextToken);
        const all = await fx.identity.send(new ListAppInstancesCommand({ MaxResults: 50 }));
        assert.equal(all.AppInstances?.length, 2);
        assert.equal(all.NextToken, undefined);
    }));

it("a query parameter of the wrong type is refused with BadRequestException", () =>
    withFixture(async (fx) => {
        const raw = await fetch(`${fx.url}/app-instances?max-results=ten`);
        assert.equal(raw.status, 400);
        assert.equal(raw.headers.get("x-amzn-errortype"), "BadRequestException");
        assert.match(((await raw.json()) as { Message: string }).Message, /max-results/);
    }));

it("a body that is not JSON, or too large, is refused with BadRequestException", () =>
    withFixture(async (fx) => {
        const broken = await fetch(`${fx.url}/app-instances`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"Name": ',
        });
        assert.equal(broken.status, 400);
        assert.equal(broken.headers.get("x-amzn-errortype"), "BadRequestException");
        const huge = await fetch(`${fx.url}/app-instances`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ Name: "x".repeat(9 * 1024 * 1024) }),
        });
        assert.equal(huge.status, 413);
        assert.equal(huge.headers.get("x-amzn-errortype"), "BadRequestException");
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(AppInstances, []);
    }));

it("a missing x-amz-chime-bearer (which the SDK lets through) is refused naming chimeBearer", () =>
    withFixture(async (fx) => {
        const world = await createWorld(fx, { users: ["alice"] });
        const error = (await errorOf(() =>
            fx.messaging.send(new ListChannelsCommand({ AppInstanceArn: world.appInstanceArn } as never)),
        )) as ChimeError;
        assert.equal(error.name, "BadRequestException");
        assert.match(error.message, /chimeBearer is required/);
    }));

it("ClientRequestToken: the same token and input answer the same ARN and create nothing more", () =>
    withFixture(async (fx) => {
        const input = { Name: "idempotent", Metadata: "m", ClientRequestToken: "token-1" };
        const first = await fx.identity.send(new CreateAppInstanceCommand(input));
        const second = await fx.identity.send(new CreateAppInstanceCommand(input));
        assert.equal(second.AppInstanceArn, first.AppInstanceArn);
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.equal(AppInstances?.length, 1);
        // Another token is another app instance.
        const third = await fx.identity.send(new CreateAppInstanceCommand({ ...input, ClientRequestToken: "token-2" }));
        assert.notEqual(third.AppInstanceArn, first.AppInstanceArn);
    }));

it("ClientRequestToken: the same token with a different input is a ConflictException, creating nothing", () =>
    withFixture(async (fx) => {
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "first", ClientRequestToken: "token-1" }));
        const error = (await errorOf(() =>
            fx.identity.send(new CreateAppInstanceCommand({ Name: "second", ClientRequestToken: "token-1" })),
        )) as ChimeError;
        assert.equal(error.name, "ConflictException");
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.equal(error.Code, "Conflict");
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(
            AppInstances?.map((a) => a.Name),
            ["first"],
        );
    }));

it("ClientRequestToken works the same for CreateChannel and SendChannelMessage", () =>
    withFixture(async (fx) => {
        const world = await createWorld(fx, { users: ["alice"] });
        const alice = world.users.alice;
        const channelInput = {
            AppInstanceArn: world.appInstanceArn,
            Name: "c",
            ChimeBearer: alice,
            ClientRequestToken: "c-1",
        };
        const a = await fx.messaging.send(new CreateChannelCommand(channelInput));
        const b = await fx.messaging.send(new CreateChannelCommand(channelInput));
        assert.equal(b.ChannelArn, a.ChannelArn);
        const messageInput = {
            ChannelArn: a.ChannelArn,
            ChimeBearer: alice,
            Content: "once",
            Type: "STANDARD" as const,
            Persistence: "PERSISTENT" as const,
            ClientRequestToken: "m-1",
        };
        const m1 = await fx.messaging.send(new SendChannelMessageCommand(messageInput));
        const m2 = await fx.messaging.send(new SendChannelMessageCommand(messageInput));
        assert.equal(m2.MessageId, m1.MessageId);
        const { ChannelMessages } = await fx.messaging.send(
            new ListChannelMessagesCommand({ ChannelArn: a.ChannelArn, ChimeBearer: alice }),
        );
        assert.equal(ChannelMessages?.length, 1);
        const conflict = (await errorOf(() =>
            fx.messaging.send(new SendChannelMessageCommand({ ...messageInput, Content: "twice" })),
        )) as ChimeError;
        assert.equal(conflict.name, "ConflictException");
    }));

it("both services' /tags routes reach one tag store", () =>
    withFixture(async (fx) => {
        const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: "tagged" }));
        await fx.identity.send(
            new TagResourceCommand({ ResourceARN: AppInstanceArn, Tags: [{ Key: "team", Value: "blue" }] }),
        );
        const { Tags } = await fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: AppInstanceArn }));
        assert.deepEqual(Tags, [{ Key: "team", Value: "blue" }]);
        const users = await fx.identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn }));
        assert.deepEqual(users.AppInstanceUsers, []);
    }));

it("browser pages on localhost may call the API: CORS preflights are answered and answers allow their origin", () =>
    withFixture(async (fx) => {
        const preflight = await fetch(`${fx.url}/channels`, {
            method: "OPTIONS",
            headers: {
                origin: "http://localhost:3000",
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization,content-type,x-amz-chime-bearer,x-amz-date",
            },
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get("access-control-allow-origin"), "http://localhost:3000");
        assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
        assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /x-amz-chime-bearer/);
        const answer = await fetch(`${fx.url}/app-instances`, { headers: { origin: "http://localhost:3000" } });
        assert.equal(answer.headers.get("access-control-allow-origin"), "http://localhost:3000");
        assert.match(answer.headers.get("access-control-expose-headers") ?? "", /x-amzn-errortype/);
    }));

it("Forbidden and ResourceLimitExceeded keep their status and Code through the SDK", () =>
    withFixture(async (fx) => {
        const world = await createWorld(fx, { users: ["owner", "member"] });
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "c",
                ChimeBearer: world.users.owner,
                MemberArns: [world.users.member],
            }),
        );
        // A plain member may not delete the channel.
        const forbidden = (await errorOf(() =>
            fx.messaging.send(new DeleteChannelCommand({ ChannelArn, ChimeBearer: world.users.member })),
        )) as ChimeError;
        assert.equal(forbidden.name, "ForbiddenException");
        assert.equal(forbidden.$metadata?.httpStatusCode, 403);
        assert.equal(forbidden.Code, "Forbidden");

        // 100 app instances per account: the world holds one.
        for (let i = 1; i < 100; i++) await fx.identity.send(new CreateAppInstanceCommand({ Name: `quota-${i}` }));
        const limit = (await errorOf(() =>
            fx.identity.send(new CreateAppInstanceCommand({ Name: "one too many" })),
        )) as ChimeError;
        assert.equal(limit.name, "ResourceLimitExceededException");
        assert.equal(limit.$metadata?.httpStatusCode, 400);
        assert.equal(limit.Code, "ResourceLimitExceeded");
    }));
