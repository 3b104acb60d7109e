import { ServiceError } from "./protocol/errors";
import { Tables } from "./services/tables";

/**
 * ClientRequestToken (and CallbackId) idempotency: a repeated token with the same input gets the first answer and
 * creates nothing; with another input, ConflictException. Tokens are remembered for a window long enough for any
 * client retry, then forgotten, so that a stream of sent messages (the SDK gives every message a token) does not
 * grow the emulator's memory without bound.
 */
export const IDEMPOTENCY_WINDOW_MS = 60 * 60 * 1000;

export function answerIdempotently(
    tables: Tables,
    operationKey: string,
    tokenMember: string,
    token: string,
    inputDigest: string,
    now: number,
    run: () => unknown,
): unknown {
    const { idempotency } = tables;
    const earlier = idempotency.get(operationKey, token);
    if (earlier && now - earlier.recordedAt < IDEMPOTENCY_WINDOW_MS) {
        if (earlier.inputDigest !== inputDigest) {
            throw new ServiceError(
                "ConflictException",
                `The ${tokenMember} ${token} was already used with a different request.`,
                409,
            );
        }
        return earlier.output;
    }
    forgetExpired(tables, operationKey, now);
    const output = run();
    idempotency.delete(operationKey, token);
    idempotency.set(operationKey, token, { inputDigest, output: output ?? null, recordedAt: now });
    return output;
}

/** Records of an operation are kept in the order they were made, so the expired ones are at the front. */
function forgetExpired(tables: Tables, operationKey: string, now: number): void {
    const expired: string[] = [];
    for (const [token, record] of tables.idempotency.partition(operationKey)) {
        if (now - (record.recordedAt ?? 0) < IDEMPOTENCY_WINDOW_MS) break;
        expired.push(token);
    }
    for (const token of expired) tables.idempotency.delete(operationKey, token);
}
