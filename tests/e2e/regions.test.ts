import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as path from "path";
import { ChimeSDKIdentityClient, ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import {
    ChimeSDKMessagingClient,
    DescribeChannelCommand,
    ListChannelMembershipsCommand,
    ListChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { clientConfig, EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { emulatorResources, requirePulumiCli } from "../helpers/e2e";
import { CliStack, dynamicStack, runCliOk } from "../helpers/cli-run";
import { nativeStack, yamlProject } from "../helpers/native";

/**
 * One stack, two regions, through the real CLI for both servings: with us-east-1 configured, an app instance left
 * in the configured region and one declared in eu-central-1, each with an admin, a member, a channel and a
 * membership. Up makes each record in its own region (the emulator lists each in its region only and does not
 * find it in the other), a second up changes nothing, and destroy leaves nothing.
 */

/** An app instance with an admin, a member, a channel and a membership, in `region` when given. */
function chatIn(prefix: string, region?: string): string {
    const ref = (name: string, output: string) => `\${${prefix}-${name}.${output}}`;
    return `  ${prefix}-chat:
    type: chime-messaging:index:AppInstance
    properties:
      name: ${prefix}-chat${region ? `\n      region: ${region}` : ""}
  ${prefix}-admin-user:
    type: chime-messaging:index:AppInstanceUser
    properties:
      appInstanceArn: ${ref("chat", "arn")}
      appInstanceUserId: admin
  ${prefix}-alice:
    type: chime-messaging:index:AppInstanceUser
    properties:
      appInstanceArn: ${ref("chat", "arn")}
      appInstanceUserId: alice
  ${prefix}-admin:
    type: chime-messaging:index:AppInstanceAdmin
    properties:
      appInstanceArn: ${ref("chat", "arn")}
      appInstanceAdminArn: ${ref("admin-user", "arn")}
  ${prefix}-general:
    type: chime-messaging:index:Channel
    properties:
      appInstanceArn: ${ref("chat", "arn")}
      name: general
      chimeBearer: ${ref("admin", "appInstanceAdminArn")}
  ${prefix}-alice-in-general:
    type: chime-messaging:index:ChannelMembership
    properties:
      channelArn: ${ref("general", "arn")}
      memberArn: ${ref("alice", "arn")}
      chimeBearer: ${ref("admin", "appInstanceAdminArn")}
`;
}

const YAML = `name: chime-regions
runtime: yaml
resources:
${chatIn("us")}${chatIn("eu", "eu-central-1")}outputs:
${["us", "eu"]
    .map(
        (prefix) => `  ${prefix}:
    chat: \${${prefix}-chat.arn}
    channel: \${${prefix}-general.arn}
    member: \${${prefix}-alice-in-general.memberArn}
`,
    )
    .join("")}`;

interface Serving {
    name: string;
    open(binDir: string, emulatorUrl: string): Promise<CliStack>;
}

const SERVINGS: Serving[] = [
    {
        name: "dynamic providers",
        open: (binDir, emulatorUrl) =>
            dynamicStack(binDir, emulatorUrl, path.join(REPO_ROOT, "tests", "e2e", "regions-stack"), "regions"),
    },
    {
        name: "the native plugin",
        open: (binDir, emulatorUrl) => nativeStack(binDir, emulatorUrl, yamlProject(YAML), "regions"),
    },
];

interface ChatOutputs {
    chat: string;
    channel: string;
    member: string;
}

const REGIONS = { us: "us-east-1", eu: "eu-central-1" } as const;

for (const serving of SERVINGS)
    describe(`two app instances in two regions in one stack, through ${serving.name}`, () => {
        let fx: EmulatorFixture;
        let stack: CliStack;
        const clients: Record<string, { identity: ChimeSDKIdentityClient; messaging: ChimeSDKMessagingClient }> = {};

        before(async function () {
            const binDir = requirePulumiCli(this);
            fx = await startFixture();
            for (const [key, region] of Object.entries(REGIONS)) {
                const config = { ...clientConfig(fx.url), region };
                clients[key] = {
                    identity: new ChimeSDKIdentityClient(config),
                    messaging: new ChimeSDKMessagingClient(config),
                };
            }
            stack = await serving.open(binDir, fx.url);
        });
        after(async () => {
            for (const { identity, messaging } of Object.values(clients)) {
                identity.destroy();
                messaging.destroy();
            }
            await fx?.close();
        });

        it("up makes each app instance, channel and membership in its own region", async () => {
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            const outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as Record<
                "us" | "eu",
                ChatOutputs
            >;
            for (const [key, region] of Object.entries(REGIONS) as ["us" | "eu", string][]) {
                const { chat, channel, member } = outputs[key];
                for (const arn of [chat, channel, member]) assert.equal(arn.split(":")[3], region, arn);
                const { identity, messaging } = clients[key];
                const listed = (await identity.send(new ListAppInstancesCommand({}))).AppInstances ?? [];
                assert.deepEqual(
                    listed.map((a) => a.AppInstanceArn),
                    [chat],
                    `${region} lists its own app instance only`,
                );
                const bearer = chat + "/user/admin";
                const channels = await messaging.send(
                    new ListChannelsCommand({ AppInstanceArn: chat, ChimeBearer: bearer }),
                );
                assert.deepEqual(
                    (channels.Channels ?? []).map((c) => c.ChannelArn),
                    [channel],
                );
                const members = await messaging.send(
                    new ListChannelMembershipsCommand({ ChannelArn: channel, ChimeBearer: bearer }),
                );
                assert.ok((members.ChannelMemberships ?? []).some((m) => m.Member?.Arn === member));

                const other = clients[key === "us" ? "eu" : "us"];
                const elsewhere = await errorOf(() =>
                    other.messaging.send(new DescribeChannelCommand({ ChannelArn: channel, ChimeBearer: bearer })),
                );
                assert.equal(elsewhere.name, "NotFoundException", `the other region does not hold ${channel}`);
            }
        });

        it("a second up and a preview change nothing", async () => {
            const again = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.doesNotMatch(again, /\b(created|updated|replaced|deleted)\b/);
            await runCliOk(stack, ["preview", "--expect-no-changes"]);
            await runCliOk(stack, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        });

        it("destroy removes everything in both regions", async () => {
            await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
            assert.deepEqual(await emulatorResources(fx.url), {});
        });
    });
