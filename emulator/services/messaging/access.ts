import { badRequest, forbidden } from "../../protocol/errors";
import {
    AppInstanceBotRecord,
    AppInstanceUserRecord,
    appInstanceArnOf,
    ChannelRecord,
    ChannelRole,
    channelRole,
    findUserOrBot,
    isAppInstanceAdmin,
    requireBearerIn,
    requireChannel,
    Tables,
} from "../tables";

/**
 * Who may call which channel operation, after the developer guide's "authorization by role" tables. Every
 * channel operation that takes an x-amz-chime-bearer is listed here; a bearer that lacks the permission gets a
 * ForbiddenException naming it and the operation.
 */

/** What a bearer must be to call an operation on a channel. */
export type Permission =
    /** App instance admin or channel moderator (channel settings, moderators, bans, flows, sub-channels). */
    | "manage"
    /** Admin, moderator or member; anyone in the app instance when the channel is PUBLIC. */
    | "read"
    /** Admin, moderator or member (operations on one's own messages; the handler checks ownership). */
    | "participate"
    /** A member of the channel, whatever other role it holds (sending messages, read markers). */
    | "membership"
    /** App instance admin only. */
    | "admin"
    /** Admin or moderator; a member too when the channel is UNRESTRICTED. */
    | "addMembers"
    /** Admin or moderator for anyone's membership; a member for its own (leaving the channel). */
    | "removeMember"
    /** Only the member the call is about (membership preferences). */
    | "owner";

export const CHANNEL_PERMISSIONS: Readonly<Record<string, Permission>> = {
    // channels
    UpdateChannel: "manage",
    DeleteChannel: "manage",
    DescribeChannel: "read",
    PutChannelExpirationSettings: "manage",
    ListSubChannels: "manage",
    // memberships
    CreateChannelMembership: "addMembers",
    BatchCreateChannelMembership: "addMembers",
    DeleteChannelMembership: "removeMember",
    DescribeChannelMembership: "read",
    ListChannelMemberships: "read",
    GetChannelMembershipPreferences: "owner",
    PutChannelMembershipPreferences: "owner",
    // moderation
    CreateChannelModerator: "manage",
    DeleteChannelModerator: "manage",
    DescribeChannelModerator: "manage",
    ListChannelModerators: "manage",
    CreateChannelBan: "manage",
    DeleteChannelBan: "manage",
    DescribeChannelBan: "manage",
    ListChannelBans: "manage",
    // flows
    AssociateChannelFlow: "manage",
    DisassociateChannelFlow: "manage",
    // messages
    SendChannelMessage: "membership",
    UpdateChannelReadMarker: "membership",
    GetChannelMessage: "read",
    ListChannelMessages: "read",
    GetChannelMessageStatus: "read",
    UpdateChannelMessage: "participate",
    RedactChannelMessage: "participate",
    DeleteChannelMessage: "admin",
};

export interface ChannelCaller {
    channel: ChannelRecord;
    /** The bearer's ARN as stored with its user or bot (records that keep it share the string). */
    bearer: string;
    /** The bearer's strongest role on the channel. */
    role: ChannelRole;
}

export function deniedError(bearer: string, operation: string, channelArn?: string) {
    const target = channelArn ? ` on the channel ${channelArn}` : "";
    return forbidden(`The user ${bearer} is not authorized to perform ${operation}${target}.`);
}

/** The ARN string a user or bot record holds. */
export function storedArnOf(record: AppInstanceUserRecord | AppInstanceBotRecord): string {
    return "AppInstanceUserArn" in record ? record.AppInstanceUserArn : record.AppInstanceBotArn;
}

/** What a call is about, besides its channel. */
export interface CallSubject {
    /** The member the call is about (for "removeMember" and "owner"). */
    member?: string;
    /** The sub-channel of an elastic channel the call names. */
    subChannelId?: string;
}

/** The key of a sub-channel's partition in `subChannelMemberships`. */
export const subChannelKey = (channelArn: string, subChannelId: string): string => `${channelArn}/${subChannelId}`;

/**
 * Whether the ARN is a member of the channel (an explicit membership, not a role); with a sub-channel id, a
 * member of that sub-channel of an elastic channel.
 */
export function isChannelMember(tables: Tables, channel: ChannelRecord, arn: string, subChannelId?: string): boolean {
    if (subChannelId !== undefined) {
        return tables.subChannelMemberships.has(subChannelKey(channel.ChannelArn, subChannelId), arn);
    }
    return tables.memberships.has(channel.ChannelArn, arn);
}

function allows(tables: Tables, permission: Permission, caller: ChannelCaller, about: CallSubject): boolean {
    const { channel, bearer, role } = caller;
    const subject = about.member;
    switch (permission) {
        case "manage":
            return role === "admin" || role === "moderator";
        case "read":
            return role !== "none" || channel.Privacy === "PUBLIC";
        case "participate":
            return role !== "none";
        case "membership":
            return isChannelMember(tables, channel, bearer, about.subChannelId);
        case "admin":
            return role === "admin";
        case "addMembers":
            return role === "admin" || role === "moderator" || (role === "member" && channel.Mode === "UNRESTRICTED");
        case "removeMember":
            return role === "admin" || role === "moderator" || (role === "member" && subject === bearer);
        case "owner":
            return subject === bearer;
    }
}

/**
 * The checks every channel operation starts with: the channel exists (NotFoundException), the bearer is a user
 * or bot of its app instance (BadRequestException), and the bearer's role grants the operation's permission
 * (ForbiddenException).
 */
export function authorizeChannelCall(
    tables: Tables,
    operation: string,
    channelArn: string,
    bearer: string,
    about: CallSubject = {},
): ChannelCaller {
    const permission = CHANNEL_PERMISSIONS[operation];
    if (!permission) throw new Error(`no channel permission is defined for ${operation}`);
    const channel = requireChannel(tables, channelArn);
    requireBearerIn(tables, channel.AppInstanceArn, bearer);
    const storedBearer = storedArnOf(findUserOrBot(tables, bearer)!);
    const caller: ChannelCaller = { channel, bearer: storedBearer, role: channelRole(tables, channel, bearer) };
    if (!allows(tables, permission, caller, about)) throw deniedError(bearer, operation, channel.ChannelArn);
    return caller;
}

/** The app instance of a bearer that must be an existing user or bot (BadRequestException otherwise). */
export function requireBearer(tables: Tables, bearer: string): string {
    const instance = appInstanceArnOf(bearer);
    if (!instance || instance === bearer) {
        throw badRequest("An invalid app instance user ARN was supplied for the x-amz-chime-bearer HTTP header.");
    }
    requireBearerIn(tables, instance, bearer);
    return instance;
}

/**
 * The `*ForAppInstanceUser` operations: a bearer may ask about itself, an app instance admin about anyone of its
 * app instance. Returns the app instance both belong to.
 */
export function authorizeAboutUser(tables: Tables, operation: string, bearer: string, userArn: string): string {
    const instance = requireBearer(tables, bearer);
    if (userArn === bearer) return instance;
    if (appInstanceArnOf(userArn) !== instance) {
        throw badRequest(`The app instance user ${userArn} is not in the app instance ${instance}.`);
    }
    if (!isAppInstanceAdmin(tables, instance, bearer)) throw deniedError(bearer, operation);
    return instance;
}
