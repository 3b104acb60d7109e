import { randomBytes, randomUUID } from "crypto";
import { badRequest } from "../protocol/errors";
import { CallContext } from "./types";

/** `arn:aws:chime:<region>:<account>:<resource>` for the caller's region and the emulator's account. */
export function chimeArn(context: CallContext, resource: string): string {
    return `arn:aws:chime:${context.region}:${context.accountId}:${resource}`;
}

/** IDs shaped like the service's: UUIDs for app instances, 64 hex digits for channels and messages. */
export const newUuid = (): string => randomUUID();
export const newHexId = (): string => randomBytes(32).toString("hex");

export const DEFAULT_MAX_RESULTS = 50;

/** An opaque NextToken: its body as base64url JSON. */
export function encodeToken(body: object): string {
    return Buffer.from(JSON.stringify(body)).toString("base64url");
}

/** The body of a token that encodeToken made, or undefined when the text is not one; the caller checks the body. */
export function decodeToken<T>(token: string): T | undefined {
    try {
        return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
    } catch {
        return undefined;
    }
}

interface TokenBody {
    /** Offset into the listing. */
    o: number;
    /** What the token lists: a token from one listing is rejected by another. */
    s: string;
}

/**
 * Pages a listing with opaque NextTokens. `scope` names the listing (operation and its filters), so a token is
 * only accepted by the listing that issued it. `items` may be a lazy iterable: it is read only up to the end of
 * the page (and one item beyond, to know whether there is a next page).
 */
export function paginate<T>(
    items: Iterable<T>,
    maxResults: number | undefined,
    nextToken: string | undefined,
    scope: string,
): { page: T[]; nextToken?: string } {
    let offset = 0;
    if (nextToken !== undefined) {
        const body = decodeToken<TokenBody>(nextToken);
        if (!body || typeof body.o !== "number" || body.s !== scope) {
            throw badRequest("The NextToken is not valid for this request.");
        }
        offset = body.o;
    }
    const size = maxResults ?? DEFAULT_MAX_RESULTS;
    const page: T[] = [];
    let index = 0;
    let more = false;
    for (const item of items) {
        if (index === offset + size) {
            more = true;
            break;
        }
        if (index >= offset) page.push(item);
        index++;
    }
    const next = more ? offset + size : undefined;
    return {
        page,
        nextToken: next === undefined ? undefined : encodeToken({ o: next, s: scope } satisfies TokenBody),
    };
}
