/**
 * The service's documented request-rate quotas, enforced with token buckets when rate limiting is on. A request
 * must find a token in every bucket that applies to it; otherwise it is answered 429 ThrottledClientException
 * before anything changes.
 */
export interface RateRule {
    /** What the quota is counted per. */
    per: "appInstance" | "channel" | "bearer";
    /** Operations the rule applies to; omitted means every operation that carries a bearer. */
    operations?: string[];
    transactionsPerSecond: number;
}

export const DOCUMENTED_RATE_RULES: RateRule[] = [
    { per: "appInstance", operations: ["CreateChannel", "UpdateChannel", "DeleteChannel"], transactionsPerSecond: 15 },
    { per: "channel", operations: ["BatchCreateChannelMembership"], transactionsPerSecond: 1 },
    { per: "bearer", transactionsPerSecond: 10 },
];

interface Bucket {
    tokens: number;
    updatedAt: number;
}

const APP_INSTANCE_OF_ARN = /^(arn:[^:]*:chime:[^:]*:[^:]*:app-instance\/[^/]+)/;

export class RateLimiter {
    private readonly buckets = new Map<string, Bucket>();

    constructor(
        private readonly rules: RateRule[] = DOCUMENTED_RATE_RULES,
        private readonly clock: () => number = Date.now,
    ) {}

    /** Takes a token from every bucket that applies; false (and nothing taken) when one is empty. */
    tryAcquire(operation: string, input: Record<string, unknown>): boolean {
        const now = this.clock();
        const applicable: [string, Bucket, number][] = [];
        for (const rule of this.rules) {
            const key = this.keyFor(rule, operation, input);
            if (key === undefined) continue;
            const bucketKey = `${rule.per}|${rule.operations?.join(",") ?? "*"}|${key}`;
            const bucket = this.refilled(bucketKey, rule.transactionsPerSecond, now);
            if (bucket.tokens < 1) return false;
            applicable.push([bucketKey, bucket, rule.transactionsPerSecond]);
        }
        for (const [, bucket] of applicable) bucket.tokens -= 1;
        return true;
    }

    private refilled(key: string, rate: number, now: number): Bucket {
        let bucket = this.buckets.get(key);
        if (!bucket) {
            bucket = { tokens: rate, updatedAt: now };
            this.buckets.set(key, bucket);
        }
        bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
        bucket.updatedAt = now;
        return bucket;
    }

    private keyFor(rule: RateRule, operation: string, input: Record<string, unknown>): string | undefined {
        if (rule.operations && !rule.operations.includes(operation)) return undefined;
        const bearer = typeof input.ChimeBearer === "string" ? input.ChimeBearer : undefined;
        const channel = typeof input.ChannelArn === "string" ? input.ChannelArn : undefined;
        switch (rule.per) {
            case "bearer":
                return bearer;
            case "channel":
                return channel;
            case "appInstance": {
                if (typeof input.AppInstanceArn === "string") return input.AppInstanceArn;
                return channel?.match(APP_INSTANCE_OF_ARN)?.[1];
            }
        }
    }
}
