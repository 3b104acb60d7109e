import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { call, enc } from "./http";
import { LoadJob, LoadResult } from "./load-generator";
import { Fixture } from "./workload";

/**
 * Emulator benchmark (not a test): requests per second and p50/p99 latency of a mixed workload sent over raw
 * keep-alive HTTP by a load generator in another process, with the emulator pinned to one core when `taskset` is
 * available; then the emulator's memory (RSS and heap after GC) holding 100,000 channel memberships.
 * Loopback only, bounded in requests and time.  Run: npm run bench:emulator
 */

const TARGET_RPS = 2000;
const TARGET_MEMORY_MB = 300;

const WARMUP_REQUESTS = 5_000;
const MEASURED_REQUESTS = 40_000;
const MAX_SECONDS = 30;
const CONCURRENCY = 16;
const UNLOADED_REQUESTS = 3_000;

const MEMBERSHIPS = 100_000;
const MEMORY_CHANNELS = 20; // 5,000 members each: within the 10,000-per-channel and 20,000-per-user quotas
const BATCH_SIZE = 100;

const MB = 1024 * 1024;

interface Memory {
    rss: number;
    heapUsed: number;
    gcRan: boolean;
}

interface EmulatorProcess {
    url: string;
    memory(): Promise<Memory>;
    /** CPU time (user + system) used so far, in microseconds. */
    cpuMicros(): Promise<number>;
    stop(): Promise<void>;
}

const pinning = os.platform() === "linux" && spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const cores = os.availableParallelism();

/** Runs a compiled script of this folder with IPC, on the given core when pinning is possible. */
function spawnNode(script: string, core: number, nodeFlags: string[] = [], scriptArgs: string[] = []): ChildProcess {
    const args = [...nodeFlags, path.join(__dirname, script), ...scriptArgs];
    const stdio: ("ignore" | "inherit" | "ipc")[] = ["ignore", "inherit", "inherit", "ipc"];
    if (pinning) return spawn("taskset", ["-c", String(core % cores), process.execPath, ...args], { stdio });
    return spawn(process.execPath, args, { stdio });
}

function nextMessage<T>(child: ChildProcess, type?: string): Promise<T> {
    return new Promise((resolve, reject) => {
        const onMessage = (message: { type?: string }) => {
            if (type !== undefined && message.type !== type) return;
            child.off("message", onMessage);
            child.off("exit", onExit);
            resolve(message as T);
        };
        const onExit = (code: number | null) =>
            reject(new Error(`the child process exited (${code}) before answering`));
        child.on("message", onMessage);
        child.once("exit", onExit);
    });
}

/** BENCH_PROFILE=<folder> writes a CPU profile of the emulator there (open it in Chrome DevTools). */
const PROFILE_DIR = process.env.BENCH_PROFILE;

async function startEmulatorProcess(dataDir?: string): Promise<EmulatorProcess> {
    const profiling = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
    const child = spawnNode("emulator-process.js", 0, ["--expose-gc", ...profiling], dataDir ? [dataDir] : []);
    const { url } = await nextMessage<{ url: string }>(child, "listening");
    return {
        url,
        memory() {
            const answer = nextMessage<Memory>(child, "memory");
            child.send({ type: "memory" });
            return answer;
        },
        async cpuMicros() {
            const answer = nextMessage<{ micros: number }>(child, "cpu");
            child.send({ type: "cpu" });
            return (await answer).micros;
        },
        stop() {
            const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
            child.disconnect();
            return exited;
        },
    };
}

async function runLoadProcess(job: LoadJob): Promise<LoadResult> {
    const child = spawnNode("load-generator.js", 1);
    const result = nextMessage<LoadResult>(child);
    child.send(job);
    return result;
}

/** Runs `fn` over the items with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    await Promise.all(
        Array.from({ length: limit }, async () => {
            while (next < items.length) {
                const i = next++;
                results[i] = await fn(items[i], i);
            }
        }),
    );
    return results;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

class Setup {
    private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    private readonly base: URL;

    constructor(url: string) {
        this.base = new URL(url);
    }

    async appInstance(name: string): Promise<string> {
        const { AppInstanceArn } = await call<{ AppInstanceArn: string }>(this.agent, this.base, {
            method: "POST",
            path: "/app-instances",
            body: { Name: name, ClientRequestToken: `bench-${name}` },
        });
        return AppInstanceArn;
    }

    async users(appInstanceArn: string, prefix: string, count: number): Promise<string[]> {
        return pool(range(count), 16, async (i) => {
            const id = `${prefix}-${i}`;
            const { AppInstanceUserArn } = await call<{ AppInstanceUserArn: string }>(this.agent, this.base, {
                method: "POST",
                path: "/app-instance-users",
                body: {
                    AppInstanceArn: appInstanceArn,
                    AppInstanceUserId: id,
                    Name: id,
                    ClientRequestToken: `user-${id}`,
                },
            });
            return AppInstanceUserArn;
        });
    }

    async admin(appInstanceArn: string, userArn: string): Promise<void> {
        await call(this.agent, this.base, {
            method: "POST",
            path: `/app-instances/${enc(appInstanceArn)}/admins`,
            body: { AppInstanceAdminArn: userArn },
        });
    }

    async channels(appInstanceArn: string, bearer: string, count: number): Promise<string[]> {
        return pool(range(count), 16, async (i) => {
            const { ChannelArn } = await call<{ ChannelArn: string }>(this.agent, this.base, {
                method: "POST",
                path: "/channels",
                bearer,
                body: { AppInstanceArn: appInstanceArn, Name: `channel-${i}`, ClientRequestToken: `channel-${i}` },
            });
            return ChannelArn;
        });
    }

    /** Adds the members in batches of 100; returns how many the emulator reports as added. */
    async members(channelArn: string, bearer: string, memberArns: string[]): Promise<number> {
        const batches = range(Math.ceil(memberArns.length / BATCH_SIZE)).map((b) =>
            memberArns.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE),
        );
        const added = await pool(batches, 4, async (batch) => {
            const answer = await call<{ BatchChannelMemberships?: { Members?: unknown[] }; Errors?: unknown[] }>(
                this.agent,
                this.base,
                {
                    method: "POST",
                    path: `/channels/${enc(channelArn)}/memberships?operation=batch-create`,
                    bearer,
                    body: { MemberArns: batch, Type: "DEFAULT" },
                },
            );
            if (answer.Errors && answer.Errors.length > 0) {
                throw new Error(`BatchCreateChannelMembership reported errors: ${JSON.stringify(answer.Errors[0])}`);
            }
            return answer.BatchChannelMemberships?.Members?.length ?? 0;
        });
        return added.reduce((a, b) => a + b, 0);
    }

    close(): void {
        this.agent.destroy();
    }
}

async function buildWorkloadFixture(url: string): Promise<Fixture> {
    const setup = new Setup(url);
    const appInstanceArn = await setup.appInstance("load");
    const [adminArn] = await setup.users(appInstanceArn, "admin", 1);
    await setup.admin(appInstanceArn, adminArn);
    const members = await setup.users(appInstanceArn, "member", 200);
    const spareUserArns = await setup.users(appInstanceArn, "spare", 400);
    const channelArns = await setup.channels(appInstanceArn, adminArn, 50);
    const channels = await pool(channelArns, 4, async (arn, i) => {
        const channelMembers = range(20).map((k) => members[(i * 7 + k) % members.length]);
        await setup.members(arn, adminArn, channelMembers);
        return { arn, members: channelMembers };
    });
    setup.close();
    return { appInstanceArn, adminArn, spareUserArns, channels };
}

function describeLoad(title: string, result: LoadResult): string[] {
    const rps = result.requests / result.seconds;
    const lines = [
        `${title}: ${result.requests} requests in ${result.seconds.toFixed(2)} s = ${Math.round(rps)} requests/s; ` +
            `latency p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, max ${result.maxMs.toFixed(1)} ms`,
    ];
    for (const [kind, statuses] of Object.entries(result.statuses).sort()) {
        const [p50, p99] = result.kindLatency[kind] ?? [0, 0];
        const answers = Object.entries(statuses)
            .map(([s, n]) => `${s}: ${n}`)
            .join(", ");
        lines.push(`    ${kind.padEnd(26)} ${answers.padEnd(12)} p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
    }
    for (const failure of result.failures) lines.push(`    unexpected: ${failure}`);
    return lines;
}

async function throughput(dataDir?: string): Promise<{ rps: number; capacity: number; lines: string[] }> {
    const emulator = await startEmulatorProcess(dataDir);
    const title = dataDir ? "Mixed workload with --data (every commit journaled)" : "Mixed workload";
    try {
        const fixture = await buildWorkloadFixture(emulator.url);
        const job = { url: emulator.url, fixture, maxSeconds: MAX_SECONDS };
        await runLoadProcess({ ...job, concurrency: CONCURRENCY, count: WARMUP_REQUESTS, firstIndex: 0 });
        const cpuBefore = await emulator.cpuMicros();
        const loaded = await runLoadProcess({
            ...job,
            concurrency: CONCURRENCY,
            count: MEASURED_REQUESTS,
            firstIndex: WARMUP_REQUESTS,
        });
        const cpuPerRequest = ((await emulator.cpuMicros()) - cpuBefore) / loaded.requests;
        const unloaded = await runLoadProcess({
            ...job,
            concurrency: 1,
            count: UNLOADED_REQUESTS,
            firstIndex: WARMUP_REQUESTS + MEASURED_REQUESTS,
        });
        const busy = (cpuPerRequest * loaded.requests) / 1e6 / loaded.seconds;
        return {
            rps: loaded.requests / loaded.seconds,
            capacity: 1e6 / cpuPerRequest,
            lines: [
                ...describeLoad(`${title}, ${CONCURRENCY} connections`, loaded),
                `    emulator CPU: ${cpuPerRequest.toFixed(0)} us per request (busy ${(busy * 100).toFixed(0)}% of its core), ` +
                    `i.e. ${Math.round(1e6 / cpuPerRequest)} requests/s per fully used core`,
                ...describeLoad(`${title}, 1 connection`, unloaded),
            ],
        };
    } finally {
        await emulator.stop();
    }
}

async function memory(): Promise<{ mb: number; lines: string[] }> {
    const emulator = await startEmulatorProcess();
    try {
        const empty = await emulator.memory();
        const setup = new Setup(emulator.url);
        const appInstanceArn = await setup.appInstance("memory");
        const [adminArn] = await setup.users(appInstanceArn, "admin", 1);
        await setup.admin(appInstanceArn, adminArn);
        const perChannel = MEMBERSHIPS / MEMORY_CHANNELS;
        const users = await setup.users(appInstanceArn, "member", perChannel);
        const channels = await setup.channels(appInstanceArn, adminArn, MEMORY_CHANNELS);
        let added = 0;
        for (const channel of channels) added += await setup.members(channel, adminArn, users);
        setup.close();
        if (added !== MEMBERSHIPS) throw new Error(`expected ${MEMBERSHIPS} memberships, the emulator added ${added}`);
        const full = await emulator.memory();
        const mb = (n: number) => (n / MB).toFixed(1);
        const perMembership = (full.heapUsed - empty.heapUsed) / MEMBERSHIPS;
        return {
            mb: full.rss / MB,
            lines: [
                `Memory holding ${added} memberships (${MEMORY_CHANNELS} channels x ${perChannel} members, ` +
                    `${users.length + 1} users): RSS ${mb(full.rss)} MB, heap ${mb(full.heapUsed)} MB after GC` +
                    `${full.gcRan ? "" : " (GC not exposed!)"}`,
                `    empty emulator: RSS ${mb(empty.rss)} MB, heap ${mb(empty.heapUsed)} MB; ` +
                    `about ${Math.round(perMembership)} bytes of heap per membership (users included)`,
            ],
        };
    } finally {
        await emulator.stop();
    }
}

async function main(): Promise<void> {
    console.log(
        `Emulator benchmark: node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? "unknown CPU"}); ` +
            (pinning
                ? `emulator pinned to core 0, load generator to core ${1 % cores}`
                : "taskset unavailable: processes not pinned"),
    );
    const load = await throughput();
    for (const line of load.lines) console.log(line);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-bench-"));
    try {
        const persistent = await throughput(dataDir);
        for (const line of persistent.lines) console.log(line);
    } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const mem = await memory();
    for (const line of mem.lines) console.log(line);
    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    const load1 = os.loadavg()[0];
    if (load1 > cores) {
        console.log(
            `Note: the load average is ${load1.toFixed(1)} on ${cores} cores; other processes took CPU from the run.`,
        );
    }
    console.log(
        `Targets: >= ${TARGET_RPS} requests/s on one core: ${verdict(load.rps >= TARGET_RPS)} (${Math.round(load.rps)} ` +
            `measured, ${Math.round(load.capacity)} by CPU time); ` +
            `< ${TARGET_MEMORY_MB} MB for ${MEMBERSHIPS} memberships: ${verdict(mem.mb < TARGET_MEMORY_MB)} ` +
            `(${mem.mb.toFixed(1)} MB RSS)`,
    );
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
