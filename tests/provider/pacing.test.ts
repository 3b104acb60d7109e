import { describe, it, before, after, beforeEach } from "mocha";
import * as assert from "node:assert/strict";
import { CreateChannelCommand, DescribeChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { forType } from "../../provider";
import { paceCall, PacingClock, pacingSettings, resetPacing } from "../../provider/pacing";

/** The variable docs/large-stacks.md documents. */
const PACING_ENV = "CHIME_MESSAGING_PACING";
import { RateRule } from "../../quotas/rate-quotas";
import { clientConfig, EmulatorFixture, startFixture } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";

const APP = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
const CHANNEL = `${APP}/channel/c1`;
const bearer = (id: string) => `${APP}/user/${id}`;

const ON = { enabled: true, scale: 1 };

/** A clock whose sleeps move time on at once: calls made one after another show when each may go out. */
function steppingClock(): PacingClock & { sent: number[] } {
    let now = 0;
    return {
        sent: [],
        now: () => now,
        async sleep(ms: number) {
            now += ms;
        },
    };
}

/** The times at which n calls, made one after another, go out. */
async function sendTimes(
    n: number,
    operation: string,
    input: (i: number) => Record<string, unknown>,
    scale = 1,
): Promise<number[]> {
    const clock = steppingClock();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
        await paceCall(operation, input(i), { enabled: true, scale }, clock);
        times.push(Math.round(clock.now()));
    }
    return times;
}

describe("client-side pacing under the documented rate quotas", () => {
    beforeEach(() => resetPacing());

    it("lets the documented burst (a second's worth) of one bearer's calls go at once, then spaces them a little under 10 TPS", async () => {
        const times = await sendTimes(13, "CreateChannelMembership", () => ({
            ChannelArn: CHANNEL,
            ChimeBearer: bearer("admin"),
        }));
        assert.deepEqual(
            times,
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 155, 261, 366],
            "10 at once, then 50 ms of headroom and 105 ms apart",
        );
    });

    it("keeps each bearer's calls on its own schedule", async () => {
        const times = await sendTimes(12, "DescribeChannel", (i) => ({
            ChannelArn: CHANNEL,
            ChimeBearer: bearer(`user${i}`),
        }));
        assert.deepEqual(times, new Array(12).fill(0));
    });

    it("spaces BatchCreateChannelMembership on one channel a little over a second apart, other channels apart", async () => {
        const times = await sendTimes(4, "BatchCreateChannelMembership", () => ({
            ChannelArn: CHANNEL,
            ChimeBearer: bearer("admin"),
        }));
        assert.deepEqual(times, [0, 1103, 2155, 3208]);
        const channels = await sendTimes(4, "BatchCreateChannelMembership", (i) => ({
            ChannelArn: `${CHANNEL}-${i}`,
            ChimeBearer: bearer(`b${i}`),
        }));
        assert.deepEqual(channels, [0, 0, 0, 0]);
    });

    it("counts CreateChannel, UpdateChannel and DeleteChannel of one app instance together", async () => {
        const operations = ["CreateChannel", "UpdateChannel", "DeleteChannel"];
        const times = await sendTimes(17, "CreateChannel", (i) => ({
            AppInstanceArn: APP,
            ChimeBearer: bearer(`user${i}`),
        }));
        assert.deepEqual(
            times.slice(0, 15),
            new Array(15).fill(0),
            "the burst of 15 at once, although each bearer is fresh",
        );
        assert.deepEqual(times.slice(15), [120, 190]);
        for (const operation of operations.slice(1)) {
            const clock = steppingClock();
            await paceCall(operation, { ChannelArn: CHANNEL, ChimeBearer: bearer("fresh") }, ON, clock);
            assert.ok(clock.now() > 140, `${operation} counts with CreateChannel (went at ${clock.now()})`);
        }
    });

    it("does not hold up a bearer's other calls while one of its batch calls waits for the channel's quota", async () => {
        const rules: RateRule[] = [
            { per: "channel", operations: ["BatchCreateChannelMembership"], transactionsPerSecond: 2 },
            { per: "bearer", transactionsPerSecond: 100 },
        ];
        const batch = { ChannelArn: CHANNEL, ChimeBearer: bearer("admin") };
        // Time stands still, and a sleep never ends: a call that has to wait never goes out.
        const sleeps: number[] = [];
        const still: PacingClock = {
            now: () => 0,
            sleep: (ms) => {
                sleeps.push(ms);
                return new Promise<void>(() => undefined);
            },
        };
        for (let i = 0; i < 2; i++) await paceCall("BatchCreateChannelMembership", batch, ON, still, rules); // the burst
        let batchWent = false;
        void paceCall("BatchCreateChannelMembership", batch, ON, still, rules).then(() => (batchWent = true));
        await Promise.all(Array.from({ length: 40 }, () => paceCall("DescribeChannel", batch, ON, still, rules)));
        assert.equal(batchWent, false, "the third batch call waits for the channel's quota");
        assert.equal(sleeps.length, 1, "only that call waited; the bearer's 40 others went at once");
        assert.ok(sleeps[0] >= 400, `it waits for the channel's next token (${sleeps[0]} ms)`);
    });

    it("scales every quota, and is turned off or scaled through the environment", async () => {
        const tripled = await sendTimes(
            31,
            "DescribeChannel",
            () => ({ ChannelArn: CHANNEL, ChimeBearer: bearer("fast") }),
            3,
        );
        assert.deepEqual(tripled.slice(0, 30), new Array(30).fill(0));
        assert.equal(tripled[30], 85);
        const clock = steppingClock();
        for (let i = 0; i < 50; i++)
            await paceCall("DescribeChannel", { ChimeBearer: bearer("off") }, { enabled: false, scale: 1 }, clock);
        assert.equal(clock.now(), 0, "off: nothing waits");
        assert.deepEqual(pacingSettings({}), { enabled: true, scale: 1 });
        assert.deepEqual(pacingSettings({ [PACING_ENV]: "on" }), { enabled: true, scale: 1 });
        assert.deepEqual(pacingSettings({ [PACING_ENV]: "OFF" }), { enabled: false, scale: 1 });
        assert.deepEqual(pacingSettings({ [PACING_ENV]: "2.5" }), { enabled: true, scale: 2.5 });
        for (const bad of ["-1", "0", "fast"]) {
            assert.throws(
                () => pacingSettings({ [PACING_ENV]: bad }),
                new RegExp(`${PACING_ENV} must be "on", "off" or a positive number.*${bad}`),
            );
        }
    });
});

describe("pacing against the emulator with the documented rate limits on", () => {
    let fx: EmulatorFixture;
    let world: World;
    let provider: pulumi.dynamic.ResourceProvider;
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
    /** The emulator's quotas refill by the wall clock, but for while a test holds it still. */
    let heldAt: number | undefined;
    before(async () => {
        fx = await startFixture({ rateLimits: true, rateClock: () => heldAt ?? Date.now() });
        Object.assign(process.env, {
            AWS_ENDPOINT_URL: fx.url,
            AWS_REGION: "us-east-1",
            AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
            AWS_SECRET_ACCESS_KEY: "secret",
        });
        world = await createWorld(fx, { users: ["admin", ...users], admins: ["admin"] });
        provider = forType("ChannelMembership");
    });
    after(() => fx.close());
    beforeEach(async () => {
        delete process.env[PACING_ENV];
        resetPacing();
        await new Promise((resolve) => setTimeout(resolve, 1100)); // the emulator's buckets fill up again
    });

    const admin = () => world.users.admin;
    const newChannel = async () => {
        const command = new CreateChannelCommand({
            AppInstanceArn: world.appInstanceArn,
            Name: "paced",
            ChimeBearer: admin(),
        });
        const { ChannelArn } = await new (fx.messaging.constructor as any)(clientConfig(fx.url, 8)).send(command);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        return ChannelArn as string;
    };
    const createAll = async (channelArn: string, members: string[]) => {
        const inputs = await Promise.all(
            members.map(
                async (id) =>
                    (await provider.check!({}, { channelArn, memberArn: world.users[id], chimeBearer: admin() }))
                        .inputs!,
            ),
        );
        return Promise.allSettled(inputs.map((i) => provider.create(i)));
    };

    it("without pacing and without retries, a burst of 20 creates is throttled", async () => {
        process.env.AWS_MAX_ATTEMPTS = "1";
        process.env[PACING_ENV] = "off";
        const channelArn = await newChannel();
        heldAt = Date.now();
        try {
            const settled = await createAll(channelArn, users.slice(0, 20));
            const throttled = settled.filter(
                (s) => s.status === "rejected" && /ThrottledClientException/.test(String(s.reason)),
            );
            assert.equal(throttled.length, 10, "the bearer's 10 a second pass, the 10 others are throttled");
        } finally {
            heldAt = undefined;
        }
    });

    it("with pacing, the same burst goes through without a single 429, even with no retries", async () => {
        process.env.AWS_MAX_ATTEMPTS = "1";
        const channelArn = await newChannel();
        const before = fx.emulator.callCounts.get("CreateChannelMembership") ?? 0;
        const started = Date.now();
        const settled = await createAll(channelArn, users.slice(20, 40));
        assert.deepEqual(
            settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason)),
            [],
        );
        assert.equal((fx.emulator.callCounts.get("CreateChannelMembership") ?? 0) - before, 20, "no call was repeated");
        assert.ok(Date.now() - started >= 1000, "10 at once, then 10 at 9.5 per second");
    });

    it("a 429 that still happens (another client used the bearer's quota) is retried by the SDK", async () => {
        process.env.AWS_MAX_ATTEMPTS = "8";
        const channelArn = await newChannel();
        const other = new (fx.messaging.constructor as any)(clientConfig(fx.url, 1));
        const drained = await Promise.allSettled(
            Array.from({ length: 12 }, () =>
                other.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: admin() })),
            ),
        );
        assert.ok(
            drained.some((s) => s.status === "rejected"),
            "the other client emptied the bearer's bucket",
        );
        const before = fx.emulator.callCounts.get("CreateChannelMembership") ?? 0;
        const settled = await createAll(channelArn, users.slice(0, 3));
        assert.deepEqual(
            settled.map((s) => s.status),
            ["fulfilled", "fulfilled", "fulfilled"],
        );
        assert.ok(
            (fx.emulator.callCounts.get("CreateChannelMembership") ?? 0) - before > 3,
            "some were throttled, then retried",
        );
    });
});
