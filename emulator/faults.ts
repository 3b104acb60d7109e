/**
 * Fault injection: a share of requests answered with throttling or server errors, dropped before they are
 * handled, or handled with their answer lost, and added latency. Set from command-line flags and changed at run
 * time through the admin endpoint.
 */
export interface FaultSettings {
    /** Share (0..1) of requests answered 429 ThrottledClientException. */
    throttleRate: number;
    /** Share (0..1) of requests answered 500 ServiceFailureException. */
    errorRate: number;
    /** Share (0..1) of requests answered 503 ServiceUnavailableException. */
    unavailableRate: number;
    /** Share (0..1) of requests whose connection is closed without an answer, before they are handled. */
    dropRate: number;
    /**
     * Share (0..1) of requests that are carried out (their changes committed) but whose connection is then closed
     * without an answer: the client cannot tell whether the request took effect.
     */
    loseAnswerRate: number;
    /** Latency added to every request, in milliseconds. */
    latencyMs: number;
    /** Up to this many milliseconds more, drawn uniformly per request (from the seeded sequence when seeded). */
    latencyJitterMs: number;
    /** Only these operations are affected (all when empty). */
    operations: string[];
    /**
     * Seeds the random choice of faulted requests, so a run can be repeated request for request; null draws from
     * Math.random. Setting it (again) restarts the sequence.
     */
    seed: number | null;
}

export type FaultDecision =
    | { kind: "none"; delayMs: number }
    | { kind: "drop"; delayMs: number }
    | { kind: "loseAnswer"; delayMs: number }
    | { kind: "error"; status: 429 | 500 | 503; delayMs: number };

export const NO_FAULTS: FaultSettings = Object.freeze({
    throttleRate: 0,
    errorRate: 0,
    unavailableRate: 0,
    dropRate: 0,
    loseAnswerRate: 0,
    latencyMs: 0,
    latencyJitterMs: 0,
    operations: [],
    seed: null,
});

const NONE: FaultDecision = Object.freeze({ kind: "none", delayMs: 0 });

const RATE_KEYS = ["throttleRate", "errorRate", "unavailableRate", "dropRate", "loseAnswerRate"] as const;
const LATENCY_KEYS = ["latencyMs", "latencyJitterMs"] as const;

const KNOWN_KEYS = new Set<string>(Object.keys(NO_FAULTS));

/** Every problem with a (partial) settings object, as sentences naming the setting and the value. */
export function checkFaultSettings(partial: Partial<FaultSettings>): string[] {
    const problems: string[] = [];
    if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
        return [`the fault settings must be an object (got ${JSON.stringify(partial)})`];
    }
    for (const key of Object.keys(partial)) {
        if (!KNOWN_KEYS.has(key)) problems.push(`${key} is not a fault setting (known: ${[...KNOWN_KEYS].join(", ")})`);
    }
    for (const key of RATE_KEYS) {
        const v = partial[key];
        if (v !== undefined && (typeof v !== "number" || !(v >= 0 && v <= 1))) {
            problems.push(`${key} must be a number from 0 to 1 (got ${JSON.stringify(v)})`);
        }
    }
    for (const key of LATENCY_KEYS) {
        const v = partial[key];
        if (v !== undefined && (typeof v !== "number" || !(v >= 0 && v <= 60_000))) {
            problems.push(`${key} must be a number from 0 to 60000 (got ${JSON.stringify(v)})`);
        }
    }
    const ops = partial.operations;
    if (ops !== undefined && (!Array.isArray(ops) || ops.some((o) => typeof o !== "string"))) {
        problems.push(`operations must be a list of operation names (got ${JSON.stringify(ops)})`);
    }
    const seed = partial.seed;
    if (seed !== undefined && seed !== null && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
        problems.push(`seed must be null or an integer from 0 to 4294967295 (got ${JSON.stringify(seed)})`);
    }
    const total = RATE_KEYS.reduce((sum, k) => sum + (typeof partial[k] === "number" ? partial[k]! : 0), 0);
    if (total > 1 + 1e-9) problems.push(`the rates add up to ${total}, more than 1`);
    return problems;
}

/** mulberry32: a small, fast, well-spread 32-bit generator; plenty for choosing faulted requests. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export class FaultInjector {
    private current: FaultSettings = NO_FAULTS;
    private random: () => number;

    constructor(
        initial: Partial<FaultSettings> = {},
        private readonly defaultRandom: () => number = Math.random,
    ) {
        this.random = defaultRandom;
        this.update(initial);
    }

    get settings(): FaultSettings {
        return this.current;
    }

    /** Replaces the given settings, keeping the others; throws with every problem when one is out of range. */
    update(partial: Partial<FaultSettings>): FaultSettings {
        const problems = checkFaultSettings(partial);
        if (problems.length === 0) problems.push(...checkFaultSettings({ ...this.current, ...partial }));
        if (problems.length > 0) throw new Error(problems.join("; "));
        const operations = [...(partial.operations ?? this.current.operations)];
        this.current = Object.freeze({ ...this.current, ...partial, operations });
        if (partial.seed !== undefined) {
            this.random = partial.seed === null ? this.defaultRandom : seededRandom(partial.seed);
        }
        return this.current;
    }

    /** Turns every fault off. */
    clear(): FaultSettings {
        this.current = NO_FAULTS;
        this.random = this.defaultRandom;
        return this.current;
    }

    decide(operation: string): FaultDecision {
        const s = this.current;
        const rates = RATE_KEYS.reduce((sum, key) => sum + s[key], 0);
        if (s.latencyMs === 0 && s.latencyJitterMs === 0 && rates === 0) return NONE;
        if (s.operations.length > 0 && !s.operations.includes(operation)) return NONE;
        // The fault is drawn before the jitter, so adding jitter does not change which requests a seed faults.
        let roll = this.random();
        const delayMs = s.latencyMs + (s.latencyJitterMs > 0 ? Math.floor(this.random() * (s.latencyJitterMs + 1)) : 0);
        if ((roll -= s.throttleRate) < 0) return { kind: "error", status: 429, delayMs };
        if ((roll -= s.errorRate) < 0) return { kind: "error", status: 500, delayMs };
        if ((roll -= s.unavailableRate) < 0) return { kind: "error", status: 503, delayMs };
        if ((roll -= s.dropRate) < 0) return { kind: "drop", delayMs };
        if (roll - s.loseAnswerRate < 0) return { kind: "loseAnswer", delayMs };
        return { kind: "none", delayMs };
    }
}
