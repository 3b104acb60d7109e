import { it } from "mocha";
import assert from "node:assert/strict";
import { ChimeSDKIdentityClient } from "@aws-sdk/client-chime-sdk-identity";
import {
    BatchCreateChannelMembershipCommand,
    ChimeSDKMessagingClient,
    CreateChannelCommand,
    ListChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { clientConfig, EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";
import { startCli, stopCli } from "./cli-process";

interface Outcome {
    ok: number;
    throttled: number;
}

/** A clock of the emulator's rate quotas that moves only when the test moves it. */
function manualClock() {
    let now = 1_000_000;
    return { rateClock: () => now, advance: (ms: number) => (now += ms) };
}

async function burst(calls: (() => Promise<unknown>)[]): Promise<Outcome> {
    const results = await Promise.allSettled(calls.map((call) => call()));
    const outcome: Outcome = { ok: 0, throttled: 0 };
    for (const result of results) {
        if (result.status === "fulfilled") {
            outcome.ok++;
            continue;
        }
        const error = result.reason as Error & { $metadata?: { httpStatusCode?: number }; Code?: string };
        assert.equal(error.name, "ThrottledClientException", String(error));
        assert.equal(error.$metadata?.httpStatusCode, 429);
        assert.equal(error.Code, "Throttled");
        outcome.throttled++;
    }
    return outcome;
}

const userIds = (n: number, prefix = "user") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

function listChannels(fx: Pick<EmulatorFixture, "messaging">, world: World, bearer: string) {
    return () =>
        fx.messaging.send(new ListChannelsCommand({ AppInstanceArn: world.appInstanceArn, ChimeBearer: bearer }));
}

function createChannel(fx: EmulatorFixture, world: World, bearer: string, name: string) {
    return () =>
        fx.messaging.send(
            new CreateChannelCommand({ AppInstanceArn: world.appInstanceArn, Name: name, ChimeBearer: bearer }),
        );
}

async function channelCount(fx: EmulatorFixture, world: World, admin: string): Promise<number> {
    let count = 0;
    let NextToken: string | undefined;
    do {
        const page = await fx.messaging.send(
            new ListChannelsCommand({
                AppInstanceArn: world.appInstanceArn,
                ChimeBearer: admin,
                MaxResults: 50,
                NextToken,
            }),
        );
        count += page.Channels?.length ?? 0;
        NextToken = page.NextToken;
    } while (NextToken);
    return count;
}

it("rate limits are off by default", async () => {
    const fx = await startFixture();
    try {
        const world = await createWorld(fx, { users: userIds(25) });
        const bearer = world.users.user0;
        assert.deepEqual(await burst(Array.from({ length: 30 }, () => listChannels(fx, world, bearer))), {
            ok: 30,
            throttled: 0,
        });
        const creates = Object.values(world.users).map((user, i) => createChannel(fx, world, user, `c${i}`));
        assert.deepEqual(await burst(creates), { ok: 25, throttled: 0 });
    } finally {
        await fx.close();
    }
});

it("10 TPS per bearer: a burst within the quota passes, beyond it gets 429 ThrottledClientException", async () => {
    const clock = manualClock();
    const fx = await startFixture({ rateLimits: true, rateClock: clock.rateClock });
    try {
        const world = await createWorld(fx, { users: ["alice", "bob"] });
        const within = await burst(Array.from({ length: 10 }, () => listChannels(fx, world, world.users.alice)));
        assert.deepEqual(within, { ok: 10, throttled: 0 });

        const beyond = await burst(Array.from({ length: 25 }, () => listChannels(fx, world, world.users.bob)));
        assert.deepEqual(beyond, { ok: 10, throttled: 15 });
        assert.deepEqual(await burst([listChannels(fx, world, world.users.bob)]), { ok: 0, throttled: 1 });

        // The quota is per bearer, and it refills: a tenth of a second gives one call, a second gives all ten.
        clock.advance(100);
        assert.deepEqual(await burst(Array.from({ length: 2 }, () => listChannels(fx, world, world.users.bob))), {
            ok: 1,
            throttled: 1,
        });
        clock.advance(1000);
        assert.deepEqual(await burst(Array.from({ length: 10 }, () => listChannels(fx, world, world.users.bob))), {
            ok: 10,
            throttled: 0,
        });
    } finally {
        await fx.close();
    }
});

it("15 TPS per app instance for CreateChannel: beyond it, 429 and nothing created", async () => {
    const clock = manualClock();
    const fx = await startFixture({ rateLimits: true, rateClock: clock.rateClock });
    try {
        // One create per bearer, so only the app instance's quota applies.
        const world = await createWorld(fx, { users: userIds(25), admins: [] });
        const other = await createWorld(fx, { users: ["solo"], name: "other" });
        const outcome = await burst(
            Object.values(world.users).map((user, i) => createChannel(fx, world, user, `c${i}`)),
        );
        assert.deepEqual(outcome, { ok: 15, throttled: 10 });
        // Another app instance has its own quota.
        await createChannel(fx, other, other.users.solo, "elsewhere")();
        clock.advance(1000);
        assert.equal(
            await channelCount(fx, world, world.users.user0),
            outcome.ok,
            "the throttled creates created nothing",
        );
    } finally {
        await fx.close();
    }
});

it("1 TPS per channel for BatchCreateChannelMembership", async () => {
    const clock = manualClock();
    const fx = await startFixture({ rateLimits: true, rateClock: clock.rateClock });
    try {
        const world = await createWorld(fx, { users: ["owner", "m1", "m2", "m3", "m4"] });
        const owner = world.users.owner;
        const channels: string[] = [];
        for (const name of ["a", "b"]) {
            const { ChannelArn } = await fx.messaging.send(
                new CreateChannelCommand({ AppInstanceArn: world.appInstanceArn, Name: name, ChimeBearer: owner }),
            );
            channels.push(ChannelArn!);
        }
        clock.advance(1000); // the owner's bearer quota refills
        const batch = (channel: string, members: string[]) =>
            fx.messaging.send(
                new BatchCreateChannelMembershipCommand({
                    ChannelArn: channel,
                    ChimeBearer: owner,
                    MemberArns: members,
                }),
            );
        await batch(channels[0], [world.users.m1]);
        const error = await errorOf(() => batch(channels[0], [world.users.m2]));
        assert.equal(error.name, "ThrottledClientException");
        assert.equal(error.$metadata?.httpStatusCode, 429);
        assert.match(error.message, /limited to 1 transactions per second per channel/);
        await batch(channels[1], [world.users.m3]); // another channel has its own quota
        clock.advance(999);
        assert.equal((await errorOf(() => batch(channels[0], [world.users.m4]))).name, "ThrottledClientException");
        clock.advance(1);
        await batch(channels[0], [world.users.m4]);
    } finally {
        await fx.close();
    }
});

it("the --rate-limits flag turns the quotas on", async () => {
    const emulator = await startCli(["--port", "0", "--rate-limits"]);
    const identity = new ChimeSDKIdentityClient(clientConfig(emulator.url));
    const messaging = new ChimeSDKMessagingClient(clientConfig(emulator.url));
    try {
        const world = await createWorld({ identity } as EmulatorFixture, { users: ["carol"] });
        // The wall clock: 50 calls at once pass no faster than 10 a second, whatever else the machine does.
        const outcome = await burst(
            Array.from({ length: 50 }, () => listChannels({ messaging }, world, world.users.carol)),
        );
        assert.ok(outcome.ok >= 10 && outcome.throttled >= 1, JSON.stringify(outcome));
    } finally {
        identity.destroy();
        messaging.destroy();
        await stopCli(emulator, "SIGKILL");
    }
});
