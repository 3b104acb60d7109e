/**
 * The service's documented request-rate quotas ("Amazon Chime SDK endpoints and quotas"), shared by the
 * emulator (which enforces them when rate limiting is on) and the provider (which paces its own calls under
 * them), so both count the same calls against the same buckets. It lives outside both folders because the
 * emulator and the provider are shipped as separate entry points and neither imports the other.
 */
export interface RateRule {
    /** What the quota is counted per. */
    per: "appInstance" | "channel" | "bearer";
    /** Operations the rule applies to; omitted means every operation that carries a bearer. */
    operations?: string[];
    transactionsPerSecond: number;
}

/**
 * The documented rates: 15 TPS per AppInstance for CreateChannel, UpdateChannel and DeleteChannel (counted
 * together), 1 TPS per resource for the batch APIs (BatchCreateChannelMembership, per channel) and 10 TPS per
 * bearer (the figure for us-east-1, applied in every region).
 */
export const DOCUMENTED_RATE_RULES: readonly RateRule[] = Object.freeze([
    { per: "appInstance", operations: ["CreateChannel", "UpdateChannel", "DeleteChannel"], transactionsPerSecond: 15 },
    { per: "channel", operations: ["BatchCreateChannelMembership"], transactionsPerSecond: 1 },
    { per: "bearer", transactionsPerSecond: 10 },
] as RateRule[]);

const APP_INSTANCE_OF_ARN = /^(arn:[^:]*:chime:[^:]*:[^:]*:app-instance\/[^/]+)/;

/**
 * The bucket a call counts against under a rule (the bearer, channel or app instance of its input, by the API's
 * member names), or undefined when the rule does not apply to the call.
 */
export function rateKeyFor(rule: RateRule, operation: string, input: Record<string, unknown>): string | undefined {
    if (rule.operations && !rule.operations.includes(operation)) return undefined;
    const bearer = typeof input.ChimeBearer === "string" ? input.ChimeBearer : undefined;
    const channel = typeof input.ChannelArn === "string" ? input.ChannelArn : undefined;
    switch (rule.per) {
        case "bearer":
            return bearer;
        case "channel":
            return channel;
        case "appInstance":
            if (typeof input.AppInstanceArn === "string") return input.AppInstanceArn;
            return channel?.match(APP_INSTANCE_OF_ARN)?.[1];
    }
}
