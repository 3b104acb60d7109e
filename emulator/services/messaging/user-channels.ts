import { notFound } from "../../protocol/errors";
import { paginate } from "../common";
import { ChannelRecord, requireChannel, Tables } from "../tables";
import { MessagingHandlers } from "../types";
import { authorizeAboutUser, deniedError } from "./access";
import { membershipsOfMember, moderatorRolesOf } from "./roster";

/**
 * The `*ForAppInstanceUser` operations: a user's channels seen from the user (its memberships, the channels it
 * moderates). A bearer may ask about itself, an app instance admin about anyone of its app instance. Listings
 * read the per-member indexes, never the channels of the app instance.
 */

interface AboutUserInput {
    AppInstanceUserArn?: string;
    ChimeBearer: string;
    MaxResults?: number;
    NextToken?: string;
}

interface AboutUserInChannelInput {
    ChannelArn: string;
    AppInstanceUserArn: string;
    ChimeBearer: string;
}

/** The ChannelSummary shape (the encoder keeps only its members). */
export const channelSummary = (channel: ChannelRecord) => channel;

/** ChannelMembershipForAppInstanceUserSummary. */
function membershipForUserView(tables: Tables, channel: ChannelRecord, userArn: string) {
    const membership = tables.memberships.get(channel.ChannelArn, userArn)!;
    const marker = tables.readMarkers.get(channel.ChannelArn, userArn) as { ReadMarkerTimestamp?: number } | undefined;
    return {
        ChannelSummary: channelSummary(channel),
        AppInstanceUserMembershipSummary: {
            Type: membership.Type,
            ReadMarkerTimestamp: marker?.ReadMarkerTimestamp,
            SubChannelId: membership.SubChannelId,
        },
    };
}

/** Authorizes a call about a user and a channel, which must be in the bearer's app instance. */
function authorizeAboutUserInChannel(tables: Tables, operation: string, input: AboutUserInChannelInput): ChannelRecord {
    const channel = requireChannel(tables, input.ChannelArn);
    const instance = authorizeAboutUser(tables, operation, input.ChimeBearer, input.AppInstanceUserArn);
    if (instance !== channel.AppInstanceArn) throw deniedError(input.ChimeBearer, operation, channel.ChannelArn);
    return channel;
}

/**
 * A page of a user's records for a listing about a user: the user asked about (the bearer itself when the input
 * names none), authorized, then its records paged.
 */
function pageAboutUser<R>(
    tables: Tables,
    operation: string,
    input: AboutUserInput,
    recordsOf: (tables: Tables, userArn: string) => Iterable<R>,
): { userArn: string; page: R[]; nextToken?: string } {
    const userArn = input.AppInstanceUserArn ?? input.ChimeBearer;
    authorizeAboutUser(tables, operation, input.ChimeBearer, userArn);
    const scope = `${operation}:${userArn}`;
    const { page, nextToken } = paginate(recordsOf(tables, userArn), input.MaxResults, input.NextToken, scope);
    return { userArn, page, nextToken };
}

export function userChannelsHandlers(tables: Tables): Partial<MessagingHandlers> {
    return {
        ListChannelMembershipsForAppInstanceUser(input) {
            const operation = "ListChannelMembershipsForAppInstanceUser";
            const { userArn, page, nextToken } = pageAboutUser(tables, operation, input, membershipsOfMember);
            return {
                ChannelMemberships: page.map((m) =>
                    membershipForUserView(tables, requireChannel(tables, m.ChannelArn), userArn),
                ),
                NextToken: nextToken,
            };
        },

        DescribeChannelMembershipForAppInstanceUser(input) {
            const channel = authorizeAboutUserInChannel(tables, "DescribeChannelMembershipForAppInstanceUser", input);
            if (!tables.memberships.has(channel.ChannelArn, input.AppInstanceUserArn)) {
                throw notFound(`${input.AppInstanceUserArn} is not a member of the channel ${channel.ChannelArn}.`);
            }
            return { ChannelMembership: membershipForUserView(tables, channel, input.AppInstanceUserArn) };
        },

        ListChannelsModeratedByAppInstanceUser(input) {
            const { page, nextToken } = pageAboutUser(
                tables,
                "ListChannelsModeratedByAppInstanceUser",
                input,
                moderatorRolesOf,
            );
            return {
                Channels: page.map((r) => ({ ChannelSummary: channelSummary(requireChannel(tables, r.ChannelArn)) })),
                NextToken: nextToken,
            };
        },

        DescribeChannelModeratedByAppInstanceUser(input) {
            const channel = authorizeAboutUserInChannel(tables, "DescribeChannelModeratedByAppInstanceUser", input);
            if (!tables.moderators.has(channel.ChannelArn, input.AppInstanceUserArn)) {
                throw notFound(`${input.AppInstanceUserArn} is not a moderator of the channel ${channel.ChannelArn}.`);
            }
            return { Channel: { ChannelSummary: channelSummary(channel) } };
        },
    };
}
