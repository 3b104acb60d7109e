/**
 * Benchmark: one channel with 1,000 members, provisioned through ChannelMemberships (batches of 100) and through
 * 1,000 ChannelMembership resources created at once (the engine's default parallelism is unbounded), against the
 * emulator with the documented rate limits on. The provider objects are called in this process exactly as the
 * dynamic-provider host calls them (check, then create); the host is one process for every resource of a stack,
 * so the pacing below is shared the same way.
 *
 * Prints, per scenario: wall time against the floor the quota allows, API calls by operation, 429 answers seen
 * (and retried by the SDK), failures that reached the caller, and the state size per member.
 *
 *     npm run bench:memberships                      # both scenarios, 1,000 members
 *     npm run bench:memberships -- --members 300 --only batch
 */
import { parseArgs } from "util";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceAdminCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    ChimeSDKMessagingClient,
    CreateChannelCommand,
    ListChannelMembershipsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { RunningEmulator, startEmulator } from "../emulator";
import { awsClients } from "../provider/aws";
import { BATCH_SIZE } from "../provider/resources/channel-memberships";
import { forType } from "../provider";
import { DOCUMENTED_RATE_RULES } from "../quotas/rate-quotas";

const ALLOWED_OVERHEAD = 1.2;

type Props = Record<string, unknown>;

interface Scenario {
    name: string;
    /** The time the quota allows for the scenario's calls, in seconds. */
    floorSeconds: number;
    floorExplained: string;
    run(channelArn: string, members: string[], bearer: string): Promise<{ states: Props[]; failures: string[] }>;
    /** The type whose state grows on refresh (outputs the create call does not answer), to sample. */
    refreshedType?: string;
}

const REFRESH_SAMPLE = 10;

/** Bytes of outputs JSON per state after a refresh, from a sample of the states (a refresh reads each one). */
async function refreshedBytes(type: string, states: Props[]): Promise<number> {
    const provider = forType(type);
    const sample = states.slice(0, REFRESH_SAMPLE);
    const read = await Promise.all(sample.map((outs) => provider.read!(`${outs.channelArn}|${outs.memberArn}`, outs)));
    return read.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r.props)), 0) / sample.length;
}

function quota(per: "bearer" | "channel", operation: string): number {
    const rule = DOCUMENTED_RATE_RULES.find(
        (r) => r.per === per && (!r.operations || r.operations.includes(operation)),
    );
    if (!rule) throw new Error(`no documented ${per} quota for ${operation}`);
    return rule.transactionsPerSecond;
}

/** A token bucket of one second's worth of calls starts full: n calls need (n - burst) / rate seconds. */
function floorSeconds(calls: number, transactionsPerSecond: number): number {
    return Math.max(0, calls - transactionsPerSecond) / transactionsPerSecond;
}

async function checkedInputs(provider: pulumi.dynamic.ResourceProvider, news: Props): Promise<Props> {
    const result = await provider.check!({}, news);
    if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
    return result.inputs as Props;
}

function scenarios(members: number): Scenario[] {
    const batches = Math.ceil(members / BATCH_SIZE);
    const batchRate = quota("channel", "BatchCreateChannelMembership");
    const singleRate = quota("bearer", "CreateChannelMembership");
    return [
        {
            name: `ChannelMemberships (one resource, ${batches} batches of up to ${BATCH_SIZE})`,
            floorSeconds: floorSeconds(batches, batchRate),
            floorExplained: `${batches} BatchCreateChannelMembership calls at ${batchRate} TPS per channel`,
            async run(channelArn, memberArns, chimeBearer) {
                const provider = forType("ChannelMemberships");
                const inputs = await checkedInputs(provider, { channelArn, memberArns, chimeBearer });
                try {
                    const { outs } = await provider.create(inputs);
                    return { states: [outs], failures: [] };
                } catch (error) {
                    return { states: [], failures: [(error as Error).message] };
                }
            },
        },
        {
            name: `${members} ChannelMembership resources, created at once`,
            floorSeconds: floorSeconds(members, singleRate),
            floorExplained: `${members} CreateChannelMembership calls at ${singleRate} TPS per bearer`,
            refreshedType: "ChannelMembership",
            async run(channelArn, memberArns, chimeBearer) {
                const provider = forType("ChannelMembership");
                const inputs = await Promise.all(
                    memberArns.map((memberArn) => checkedInputs(provider, { channelArn, memberArn, chimeBearer })),
                );
                const settled = await Promise.allSettled(inputs.map((i) => provider.create(i)));
                return {
                    states: settled.flatMap((s) => (s.status === "fulfilled" ? [s.value.outs as Props] : [])),
                    failures: settled.flatMap((s) => (s.status === "rejected" ? [(s.reason as Error).message] : [])),
                };
            },
        },
    ];
}

/** Counts 429 answers as the SDK's retries see them (one per throttled attempt). */
function countThrottles(client: ChimeSDKMessagingClient): { count: number } {
    const counter = { count: 0 };
    client.middlewareStack.add(
        (next) => async (args) => {
            try {
                return await next(args);
            } catch (error) {
                if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 429)
                    counter.count++;
                throw error;
            }
        },
        { step: "finalizeRequest", priority: "low", name: "benchThrottleCounter" },
    );
    return counter;
}

async function world(emulator: RunningEmulator, members: number) {
    const config = {
        endpoint: emulator.url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    };
    const identity = new ChimeSDKIdentityClient(config);
    const messaging = new ChimeSDKMessagingClient({ ...config, maxAttempts: 8 });
    const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: "bench" }));
    const userArn = async (id: string) =>
        (await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: id, Name: id })))
            .AppInstanceUserArn!;
    const admin = await userArn("admin");
    await identity.send(new CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: admin }));
    const users: string[] = [];
    for (let i = 0; i < members; i++) users.push(await userArn(`member-${String(i).padStart(5, "0")}`));
    let channels = 0;
    return {
        admin,
        users,
        async newChannel(): Promise<string> {
            const command = new CreateChannelCommand({
                AppInstanceArn,
                Name: `bench-${++channels}`,
                ChimeBearer: admin,
            });
            return (await messaging.send(command)).ChannelArn!;
        },
        async memberCount(channelArn: string): Promise<number> {
            let count = 0;
            let NextToken: string | undefined;
            do {
                const page = await messaging.send(
                    new ListChannelMembershipsCommand({
                        ChannelArn: channelArn,
                        MaxResults: 50,
                        NextToken,
                        ChimeBearer: admin,
                    }),
                );
                count += (page.ChannelMemberships ?? []).filter((m) => m.Member?.Arn !== admin).length;
                NextToken = page.NextToken;
            } while (NextToken);
            return count;
        },
        close() {
            identity.destroy();
            messaging.destroy();
        },
    };
}

function callsSince(emulator: RunningEmulator, before: Map<string, number>): Record<string, number> {
    const calls: Record<string, number> = {};
    for (const [operation, count] of emulator.callCounts) {
        const added = count - (before.get(operation) ?? 0);
        if (added > 0) calls[operation] = added;
    }
    return calls;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: { members: { type: "string", default: "1000" }, only: { type: "string" } },
    });
    const members = Number(values.members);
    const emulator = await startEmulator({ rateLimits: true });
    Object.assign(process.env, {
        AWS_ENDPOINT_URL: emulator.url,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    // Calls go to the clients of the region in their ARNs.
    const throttles = countThrottles(awsClients("us-east-1").messaging);
    const setup = await world(emulator, members);
    console.log(
        `emulator ${emulator.url}, documented rate limits on; pacing ${process.env.CHIME_MESSAGING_PACING ?? "on"}; ${members} members`,
    );
    let allWithin = true;
    try {
        for (const scenario of scenarios(members)) {
            if (values.only && !scenario.name.toLowerCase().includes(values.only.toLowerCase())) continue;
            const channelArn = await setup.newChannel();
            // Let the channel's and the bearer's buckets fill up again, as at the start of a `pulumi up`.
            await new Promise((resolve) => setTimeout(resolve, 1500));
            const before = new Map(emulator.callCounts);
            const throttledBefore = throttles.count;
            const started = process.hrtime.bigint();
            const { states, failures } = await scenario.run(channelArn, setup.users, setup.admin);
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const calls = callsSince(emulator, before);
            const stateBytes = states.reduce((sum, outs) => sum + Buffer.byteLength(JSON.stringify(outs)), 0);
            const limit = Math.max(scenario.floorSeconds, 1) * ALLOWED_OVERHEAD;
            const within = seconds <= limit && failures.length === 0;
            allWithin &&= within;
            console.log(`\n== ${scenario.name}`);
            console.log(
                `wall time        ${seconds.toFixed(2)} s  (quota floor ${scenario.floorSeconds.toFixed(1)} s: ${scenario.floorExplained}; limit ${limit.toFixed(1)} s = ${ALLOWED_OVERHEAD}x) ${within ? "OK" : "OVER"}`,
            );
            console.log(`ratio to floor   ${(seconds / Math.max(scenario.floorSeconds, 1)).toFixed(3)}`);
            console.log(`API calls        ${JSON.stringify(calls)}`);
            console.log(`429s seen        ${throttles.count - throttledBefore} (retried by the SDK)`);
            console.log(
                `failures         ${failures.length}${failures.length ? `: ${failures.slice(0, 3).join(" | ")}` : ""}`,
            );
            console.log(`members live     ${await setup.memberCount(channelArn)} of ${members}`);
            console.log(
                `state per member ${(stateBytes / members).toFixed(1)} bytes of outputs JSON (${stateBytes} bytes in ${states.length} resource states)`,
            );
            if (scenario.refreshedType && states.length > 0) {
                const bytes = await refreshedBytes(scenario.refreshedType, states);
                console.log(
                    `  after refresh  ${bytes.toFixed(1)} bytes (who invited and when, read back; sampled ${Math.min(REFRESH_SAMPLE, states.length)})`,
                );
            }
        }
    } finally {
        setup.close();
        await emulator.close();
    }
    console.log(
        `\n${allWithin ? "every scenario within" : "NOT every scenario within"} ${ALLOWED_OVERHEAD}x the quota floor, with no failure`,
    );
    process.exitCode = allWithin ? 0 : 1;
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
