import { notFound } from "../../protocol/errors";
import { paginate } from "../common";
import { Table } from "../../store";
import { Tables } from "../tables";
import { EmulatorConfig, ServiceHandlers } from "../types";
import { authorizeChannelCall } from "./access";
import { addBan, addModerator, identityOf, removeModerator } from "./roster";

interface ChannelInput {
    ChannelArn: string;
    ChimeBearer: string;
}

interface ModeratorInput extends ChannelInput {
    ChannelModeratorArn: string;
}

interface BanInput extends ChannelInput {
    MemberArn: string;
}

interface ListInput extends ChannelInput {
    MaxResults?: number;
    NextToken?: string;
}

/** Channel moderators and bans; the rules on who may hold either role live in the roster. */
export function moderationHandlers(tables: Tables, _config: EmulatorConfig): ServiceHandlers {
    const authorize = (operation: string, input: ChannelInput) =>
        authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer);
    const notModerator = (arn: string, channelArn: string) =>
        notFound(`${arn} is not a moderator of the channel ${channelArn}.`);
    const notBanned = (arn: string, channelArn: string) =>
        notFound(`${arn} is not banned from the channel ${channelArn}.`);

    /** Pages the ARNs of the channel's moderators or bans as Identity summaries under `member`. */
    function listPage(operation: string, input: ListInput, table: Table<unknown>, member: string) {
        const { channel } = authorize(operation, input);
        const arns = table.partition(channel.ChannelArn).keys();
        const scope = `${operation}:${channel.ChannelArn}`;
        const { page, nextToken } = paginate(arns, input.MaxResults, input.NextToken, scope);
        return { channel, page: page.map((arn) => ({ [member]: identityOf(tables, arn) })), nextToken };
    }

    return {
        CreateChannelModerator(input: ModeratorInput, context) {
            const { channel, bearer } = authorize("CreateChannelModerator", input);
            const record = addModerator(tables, channel, input.ChannelModeratorArn, bearer, context.now);
            return { ChannelArn: channel.ChannelArn, ChannelModerator: identityOf(tables, record.ModeratorArn) };
        },

        DeleteChannelModerator(input: ModeratorInput) {
            const { channel } = authorize("DeleteChannelModerator", input);
            if (!removeModerator(tables, channel, input.ChannelModeratorArn)) {
                throw notModerator(input.ChannelModeratorArn, channel.ChannelArn);
            }
            return {};
        },

        DescribeChannelModerator(input: ModeratorInput) {
            const { channel } = authorize("DescribeChannelModerator", input);
            const record = tables.moderators.get(channel.ChannelArn, input.ChannelModeratorArn);
            if (!record) throw notModerator(input.ChannelModeratorArn, channel.ChannelArn);
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
            const moderators = tables.moderators as Table<unknown>;
            const { channel, page, nextToken } = listPage("ListChannelModerators", input, moderators, "Moderator");
            return { ChannelArn: channel.ChannelArn, ChannelModerators: page, NextToken: nextToken };
        },

        CreateChannelBan(input: BanInput, context) {
            const { channel, bearer } = authorize("CreateChannelBan", input);
            const record = addBan(tables, channel, input.MemberArn, bearer, context.now);
            return { ChannelArn: channel.ChannelArn, Member: identityOf(tables, record.MemberArn) };
        },

        DeleteChannelBan(input: BanInput) {
            const { channel } = authorize("DeleteChannelBan", input);
            if (!tables.bans.delete(channel.ChannelArn, input.MemberArn)) {
                throw notBanned(input.MemberArn, channel.ChannelArn);
            }
            return {};
        },

        DescribeChannelBan(input: BanInput) {
            const { channel } = authorize("DescribeChannelBan", input);
            const record = tables.bans.get(channel.ChannelArn, input.MemberArn);
            if (!record) throw notBanned(input.MemberArn, channel.ChannelArn);
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
            const bans = tables.bans as Table<unknown>;
            const { channel, page, nextToken } = listPage("ListChannelBans", input, bans, "Member");
            return { ChannelArn: channel.ChannelArn, ChannelBans: page, NextToken: nextToken };
        },
    };
}
