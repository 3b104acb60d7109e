import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
    DescribeChannelCommand,
    DescribeChannelFlowCommand,
    GetChannelMembershipPreferencesCommand,
    GetMessagingStreamingConfigurationsCommand,
    ListTagsForResourceCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { DescribeAppInstanceUserCommand } from "@aws-sdk/client-chime-sdk-identity";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import {
    requirePulumiCli,
    createProcessorFunction,
    emulatorResources,
    openStack,
    stageProject,
    temporaryBackend,
} from "../helpers/e2e";

/**
 * examples/escalations through the real Pulumi CLI against the emulator: it takes the support desk's app instance,
 * admin and processor Lambda from a stack reference, passes them (and other Outputs) inside nested arguments, and
 * leaves names to default. What it made is read back through the AWS SDK.
 */

const EXAMPLES = path.join(REPO_ROOT, "examples");
const STACK = "e2e";
type Outputs = Record<string, any>;

process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";

async function up(stack: Stack, config: Record<string, string>): Promise<Outputs> {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
    const result = await stack.up();
    assert.equal(result.summary.result, "succeeded");
    return Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
}

type Statement = { Sid: string; Principal: { Service: string }; Condition: Record<string, Record<string, string>> };

async function policyStatements(fx: EmulatorFixture, functionArn: string): Promise<Statement[]> {
    const policy = await fx.lambda.send(new GetPolicyCommand({ FunctionName: functionArn }));
    return JSON.parse(policy.Policy!).Statement as Statement[];
}

describe("examples/escalations on the support desk, through the Pulumi CLI", () => {
    let binDir: string;
    let fx: EmulatorFixture;
    let backend: string;
    const staged: string[] = [];
    let deskStack: Stack;
    let escalationsStack: Stack;
    let desk: Outputs;
    let escalations: Outputs;
    let processorArn: string;

    const stack = async (example: string) => {
        const dir = stageProject(path.join(EXAMPLES, example), ["Pulumi.yaml", "index.ts"]);
        staged.push(dir);
        return openStack(binDir, fx.url, backend, dir, STACK);
    };

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
        backend = temporaryBackend();
        processorArn = await createProcessorFunction(fx.url, "profanity-filter");
        deskStack = await stack("support-desk");
        desk = await up(deskStack, { processorLambdaArn: processorArn });
        escalationsStack = await stack("escalations");
    });

    after(async () => {
        for (const dir of [...staged, backend]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
        await fx?.close();
    });

    it("type-checks under strict TypeScript with Outputs inside its nested arguments", () => {
        const tsc = require.resolve("typescript/bin/tsc");
        const options = ["--noEmit", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node"];
        const target = ["--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node"];
        const program = path.join(EXAMPLES, "escalations", "index.ts");
        const out = spawnSync(process.execPath, [tsc, ...options, ...target, program], {
            cwd: REPO_ROOT,
            encoding: "utf8",
        });
        assert.equal(out.status, 0, out.stdout + out.stderr);
    });

    it("deploys, and the processor Lambda from the stack reference reaches the flow and its permission", async () => {
        escalations = await up(escalationsStack, { deskStack: `organization/chime-support-desk/${STACK}` });
        const { ChannelFlow: flow } = await fx.messaging.send(
            new DescribeChannelFlowCommand({ ChannelFlowArn: escalations.channelFlowArn }),
        );
        assert.equal(flow?.Name, "escalation-filter", "the flow's name defaults to its logical name");
        assert.deepEqual(flow?.Processors, [
            {
                Name: "escalation-filter",
                Configuration: { Lambda: { ResourceArn: processorArn, InvocationType: "ASYNC" } },
                ExecutionOrder: 1,
                FallbackAction: "ABORT",
            },
        ]);
        const appInstanceId = (desk.appInstanceArn as string).split("/").pop();
        const tags = await fx.messaging.send(
            new ListTagsForResourceCommand({ ResourceARN: escalations.channelFlowArn }),
        );
        assert.deepEqual(Object.fromEntries((tags.Tags ?? []).map((t) => [t.Key, t.Value])), {
            system: "escalations",
            appInstance: appInstanceId,
        });
        const statements = await policyStatements(fx, processorArn);
        const own = statements.find((s) => s.Sid === "chime-escalations");
        assert.equal(own?.Principal.Service, "messaging.chime.amazonaws.com");
        assert.equal(own?.Condition.ArnLike?.["AWS:SourceArn"], desk.appInstanceArn);
        assert.ok(statements.length >= 2, "the desk's own statement stays beside it");
    });

    it("resolved the Outputs inside expiration, elastic, preferences and streaming settings", async () => {
        const bearer = desk.adminArn as string;
        const describe = (arn: string) =>
            fx.messaging.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: bearer }));
        const { Channel: room } = await describe(escalations.channels.escalations);
        assert.equal(room?.Name, "escalations");
        assert.deepEqual(room?.ExpirationSettings, {
            ExpirationDays: 30,
            ExpirationCriterion: "LAST_MESSAGE_TIMESTAMP",
        });
        assert.equal(room?.ChannelFlowArn, escalations.channelFlowArn);
        const { Channel: townHall } = await describe(escalations.channels.townHall);
        assert.equal(townHall?.Name, "town-hall");
        assert.deepEqual(townHall?.ElasticChannelConfiguration, {
            MaximumSubChannels: 10,
            TargetMembershipsPerSubChannel: 100,
            MinimumMembershipPercentage: 25,
        });
        const { AppInstanceUser: lead } = await fx.identity.send(
            new DescribeAppInstanceUserCommand({ AppInstanceUserArn: escalations.leadArn }),
        );
        assert.equal(lead?.Name, "escalation-lead");
        assert.deepEqual(lead?.ExpirationSettings, { ExpirationDays: 365, ExpirationCriterion: "CREATED_TIMESTAMP" });
        const preferences = await fx.messaging.send(
            new GetChannelMembershipPreferencesCommand({
                ChannelArn: escalations.channels.escalations,
                MemberArn: escalations.leadArn,
                ChimeBearer: escalations.leadArn,
            }),
        );
        assert.deepEqual(preferences.Preferences?.PushNotifications, {
            AllowNotifications: "FILTERED",
            FilterRule: JSON.stringify({ mention: [escalations.leadArn] }),
        });
        const streaming = await fx.messaging.send(
            new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: desk.appInstanceArn }),
        );
        const [, , , region, account] = (desk.appInstanceArn as string).split(":");
        assert.deepEqual(streaming.StreamingConfigurations, [
            {
                DataType: "ChannelMessage",
                ResourceArn: `arn:aws:kinesis:${region}:${account}:stream/chime-messaging-escalations`,
            },
        ]);
    });

    it("a second preview reports no changes", async () => {
        const preview = await escalationsStack.preview();
        assert.deepEqual(
            Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0),
            [],
        );
    });

    it("destroying escalations removes only its statement; destroying the desk empties the emulator", async () => {
        assert.equal((await escalationsStack.destroy()).summary.result, "succeeded");
        const statements = await policyStatements(fx, processorArn);
        assert.ok(!statements.some((s) => s.Sid === "chime-escalations"), JSON.stringify(statements));
        assert.ok(
            statements.some((s) => s.Condition.ArnLike?.["AWS:SourceArn"] === desk.appInstanceArn),
            "the desk's statement stays",
        );
        assert.equal((await deskStack.destroy()).summary.result, "succeeded");
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
