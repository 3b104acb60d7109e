import { badRequest, conflict, notFound, resourceLimitExceeded } from "../../protocol/errors";
import { newUuid, paginate } from "../common";
import {
    appInstanceArnOf,
    ChannelFlowRecord,
    ChannelRecord,
    requireAppInstance,
    requireChannel,
    Tables,
} from "../tables";
import { deleteTagsOf, storeTags } from "../tags";
import { CallContext, EmulatorConfig, MessagingHandlers, MessagingInput } from "../types";
import { authorizeChannelCall } from "./access";
import {
    checkMessageContent,
    compact,
    DENIED_STATUS,
    isPending,
    PENDING,
    requireMessage,
    saveMessage,
    SENT_STATUS,
} from "./message-store";

/**
 * Channel flows and their association with channels. Where the service documentation is silent the emulator
 * chooses:
 * - more than one processor is a ResourceLimitExceededException (the quota is 1 processor per flow);
 * - associating the flow a channel already has succeeds and changes nothing; another flow is a Conflict;
 * - a flow of another app instance cannot be associated (BadRequest); missing flows, channels, app instances
 *   and messages are NotFound, also where the operation does not model that error;
 * - the emulator invokes no processor: any well-formed CallbackId settles a PENDING message, which is found by
 *   ChannelMessage.MessageId; a callback for a message that is not PENDING is a Conflict; DeleteResource denies
 *   the message (its content goes; GetChannelMessageStatus answers DENIED, no other call finds it); the
 *   callback's members replace the message's, and the ones it omits are kept.
 */

/** Service quotas: channel flows per app instance, processors per channel flow (the shape allows 3). */
export const MAX_CHANNEL_FLOWS_PER_APP_INSTANCE = 100;
export const MAX_PROCESSORS_PER_CHANNEL_FLOW = 1;

/** How many channels a DeleteChannelFlow conflict names before summarising the rest. */
const CHANNELS_NAMED_IN_CONFLICT = 5;

type AssociationInput = MessagingInput<"AssociateChannelFlow">;

function checkProcessors(processors: unknown[]): void {
    if (processors.length > MAX_PROCESSORS_PER_CHANNEL_FLOW) {
        throw resourceLimitExceeded(
            `A channel flow can have at most ${MAX_PROCESSORS_PER_CHANNEL_FLOW} processor (got ${processors.length}).`,
        );
    }
}

function requireFlow(tables: Tables, flowArn: string): ChannelFlowRecord {
    const instance = appInstanceArnOf(flowArn);
    const flow = instance === undefined ? undefined : tables.channelFlows.get(instance, flowArn);
    if (!flow) throw notFound(`The channel flow ${flowArn} does not exist.`);
    return flow;
}

function channelsAssociatedWith(tables: Tables, flow: ChannelFlowRecord): ChannelRecord[] {
    return [...tables.channels.partition(flow.AppInstanceArn).values()].filter(
        (channel) => channel.ChannelFlowArn === flow.ChannelFlowArn,
    );
}

function describeChannels(channels: ChannelRecord[]): string {
    const named = channels
        .slice(0, CHANNELS_NAMED_IN_CONFLICT)
        .map((c) => c.ChannelArn)
        .join(", ");
    const rest = channels.length - CHANNELS_NAMED_IN_CONFLICT;
    return rest > 0 ? `${named} and ${rest} more` : named;
}

/** The channel of an association call, whose bearer must be an app instance admin or a channel moderator. */
function channelForAssociation(tables: Tables, input: AssociationInput, context: CallContext): ChannelRecord {
    return authorizeChannelCall(tables, context.operation, input.ChannelArn, input.ChimeBearer).channel;
}

function saveChannel(tables: Tables, channel: ChannelRecord): void {
    tables.channels.set(channel.AppInstanceArn, channel.ChannelArn, channel);
}

export function flowsHandlers(tables: Tables, _config: EmulatorConfig): Partial<MessagingHandlers> {
    return {
        CreateChannelFlow(input, context: CallContext) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            checkProcessors(input.Processors);
            if (tables.channelFlows.partitionSize(instance) >= MAX_CHANNEL_FLOWS_PER_APP_INSTANCE) {
                throw resourceLimitExceeded(
                    `The app instance ${instance} has reached the limit of ${MAX_CHANNEL_FLOWS_PER_APP_INSTANCE} channel flows.`,
                );
            }
            const arn = `${instance}/channel-flow/${newUuid()}`;
            tables.channelFlows.set(instance, arn, {
                ChannelFlowArn: arn,
                AppInstanceArn: instance,
                Name: input.Name,
                Processors: input.Processors,
                CreatedTimestamp: context.now,
                LastUpdatedTimestamp: context.now,
            });
            storeTags(tables, arn, input.Tags);
            return { ChannelFlowArn: arn };
        },

        DescribeChannelFlow(input) {
            const flow = requireFlow(tables, input.ChannelFlowArn);
            return {
                ChannelFlow: {
                    ChannelFlowArn: flow.ChannelFlowArn,
                    Name: flow.Name,
                    Processors: flow.Processors,
                    CreatedTimestamp: flow.CreatedTimestamp,
                    LastUpdatedTimestamp: flow.LastUpdatedTimestamp,
                },
            };
        },

        UpdateChannelFlow(input, context: CallContext) {
            const flow = requireFlow(tables, input.ChannelFlowArn);
            checkProcessors(input.Processors);
            tables.channelFlows.set(flow.AppInstanceArn, flow.ChannelFlowArn, {
                ...flow,
                Name: input.Name,
                Processors: input.Processors,
                LastUpdatedTimestamp: context.now,
            });
            return { ChannelFlowArn: flow.ChannelFlowArn };
        },

        DeleteChannelFlow(input) {
            const flow = requireFlow(tables, input.ChannelFlowArn);
            const channels = channelsAssociatedWith(tables, flow);
            if (channels.length > 0) {
                throw conflict(
                    `The channel flow ${flow.ChannelFlowArn} is associated with ${channels.length} channel(s): ${describeChannels(channels)}. Disassociate it first.`,
                );
            }
            tables.channelFlows.delete(flow.AppInstanceArn, flow.ChannelFlowArn);
            deleteTagsOf(tables, flow.ChannelFlowArn);
            return {};
        },

        ListChannelFlows(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const flows = [...tables.channelFlows.partition(instance).values()];
            const { page, nextToken } = paginate(
                flows,
                input.MaxResults,
                input.NextToken,
                `ListChannelFlows:${instance}`,
            );
            return {
                ChannelFlows: page.map((f) => ({
                    ChannelFlowArn: f.ChannelFlowArn,
                    Name: f.Name,
                    Processors: f.Processors,
                })),
                NextToken: nextToken,
            };
        },

        ListChannelsAssociatedWithChannelFlow(input) {
            const flow = requireFlow(tables, input.ChannelFlowArn);
            const { page, nextToken } = paginate(
                channelsAssociatedWith(tables, flow),
                input.MaxResults,
                input.NextToken,
                `ListChannelsAssociatedWithChannelFlow:${flow.ChannelFlowArn}`,
            );
            return {
                Channels: page.map((c) => ({
                    Name: c.Name,
                    ChannelArn: c.ChannelArn,
                    Mode: c.Mode,
                    Privacy: c.Privacy,
                    Metadata: c.Metadata,
                })),
                NextToken: nextToken,
            };
        },

        AssociateChannelFlow(input, context: CallContext) {
            const channel = channelForAssociation(tables, input, context);
            const flow = requireFlow(tables, input.ChannelFlowArn);
            if (flow.AppInstanceArn !== channel.AppInstanceArn) {
                throw badRequest(
                    `The channel flow ${flow.ChannelFlowArn} belongs to another app instance than the channel ${channel.ChannelArn}.`,
                );
            }
            // Associating the flow a channel already has changes nothing.
            if (channel.ChannelFlowArn === flow.ChannelFlowArn) return {};
            if (channel.ChannelFlowArn !== undefined) {
                throw conflict(
                    `The channel ${channel.ChannelArn} is already associated with the channel flow ${channel.ChannelFlowArn}; a channel can have only one channel flow.`,
                );
            }
            saveChannel(tables, { ...channel, ChannelFlowArn: flow.ChannelFlowArn });
            return {};
        },

        DisassociateChannelFlow(input, context: CallContext) {
            const channel = channelForAssociation(tables, input, context);
            if (channel.ChannelFlowArn !== input.ChannelFlowArn) {
                throw notFound(
                    `The channel flow ${input.ChannelFlowArn} is not associated with the channel ${channel.ChannelArn}.`,
                );
            }
            const { ChannelFlowArn: _flow, ...rest } = channel;
            saveChannel(tables, rest);
            return {};
        },

        /**
         * A processor's answer for a message in processing: DeleteResource denies (drops) it, otherwise the members
         * the callback carries replace the message's and the message is sent. Idempotency on CallbackId is the
         * server's; the message is found by its MessageId.
         */
        ChannelFlowCallback(input, context: CallContext) {
            const channel = requireChannel(tables, input.ChannelArn);
            const processed = input.ChannelMessage;
            const message = requireMessage(tables, channel, processed.MessageId, processed.SubChannelId, {
                denied: true,
            });
            if (!isPending(message)) {
                throw conflict(
                    `The message ${message.MessageId} is not awaiting a channel flow callback (its status is ${message.Status.Value}, not ${PENDING}).`,
                );
            }
            if (processed.Content !== undefined) {
                checkMessageContent(message.Type, processed.Content, processed.Metadata);
            }
            if (input.DeleteResource) {
                // Denied: the content goes, the status stays for GetChannelMessageStatus (see DENIED).
                const { Content: _content, Metadata: _metadata, MessageAttributes: _attributes, ...kept } = message;
                saveMessage(tables, { ...kept, Status: DENIED_STATUS, LastUpdatedTimestamp: context.now });
            } else if (message.Persistence === "NON_PERSISTENT") {
                // A non-persistent message is delivered once processed, not kept.
                tables.messages.delete(channel.ChannelArn, message.MessageId);
            } else {
                saveMessage(tables, {
                    ...message,
                    ...compact({
                        Content: processed.Content,
                        Metadata: processed.Metadata,
                        ContentType: processed.ContentType,
                        MessageAttributes: processed.MessageAttributes,
                    }),
                    Status: SENT_STATUS,
                    LastUpdatedTimestamp: context.now,
                });
            }
            return { ChannelArn: channel.ChannelArn, CallbackId: input.CallbackId };
        },
    };
}
