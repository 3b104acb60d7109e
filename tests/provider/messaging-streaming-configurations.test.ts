import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { CreateAppInstanceCommand, DeleteAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import {
    DeleteMessagingStreamingConfigurationsCommand,
    GetMessagingStreamingConfigurationsCommand,
    PutMessagingStreamingConfigurationsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";

const stream = (name: string, region = "us-east-1", account = "123456789012") =>
    `arn:aws:kinesis:${region}:${account}:stream/${name}`;

describe("MessagingStreamingConfigurations provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("MessagingStreamingConfigurations");
    });
    after(() => pf.close());

    const newInstance = async (name = "streaming") =>
        (await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: name }))).AppInstanceArn!;
    const live = async (arn: string) =>
        (await pf.fx.messaging.send(new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: arn })))
            .StreamingConfigurations;
    const messages = { dataType: "ChannelMessage", resourceArn: stream("chime-messaging-messages") };
    const channels = { dataType: "Channel", resourceArn: stream("chime-messaging-channels") };

    it("streams the data types to their Kinesis streams and reads them back without drift", async () => {
        const appInstanceArn = await newInstance();
        const config = await created(provider, { appInstanceArn, streamingConfigurations: [messages, channels] });
        assert.equal(config.id, appInstanceArn);
        assert.deepEqual(await live(appInstanceArn), [
            { DataType: "ChannelMessage", ResourceArn: messages.resourceArn },
            { DataType: "Channel", ResourceArn: channels.resourceArn },
        ]);
        assert.equal((await provider.diff!(config.id, config.outs, config.inputs)).changes, false);
        assert.deepEqual((await refreshed(provider, config)).props.streamingConfigurations, [messages, channels]);
    });

    it("changes the configurations in place", async () => {
        const appInstanceArn = await newInstance();
        const config = await created(provider, { appInstanceArn, streamingConfigurations: [messages] });
        const other = { dataType: "ChannelMessage", resourceArn: stream("chime-messaging-other") };
        const { calls } = await pf.counting(() =>
            updatedInPlace(provider, config, { streamingConfigurations: [other, channels] }),
        );
        assert.deepEqual(mutatingCalls(calls), { PutMessagingStreamingConfigurations: 1 });
        assert.deepEqual(await live(appInstanceArn), [
            { DataType: "ChannelMessage", ResourceArn: other.resourceArn },
            { DataType: "Channel", ResourceArn: channels.resourceArn },
        ]);
    });

    it("replaces when the app instance changes", async () => {
        const config = await created(provider, {
            appInstanceArn: await newInstance(),
            streamingConfigurations: [messages],
        });
        assert.deepEqual((await diffWith(provider, config, { appInstanceArn: await newInstance("b") })).replaces, [
            "appInstanceArn",
        ]);
    });

    it("deletes the configurations", async () => {
        const appInstanceArn = await newInstance();
        const config = await created(provider, { appInstanceArn, streamingConfigurations: [messages] });
        await provider.delete!(config.id, config.outs);
        assert.equal((await errorOf(() => live(appInstanceArn))).name, "NotFoundException");
    });

    it("finds drift, and configurations or an app instance deleted outside the stack", async () => {
        const appInstanceArn = await newInstance();
        const config = await created(provider, { appInstanceArn, streamingConfigurations: [messages] });
        await pf.fx.messaging.send(
            new PutMessagingStreamingConfigurationsCommand({
                AppInstanceArn: appInstanceArn,
                StreamingConfigurations: [{ DataType: "Channel", ResourceArn: channels.resourceArn }],
            }),
        );
        const refresh = await refreshed(provider, config);
        assert.deepEqual(refresh.props.streamingConfigurations, [channels]);
        assert.equal((await provider.diff!(config.id, refresh.props, config.inputs)).changes, true);
        await pf.fx.messaging.send(
            new DeleteMessagingStreamingConfigurationsCommand({ AppInstanceArn: appInstanceArn }),
        );
        assert.ok(!(await refreshed(provider, config)).id);
        await pf.fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: appInstanceArn }));
        assert.ok(!(await refreshed(provider, config)).id);
        await provider.delete!(config.id, config.outs);
    });

    it("rejects streams that cannot receive the data, naming the rule and the value, before any API call", async () => {
        const appInstanceArn = await newInstance();
        const check = (streamingConfigurations: unknown) =>
            checkFailures(pf, provider, { appInstanceArn, streamingConfigurations });
        assertFailure(
            await checkFailures(pf, provider, {}),
            "streamingConfigurations",
            "streamingConfigurations is required",
        );
        assertFailure(await check([]), "streamingConfigurations", "1");
        assertFailure(
            await check([{ dataType: "Everything", resourceArn: messages.resourceArn }]),
            "streamingConfigurations",
            "dataType",
            "Everything",
        );
        assertFailure(
            await check([messages, { ...messages }]),
            "streamingConfigurations",
            "ChannelMessage appears more than once",
        );
        const bucket = "arn:aws:s3:::chime-messaging-bucket";
        assertFailure(
            await check([{ dataType: "Channel", resourceArn: bucket }]),
            "streamingConfigurations",
            "Kinesis data stream",
            bucket,
        );
        const unprefixed = stream("messages");
        assertFailure(
            await check([{ dataType: "Channel", resourceArn: unprefixed }]),
            "streamingConfigurations",
            "chime-messaging-",
            unprefixed,
        );
        const elsewhere = stream("chime-messaging-x", "eu-west-1");
        assertFailure(
            await check([{ dataType: "Channel", resourceArn: elsewhere }]),
            "streamingConfigurations",
            "account and region",
            elsewhere,
        );
        const otherAccount = stream("chime-messaging-x", "us-east-1", "210987654321");
        assertFailure(
            await check([{ dataType: "Channel", resourceArn: otherAccount }]),
            "streamingConfigurations",
            "account and region",
            otherAccount,
        );
    });

    it("lets values unknown during a preview through check", async () => {
        await checked(provider, {
            appInstanceArn: UNKNOWN,
            streamingConfigurations: [{ dataType: "Channel", resourceArn: UNKNOWN }],
        });
        await checked(provider, { appInstanceArn: await newInstance(), streamingConfigurations: UNKNOWN });
    });
});
