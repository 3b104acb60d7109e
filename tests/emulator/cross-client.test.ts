import { it } from "mocha";
import * as assert from "node:assert/strict";
import * as path from "path";
import {
    DescribeChannelCommand,
    ListChannelMessagesCommand,
    ListTagsForResourceCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import {
    CreateAppInstanceAdminCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { awsCliCommand, clientAvailable, clientEnv, requireClient, run } from "../helpers/clients";
import { EmulatorFixture, startFixture } from "../helpers/emulator";

/**
 * The emulator must serve boto3 and the AWS CLI as it serves the JavaScript SDK, with nothing set but
 * AWS_ENDPOINT_URL, a region and dummy credentials. Each part skips loudly when its client is not installed;
 * CHIME_CLIENTS_REQUIRED=1 (as in CI) makes a missing client a failure.
 */

const BOTO3_SMOKE = path.join(REPO_ROOT, "tests", "emulator", "clients", "boto3_smoke.py");

async function runJson(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<any> {
    const out = await run(command, args, env);
    assert.equal(out.status, 0, `${command} ${args.join(" ")} failed:\n${out.stderr}`);
    return JSON.parse(out.stdout);
}

/** A timestamp as either client prints it: epoch seconds (AWS CLI v1), an ISO 8601 string (v2, boto3). */
function assertRecent(value: unknown, what: string): void {
    const ms = typeof value === "number" ? value * 1000 : Date.parse(String(value));
    assert.ok(Math.abs(Date.now() - ms) < 5 * 60_000, `${what} should be close to now, got ${JSON.stringify(value)}`);
}

it("boto3, configured only through AWS_ENDPOINT_URL, runs a messaging session against the emulator", async function () {
    const available = clientAvailable("python3", ["-c", "import boto3"]);
    requireClient(this, available, "python3 with boto3", "python3 -m pip install boto3");
    const fx = await startFixture();
    try {
        const seen = await runJson("python3", [BOTO3_SMOKE], clientEnv(fx.url));

        assert.match(seen.appInstanceArn, /^arn:aws:chime:us-east-1:123456789012:app-instance\/[0-9a-f-]{36}$/);
        assert.equal(seen.appInstanceName, "boto3-app");
        assert.equal(seen.appInstanceTimestampsRecent, true, "boto3 parses the emulator's timestamps as datetimes");
        assert.deepEqual(seen.userArns, [seen.adminArn, seen.aliceArn, seen.bobArn].sort());
        assert.deepEqual(seen.channel, {
            name: "boto3-channel",
            mode: "RESTRICTED",
            privacy: "PRIVATE",
            createdBy: seen.adminArn,
            timestampsRecent: true,
        });
        assert.equal(seen.membershipMember, seen.aliceArn);
        assert.deepEqual(seen.members, [seen.adminArn, seen.aliceArn].sort());

        const contents = ["welcome", "hello", "thanks", "bye"];
        assert.deepEqual(
            seen.sent.map((m: { status: string }) => m.status),
            ["SENT", "SENT", "SENT", "SENT"],
        );
        assert.deepEqual(
            seen.listed,
            contents.map((content, i) => ({
                content,
                sender: i === 0 || i === 3 ? seen.adminArn : seen.aliceArn,
                timestampRecent: true,
            })),
        );
        assert.deepEqual(seen.paged, [["bye", "thanks", "hello"], ["welcome"]], "NextToken round-trips through boto3");
        assert.deepEqual(seen.firstMessage, { id: seen.sent[0].messageId, content: "welcome" });
        assert.deepEqual(seen.flow, {
            functionArn: "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter",
            policyPrincipals: ["messaging.chime.amazonaws.com"],
            flowArn: seen.flow.flowArn,
            processorLambdas: ["arn:aws:lambda:us-east-1:123456789012:function:profanity-filter"],
            associatedFlowArn: seen.flow.flowArn,
            heldStatus: "PENDING",
            callbackChannelArn: seen.channelArn,
            callbackIdFilled: true,
            releasedContent: "****",
            releasedStatus: "SENT",
        });
        assert.match(seen.flow.flowArn, new RegExp(`^${seen.appInstanceArn}/channel-flow/`));
        // /tags is served to both services' clients (boto3's User-Agent does not name the service).
        assert.deepEqual(seen.channelTags, { team: "python" });
        assert.deepEqual(seen.appInstanceTags, { client: "boto3" });

        type SeenError = { operation: string; code: string; status: number; message: string; requestId: string };
        const errors = seen.errors as Record<string, SeenError>;
        assert.deepEqual(
            Object.fromEntries(Object.entries(errors).map(([name, e]) => [name, [e.operation, e.code, e.status]])),
            {
                missingMembership: ["DescribeChannelMembership", "NotFoundException", 404],
                missingMessage: ["GetChannelMessage", "NotFoundException", 404],
                badChannelId: ["CreateChannel", "BadRequestException", 400],
                memberOnRestricted: ["CreateChannelMembership", "ForbiddenException", 403],
                duplicateUser: ["CreateAppInstanceUser", "ConflictException", 409],
            },
        );
        assert.match(errors.missingMembership.message, /user\/nobody/);
        assert.match(errors.badChannelId.message, /channelId/i);
        for (const error of Object.values(errors)) assert.match(error.requestId, /^[0-9a-f-]{36}$/);

        // What boto3 made is what the JavaScript SDK sees.
        const { Channel } = await fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: seen.channelArn, ChimeBearer: seen.adminArn }),
        );
        assert.equal(Channel?.Name, "boto3-channel");
        const messages = await fx.messaging.send(
            new ListChannelMessagesCommand({
                ChannelArn: seen.channelArn,
                ChimeBearer: seen.adminArn,
                SortOrder: "ASCENDING",
            }),
        );
        assert.deepEqual(
            messages.ChannelMessages?.map((m) => m.Content),
            [...contents, "****"],
        );
    } finally {
        await fx.close();
    }
});

async function appInstanceWithAdmin(fx: EmulatorFixture) {
    const { AppInstanceArn: appInstanceArn } = await fx.identity.send(
        new CreateAppInstanceCommand({ Name: "cli-app", Metadata: "made by the JavaScript SDK" }),
    );
    const { AppInstanceUserArn: adminArn } = await fx.identity.send(
        new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: "admin", Name: "Admin" }),
    );
    await fx.identity.send(
        new CreateAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn }),
    );
    return { appInstanceArn: appInstanceArn!, adminArn: adminArn! };
}

it("the AWS CLI, configured only through AWS_ENDPOINT_URL, reads and writes the emulator's state", async function () {
    const [cli, ...cliArgs] = awsCliCommand() ?? [];
    requireClient(this, cli !== undefined, "the AWS CLI (aws)", "python3 -m pip install awscli");
    const fx = await startFixture();
    try {
        const env = clientEnv(fx.url);
        const { appInstanceArn, adminArn } = await appInstanceWithAdmin(fx);
        const aws = (...args: string[]) => runJson(cli, [...cliArgs, ...args, "--output", "json"], env);

        const described = await aws(
            "chime-sdk-identity",
            "describe-app-instance",
            "--app-instance-arn",
            appInstanceArn,
        );
        assert.equal(described.AppInstance.AppInstanceArn, appInstanceArn);
        assert.equal(described.AppInstance.Name, "cli-app");
        assert.equal(described.AppInstance.Metadata, "made by the JavaScript SDK");
        assertRecent(described.AppInstance.CreatedTimestamp, "CreatedTimestamp");

        const created = await aws(
            "chime-sdk-messaging",
            "create-channel",
            "--app-instance-arn",
            appInstanceArn,
            "--name",
            "cli-channel",
            "--privacy",
            "PRIVATE",
            "--tags",
            "Key=made-by,Value=aws-cli",
            "--chime-bearer",
            adminArn,
        );
        assert.match(created.ChannelArn, new RegExp(`^${appInstanceArn}/channel/[0-9a-f]+$`));

        const listPrivate = await aws(
            "chime-sdk-messaging",
            "list-channels",
            "--app-instance-arn",
            appInstanceArn,
            "--privacy",
            "PRIVATE",
            "--chime-bearer",
            adminArn,
        );
        assert.deepEqual(
            listPrivate.Channels.map((c: Record<string, string>) => [c.Name, c.ChannelArn, c.Mode, c.Privacy]),
            [["cli-channel", created.ChannelArn, "UNRESTRICTED", "PRIVATE"]],
        );
        const listPublic = await aws(
            "chime-sdk-messaging",
            "list-channels",
            "--app-instance-arn",
            appInstanceArn,
            "--chime-bearer",
            adminArn,
        );
        assert.deepEqual(listPublic.Channels, []);

        const sent = await aws(
            "chime-sdk-messaging",
            "send-channel-message",
            "--channel-arn",
            created.ChannelArn,
            "--content",
            "from the command line",
            "--type",
            "STANDARD",
            "--persistence",
            "PERSISTENT",
            "--chime-bearer",
            adminArn,
        );
        assert.equal(sent.Status.Value, "SENT");

        // What the CLI made is what the JavaScript SDK sees.
        const tags = await fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: created.ChannelArn }));
        assert.deepEqual(tags.Tags, [{ Key: "made-by", Value: "aws-cli" }]);
        const messages = await fx.messaging.send(
            new ListChannelMessagesCommand({ ChannelArn: created.ChannelArn, ChimeBearer: adminArn }),
        );
        assert.deepEqual(
            messages.ChannelMessages?.map((m) => [m.MessageId, m.Content]),
            [[sent.MessageId, "from the command line"]],
        );

        // A service error: the CLI names the exception and the operation, and exits non-zero (255 in v1, 254 in v2).
        const missing = await run(
            cli,
            [
                ...cliArgs,
                "chime-sdk-messaging",
                "describe-channel",
                "--channel-arn",
                `${appInstanceArn}/channel/missing`,
                "--chime-bearer",
                adminArn,
            ],
            env,
        );
        assert.ok(missing.status === 254 || missing.status === 255, `exit status ${missing.status}`);
        assert.match(
            missing.stderr,
            /An error occurred \(NotFoundException\) when calling the DescribeChannel operation: .*channel\/missing/,
        );
        assert.equal(missing.stdout, "");
    } finally {
        await fx.close();
    }
});
