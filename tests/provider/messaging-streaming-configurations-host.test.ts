import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import { GetMessagingStreamingConfigurationsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { ProviderHost, startHostAgainst, UNKNOWN } from "../helpers/provider-host";

/** Layer 3: MessagingStreamingConfigurations through Pulumi's own dynamic-provider host over gRPC. */
describe("MessagingStreamingConfigurations through the dynamic-provider host", () => {
    let pf: ProviderFixture;
    let host: ProviderHost;
    before(async () => {
        pf = await startProviderFixture();
        ({ host } = await startHostAgainst(pf.fx.url));
    });
    after(async () => {
        await host.stop();
        await pf.close();
    });

    it("previews, creates, changes in place, reads and deletes", async () => {
        const { AppInstanceArn: appInstanceArn } = await pf.fx.identity.send(
            new CreateAppInstanceCommand({ Name: "streams" }),
        );
        const live = () =>
            pf.fx.messaging.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: appInstanceArn }));
        const stream = (name: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-${name}`;
        const streaming = host.resource("MessagingStreamingConfigurations", "streaming");

        const preview = await streaming.check(
            {},
            { appInstanceArn: UNKNOWN, streamingConfigurations: [{ dataType: "Channel", resourceArn: UNKNOWN }] },
        );
        assert.deepEqual(preview.failures, []);
        const wrong = await streaming.check(
            {},
            {
                appInstanceArn,
                streamingConfigurations: [
                    {
                        dataType: "Channel",
                        resourceArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/chime-messaging-x",
                    },
                ],
            },
        );
        assert.match(wrong.failures[0]?.reason ?? "", /account and region/);

        const { inputs } = await streaming.check(
            {},
            { appInstanceArn, streamingConfigurations: [{ dataType: "Channel", resourceArn: stream("a") }] },
        );
        const { id, properties } = await streaming.create(inputs);
        assert.equal((await streaming.diff(id, properties, inputs)).changes, "NONE");
        const news = { ...inputs, streamingConfigurations: [{ dataType: "ChannelMessage", resourceArn: stream("b") }] };
        assert.deepEqual(await streaming.diff(id, properties, news), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const updated = (await streaming.update(id, properties, news)).properties;
        assert.deepEqual((await live()).StreamingConfigurations, [
            { DataType: "ChannelMessage", ResourceArn: stream("b") },
        ]);
        assert.deepEqual(
            (await streaming.read(id, updated)).properties.streamingConfigurations,
            news.streamingConfigurations,
        );

        await streaming.delete(id, updated);
        assert.equal((await errorOf(live)).name, "NotFoundException");
        assert.equal((await streaming.read(id, updated)).id, "");
    });
});
