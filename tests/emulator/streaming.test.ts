import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    DeleteMessagingStreamingConfigurationsCommand,
    GetMessagingSessionEndpointCommand,
    GetMessagingStreamingConfigurationsCommand,
    PutMessagingStreamingConfigurationsCommand,
    StreamingConfiguration,
} from "@aws-sdk/client-chime-sdk-messaging";
import { CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture, TEST_REGION } from "../helpers/emulator";

describe("messaging streaming configurations", () => {
    let fx: EmulatorFixture;
    let appInstanceArn: string;
    before(async () => {
        fx = await startFixture();
        appInstanceArn = (await fx.identity.send(new CreateAppInstanceCommand({ Name: "streams" }))).AppInstanceArn!;
    });
    after(() => fx.close());

    const stream = (name: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/${name}`;
    const get = (arn = appInstanceArn) =>
        fx.messaging.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: arn }));
    const put = (configurations: StreamingConfiguration[], arn = appInstanceArn) =>
        fx.messaging.send(
            new PutMessagingStreamingConfigurationsCommand({
                AppInstanceArn: arn,
                StreamingConfigurations: configurations,
            }),
        );

    it("answers NotFound before any configuration is set", async () => {
        assert.equal((await errorOf(() => get())).name, "NotFoundException");
    });

    it("stores, replaces and deletes the configurations", async () => {
        const both: StreamingConfiguration[] = [
            { DataType: "Channel", ResourceArn: stream("channels") },
            { DataType: "ChannelMessage", ResourceArn: stream("messages") },
        ];
        assert.deepEqual((await put(both)).StreamingConfigurations, both);
        assert.deepEqual((await get()).StreamingConfigurations, both);
        const one: StreamingConfiguration[] = [{ DataType: "ChannelMessage", ResourceArn: stream("other") }];
        await put(one);
        assert.deepEqual((await get()).StreamingConfigurations, one);
        await fx.messaging.send(new DeleteMessagingStreamingConfigurationsCommand({ AppInstanceArn: appInstanceArn }));
        assert.equal((await errorOf(() => get())).name, "NotFoundException");
    });

    it("refuses bad configurations, naming the field, and changes nothing", async () => {
        const good: StreamingConfiguration[] = [{ DataType: "Channel", ResourceArn: stream("keep") }];
        await put(good);
        const cases: [StreamingConfiguration[], RegExp][] = [
            [[{ DataType: "Channel", ResourceArn: "arn:aws:sqs:us-east-1:123456789012:queue" }], /ResourceArn/],
            [
                [
                    { DataType: "Channel", ResourceArn: stream("a") },
                    { DataType: "Channel", ResourceArn: stream("b") },
                ],
                /Channel/,
            ],
            [[{ DataType: "Meeting" as never, ResourceArn: stream("a") }], /dataType/i],
            [[], /streamingConfigurations/i],
        ];
        for (const [configurations, field] of cases) {
            const error = await errorOf(() => put(configurations));
            assert.equal(error.name, "BadRequestException", JSON.stringify(configurations));
            assert.match(error.message, field);
        }
        assert.deepEqual((await get()).StreamingConfigurations, good);
    });

    it("answers NotFound for a missing app instance", async () => {
        const missing = appInstanceArn.replace(/[0-9a-f]{4}$/, "0000");
        assert.equal((await errorOf(() => get(missing))).name, "NotFoundException");
        assert.equal(
            (await errorOf(() => put([{ DataType: "Channel", ResourceArn: stream("x") }], missing))).name,
            "NotFoundException",
        );
        const del = await errorOf(() =>
            fx.messaging.send(new DeleteMessagingStreamingConfigurationsCommand({ AppInstanceArn: missing })),
        );
        assert.equal(del.name, "NotFoundException");
    });
});

describe("GetMessagingSessionEndpoint", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    it("returns a WebSocket URL for the region", async () => {
        const { Endpoint } = await fx.messaging.send(new GetMessagingSessionEndpointCommand({}));
        assert.match(
            Endpoint!.Url!,
            new RegExp(`^wss://[0-9a-f]+\\.ns\\.messaging\\.chime\\.${TEST_REGION}\\.amazonaws\\.com$`),
        );
    });

    it("accepts the network-type query parameter of newer SDKs", async () => {
        for (const networkType of ["IPV4_ONLY", "DUAL_STACK"]) {
            const response = await fetch(`${fx.url}/endpoints/messaging-session?network-type=${networkType}`);
            assert.equal(response.status, 200);
            const body = (await response.json()) as { Endpoint: { Url: string } };
            assert.match(body.Endpoint.Url, /^wss:\/\//);
        }
    });
});
