import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
    CreateChannelMembershipCommand,
    DescribeChannelCommand,
    ListChannelMembershipsCommand,
    ListChannelModeratorsCommand,
    ListChannelsCommand,
    ListTagsForResourceCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import {
    CreateAppInstanceAdminCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    DescribeAppInstanceBotCommand,
    DescribeAppInstanceUserCommand,
    ListAppInstanceUsersCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import {
    createProcessorFunction,
    emulatorResources,
    openStack,
    requirePulumiCli,
    stageProject,
    temporaryBackend,
} from "../helpers/e2e";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const SUPPORT_DESK = path.join(EXAMPLES, "support-desk");
const COMPOSED = path.join(EXAMPLES, "composed");
const TIERS = ["enterprise", "free", "pro"];
const STACK = "e2e";
const CONFIG_STACK = "e2e-config";

type Outputs = Record<string, any>;

/**
 * The programs are type-checked once, strictly, by the first test; the stacks of the suite that calls this run
 * them without checking again.
 */
function runProgramsWithoutTypeCheck(): void {
    let saved: string | undefined;
    before(() => {
        saved = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    });
    after(() => {
        if (saved === undefined) delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        else process.env.PULUMI_NODEJS_TRANSPILE_ONLY = saved;
    });
}

/** Temporary folders (staged projects, backends) that a suite or test removes when it is done. */
const removeAll = (folders: string[]) => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
};

/** An example's stack, run from a staged copy of the example (as a user would copy it) in the given backend. */
async function exampleStack(
    scratch: string[],
    binDir: string,
    emulatorUrl: string,
    backend: string,
    dir: string,
    stackName: string,
) {
    const staged = stageProject(dir, ["Pulumi.yaml", "index.ts"]);
    scratch.push(staged);
    return openStack(binDir, emulatorUrl, backend, staged, stackName);
}

async function up(
    stack: Stack,
    config: Record<string, string> = {},
): Promise<{ outputs: Outputs; changes: Record<string, number> }> {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
    const result = await stack.up();
    assert.equal(result.summary.result, "succeeded");
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
    const changes = Object.fromEntries(
        Object.entries(result.summary.resourceChanges ?? {}).filter(([op]) => op !== "same"),
    );
    return { outputs, changes };
}

async function assertPreviewChangesNothing(stack: Stack): Promise<void> {
    const preview = await stack.preview();
    const changes = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
    assert.deepEqual(changes, [], "a second preview must report no changes");
}

async function destroy(stack: Stack): Promise<void> {
    const result = await stack.destroy();
    assert.equal(result.summary.result, "succeeded");
}

const sorted = (values: (string | undefined)[] | undefined) => [...(values ?? [])].sort();

async function channelRoster(fx: EmulatorFixture, channelArn: string, bearer: string) {
    const [moderators, members, hidden] = await Promise.all([
        fx.messaging.send(new ListChannelModeratorsCommand({ ChannelArn: channelArn, ChimeBearer: bearer })),
        fx.messaging.send(new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: bearer })),
        fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: channelArn, ChimeBearer: bearer, Type: "HIDDEN" }),
        ),
    ]);
    return {
        moderators: sorted(moderators.ChannelModerators?.map((m) => m.Moderator?.Arn)),
        members: sorted(members.ChannelMemberships?.map((m) => m.Member?.Arn)),
        hidden: sorted(hidden.ChannelMemberships?.map((m) => m.Member?.Arn)),
    };
}

async function tagsOf(fx: EmulatorFixture, arn: string): Promise<Record<string, string>> {
    const out = await fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    return Object.fromEntries((out.Tags ?? []).map((tag) => [tag.Key!, tag.Value!]));
}

async function channelNames(fx: EmulatorFixture, appInstanceArn: string, bearer: string): Promise<string[]> {
    const names: string[] = [];
    for (const Privacy of ["PUBLIC", "PRIVATE"] as const) {
        const out = await fx.messaging.send(
            new ListChannelsCommand({ AppInstanceArn: appInstanceArn, ChimeBearer: bearer, Privacy }),
        );
        names.push(...(out.Channels ?? []).map((c) => c.Name!));
    }
    return names.sort();
}

/** The helper bot's Amazon Lex V2 alias (the emulator keeps it without calling Lex). */
const LEX_ALIAS = "arn:aws:lex:us-east-1:123456789012:bot-alias/SUPPORTBOT/TSTALIASID";

/** What the support desk must have made: per tier a moderated, filtered channel with its agents, customers and bot. */
async function checkSupportDesk(fx: EmulatorFixture, desk: Outputs, processorArn: string): Promise<void> {
    const bearer = desk.adminArn as string;
    const agents = Object.values(desk.agentArns as Record<string, string>);
    const helper = desk.helperBotArn as string;
    assert.match(helper, /\/bot\/[0-9a-f-]{36}$/, "the helper bot is configured");
    const { AppInstanceBot: bot } = await fx.identity.send(
        new DescribeAppInstanceBotCommand({ AppInstanceBotArn: helper }),
    );
    assert.equal(bot?.Configuration?.Lex?.LexBotAliasArn, LEX_ALIAS);
    assert.equal(agents.length, 2);
    assert.deepEqual(Object.keys(desk.channels).sort(), TIERS);
    assert.deepEqual(
        await channelNames(fx, desk.appInstanceArn, bearer),
        TIERS.map((tier) => `support-${tier}`),
    );

    for (const tier of TIERS) {
        const channelArn = desk.channels[tier] as string;
        const { Channel: channel } = await fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer }),
        );
        assert.equal(channel?.Mode, "RESTRICTED", tier);
        assert.equal(channel?.Privacy, "PRIVATE", tier);
        assert.equal(channel?.ChannelFlowArn, desk.channelFlowArn, `${tier} is filtered`);
        const customers = desk.customerArns[tier] as string[];
        assert.ok(customers.length > 0, tier);
        const roster = await channelRoster(fx, channelArn, bearer);
        // The admin created the channel, so it is a member and moderator too.
        assert.deepEqual(roster.moderators, sorted([bearer, ...agents]), `${tier} moderators`);
        assert.deepEqual(roster.members, sorted([bearer, ...agents, ...customers, helper]), `${tier} members`);
        assert.equal((await tagsOf(fx, channelArn)).tier, tier);

        // RESTRICTED: a customer (a plain member) cannot bring anyone in.
        const outsider = desk.customerArns[TIERS.find((other) => other !== tier)!][0] as string;
        const refused = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn: channelArn,
                    MemberArn: outsider,
                    Type: "DEFAULT",
                    ChimeBearer: customers[0],
                }),
            ),
        );
        assert.equal(refused.name, "ForbiddenException", `${tier}: ${refused.message}`);
    }

    // The filter may be invoked by Chime for this app instance only.
    const policy = await fx.lambda.send(new GetPolicyCommand({ FunctionName: processorArn }));
    type Statement = { Principal: { Service: string }; Condition: Record<string, Record<string, string>> };
    const statements = JSON.parse(policy.Policy!).Statement as Statement[];
    assert.ok(
        statements.some(
            (s) =>
                s.Principal.Service === "messaging.chime.amazonaws.com" &&
                s.Condition.ArnLike?.["AWS:SourceArn"] === desk.appInstanceArn,
        ),
        JSON.stringify(statements),
    );
}

/** What the composed stack must have added to the app instance it was given. */
async function checkComposed(
    fx: EmulatorFixture,
    composed: Outputs,
    appInstanceArn: string,
    bearer: string,
    stackName: string,
): Promise<void> {
    const users = composed.userArns as Record<string, string>;
    assert.equal(composed.appInstanceArn, appInstanceArn);
    for (const arn of Object.values(users)) assert.ok(arn.startsWith(`${appInstanceArn}/user/billing-`), arn);
    const { AppInstanceUser: lead } = await fx.identity.send(
        new DescribeAppInstanceUserCommand({ AppInstanceUserArn: users.lead }),
    );
    assert.equal(lead?.Name, "billing Lead");

    const lounge = await channelRoster(fx, composed.channels.lounge, bearer);
    assert.deepEqual(lounge.members, sorted([bearer, users.lead, users.dev, users.ops]));
    const incidents = await channelRoster(fx, composed.channels.incidents, bearer);
    assert.deepEqual(incidents.moderators, sorted([bearer, users.lead]));
    assert.deepEqual(incidents.members, sorted([bearer, users.ops]));
    assert.deepEqual(incidents.hidden, [users.lead]);
    const { Channel: channel } = await fx.messaging.send(
        new DescribeChannelCommand({ ChannelArn: composed.channels.incidents, ChimeBearer: bearer }),
    );
    assert.equal(channel?.Mode, "RESTRICTED");
    assert.equal(channel?.Privacy, "PRIVATE");
    const tags = { team: "billing", system: "composed", stack: stackName };
    assert.deepEqual(await tagsOf(fx, composed.channels.incidents), { ...tags, severity: "high" });
    assert.deepEqual(await tagsOf(fx, composed.channels.lounge), tags);
}

it("the examples type-check under strict TypeScript", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const options = ["--noEmit", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node"];
    const target = ["--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node"];
    const programs = [SUPPORT_DESK, COMPOSED].map((dir) => path.join(dir, "index.ts"));
    const out = spawnSync(process.execPath, [tsc, ...options, ...target, ...programs], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    assert.equal(out.status, 0, out.stdout + out.stderr);
});

describe("examples/support-desk, then examples/composed on its app instance through a stack reference", () => {
    const scratch: string[] = [];
    let fx: EmulatorFixture;
    let processorArn: string;
    let deskStack: Stack;
    let composedStack: Stack;
    let desk: Outputs;
    runProgramsWithoutTypeCheck();

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        processorArn = await createProcessorFunction(fx.url, "profanity-filter");
        const backend = temporaryBackend();
        scratch.push(backend);
        deskStack = await exampleStack(scratch, binDir, fx.url, backend, SUPPORT_DESK, STACK);
        composedStack = await exampleStack(scratch, binDir, fx.url, backend, COMPOSED, STACK);
        ({ outputs: desk } = await up(deskStack, { processorLambdaArn: processorArn, lexBotAliasArn: LEX_ALIAS }));
    });
    after(() => fx?.close());
    after(() => removeAll(scratch));

    it("each tier has a RESTRICTED channel with its moderators, members and the profanity filter", async () => {
        await checkSupportDesk(fx, desk, processorArn);
    });
    it("a second preview of the support desk reports no changes", () => assertPreviewChangesNothing(deskStack));

    it("changing the tiers' customers in config adds and removes only the difference", async () => {
        const tiers = { free: ["fiona", "felix", "frank"], pro: ["paula"], enterprise: ["erin"] };
        const before = desk;
        const { outputs, changes } = await up(deskStack, { tiers: JSON.stringify(tiers) });
        desk = outputs;
        // frank is created, pete deleted, and two membership sets updated in place.
        assert.deepEqual(changes, { create: 1, delete: 1, update: 2 });
        assert.deepEqual(desk.channels, before.channels, "the channels are kept");
        const pete = before.customerArns.pro.find((arn: string) => arn.endsWith("/user/pete"));
        const gone = await errorOf(() =>
            fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: pete })),
        );
        assert.equal(gone.name, "NotFoundException");
        assert.ok(desk.customerArns.free.some((arn: string) => arn.endsWith("/user/frank")));
        await checkSupportDesk(fx, desk, processorArn);
    });

    it("composed adds its users, channels, memberships and tags to the referenced app instance", async () => {
        const { outputs: composed } = await up(composedStack, {
            appInstanceStack: `organization/chime-support-desk/${STACK}`,
        });
        await checkComposed(fx, composed, desk.appInstanceArn, desk.adminArn, STACK);
    });
    it("a second preview of composed reports no changes", () => assertPreviewChangesNothing(composedStack));

    it("destroying composed removes only what it made", async () => {
        await destroy(composedStack);
        assert.deepEqual(
            await channelNames(fx, desk.appInstanceArn, desk.adminArn),
            TIERS.map((tier) => `support-${tier}`),
        );
        const users = await fx.identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn: desk.appInstanceArn }));
        assert.ok(!users.AppInstanceUsers?.some((u) => u.AppInstanceUserArn?.includes("/user/billing-")));
        await checkSupportDesk(fx, desk, processorArn);
    });

    it("destroying the support desk leaves the emulator empty", async () => {
        await destroy(deskStack);
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});

describe("examples/composed on an existing app instance and admin given by stack config", () => {
    runProgramsWithoutTypeCheck();
    for (const by of ["ARN", "name"] as const)
        it(`named by its ${by}: up, a second preview and destroy`, async function () {
            const binDir = requirePulumiCli(this);
            const scratch: string[] = [];
            const fx = await startFixture();
            try {
                const { AppInstanceArn: appInstanceArn } = await fx.identity.send(
                    new CreateAppInstanceCommand({ Name: "made-elsewhere" }),
                );
                const { AppInstanceUserArn: adminArn } = await fx.identity.send(
                    new CreateAppInstanceUserCommand({
                        AppInstanceArn: appInstanceArn,
                        AppInstanceUserId: "ops-admin",
                        Name: "Ops Admin",
                    }),
                );
                await fx.identity.send(
                    new CreateAppInstanceAdminCommand({
                        AppInstanceArn: appInstanceArn,
                        AppInstanceAdminArn: adminArn,
                    }),
                );
                const before = await emulatorResources(fx.url);

                const backend = temporaryBackend();
                scratch.push(backend);
                const stack = await exampleStack(scratch, binDir, fx.url, backend, COMPOSED, CONFIG_STACK);
                const config: Record<string, string> =
                    by === "ARN"
                        ? { appInstanceArn: appInstanceArn!, chimeBearer: adminArn! }
                        : { appInstanceName: "made-elsewhere", adminUserId: "ops-admin" };
                const { outputs: composed } = await up(stack, config);
                await checkComposed(fx, composed, appInstanceArn!, adminArn!, CONFIG_STACK);
                await assertPreviewChangesNothing(stack);
                await destroy(stack);
                assert.deepEqual(
                    await emulatorResources(fx.url),
                    before,
                    "destroy leaves the existing app instance as it was",
                );
            } finally {
                await fx.close();
                removeAll(scratch);
            }
        });
});
