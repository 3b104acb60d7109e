import { notFound } from "../../protocol/errors";
import { paginate } from "../common";
import { Tables } from "../tables";
import { EmulatorConfig, ServiceHandlers } from "../types";
import { authorizeChannelCall } from "./access";
import { addBan, addModerator, identityOf, removeModerator, requireInstanceUser } from "./roster";

interface ChannelInput {
    ChannelArn: string;
    ChimeBearer: string;
}

interface ListInput extends ChannelInput {
    MaxResults?: number;
    NextToken?: string;
}

export function moderationHandlers(tables: Tables, _config: EmulatorConfig): ServiceHandlers {
    /** The bearer's stored ARN, for CreatedBy. */
    const creatorOf = (appInstanceArn: string, bearer: string) =>
        requireInstanceUser(tables, appInstanceArn, bearer, "ChimeBearer");

    return {
        CreateChannelModerator(input: ChannelInput & { ChannelModeratorArn: string }, context) {
            const { channel, bearer } = authorizeChannelCall(tables, "CreateChannelModerator", input.ChannelArn, input.ChimeBearer);
            const record = addModerator(tables, channel, input.ChannelModeratorArn, creatorOf(channel.AppInstanceArn, bearer), context.now);
            return { ChannelArn: channel.ChannelArn, ChannelModerator: identityOf(tables, record.ModeratorArn) };
        },

        DeleteChannelModerator(input: ChannelInput & { ChannelModeratorArn: string }) {
            const { channel } = authorizeChannelCall(tables, "DeleteChannelModerator", input.ChannelArn, input.ChimeBearer);
            if (!removeModerator(tables, channel, input.ChannelModeratorArn)) {
                throw notFound(`${input.ChannelModeratorArn} is not a moderator of the channel ${channel.ChannelArn}.`);
            }
            return {};
        },

        DescribeChannelModerator(input: ChannelInput & { ChannelModeratorArn: string }) {
            const { channel } = authorizeChannelCall(tables, "DescribeChannelModerator", input.ChannelArn, input.ChimeBearer);
            const record = tables.moderators.get(channel.ChannelArn, input.ChannelModeratorArn);
            if (!record) {
                throw notFound(`${input.ChannelModeratorArn} is not a moderator of the channel ${channel.ChannelArn}.`);
            }
            return {
                ChannelModerator: {
                    ChannelArn: channel.ChannelArn,
                    Moderator: identityOf(tables, record.ModeratorArn),
                    CreatedBy: identityOf(tables, record.CreatedBy),
                    CreatedTimestamp: record.CreatedTimestamp,
                },
            };
        },

        ListChannelModerators(input: ListInput) {
            const { channel } = authorizeChannelCall(tables, "ListChannelModerators", input.ChannelArn, input.ChimeBearer);
            const moderators = [...tables.moderators.partition(channel.ChannelArn).keys()];
            const scope = `ListChannelModerators:${channel.ChannelArn}`;
            const { page, nextToken } = paginate(moderators, input.MaxResults, input.NextToken, scope);
            return {
                ChannelArn: channel.ChannelArn,
                ChannelModerators: page.map((arn) => ({ Moderator: identityOf(tables, arn) })),
                NextToken: nextToken,
            };
        },

        CreateChannelBan(input: ChannelInput & { MemberArn: string }, context) {
            const { channel, bearer } = authorizeChannelCall(tables, "CreateChannelBan", input.ChannelArn, input.ChimeBearer);
            const record = addBan(tables, channel, input.MemberArn, creatorOf(channel.AppInstanceArn, bearer), context.now);
            return { ChannelArn: channel.ChannelArn, Member: identityOf(tables, record.MemberArn) };
        },

        DeleteChannelBan(input: ChannelInput & { MemberArn: string }) {
            const { channel } = authorizeChannelCall(tables, "DeleteChannelBan", input.ChannelArn, input.ChimeBearer);
            if (!tables.bans.delete(channel.ChannelArn, input.MemberArn)) {
                throw notFound(`${input.MemberArn} is not banned from the channel ${channel.ChannelArn}.`);
            }
            return {};
        },

        DescribeChannelBan(input: ChannelInput & { MemberArn: string }) {
            const { channel } = authorizeChannelCall(tables, "DescribeChannelBan", input.ChannelArn, input.ChimeBearer);
            const record = tables.bans.get(channel.ChannelArn, input.MemberArn);
            if (!record) throw notFound(`${input.MemberArn} is not banned from the channel ${channel.ChannelArn}.`);
            return {
                ChannelBan: {
                    ChannelArn: channel.ChannelArn,
                    Member: identityOf(tables, record.MemberArn),
                    CreatedBy: identityOf(tables, record.CreatedBy),
                    CreatedTimestamp: record.CreatedTimestamp,
                },
            };
        },

        ListChannelBans(input: ListInput) {
            const { channel } = authorizeChannelCall(tables, "ListChannelBans", input.ChannelArn, input.ChimeBearer);
            const banned = [...tables.bans.partition(channel.ChannelArn).keys()];
            const scope = `ListChannelBans:${channel.ChannelArn}`;
            const { page, nextToken } = paginate(banned, input.MaxResults, input.NextToken, scope);
            return {
                ChannelArn: channel.ChannelArn,
                ChannelBans: page.map((arn) => ({ Member: identityOf(tables, arn) })),
                NextToken: nextToken,
            };
        },
    };
}
