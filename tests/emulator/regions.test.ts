import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    DescribeAppInstanceCommand,
    ListAppInstancesCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    ChimeSDKMessagingClient,
    CreateChannelCommand,
    DescribeChannelCommand,
    ListChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { clientConfig, errorOf, EmulatorFixture, startFixture } from "../helpers/emulator";

/**
 * Each region's service holds its own records, as the Chime SDK does: what is made in eu-central-1 has its
 * region in its ARN, is listed there only, and a call to us-east-1 naming it does not find it.
 */
describe("emulator: each region keeps its own records", () => {
    let fx: EmulatorFixture;
    let eu: { identity: ChimeSDKIdentityClient; messaging: ChimeSDKMessagingClient };
    let euInstance: string;
    let usInstance: string;
    let euAdmin: string;

    before(async () => {
        fx = await startFixture();
        const config = { ...clientConfig(fx.url), region: "eu-central-1" };
        eu = { identity: new ChimeSDKIdentityClient(config), messaging: new ChimeSDKMessagingClient(config) };
        euInstance = (
            await eu.identity.send(new CreateAppInstanceCommand({ Name: "eu-chat", ClientRequestToken: "t-1" }))
        ).AppInstanceArn!;
        usInstance = (
            await fx.identity.send(new CreateAppInstanceCommand({ Name: "us-chat", ClientRequestToken: "t-2" }))
        ).AppInstanceArn!;
        euAdmin = (
            await eu.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: euInstance,
                    AppInstanceUserId: "admin",
                    Name: "admin",
                    ClientRequestToken: "t-3",
                }),
            )
        ).AppInstanceUserArn!;
    });
    after(async () => {
        eu?.identity.destroy();
        eu?.messaging.destroy();
        await fx?.close();
    });

    it("makes each record in the region of the call, and lists it there only", async () => {
        assert.match(euInstance, /^arn:aws:chime:eu-central-1:/);
        assert.match(usInstance, /^arn:aws:chime:us-east-1:/);
        const listed = async (client: ChimeSDKIdentityClient) =>
            ((await client.send(new ListAppInstancesCommand({}))).AppInstances ?? []).map((a) => a.AppInstanceArn);
        assert.deepEqual(await listed(eu.identity), [euInstance]);
        assert.deepEqual(await listed(fx.identity), [usInstance]);
    });

    it("answers NotFound to a call in us-east-1 that names an eu-central-1 resource, and changes nothing", async () => {
        const describe = await errorOf(() =>
            fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: euInstance })),
        );
        assert.equal(describe.name, "NotFoundException");
        assert.match(describe.message, /does not exist in us-east-1/);
        const create = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: euInstance,
                    Name: "general",
                    ChimeBearer: euAdmin,
                    ClientRequestToken: "t-4",
                }),
            ),
        );
        assert.equal(create.name, "NotFoundException");
        const channels = await eu.messaging.send(
            new ListChannelsCommand({ AppInstanceArn: euInstance, ChimeBearer: euAdmin }),
        );
        assert.deepEqual(channels.Channels ?? [], [], "the refused create made nothing");
    });

    it("serves the eu-central-1 records through eu-central-1", async () => {
        const channelArn = (
            await eu.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: euInstance,
                    Name: "general",
                    ChimeBearer: euAdmin,
                    ClientRequestToken: "t-5",
                }),
            )
        ).ChannelArn!;
        assert.match(channelArn, /^arn:aws:chime:eu-central-1:/);
        const channel = await eu.messaging.send(
            new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: euAdmin }),
        );
        assert.equal(channel.Channel?.Name, "general");
    });

    it("keeps idempotency tokens per region: the same token in another region is a new request", async () => {
        const again = (
            await eu.identity.send(new CreateAppInstanceCommand({ Name: "us-chat", ClientRequestToken: "t-2" }))
        ).AppInstanceArn!;
        assert.match(again, /^arn:aws:chime:eu-central-1:/);
        assert.notEqual(again, usInstance);
    });
});
