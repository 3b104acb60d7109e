import { badRequest, notFound, ServiceError } from "../../protocol/errors";
import { paginate } from "../common";
import { ChannelRecord, MembershipRecord, Tables } from "../tables";
import { EmulatorConfig, MessagingHandlers, MessagingInput } from "../types";
import { authorizeChannelCall, ChannelCaller, deniedError, subChannelKey } from "./access";
import { addMembership, identityOf, membershipView, removeMembership } from "./roster";

type ChannelMemberInput = MessagingInput<"GetChannelMembershipPreferences">;

type Preferences = MessagingInput<"PutChannelMembershipPreferences">["Preferences"];

const isManager = (caller: ChannelCaller) => caller.role === "admin" || caller.role === "moderator";

/** HIDDEN memberships and sub-channel placement are for admins and moderators only. */
function requireManagerFor(caller: ChannelCaller, operation: string, type: string, subChannelId?: string): void {
    if ((type === "HIDDEN" || subChannelId !== undefined) && !isManager(caller)) {
        throw deniedError(caller.bearer, operation, caller.channel.ChannelArn);
    }
}

function requireMembership(
    tables: Tables,
    channel: ChannelRecord,
    memberArn: string,
    subChannelId?: string,
): MembershipRecord {
    const record =
        subChannelId === undefined
            ? tables.memberships.get(channel.ChannelArn, memberArn)
            : tables.subChannelMemberships.get(subChannelKey(channel.ChannelArn, subChannelId), memberArn);
    if (!record) {
        const where = subChannelId === undefined ? "" : ` in the sub-channel ${subChannelId}`;
        throw notFound(`The member ${memberArn} is not a member of the channel ${channel.ChannelArn}${where}.`);
    }
    return record;
}

/**
 * The memberships a listing shows, read lazily (a page reads only what it needs): one type only, DEFAULT when no
 * type is asked, so hidden members stay hidden.
 */
function* listedMemberships(
    tables: Tables,
    channel: ChannelRecord,
    type: string,
    subChannelId?: string,
): Generator<MembershipRecord> {
    const source =
        subChannelId === undefined
            ? tables.memberships.partition(channel.ChannelArn)
            : tables.subChannelMemberships.partition(subChannelKey(channel.ChannelArn, subChannelId));
    for (const record of source.values()) if (record.Type === type) yield record;
}

function validatePreferences(preferences: Preferences): void {
    const push = preferences.PushNotifications;
    if (!push) return;
    if (push.AllowNotifications === "FILTERED" && push.FilterRule === undefined) {
        throw badRequest("Preferences.PushNotifications.FilterRule is required when AllowNotifications is FILTERED.");
    }
    if (push.FilterRule !== undefined) {
        let rule: unknown;
        try {
            rule = JSON.parse(push.FilterRule);
        } catch {
            rule = undefined;
        }
        if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
            throw badRequest("Preferences.PushNotifications.FilterRule must be a JSON object.");
        }
    }
}

/** Preferences are the member's own; the channel must not be elastic (no preferences there). */
function authorizePreferences(tables: Tables, operation: string, input: ChannelMemberInput): ChannelRecord {
    const { channel } = authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer, {
        member: input.MemberArn,
    });
    if (channel.ElasticChannelConfiguration) {
        throw badRequest("Elastic channels do not support membership preferences.");
    }
    requireMembership(tables, channel, input.MemberArn);
    return channel;
}

/** The ErrorCode enum value of an error (BadRequest, Conflict, ...). */
const errorCodeOf = (error: ServiceError) => error.type.replace(/Exception$/, "");

export function membershipsHandlers(tables: Tables, _config: EmulatorConfig): Partial<MessagingHandlers> {
    return {
        CreateChannelMembership(input, context) {
            const caller = authorizeChannelCall(tables, "CreateChannelMembership", input.ChannelArn, input.ChimeBearer);
            requireManagerFor(caller, "CreateChannelMembership", input.Type, input.SubChannelId);
            const record = addMembership(tables, caller.channel, {
                memberArn: input.MemberArn,
                type: input.Type,
                invitedBy: caller.bearer,
                now: context.now,
                subChannelId: input.SubChannelId,
            });
            return {
                ChannelArn: record.ChannelArn,
                Member: identityOf(tables, record.MemberArn),
                SubChannelId: record.SubChannelId,
            };
        },

        /**
         * Adds each member on its own: a member that cannot be added (not a user of the app instance, banned,
         * already a member with another type, over a quota) is reported in Errors and the others are added.
         */
        BatchCreateChannelMembership(input, context) {
            const operation = "BatchCreateChannelMembership";
            const caller = authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer);
            const type = input.Type ?? "DEFAULT";
            requireManagerFor(caller, operation, type, input.SubChannelId);
            const invitedBy = caller.bearer;
            const members: { Arn: string; Name?: string }[] = [];
            const errors: { MemberArn: string; ErrorCode: string; ErrorMessage: string }[] = [];
            for (const memberArn of new Set(input.MemberArns)) {
                try {
                    const record = addMembership(tables, caller.channel, {
                        memberArn,
                        type,
                        invitedBy,
                        now: context.now,
                        subChannelId: input.SubChannelId,
                    });
                    members.push(identityOf(tables, record.MemberArn));
                } catch (error) {
                    if (!(error instanceof ServiceError)) throw error;
                    errors.push({ MemberArn: memberArn, ErrorCode: errorCodeOf(error), ErrorMessage: error.message });
                }
            }
            return {
                BatchChannelMemberships: {
                    ChannelArn: caller.channel.ChannelArn,
                    InvitedBy: identityOf(tables, invitedBy),
                    Type: type,
                    Members: members,
                    SubChannelId: input.SubChannelId,
                },
                Errors: errors,
            };
        },

        DeleteChannelMembership(input) {
            const operation = "DeleteChannelMembership";
            const caller = authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer, {
                member: input.MemberArn,
            });
            if (input.SubChannelId !== undefined && !isManager(caller)) {
                throw deniedError(caller.bearer, operation, caller.channel.ChannelArn);
            }
            if (!removeMembership(tables, caller.channel, input.MemberArn, input.SubChannelId)) {
                requireMembership(tables, caller.channel, input.MemberArn, input.SubChannelId);
            }
            return {};
        },

        DescribeChannelMembership(input) {
            const operation = "DescribeChannelMembership";
            const { channel } = authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer);
            const record = requireMembership(tables, channel, input.MemberArn, input.SubChannelId);
            return { ChannelMembership: membershipView(tables, record) };
        },

        ListChannelMemberships(input) {
            const operation = "ListChannelMemberships";
            const { channel } = authorizeChannelCall(tables, operation, input.ChannelArn, input.ChimeBearer);
            const type = input.Type ?? "DEFAULT";
            const listed = listedMemberships(tables, channel, type, input.SubChannelId);
            const scope = `${operation}:${channel.ChannelArn}:${type}:${input.SubChannelId ?? ""}`;
            const { page, nextToken } = paginate(listed, input.MaxResults, input.NextToken, scope);
            return {
                ChannelArn: channel.ChannelArn,
                ChannelMemberships: page.map((record) => ({ Member: identityOf(tables, record.MemberArn) })),
                NextToken: nextToken,
            };
        },

        GetChannelMembershipPreferences(input) {
            const channel = authorizePreferences(tables, "GetChannelMembershipPreferences", input);
            const stored = tables.membershipPreferences.get(channel.ChannelArn, input.MemberArn) as
                { Preferences: Preferences } | undefined;
            return {
                ChannelArn: channel.ChannelArn,
                Member: identityOf(tables, input.MemberArn),
                Preferences: stored?.Preferences ?? {},
            };
        },

        PutChannelMembershipPreferences(input) {
            const channel = authorizePreferences(tables, "PutChannelMembershipPreferences", input);
            validatePreferences(input.Preferences);
            const memberArn = tables.memberships.get(channel.ChannelArn, input.MemberArn)!.MemberArn;
            tables.membershipPreferences.set(channel.ChannelArn, memberArn, { Preferences: input.Preferences });
            return {
                ChannelArn: channel.ChannelArn,
                Member: identityOf(tables, memberArn),
                Preferences: input.Preferences,
            };
        },
    };
}
