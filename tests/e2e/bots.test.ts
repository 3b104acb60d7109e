import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import {
    DescribeAppInstanceBotCommand,
    ListTagsForResourceCommand,
    UpdateAppInstanceBotCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    DescribeChannelBanCommand,
    DescribeChannelCommand,
    DescribeChannelModeratorCommand,
    ListChannelMembershipsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { emulatorResources, requirePulumiCli } from "../helpers/e2e";
import { CliStack, dynamicStack, runCli, runCliOk } from "../helpers/cli-run";
import { nativeStack, yamlProject } from "../helpers/native";
import { runBin } from "./generated-program";

/**
 * AppInstanceBot through the real CLI, for both servings: bots as the channel's creator (an AppInstanceAdmin bot
 * as the bearer), as members (single and batch), as a moderator and as a banned member; every property of a bot
 * updated in place; drift found by refresh and put back by up; destroy leaves nothing.
 */

const STACK_DIR = path.join(REPO_ROOT, "tests", "e2e", "bots-stack");

interface Serving {
    name: string;
    open(binDir: string, emulatorUrl: string): Promise<CliStack>;
}

const SERVINGS: Serving[] = [
    {
        name: "dynamic providers",
        open: (binDir, emulatorUrl) => dynamicStack(binDir, emulatorUrl, STACK_DIR, "bots"),
    },
    {
        name: "the native plugin",
        open: (binDir, emulatorUrl) =>
            nativeStack(
                binDir,
                emulatorUrl,
                yamlProject(fs.readFileSync(path.join(STACK_DIR, "native", "Pulumi.yaml"), "utf8")),
                "bots",
            ),
    },
];

interface Outputs {
    chat: string;
    channel: string;
    bots: Record<"helper" | "concierge" | "triage" | "spam", string>;
}

const OTHER_ALIAS = "arn:aws:lex:us-east-1:123456789012:bot-alias/ZYXWVUTSRQ/PONMLKJIHG";

for (const serving of SERVINGS)
    describe(`AppInstanceBot through the real CLI and ${serving.name}`, () => {
        let fx: EmulatorFixture;
        let stack: CliStack;
        let outputs: Outputs;

        before(async function () {
            const binDir = requirePulumiCli(this);
            fx = await startFixture();
            stack = await serving.open(binDir, fx.url);
        });
        after(() => fx?.close());

        const liveBot = async (arn: string) =>
            (await fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn: arn }))).AppInstanceBot!;

        it("up makes bots the channel's creator, members (single and batch), its moderator and a banned member", async () => {
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as Outputs;
            const { channel, bots } = outputs;
            for (const arn of Object.values(bots)) assert.match(arn, /\/bot\/[0-9a-f-]{36}$/);
            const bearer = bots.concierge;

            const helper = await liveBot(bots.helper);
            assert.equal(helper.Name, "helper");
            assert.equal(helper.Metadata, "v1");
            assert.deepEqual(helper.Configuration?.Lex?.InvokedBy, {
                StandardMessages: "MENTIONS",
                TargetedMessages: "ALL",
            });
            assert.equal(helper.Configuration?.Lex?.WelcomeIntent, "Welcome");

            const created = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: channel, ChimeBearer: bearer }),
            );
            assert.equal(created.Channel?.CreatedBy?.Arn, bearer, "the channel was made by the concierge bot");
            const members = await fx.messaging.send(
                new ListChannelMembershipsCommand({ ChannelArn: channel, ChimeBearer: bearer }),
            );
            const memberArns = (members.ChannelMemberships ?? []).map((m) => m.Member?.Arn);
            for (const arn of [bots.helper, bots.triage]) assert.ok(memberArns.includes(arn), `${arn} is a member`);
            const moderator = await fx.messaging.send(
                new DescribeChannelModeratorCommand({
                    ChannelArn: channel,
                    ChannelModeratorArn: bots.triage,
                    ChimeBearer: bearer,
                }),
            );
            assert.equal(moderator.ChannelModerator?.Moderator?.Arn, bots.triage);
            const ban = await fx.messaging.send(
                new DescribeChannelBanCommand({ ChannelArn: channel, MemberArn: bots.spam, ChimeBearer: bearer }),
            );
            assert.equal(ban.ChannelBan?.Member?.Arn, bots.spam);

            const again = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.doesNotMatch(again, /\b(created|updated|replaced|deleted)\b/, "a second up changes nothing");
        });

        it("updates every property of a bot in place: the same bot, its new values live", async () => {
            const changes = {
                botName: "helper-2",
                botMetadata: "v2",
                lexBotAliasArn: OTHER_ALIAS,
                localeId: "de_DE",
                standardMessages: "ALL",
                targetedMessages: "NONE",
                welcomeIntent: "Hello",
                team: "sales",
            };
            for (const [key, value] of Object.entries(changes)) await runCliOk(stack, ["config", "set", key, value]);
            const preview = await runCliOk(stack, ["preview", "--diff"]);
            assert.match(preview, /~ \S*AppInstanceBot: \(update\)\s+\[id=[^\]]+\]\s+\[urn=[^\]]+::helper\]/);
            assert.doesNotMatch(preview, /replace/, "nothing is replaced");
            const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.match(up, /1 updated/);
            assert.doesNotMatch(up, /replaced|created|deleted/);

            const helper = await liveBot(outputs.bots.helper);
            assert.equal(helper.Name, "helper-2");
            assert.equal(helper.Metadata, "v2");
            assert.deepEqual(helper.Configuration?.Lex, {
                RespondsTo: "STANDARD_MESSAGES",
                InvokedBy: { StandardMessages: "ALL", TargetedMessages: "NONE" },
                LexBotAliasArn: OTHER_ALIAS,
                LocaleId: "de_DE",
                WelcomeIntent: "Hello",
            });
            const tags = await fx.identity.send(new ListTagsForResourceCommand({ ResourceARN: outputs.bots.helper }));
            assert.deepEqual(tags.Tags, [{ Key: "team", Value: "sales" }]);
            await runCliOk(stack, ["preview", "--expect-no-changes"]);
        });

        it("refresh finds a bot changed outside the stack, and up puts it back", async () => {
            const live = await liveBot(outputs.bots.helper);
            await fx.identity.send(
                new UpdateAppInstanceBotCommand({
                    AppInstanceBotArn: outputs.bots.helper,
                    Name: live.Name!,
                    Metadata: "changed by hand",
                    Configuration: live.Configuration,
                }),
            );
            await runCliOk(stack, ["refresh", "--yes", "--skip-preview"]);
            const drifted = await runCli(stack, ["preview", "--expect-no-changes", "--diff"]);
            assert.notEqual(drifted.code, 0, "the preview shows the drift");
            assert.match(drifted.output, /metadata/);
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.equal((await liveBot(outputs.bots.helper)).Metadata, "v2");
        });

        it("stops a Lex alias ARN of the wrong form and an unknown standardMessages value at preview, with no API call", async () => {
            await runCliOk(stack, [
                "config",
                "set",
                "lexBotAliasArn",
                "arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ",
            ]);
            await runCliOk(stack, ["config", "set", "standardMessages", "SOMETIMES"]);
            const before = new Map(fx.emulator.callCounts);
            const preview = await runCli(stack, ["preview"]);
            assert.notEqual(preview.code, 0);
            assert.match(
                preview.output,
                /AppInstanceBot[\s\S]*lexBotAliasArn[\s\S]*arn:aws:lex:us-east-1:123456789012:bot\/ABCDEFGHIJ/,
            );
            assert.match(preview.output, /standardMessages[\s\S]*SOMETIMES/);
            assert.deepEqual(new Map(fx.emulator.callCounts), before, "no API call");
            await runCliOk(stack, ["config", "set", "lexBotAliasArn", OTHER_ALIAS]);
            await runCliOk(stack, ["config", "set", "standardMessages", "ALL"]);
            await runCliOk(stack, ["preview", "--expect-no-changes"]);
        });

        it("chime-preview-report names what deleting a bot loses", async () => {
            const preview = await runCliOk(stack, ["destroy", "--preview-only", "--json"]);
            const report = await runBin("chime-preview-report", ["--fail-on-data-loss"], { input: preview });
            assert.equal(report.status, 2, "deleting bots loses data");
            assert.match(
                report.stdout,
                /- \*\*AppInstanceBot `helper`\*\* \(delete\): loses the bot with its channel memberships and moderator rights/,
            );
        });

        it("destroy removes the bots with everything else", async () => {
            await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
            assert.deepEqual(await emulatorResources(fx.url), {});
        });
    });
