import { createHash, randomUUID } from "crypto";
import { isNotFound } from "./errors";
import type { ResourceIdentity } from "./internal-inputs";

/**
 * ClientRequestTokens that make a create safe to repeat after a crash. A dynamic provider's create can be cut
 * off after the service made the resource but before Pulumi recorded it (a killed CLI, a lost answer); the next
 * `pulumi up` creates it again. With a token derived from what identifies this creation (project, stack, type,
 * logical name, the request itself and, for a replacement, the inputs of the resource it replaces), the service
 * answers the rerun with the resource it made the first time instead of making a second one.
 *
 * The service forgets a token after its idempotency window (an hour in the emulator; AWS does not document
 * it), and answers the same token with a different request with an error. The request is part of the token, so
 * a changed program always sends another token.
 *
 * A token can also be answered with a resource made by an earlier creation that has since been deleted (destroy
 * then up again within the window): the answer is checked, and the next attempt salts the token with an attempt
 * number, so that a rerun of that creation in turn finds the same resource.
 */

/** ClientRequestToken: 2-64 characters of `[-_a-zA-Z0-9]`; a SHA-256 in hex is exactly 64. */
export function idempotencyToken(identity: ResourceIdentity, type: string, request: object, attempt: number): string {
    const what = [
        identity.project,
        identity.stack,
        type,
        identity.name,
        identity.predecessor ?? null,
        canonical(request),
        attempt,
    ];
    return createHash("sha256").update(JSON.stringify(what)).digest("hex");
}

/** JSON with object keys sorted at every level and undefined members left out, so equal requests hash equally. */
export function canonical(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === "object" && !(value instanceof Date)) {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
                .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        );
    }
    return value;
}

/** More earlier incarnations than this within one idempotency window is not a rerun any more but a loop. */
export const MAX_TOKEN_ATTEMPTS = 20;

export interface TokenCreation<T> {
    /** Sends the create with this token; returns the created resource's ARN. */
    create(token: string): Promise<string>;
    /** Reads the resource back; NotFound (thrown, or undefined returned) means an earlier incarnation, since deleted. */
    describe(arn: string): Promise<T | undefined>;
}

/**
 * Creates with deterministic tokens: attempt 0 first, the next attempt whenever the answer names a resource that
 * no longer exists. Without an identity (a resource registered without the package's SDK classes) nothing
 * identifies the creation across runs, so a random token protects only the SDK's own retries.
 */
export async function createWithToken<T>(
    identity: ResourceIdentity | undefined,
    type: string,
    request: object,
    creation: TokenCreation<T>,
): Promise<{ arn: string; live: T }> {
    for (let attempt = 0; attempt < MAX_TOKEN_ATTEMPTS; attempt++) {
        const token = identity ? idempotencyToken(identity, type, request, attempt) : randomUUID();
        const arn = await creation.create(token);
        const live = await describeUnlessGone(creation, arn);
        if (live !== undefined) return { arn, live };
        if (!identity)
            throw new Error(`${type} ${arn}: the service answered the create with a resource that does not exist`);
    }
    throw new Error(
        `${type} ${identity!.name}: the service answered ${MAX_TOKEN_ATTEMPTS} creations in a row with resources that ` +
            `no longer exist (the same resource was created and deleted that often within the service's idempotency ` +
            `window); wait an hour and run again`,
    );
}

async function describeUnlessGone<T>(creation: TokenCreation<T>, arn: string): Promise<T | undefined> {
    try {
        return await creation.describe(arn);
    } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
    }
}
