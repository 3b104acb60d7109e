import { createHash } from "crypto";
import { badRequest, notFound } from "../../protocol/errors";
import { decodeToken, DEFAULT_MAX_RESULTS, encodeToken } from "../common";
import { ChannelRecord, MessageRecord, Tables } from "../tables";
import { identityOf } from "./roster";

/**
 * How channel messages are kept: one record per message in the `messages` table (partition = channel ARN),
 * holding only the members that have a value, ordered by a per-message Sequence.
 */

export const SENT = "SENT";
export const PENDING = "PENDING";
/**
 * A message a channel flow's processor denied (ChannelFlowCallback with DeleteResource). Its content is gone and
 * no call but GetChannelMessageStatus finds it; that one answers DENIED, one of the documented statuses. (How
 * long the service keeps the status is not documented; the emulator keeps it until the channel goes.)
 */
export const DENIED = "DENIED";

export type MessageStatus = MessageRecord["Status"];

/** Shared by every message in that state, rather than an object per message. */
export const SENT_STATUS: MessageStatus = Object.freeze({ Value: SENT });
export const PENDING_STATUS: MessageStatus = Object.freeze({ Value: PENDING });
export const DENIED_STATUS: MessageStatus = Object.freeze({ Value: DENIED });

export const isDenied = (message: MessageRecord) => message.Status?.Value === DENIED;

export interface MessageTarget {
    MemberArn?: string;
}

/**
 * Hands out message sequence numbers: epoch microseconds of the request, bumped by one when several messages
 * share a millisecond. Numbers keep growing across restarts of a persistent emulator, because they start from
 * the clock rather than from zero.
 */
export class MessageSequence {
    private last = 0;

    next(now: number): number {
        this.last = Math.max(this.last + 1, now * 1000);
        return this.last;
    }
}

/** A copy of `record` without its undefined members, so a stored message holds only what it has. */
export function compact<T extends object>(record: T): T {
    return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** The documented size limits: STANDARD messages up to 4 KB, CONTROL messages up to 30 bytes without metadata. */
export const MAX_STANDARD_CONTENT_BYTES = 4096;
export const MAX_CONTROL_CONTENT_BYTES = 30;

export function checkMessageContent(type: string, content: string, metadata: string | undefined): void {
    const bytes = Buffer.byteLength(content, "utf8");
    if (type === "CONTROL") {
        if (bytes > MAX_CONTROL_CONTENT_BYTES) {
            throw badRequest(
                `content of a CONTROL message must be at most ${MAX_CONTROL_CONTENT_BYTES} bytes (got ${bytes}).`,
            );
        }
        if (metadata !== undefined) throw badRequest("metadata is not allowed on a CONTROL message.");
    } else if (bytes > MAX_STANDARD_CONTENT_BYTES) {
        throw badRequest(
            `content of a STANDARD message must be at most ${MAX_STANDARD_CONTENT_BYTES} bytes (got ${bytes}).`,
        );
    }
}

export function saveMessage(tables: Tables, message: MessageRecord): MessageRecord {
    return tables.messages.set(message.ChannelArn, message.MessageId, compact(message));
}

export function isElastic(channel: ChannelRecord): boolean {
    return channel.ElasticChannelConfiguration !== undefined;
}

/**
 * Checks the SubChannelId of a message call: elastic channels keep their messages in sub-channels, so the call
 * must name one; other channels have none.
 */
export function checkSubChannelId(channel: ChannelRecord, subChannelId: string | undefined): void {
    if (isElastic(channel) && subChannelId === undefined) {
        throw badRequest(`subChannelId is required for the elastic channel ${channel.ChannelArn}.`);
    }
    if (!isElastic(channel) && subChannelId !== undefined) {
        throw badRequest(`subChannelId is only valid for elastic channels; ${channel.ChannelArn} is not one.`);
    }
}

/**
 * The message, which must be in the given channel (and sub-channel); a denied message only where `denied` says the
 * call sees those (its status, a second callback).
 */
export function requireMessage(
    tables: Tables,
    channel: ChannelRecord,
    messageId: string,
    subChannelId: string | undefined,
    { denied = false }: { denied?: boolean } = {},
): MessageRecord {
    const message = tables.messages.get(channel.ChannelArn, messageId);
    if (!message || message.SubChannelId !== subChannelId || (isDenied(message) && !denied)) {
        throw messageNotFound(channel, messageId, subChannelId);
    }
    return message;
}

export function messageNotFound(channel: ChannelRecord, messageId: string, subChannelId: string | undefined): Error {
    const where = subChannelId === undefined ? "" : ` sub-channel ${subChannelId} of`;
    return notFound(`The message ${messageId} does not exist in${where} the channel ${channel.ChannelArn}.`);
}

export const isPending = (message: MessageRecord): boolean => message.Status.Value === PENDING;

function targetsOf(message: MessageRecord): MessageTarget[] | undefined {
    return message.Target as MessageTarget[] | undefined;
}

/** Only the target and the sender see a targeted message. */
export function isTargetedAwayFrom(message: MessageRecord, bearer: string): boolean {
    const targets = targetsOf(message);
    return message.Sender !== bearer && targets !== undefined && !targets.some((t) => t.MemberArn === bearer);
}

/** Whether a message shows up for the bearer: a message in processing only for its sender. */
export function isVisibleTo(message: MessageRecord, bearer: string): boolean {
    if (message.Sender === bearer) return true;
    return !isPending(message) && !isTargetedAwayFrom(message, bearer);
}

/** The API's ChannelMessage (and ChannelMessageSummary, whose members are a subset). */
export function toChannelMessage(tables: Tables, message: MessageRecord): Record<string, unknown> {
    return {
        ChannelArn: message.ChannelArn,
        MessageId: message.MessageId,
        Content: message.Content,
        Metadata: message.Metadata,
        Type: message.Type,
        CreatedTimestamp: message.CreatedTimestamp,
        LastEditedTimestamp: message.LastEditedTimestamp,
        LastUpdatedTimestamp: message.LastUpdatedTimestamp,
        Sender: identityOf(tables, message.Sender),
        Redacted: message.Redacted,
        Persistence: message.Persistence,
        Status: message.Status,
        MessageAttributes: message.MessageAttributes,
        SubChannelId: message.SubChannelId,
        ContentType: message.ContentType,
        Target: message.Target,
    };
}

// --- listing -----------------------------------------------------------------------------------------------

export interface MessageQuery {
    channelArn: string;
    subChannelId?: string;
    bearer: string;
    sortOrder: "ASCENDING" | "DESCENDING";
    notBefore?: number;
    notAfter?: number;
    maxResults?: number;
    nextToken?: string;
}

interface CursorBody {
    /** The Sequence of the last message of the previous page. */
    c: number;
    /** Digest of the query the token belongs to. */
    q: string;
}

const INVALID_TOKEN = "The NextToken is not valid for this request.";

function queryDigest(query: MessageQuery): string {
    const { channelArn, subChannelId, bearer, sortOrder, notBefore, notAfter } = query;
    return createHash("sha256")
        .update(JSON.stringify([channelArn, subChannelId, bearer, sortOrder, notBefore, notAfter]))
        .digest("base64url")
        .slice(0, 22);
}

function readCursor(token: string, digest: string): number {
    const body = decodeToken<CursorBody>(token);
    if (!body || typeof body.c !== "number" || body.q !== digest) throw badRequest(INVALID_TOKEN);
    return body.c;
}

function writeCursor(sequence: number, digest: string): string {
    return encodeToken({ c: sequence, q: digest } satisfies CursorBody);
}

/**
 * A channel's messages by Sequence. The table keeps them in the order they were sent, so sorting is only needed
 * after a rolled-back deletion put one back at the end.
 */
function messagesInOrder(tables: Tables, channelArn: string): MessageRecord[] {
    const messages = [...tables.messages.partition(channelArn).values()];
    for (let i = 1; i < messages.length; i++) {
        if (messages[i].Sequence < messages[i - 1].Sequence) return messages.sort((a, b) => a.Sequence - b.Sequence);
    }
    return messages;
}

/** How many of the messages (sorted by Sequence) come before `sequence`, or up to it when `inclusive`. */
function countBefore(messages: MessageRecord[], sequence: number, inclusive: boolean): number {
    let low = 0;
    let high = messages.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        const seq = messages[middle].Sequence;
        if (seq < sequence || (inclusive && seq === sequence)) low = middle + 1;
        else high = middle;
    }
    return low;
}

/**
 * One page of the messages the bearer can see, in creation order. The NextToken is a cursor (the last message
 * returned), so messages sent between two pages neither repeat nor shift the listing.
 */
export function listMessages(tables: Tables, query: MessageQuery): { page: MessageRecord[]; nextToken?: string } {
    const { notBefore, notAfter } = query;
    if (notBefore !== undefined && notAfter !== undefined && notBefore > notAfter) {
        throw badRequest("notBefore must not be later than notAfter.");
    }
    const digest = queryDigest(query);
    const cursor = query.nextToken === undefined ? undefined : readCursor(query.nextToken, digest);
    const ascending = query.sortOrder === "ASCENDING";
    const size = query.maxResults ?? DEFAULT_MAX_RESULTS;
    const messages = messagesInOrder(tables, query.channelArn);
    const step = ascending ? 1 : -1;
    // Where the page starts: just past the cursor, in the listing's direction.
    let i: number;
    if (ascending) i = cursor === undefined ? 0 : countBefore(messages, cursor, true);
    else i = (cursor === undefined ? messages.length : countBefore(messages, cursor, false)) - 1;
    const page: MessageRecord[] = [];
    let more = false;
    for (; i >= 0 && i < messages.length; i += step) {
        const m = messages[i];
        const matches =
            m.SubChannelId === query.subChannelId &&
            (notBefore === undefined || m.CreatedTimestamp >= notBefore) &&
            (notAfter === undefined || m.CreatedTimestamp <= notAfter) &&
            isVisibleTo(m, query.bearer) &&
            !isDenied(m);
        if (!matches) continue;
        if (page.length === size) {
            more = true;
            break;
        }
        page.push(m);
    }
    return { page, nextToken: more ? writeCursor(page[page.length - 1].Sequence, digest) : undefined };
}
