import { notFound } from "../../protocol/errors";
import { paginate } from "../common";
import { Table } from "../../store";
import { BanRecord, ChannelRecord, ModeratorRecord, Tables } from "../tables";
import { EmulatorConfig, MessagingHandlers } from "../types";
import { authorizeChannelCall } from "./access";
import { addBan, addModerator, identityOf, removeModerator } from "./roster";

interface ChannelInput {
    ChannelArn: string;
    ChimeBearer: string;
}

interface ListInput extends ChannelInput {
    MaxResults?: number;
    NextToken?: string;
}

/** What a moderator or ban record holds besides its user. */
interface GrantRecord {
    CreatedBy: string;
    CreatedTimestamp: number;
}

/** The moderator role or the ban: the same delete, describe and list calls over a different table. */
interface ChannelGrant<R extends GrantRecord> {
    table: Table<R>;
    /** The output member naming the user, e.g. "Moderator". */
    member: string;
    userOf(record: R): string;
    /** Removes the grant; false when the user did not hold it. */
    remove(channel: ChannelRecord, userArn: string): boolean;
    notHeld(userArn: string, channelArn: string): Error;
}

/** Channel moderators and bans; the rules on who may hold either role live in the roster. */
export function moderationHandlers(tables: Tables, _config: EmulatorConfig): Partial<MessagingHandlers> {
    const authorize = (operation: string, input: ChannelInput) =>
        authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer);

    const moderators: ChannelGrant<ModeratorRecord> = {
        table: tables.moderators,
        member: "Moderator",
        userOf: (record) => record.ModeratorArn,
        remove: (channel, userArn) => removeModerator(tables, channel, userArn),
        notHeld: (arn, channelArn) => notFound(`${arn} is not a moderator of the channel ${channelArn}.`),
    };
    const bans: ChannelGrant<BanRecord> = {
        table: tables.bans,
        member: "Member",
        userOf: (record) => record.MemberArn,
        remove: (channel, userArn) => tables.bans.delete(channel.ChannelArn, userArn),
        notHeld: (arn, channelArn) => notFound(`${arn} is not banned from the channel ${channelArn}.`),
    };

    function revoke<R extends GrantRecord>(
        operation: string,
        input: ChannelInput,
        grant: ChannelGrant<R>,
        userArn: string,
    ) {
        const { channel } = authorize(operation, input);
        if (!grant.remove(channel, userArn)) throw grant.notHeld(userArn, channel.ChannelArn);
        return {};
    }

    /** The grant as the Describe calls show it: the channel, the user under `member`, who granted it and when. */
    function describe<R extends GrantRecord>(
        operation: string,
        input: ChannelInput,
        grant: ChannelGrant<R>,
        userArn: string,
    ) {
        const { channel } = authorize(operation, input);
        const record = grant.table.get(channel.ChannelArn, userArn);
        if (!record) throw grant.notHeld(userArn, channel.ChannelArn);
        return {
            ChannelArn: channel.ChannelArn,
            [grant.member]: identityOf(tables, grant.userOf(record)),
            CreatedBy: identityOf(tables, record.CreatedBy),
            CreatedTimestamp: record.CreatedTimestamp,
        };
    }

    /** Pages the ARNs of the channel's moderators or bans as Identity summaries under the grant's `member`. */
    function listPage<R extends GrantRecord>(operation: string, input: ListInput, grant: ChannelGrant<R>) {
        const { channel } = authorize(operation, input);
        const arns = grant.table.partition(channel.ChannelArn).keys();
        const scope = `${operation}:${channel.ChannelArn}`;
        const { page, nextToken } = paginate(arns, input.MaxResults, input.NextToken, scope);
        return { channel, page: page.map((arn) => ({ [grant.member]: identityOf(tables, arn) })), nextToken };
    }

    return {
        CreateChannelModerator(input, context) {
            const { channel, bearer } = authorize("CreateChannelModerator", input);
            const record = addModerator(tables, channel, input.ChannelModeratorArn, bearer, context.now);
            return { ChannelArn: channel.ChannelArn, ChannelModerator: identityOf(tables, record.ModeratorArn) };
        },

        DeleteChannelModerator(input) {
            return revoke("DeleteChannelModerator", input, moderators, input.ChannelModeratorArn);
        },

        DescribeChannelModerator(input) {
            return {
                ChannelModerator: describe("DescribeChannelModerator", input, moderators, input.ChannelModeratorArn),
            };
        },

        ListChannelModerators(input) {
            const { channel, page, nextToken } = listPage("ListChannelModerators", input, moderators);
            return { ChannelArn: channel.ChannelArn, ChannelModerators: page, NextToken: nextToken };
        },

        CreateChannelBan(input, context) {
            const { channel, bearer } = authorize("CreateChannelBan", input);
            const record = addBan(tables, channel, input.MemberArn, bearer, context.now);
            return { ChannelArn: channel.ChannelArn, Member: identityOf(tables, record.MemberArn) };
        },

        DeleteChannelBan(input) {
            return revoke("DeleteChannelBan", input, bans, input.MemberArn);
        },

        DescribeChannelBan(input) {
            return { ChannelBan: describe("DescribeChannelBan", input, bans, input.MemberArn) };
        },

        ListChannelBans(input) {
            const { channel, page, nextToken } = listPage("ListChannelBans", input, bans);
            return { ChannelArn: channel.ChannelArn, ChannelBans: page, NextToken: nextToken };
        },
    };
}
