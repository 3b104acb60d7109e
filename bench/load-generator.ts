import * as http from "http";
import { request } from "./http";
import { Fixture, Workload } from "./workload";

/**
 * The load generator, in its own process so that building requests and parsing answers does not take CPU from
 * the emulator: `concurrency` keep-alive connections, each sending its next request as soon as the previous one
 * is answered, until `count` requests are answered or `maxSeconds` have passed.
 */

export interface LoadJob {
    url: string;
    fixture: Fixture;
    concurrency: number;
    count: number;
    maxSeconds: number;
    /** Index of the first request (so that a second run makes new channels, memberships and messages). */
    firstIndex: number;
}

export interface LoadResult {
    requests: number;
    seconds: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** Answers by request kind and status. */
    statuses: Record<string, Record<string, number>>;
    /** Latency by request kind: [p50, p99] in milliseconds. */
    kindLatency: Record<string, [number, number]>;
    /** A sample of unexpected answers. */
    failures: string[];
}

function percentile(sorted: Float64Array, p: number): number {
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
    const base = new URL(job.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
    const workload = new Workload(job.fixture);
    const latencies = new Float64Array(job.count);
    const statuses: LoadResult["statuses"] = {};
    const byKindLatency = new Map<string, number[]>();
    const failures: string[] = [];
    let issued = 0;
    let answered = 0;
    const started = process.hrtime.bigint();
    const deadline = Date.now() + job.maxSeconds * 1000;

    async function connection(): Promise<void> {
        while (issued < job.count && Date.now() < deadline) {
            const n = job.firstIndex + issued++;
            const kind = workload.kindOf(n);
            const req = workload.next(n);
            const t0 = process.hrtime.bigint();
            const answer = await request(agent, base, req);
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            latencies[answered++] = ms;
            if (!byKindLatency.has(kind)) byKindLatency.set(kind, []);
            byKindLatency.get(kind)!.push(ms);
            const byKind = (statuses[kind] ??= {});
            byKind[answer.status] = (byKind[answer.status] ?? 0) + 1;
            if ((answer.status < 200 || answer.status >= 300) && failures.length < 10) {
                failures.push(`${kind} ${answer.status} ${answer.body.slice(0, 200)}`);
            }
        }
    }

    await Promise.all(Array.from({ length: job.concurrency }, () => connection()));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    agent.destroy();
    const sorted = latencies.slice(0, answered).sort();
    return {
        requests: answered,
        seconds,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
        statuses,
        kindLatency: Object.fromEntries(
            [...byKindLatency].map(([kind, values]) => {
                const sortedKind = Float64Array.from(values).sort();
                return [kind, [percentile(sortedKind, 50), percentile(sortedKind, 99)]];
            }),
        ),
        failures,
    };
}

if (require.main === module) {
    process.on("message", (job: LoadJob) => {
        void runLoad(job).then((result) => {
            process.send!(result);
            process.disconnect();
        });
    });
}
