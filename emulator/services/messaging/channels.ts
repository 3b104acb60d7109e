import { badRequest, conflict, forbidden } from "../../protocol/errors";
import { newHexId, paginate } from "../common";
import {
    ChannelRecord,
    isAppInstanceAdmin,
    requireAppInstance,
    requireBearerIn,
    requireChannel,
    Tables,
} from "../tables";
import { storeTags } from "../tags";
import { CallContext, EmulatorConfig, MessagingHandlers, MessagingInput } from "../types";
import { authorizeChannelCall, requireBearer } from "./access";
import {
    addMembership,
    addModerator,
    deleteChannelTree,
    identityOf,
    membershipsOfMember,
    requireInstanceUser,
    subChannelSummaries,
} from "./roster";
import { channelSummary, userChannelsHandlers } from "./user-channels";

/** The API's Channel shape. */
export function channelView(tables: Tables, channel: ChannelRecord) {
    return { ...channel, CreatedBy: identityOf(tables, channel.CreatedBy) };
}

type ListChannelsInput = MessagingInput<"ListChannels">;

type CreateChannelInput = MessagingInput<"CreateChannel">;

/**
 * Creates the channel record and its initial roster: the creator becomes a moderator and (except in elastic
 * channels, whose moderators are not regular members) a member, so it can send messages at once (that the
 * creator is a member is not documented); ModeratorArns become moderators only, MemberArns members invited by
 * the creator.
 */
function createChannel(tables: Tables, input: CreateChannelInput, context: CallContext) {
    const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
    requireBearerIn(tables, instance, input.ChimeBearer);
    const channelArn = `${instance}/channel/${input.ChannelId ?? newHexId()}`;
    if (tables.channels.has(instance, channelArn)) {
        throw conflict(`A channel with the ChannelId ${input.ChannelId} already exists: ${channelArn}.`);
    }
    const creator = requireInstanceUser(tables, instance, input.ChimeBearer, "ChimeBearer");
    for (const arn of input.MemberArns ?? []) requireInstanceUser(tables, instance, arn, "MemberArns");
    for (const arn of input.ModeratorArns ?? []) requireInstanceUser(tables, instance, arn, "ModeratorArns");
    const elastic = input.ElasticChannelConfiguration;
    const channel = tables.channels.set(instance, channelArn, {
        ChannelArn: channelArn,
        AppInstanceArn: instance,
        Name: input.Name,
        Mode: input.Mode ?? "UNRESTRICTED",
        Privacy: input.Privacy ?? "PUBLIC",
        Metadata: input.Metadata,
        CreatedBy: creator,
        CreatedTimestamp: context.now,
        LastUpdatedTimestamp: context.now,
        ElasticChannelConfiguration: elastic,
        ExpirationSettings: input.ExpirationSettings,
    });
    storeTags(tables, channelArn, input.Tags);
    for (const arn of new Set([creator, ...(input.ModeratorArns ?? [])])) {
        addModerator(tables, channel, arn, creator, context.now);
    }
    const members = elastic ? (input.MemberArns ?? []) : [creator, ...(input.MemberArns ?? [])];
    for (const arn of new Set(members)) {
        addMembership(tables, channel, { memberArn: arn, type: "DEFAULT", invitedBy: creator, now: context.now });
    }
    return { ChannelArn: channelArn };
}

function listChannels(tables: Tables, input: ListChannelsInput) {
    const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
    requireBearerIn(tables, instance, input.ChimeBearer);
    const admin = isAppInstanceAdmin(tables, instance, input.ChimeBearer);
    if (input.Privacy === "PRIVATE" && !admin) {
        throw forbidden(
            `The user ${input.ChimeBearer} is not authorized to list PRIVATE channels; only an AppInstanceAdmin can.`,
        );
    }
    // Privacy filters like a default of PUBLIC, admins included: private channels are listed only on request.
    const privacy = input.Privacy ?? "PUBLIC";
    const channels = filter(tables.channels.partition(instance).values(), (c) => c.Privacy === privacy);
    const scope = `ListChannels:${instance}:${privacy}`;
    const { page, nextToken } = paginate(channels, input.MaxResults, input.NextToken, scope);
    return { Channels: page.map(channelSummary), NextToken: nextToken };
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
    for (const item of items) if (keep(item)) yield item;
}

type SearchField = SearchInput["Fields"][number];

type SearchInput = MessagingInput<"SearchChannels">;

/** Whether the channel's members match every field (MEMBERS EQUALS: exactly these; INCLUDES: at least these). */
function matchesFields(tables: Tables, channelArn: string, fields: SearchField[]): boolean {
    const members = tables.memberships.partition(channelArn);
    return fields.every((field) => {
        const values = new Set(field.Values);
        const includesAll = [...values].every((arn) => members.has(arn));
        return field.Operator === "EQUALS" ? includesAll && members.size === values.size : includesAll;
    });
}

/**
 * SearchChannels by members. Candidates come from the per-member index of the first value, so a search never
 * scans the app instance. A bearer that is not an admin only finds channels it belongs to; without a bearer
 * (an IAM-only call) every channel of the app instance is searched.
 */
function searchChannels(tables: Tables, input: SearchInput) {
    const bearer = input.ChimeBearer;
    const firstValue = input.Fields[0].Values[0];
    const instance = bearer ? requireBearer(tables, bearer) : undefined;
    const seesAll = bearer === undefined || isAppInstanceAdmin(tables, instance!, bearer);
    const channels: ChannelRecord[] = [];
    for (const membership of membershipsOfMember(tables, firstValue)) {
        const channel = requireChannel(tables, membership.ChannelArn);
        if (instance !== undefined && channel.AppInstanceArn !== instance) continue;
        if (!seesAll && !tables.memberships.has(channel.ChannelArn, bearer!)) continue;
        if (matchesFields(tables, channel.ChannelArn, input.Fields)) channels.push(channel);
    }
    const scope = `SearchChannels:${bearer ?? ""}:${JSON.stringify(input.Fields)}`;
    const { page, nextToken } = paginate(channels, input.MaxResults, input.NextToken, scope);
    return { Channels: page.map(channelSummary), NextToken: nextToken };
}

export function channelsHandlers(tables: Tables, _config: EmulatorConfig): Partial<MessagingHandlers> {
    return {
        CreateChannel: (input, context) => createChannel(tables, input, context),

        UpdateChannel(input, context) {
            const { channel } = authorizeChannelCall(tables, "UpdateChannel", input.ChannelArn, input.ChimeBearer);
            tables.channels.set(channel.AppInstanceArn, channel.ChannelArn, {
                ...channel,
                Name: input.Name ?? channel.Name,
                Mode: input.Mode ?? channel.Mode,
                Metadata: input.Metadata ?? channel.Metadata,
                LastUpdatedTimestamp: context.now,
            });
            return { ChannelArn: channel.ChannelArn };
        },

        DeleteChannel(input) {
            const { channel } = authorizeChannelCall(tables, "DeleteChannel", input.ChannelArn, input.ChimeBearer);
            deleteChannelTree(tables, channel);
            return {};
        },

        DescribeChannel(input) {
            const { channel } = authorizeChannelCall(tables, "DescribeChannel", input.ChannelArn, input.ChimeBearer);
            return { Channel: channelView(tables, channel) };
        },

        ListChannels: (input) => listChannels(tables, input),

        ...userChannelsHandlers(tables),

        SearchChannels: (input) => searchChannels(tables, input),

        ListSubChannels(input) {
            const { channel } = authorizeChannelCall(tables, "ListSubChannels", input.ChannelArn, input.ChimeBearer);
            if (!channel.ElasticChannelConfiguration) {
                throw badRequest(`${channel.ChannelArn} is not an elastic channel: it has no sub-channels.`);
            }
            const subChannels = subChannelSummaries(tables, channel);
            const scope = `ListSubChannels:${channel.ChannelArn}`;
            const { page, nextToken } = paginate(subChannels, input.MaxResults, input.NextToken, scope);
            return { ChannelArn: channel.ChannelArn, SubChannels: page, NextToken: nextToken };
        },

        /** The bearer is optional: without it this is a developer (IAM-only) call. No settings removes them. */
        PutChannelExpirationSettings(input, context) {
            const operation = "PutChannelExpirationSettings";
            const channel =
                input.ChimeBearer === undefined
                    ? requireChannel(tables, input.ChannelArn)
                    : authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer).channel;
            tables.channels.set(channel.AppInstanceArn, channel.ChannelArn, {
                ...channel,
                ExpirationSettings: input.ExpirationSettings,
                LastUpdatedTimestamp: context.now,
            });
            return { ChannelArn: channel.ChannelArn, ExpirationSettings: input.ExpirationSettings };
        },
    };
}
