import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { DescribeChannelCommand, ListChannelsCommand, UpdateChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, startFixture } from "../../helpers/emulator";
import { createProcessorFunction, emulatorResources, requirePulumiCli } from "../../helpers/e2e";
import { CliStack, runCliOk } from "../../helpers/cli-run";
import { exampleYaml, nativeStack, previewJsonText, previewSteps, yamlProject } from "../../helpers/native";
import { mutatingCallsSince, runBin } from "../generated-program";

/**
 * examples/yaml (the quickstart's topology in Pulumi YAML) through the real CLI, the YAML language host and the
 * native plugin found on PATH, against the emulator: preview, up, a second up that changes nothing, an edit (a
 * rename in place and a privacy change that replaces, which `preview --diff` and `preview --json` name property by
 * property), a refresh after a change made out of band with the AWS SDK, and a destroy that leaves nothing.
 */

describe("the YAML example through the native plugin", () => {
    let fx: EmulatorFixture;
    let stack: CliStack;
    let outputs: Record<string, unknown>;

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        const processorLambdaArn = await createProcessorFunction(fx.url, "profanity-filter");
        stack = await nativeStack(binDir, fx.url, yamlProject(exampleYaml()), "yaml", { processorLambdaArn });
    });
    after(() => fx?.close());

    const program = () => path.join(stack.workDir, "Pulumi.yaml");
    const editProgram = (change: (text: string) => string) => {
        const before = fs.readFileSync(program(), "utf8");
        const after = change(before);
        assert.notEqual(after, before);
        fs.writeFileSync(program(), after);
    };
    const describeChannel = async (arn: string) =>
        (
            await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: outputs.adminArn as string }),
            )
        ).Channel!;

    it("previews and makes the topology, with the names that default to the resource's", async () => {
        const preview = await runCliOk(stack, ["preview"]);
        assert.match(preview, /\+ 24 to create/);
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /\+ 24 created/);
        outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"]));
        const channels = outputs.channels as Record<string, string>;
        assert.equal((await describeChannel(channels.general)).Name, "general", "name defaults to the resource's");
        assert.equal((await describeChannel(channels.leads)).Privacy, "PRIVATE");
        const listed = await fx.messaging.send(
            new ListChannelsCommand({
                AppInstanceArn: outputs.appInstanceArn as string,
                ChimeBearer: outputs.adminArn as string,
            }),
        );
        assert.deepEqual(listed.Channels!.map((c) => c.Name).sort(), ["announcements", "general"]);
        assert.match(outputs.channelFlowArn as string, /\/channel-flow\//);
    });

    it("a second up changes nothing and makes no mutating call", async () => {
        const before = new Map(fx.emulator.callCounts);
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /24 unchanged/);
        assert.doesNotMatch(up, /(created|updated|replaced|deleted)\b/);
        assert.deepEqual(mutatingCallsSince(before, fx.emulator.callCounts), {});
    });

    it("an edit: preview --diff names the rename (in place) and the privacy change (replaces); up applies both", async () => {
        editProgram((text) =>
            text
                .replace("      name: leads\n", "      name: leads-room\n")
                .replace("      name: announcements\n", "      name: announcements\n      privacy: PRIVATE\n"),
        );
        const diff = await runCliOk(stack, ["preview", "--diff"]);
        assert.match(diff, /~ chime-messaging:index:Channel: \(update\)[\s\S]*?~ name\s*: "leads" => "leads-room"/);
        assert.match(
            diff,
            /\+-chime-messaging:index:Channel: \(replace\)[\s\S]*?Channel::announcements\][\s\S]*?~ privacy\s*: "PUBLIC" => "PRIVATE"/,
        );
        assert.doesNotMatch(diff, /~ (mode|tags|metadata)\s*:/, "only the changed properties are shown");
        const steps = await previewSteps(stack);
        assert.equal(steps.leads.op, "update");
        assert.deepEqual(steps.leads.detailedDiff, { name: { kind: "update", inputDiff: true } });
        assert.equal(steps.announcements.op, "replace");
        assert.deepEqual(steps.announcements.detailedDiff, { privacy: { kind: "update-replace", inputDiff: true } });
        const report = await runBin("chime-preview-report", ["--fail-on-data-loss"], {
            input: await previewJsonText(stack),
        });
        assert.equal(report.status, 2, "the replaced channel loses data");
        assert.match(report.stdout, /\| `leads` \| Channel \| update \| `name` \|/);
        assert.match(report.stdout, /\| `announcements` \| Channel \| replace \| `privacy` \(forces replacement\) \|/);
        assert.match(
            report.stdout,
            /- \*\*Channel `announcements`\*\* \(replace, forced by `privacy`\): loses its messages/,
        );

        const channels = outputs.channels as Record<string, string>;
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /1 updated/);
        assert.equal((await describeChannel(channels.leads)).Name, "leads-room", "renamed in place, same ARN");
        outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"]));
        const announcements = (outputs.channels as Record<string, string>).announcements;
        assert.notEqual(announcements, channels.announcements, "a new channel");
        assert.equal((await describeChannel(announcements)).Privacy, "PRIVATE");
    });

    it("refresh finds a change made out of band, and the next preview shows the program putting it back", async () => {
        const general = (outputs.channels as Record<string, string>).general;
        await fx.messaging.send(
            new UpdateChannelCommand({
                ChannelArn: general,
                Name: "renamed-by-hand",
                Mode: "UNRESTRICTED",
                Metadata: "Everyone is welcome",
                ChimeBearer: outputs.adminArn as string,
            }),
        );
        const refresh = await runCliOk(stack, ["refresh", "--yes", "--skip-preview"]);
        assert.match(refresh, /1 updated/);
        const state = JSON.parse(await runCliOk(stack, ["stack", "export"])) as {
            deployment: { resources: { urn: string; outputs?: { name?: string } }[] };
        };
        const recorded = state.deployment.resources.find((r) => r.urn.endsWith("Channel::general"));
        assert.equal(recorded?.outputs?.name, "renamed-by-hand");
        const steps = await previewSteps(stack);
        assert.deepEqual(steps.general.detailedDiff, { name: { kind: "update", inputDiff: true } });
        await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.equal((await describeChannel(general)).Name, "general");
    });

    it("destroy leaves nothing", async () => {
        const destroy = await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
        assert.match(destroy, /24 deleted/);
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
