import { DOCUMENTED_RATE_RULES, RateRule, rateKeyFor } from "../quotas/rate-quotas";

/**
 * Client-side pacing under the service's documented rate quotas (10 TPS per bearer, 1 TPS per channel for
 * BatchCreateChannelMembership, 15 TPS per app instance for Create/Update/DeleteChannel), so that a stack with
 * hundreds of resources does not turn into a storm of 429 ThrottledClientException and retries. Pulumi runs every
 * dynamic resource of a stack in one provider process, so these module-level schedules are shared by all of them.
 * Calls that are throttled anyway (other clients use the same bearer) are retried by the AWS SDK with backoff.
 *
 * Each quota bucket is a GCRA schedule (a token bucket expressed as the theoretical time of the next call): a call
 * reserves the next slot of each bucket it counts against, and goes out once the last of them has come.
 *
 * CHIME_MESSAGING_PACING: unset or "on" paces at the documented quotas; "off" disables pacing; a positive number
 * scales every quota (e.g. "3" for an account whose quotas were raised threefold).
 */
export const PACING_ENV = "CHIME_MESSAGING_PACING";

/** The client aims a little under each quota: the service's clock sees our calls shifted by network jitter. */
const RATE_MARGIN = 0.95;
/**
 * The documented burst of a quota is one second's worth of calls (a bucket of `transactionsPerSecond` tokens): a
 * fresh schedule lets that many go at once, then spaces the rest at the paced rate.
 */
const BURST_SECONDS = 1;
/** How much later than its slot a call that has to wait goes out (see reserve). */
const WAIT_HEADROOM_MS = 50;
/** Slots closer than this to the request's time are not a wait (fractions of intervals add up unevenly). */
const SAME_TIME_MS = 0.001;
/** Schedules are forgotten once idle (equivalent to a full bucket); this many are kept before a sweep. */
const SWEEP_THRESHOLD = 10_000;

export interface PacingSettings {
    enabled: boolean;
    /** Factor applied to every documented quota. */
    scale: number;
}

export function pacingSettings(env: NodeJS.ProcessEnv = process.env): PacingSettings {
    const raw = (env[PACING_ENV] ?? "").trim().toLowerCase();
    if (raw === "" || raw === "on") return { enabled: true, scale: 1 };
    if (raw === "off") return { enabled: false, scale: 1 };
    const scale = Number(raw);
    if (!Number.isFinite(scale) || scale <= 0) {
        throw new Error(
            `${PACING_ENV} must be "on", "off" or a positive number (how many times the documented rate quotas ` +
                `your account allows); got ${JSON.stringify(env[PACING_ENV])}`,
        );
    }
    return { enabled: true, scale };
}

interface Schedule {
    /** When the bucket's next call is due at the steady rate (ms since the epoch). */
    nextAt: number;
    /** Milliseconds between calls at the paced rate. */
    interval: number;
    /** How far ahead of `nextAt` a call may go: the burst. */
    tolerance: number;
}

const schedules = new Map<string, Schedule>();

function scheduleFor(key: string, rule: RateRule, scale: number, now: number): Schedule {
    const quota = rule.transactionsPerSecond * scale;
    const interval = 1000 / (quota * RATE_MARGIN);
    const burst = Math.max(1, Math.floor(quota * BURST_SECONDS));
    let schedule = schedules.get(key);
    if (!schedule || schedule.interval !== interval) {
        if (schedules.size >= SWEEP_THRESHOLD) sweep(now);
        schedule = { nextAt: now, interval, tolerance: (burst - 1) * interval };
        schedules.set(key, schedule);
    }
    return schedule;
}

function sweep(now: number): void {
    for (const [key, schedule] of schedules) if (schedule.nextAt <= now) schedules.delete(key);
}

/**
 * Reserves the bucket's next slot at or after `at`; returns the time the call goes out. A call that has to wait
 * goes WAIT_HEADROOM_MS after its slot: the calls of a burst reach the service a little late and spread out (each
 * is signed and sent in turn), so the service's bucket has refilled less than the schedule assumes when the first
 * call after the burst arrives. The headroom shifts the waiting calls once; it does not lower the steady rate.
 */
function reserve(schedule: Schedule, at: number): number {
    const slot = Math.max(at, schedule.nextAt - schedule.tolerance);
    schedule.nextAt = Math.max(schedule.nextAt, slot) + schedule.interval;
    return slot > at + SAME_TIME_MS ? slot + WAIT_HEADROOM_MS : slot;
}

/**
 * The buckets a call counts against, in the order of the rules: the narrow quotas (per app instance, per
 * channel) before the bearer's. A call waits for each in turn and reserves the next one only once it is past
 * the previous wait, so a batch call waiting a second for its channel's quota does not hold a place in its
 * bearer's schedule meanwhile, and the bearer's other calls go on.
 */
function bucketsFor(
    operation: string,
    input: Record<string, unknown>,
    rules: readonly RateRule[],
): { key: string; rule: RateRule }[] {
    return rules.flatMap((rule, index) => {
        const key = rateKeyFor(rule, operation, input);
        return key === undefined ? [] : [{ key: `${index}|${key}`, rule }];
    });
}

export interface PacingClock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

const realClock: PacingClock = {
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Waits for the call's slot under every quota that applies to it (no wait when pacing is off). */
export async function paceCall(
    operation: string,
    input: Record<string, unknown>,
    settings: PacingSettings = pacingSettings(),
    clock: PacingClock = realClock,
    rules: readonly RateRule[] = DOCUMENTED_RATE_RULES,
): Promise<void> {
    if (!settings.enabled) return;
    for (const { key, rule } of bucketsFor(operation, input, rules)) {
        const now = clock.now();
        const delay = reserve(scheduleFor(key, rule, settings.scale, now), now) - now;
        if (delay > 0) await clock.sleep(delay);
    }
}

/** Forgets every schedule (all quotas full again). */
export function resetPacing(): void {
    schedules.clear();
}
