import { DOCUMENTED_RATE_RULES, RateRule, rateKeyFor } from "../quotas/rate-quotas";

export { DOCUMENTED_RATE_RULES, RateRule };

/**
 * The service's documented request-rate quotas ("Amazon Chime SDK endpoints and quotas"), enforced with token
 * buckets when rate limiting is on. A request must find a token in every bucket that applies to it; otherwise it is
 * answered 429 ThrottledClientException before anything changes. A bucket holds one second's worth of tokens, so
 * a burst of up to the quota passes and the next request in that second does not. The quota table itself is in
 * quotas/rate-quotas.ts, shared with the provider, which paces its calls under the same quotas.
 */
interface Bucket {
    tokens: number;
    updatedAt: number;
}

/** Buckets are forgotten once full again; this many are kept before they are swept. */
const SWEEP_THRESHOLD = 10_000;

export class RateLimiter {
    private readonly buckets = new Map<string, Bucket>();
    private readonly rules: readonly (RateRule & { id: number })[];

    constructor(
        rules: readonly RateRule[] = DOCUMENTED_RATE_RULES,
        private readonly clock: () => number = Date.now,
    ) {
        for (const rule of rules) {
            if (!(rule.transactionsPerSecond > 0)) {
                throw new Error(
                    `a rate rule needs a positive transactionsPerSecond (got ${rule.transactionsPerSecond})`,
                );
            }
        }
        this.rules = rules.map((rule, id) => ({ ...rule, id }));
    }

    /** Takes a token from every bucket that applies; false (and nothing taken) when one is empty. */
    tryAcquire(operation: string, input: Record<string, unknown>): boolean {
        return this.acquire(operation, input) === undefined;
    }

    /** Like tryAcquire, but answers the rule whose quota is used up (undefined when the request may go). */
    acquire(operation: string, input: Record<string, unknown>): RateRule | undefined {
        const now = this.clock();
        const applicable: Bucket[] = [];
        for (const rule of this.rules) {
            const key = rateKeyFor(rule, operation, input);
            if (key === undefined) continue;
            const bucket = this.refilled(`${rule.id}|${key}`, rule.transactionsPerSecond, now);
            if (bucket.tokens < 1) return rule;
            applicable.push(bucket);
        }
        for (const bucket of applicable) bucket.tokens -= 1;
        return undefined;
    }

    /** Forgets every bucket (all quotas full again). */
    reset(): void {
        this.buckets.clear();
    }

    private refilled(key: string, rate: number, now: number): Bucket {
        let bucket = this.buckets.get(key);
        if (!bucket) {
            if (this.buckets.size >= SWEEP_THRESHOLD) this.sweep(now);
            bucket = { tokens: rate, updatedAt: now };
            this.buckets.set(key, bucket);
            return bucket;
        }
        bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
        bucket.updatedAt = now;
        return bucket;
    }

    /** A bucket untouched for a second is full; dropping it changes nothing. */
    private sweep(now: number): void {
        for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt >= 1000) this.buckets.delete(key);
    }
}

const WHAT_IS_COUNTED: Record<RateRule["per"], string> = {
    appInstance: "app instance",
    channel: "channel",
    bearer: "x-amz-chime-bearer",
};

/** The throttling message for an exceeded rule, naming the quota. */
export function describeExceeded(rule: RateRule, operation: string): string {
    const together = rule.operations && rule.operations.length > 1 ? ` (${rule.operations.join(", ")} together)` : "";
    return (
        `Rate exceeded: ${operation} is limited to ${rule.transactionsPerSecond} transactions per second ` +
        `per ${WHAT_IS_COUNTED[rule.per]}${together}.`
    );
}
