import { badRequest, conflict } from "../../protocol/errors";
import { newHexId } from "../common";
import { ChannelRecord, MessageRecord, requireChannel, Tables } from "../tables";
import { CallContext, EmulatorConfig, MessagingHandlers, MessagingInput } from "../types";
import { authorizeChannelCall, ChannelCaller, deniedError, isChannelMember } from "./access";
import {
    checkMessageContent,
    checkSubChannelId,
    isElastic,
    isPending,
    isTargetedAwayFrom,
    listMessages,
    MessageSequence,
    MessageTarget,
    messageNotFound,
    MessageStatus,
    PENDING_STATUS,
    requireMessage,
    saveMessage,
    SENT_STATUS,
    toChannelMessage,
} from "./message-store";
import { requireInstanceUser } from "./roster";

/**
 * Channel messages, with the permissions of the developer guide's authorization-by-role tables (access.ts) and
 * these choices where the service documentation is silent:
 * - a message in processing by a channel flow (PENDING) is listed and shown to its sender only; others get a
 *   ForbiddenException from GetChannelMessage; it cannot be edited, redacted or deleted yet (Conflict);
 * - an edited STANDARD message in a channel with a flow goes through the flow again (PENDING);
 * - UpdateChannelMessage keeps the Metadata and ContentType it is not given; a redacted message cannot be edited
 *   (Conflict); redaction removes the content and keeps the metadata, as the API reference says;
 * - a targeted message is invisible to everyone but its sender and target (NotFound), except that an admin can
 *   delete it;
 * - the channel's LastMessageTimestamp follows PERSISTENT messages;
 * - elastic channels need a SubChannelId on every message call, other channels refuse one (BadRequest); elastic
 *   channels have no read markers (Forbidden);
 * - the sender's name is read when the message is, so it follows renames.
 */

interface ChannelCall {
    ChannelArn: string;
    ChimeBearer: string;
    SubChannelId?: string;
}

type SendInput = MessagingInput<"SendChannelMessage">;

/**
 * The checks a message call starts with: the channel exists, the SubChannelId fits it, and the bearer may call
 * the operation on it (see access.ts).
 */
function authorize(tables: Tables, context: CallContext, input: ChannelCall): ChannelCaller {
    checkSubChannelId(requireChannel(tables, input.ChannelArn), input.SubChannelId);
    return authorizeChannelCall(tables, context.operation, input.ChannelArn, input.ChimeBearer, {
        subChannelId: input.SubChannelId,
    });
}

/** A restriction of the auth-by-role tables beyond the operation's permission (own messages, sender only). */
function denied(context: CallContext, caller: ChannelCaller): Error {
    return deniedError(caller.bearer, context.operation, caller.channel.ChannelArn);
}

/** Update, redact and delete apply to sent messages only, not to ones a channel flow is still processing. */
function requireSettled(message: MessageRecord): void {
    if (isPending(message)) {
        throw conflict(`The message ${message.MessageId} is still being processed by a channel flow.`);
    }
}

/**
 * The targets of a new message, which must be members of the channel (of the message's sub-channel, in an
 * elastic channel), as the stored ARN strings.
 */
function targetsOf(tables: Tables, channel: ChannelRecord, input: SendInput): MessageTarget[] | undefined {
    return input.Target?.map((target, i) => {
        if (target.MemberArn === undefined) throw badRequest(`target[${i}].memberArn is required.`);
        if (!isChannelMember(tables, channel, target.MemberArn, input.SubChannelId)) {
            throw badRequest(
                `target[${i}].memberArn ${target.MemberArn} is not a member of the channel ${channel.ChannelArn}.`,
            );
        }
        return { MemberArn: requireInstanceUser(tables, channel.AppInstanceArn, target.MemberArn, "Target") };
    });
}

/** Channel flows process new and edited STANDARD messages; CONTROL messages are never processed. */
function statusOnWrite(channel: ChannelRecord, type: string): MessageStatus {
    return channel.ChannelFlowArn !== undefined && type === "STANDARD" ? PENDING_STATUS : SENT_STATUS;
}

function messageAnswer(message: MessageRecord) {
    return {
        ChannelArn: message.ChannelArn,
        MessageId: message.MessageId,
        Status: message.Status,
        SubChannelId: message.SubChannelId,
    };
}

export function messagesHandlers(tables: Tables, _config: EmulatorConfig): Partial<MessagingHandlers> {
    const sequence = new MessageSequence();

    return {
        SendChannelMessage(input, context: CallContext) {
            const { channel } = authorize(tables, context, input);
            // The stored ARN string, so that a channel's many messages share their senders' strings.
            const sender = requireInstanceUser(tables, channel.AppInstanceArn, input.ChimeBearer, "ChimeBearer");
            checkMessageContent(input.Type, input.Content, input.Metadata);
            const targets = targetsOf(tables, channel, input);
            const message: MessageRecord = {
                ChannelArn: channel.ChannelArn,
                MessageId: newHexId(),
                SubChannelId: input.SubChannelId,
                Content: input.Content,
                ContentType: input.ContentType,
                Metadata: input.Metadata,
                Type: input.Type,
                Persistence: input.Persistence,
                Sender: sender,
                Sequence: sequence.next(context.now),
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
                Redacted: false,
                Status: statusOnWrite(channel, input.Type),
                MessageAttributes: input.MessageAttributes,
                Target: targets,
            };
            // A non-persistent message is delivered, not kept; one that awaits its channel flow is kept until then.
            if (input.Persistence === "PERSISTENT" || isPending(message)) saveMessage(tables, message);
            if (input.Persistence === "PERSISTENT") {
                tables.channels.set(channel.AppInstanceArn, channel.ChannelArn, {
                    ...channel,
                    LastMessageTimestamp: context.now,
                });
            }
            return messageAnswer(message);
        },

        ListChannelMessages(input, context: CallContext) {
            const { channel } = authorize(tables, context, input);
            const { page, nextToken } = listMessages(tables, {
                channelArn: channel.ChannelArn,
                subChannelId: input.SubChannelId,
                bearer: input.ChimeBearer,
                sortOrder: input.SortOrder ?? "DESCENDING",
                notBefore: input.NotBefore,
                notAfter: input.NotAfter,
                maxResults: input.MaxResults,
                nextToken: input.NextToken,
            });
            return {
                ChannelArn: channel.ChannelArn,
                ChannelMessages: page.map((m) => toChannelMessage(tables, m)),
                NextToken: nextToken,
                SubChannelId: input.SubChannelId,
            };
        },

        GetChannelMessage(input, context: CallContext) {
            const caller = authorize(tables, context, input);
            const message = requireMessage(tables, caller.channel, input.MessageId, input.SubChannelId);
            if (isTargetedAwayFrom(message, caller.bearer)) {
                // Invisible to everyone but its sender and target: answer as if it were not there.
                throw messageNotFound(caller.channel, input.MessageId, input.SubChannelId);
            }
            if (isPending(message) && message.Sender !== caller.bearer) throw denied(context, caller);
            return { ChannelMessage: toChannelMessage(tables, message) };
        },

        UpdateChannelMessage(input, context: CallContext) {
            const caller = authorize(tables, context, input);
            const message = requireMessage(tables, caller.channel, input.MessageId, input.SubChannelId);
            if (message.Sender !== caller.bearer) throw denied(context, caller);
            requireSettled(message);
            if (message.Redacted) throw conflict(`The message ${message.MessageId} was redacted and cannot be edited.`);
            const metadata = input.Metadata ?? message.Metadata;
            checkMessageContent(message.Type, input.Content, metadata);
            const updated = saveMessage(tables, {
                ...message,
                Content: input.Content,
                Metadata: metadata,
                ContentType: input.ContentType ?? message.ContentType,
                Status: statusOnWrite(caller.channel, message.Type),
                LastEditedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            });
            return messageAnswer(updated);
        },

        RedactChannelMessage(input, context: CallContext) {
            const caller = authorize(tables, context, input);
            const message = requireMessage(tables, caller.channel, input.MessageId, input.SubChannelId);
            if (caller.role === "member" && message.Sender !== caller.bearer) throw denied(context, caller);
            requireSettled(message);
            // The service redacts the content, not the metadata.
            const { Content: _content, ...rest } = message;
            saveMessage(tables, { ...rest, Redacted: true, LastUpdatedTimestamp: context.now });
            return { ChannelArn: message.ChannelArn, MessageId: message.MessageId, SubChannelId: message.SubChannelId };
        },

        DeleteChannelMessage(input, context: CallContext) {
            const { channel } = authorize(tables, context, input);
            // Admins may delete targeted messages they cannot see.
            const message = requireMessage(tables, channel, input.MessageId, input.SubChannelId);
            requireSettled(message);
            tables.messages.delete(channel.ChannelArn, message.MessageId);
            return {};
        },

        GetChannelMessageStatus(input, context: CallContext) {
            const caller = authorize(tables, context, input);
            const message = requireMessage(tables, caller.channel, input.MessageId, input.SubChannelId, {
                denied: true,
            });
            if (message.Sender !== caller.bearer) throw denied(context, caller);
            return { Status: message.Status };
        },

        UpdateChannelReadMarker(input, context: CallContext) {
            // No SubChannelId here: elastic channels have no read markers at all.
            const caller = authorizeChannelCall(tables, context.operation, input.ChannelArn, input.ChimeBearer);
            if (isElastic(caller.channel)) throw denied(context, caller);
            tables.readMarkers.set(caller.channel.ChannelArn, caller.bearer, { ReadMarkerTimestamp: context.now });
            return { ChannelArn: caller.channel.ChannelArn };
        },
    };
}
