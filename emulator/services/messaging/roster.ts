import { badRequest, conflict, notFound, resourceLimitExceeded } from "../../protocol/errors";
import {
    appInstanceArnOf,
    BanRecord,
    ChannelRecord,
    findUserOrBot,
    INDEX_ENTRY,
    IndexEntry,
    isAppInstanceAdmin,
    MembershipRecord,
    ModeratorRecord,
    Tables,
} from "../tables";
import { Table } from "../../store";
import { newHexId } from "../common";
import { deleteTagsOf } from "../tags";
import { storedArnOf, subChannelKey } from "./access";

/**
 * A channel's roster: memberships, moderators and bans, kept together with the per-member indexes
 * (`membershipsByMember`, `moderatorsByUser`) and the sub-channels of elastic channels, and the quotas on them.
 * Every change to those tables goes through here so the indexes never drift.
 *
 * Stored records reuse the ARN strings of the channel and user records, so 100,000 memberships share a few
 * thousand strings instead of holding a copy each.
 */

export const MAX_MEMBERSHIPS_PER_CHANNEL = 10_000;
export const MAX_MODERATORS_PER_CHANNEL = 1_000;
export const MAX_MEMBERSHIPS_PER_USER = 20_000;

/** The API's Identity shape: an ARN and the user's or bot's name. */
export interface Identity {
    Arn: string;
    Name?: string;
}

export function identityOf(tables: Tables, arn: string): Identity {
    return { Arn: arn, Name: findUserOrBot(tables, arn)?.Name };
}

/**
 * The stored ARN string of a user or bot of the app instance; BadRequestException naming the input member
 * otherwise.
 */
export function requireInstanceUser(tables: Tables, appInstanceArn: string, arn: string, member: string): string {
    const record = appInstanceArnOf(arn) === appInstanceArn ? findUserOrBot(tables, arn) : undefined;
    if (!record) {
        throw badRequest(
            `An invalid app instance user ARN was supplied for the input parameter ${member}: ${arn} is not an ` +
                `app instance user or bot of ${appInstanceArn}.`,
        );
    }
    return storedArnOf(record);
}

function requireNotBanned(tables: Tables, channel: ChannelRecord, arn: string): void {
    if (tables.bans.has(channel.ChannelArn, arn)) {
        throw conflict(`The member ${arn} is banned from the channel ${channel.ChannelArn}; delete the ban first.`);
    }
}

/** A membership as the API shows it (ChannelMembership). */
export function membershipView(tables: Tables, record: MembershipRecord) {
    return {
        ChannelArn: record.ChannelArn,
        Member: identityOf(tables, record.MemberArn),
        InvitedBy: identityOf(tables, record.InvitedBy),
        Type: record.Type,
        SubChannelId: record.SubChannelId,
        CreatedTimestamp: record.CreatedTimestamp,
        LastUpdatedTimestamp: record.LastUpdatedTimestamp,
    };
}

// --- memberships -------------------------------------------------------------------------------------------

export interface NewMembership {
    memberArn: string;
    type: string;
    invitedBy: string;
    now: number;
    /** Only for placing a moderator in a given sub-channel of an elastic channel. */
    subChannelId?: string;
}

/**
 * Adds a member. Adding an existing member again with the same type answers with the existing membership and
 * changes nothing; with another type it is a ConflictException. Banned members are refused (ConflictException).
 * The service documents none of these answers: they are the emulator's choices.
 */
export function addMembership(tables: Tables, channel: ChannelRecord, request: NewMembership): MembershipRecord {
    const memberArn = requireInstanceUser(tables, channel.AppInstanceArn, request.memberArn, "MemberArn");
    requireNotBanned(tables, channel, memberArn);
    if (channel.ElasticChannelConfiguration) return addElasticMembership(tables, channel, { ...request, memberArn });
    if (request.subChannelId !== undefined) {
        throw badRequest(`SubChannelId is only valid for elastic channels; ${channel.ChannelArn} is not one.`);
    }
    const existing = tables.memberships.get(channel.ChannelArn, memberArn);
    if (existing) return sameTypeOrConflict(existing, request.type);
    requireMembershipQuotas(tables, channel, memberArn);
    const record: MembershipRecord = {
        ChannelArn: channel.ChannelArn,
        MemberArn: memberArn,
        Type: request.type,
        InvitedBy: request.invitedBy,
        CreatedTimestamp: request.now,
        LastUpdatedTimestamp: request.now,
    };
    return storeMembership(tables, record);
}

function sameTypeOrConflict(existing: MembershipRecord, type: string): MembershipRecord {
    if (existing.Type === type) return existing;
    throw conflict(
        `The member ${existing.MemberArn} already belongs to the channel ${existing.ChannelArn} with the type ` +
            `${existing.Type}; delete the membership to change its type.`,
    );
}

function requireMembershipQuotas(tables: Tables, channel: ChannelRecord, memberArn: string): void {
    if (tables.memberships.partitionSize(channel.ChannelArn) >= MAX_MEMBERSHIPS_PER_CHANNEL) {
        throw resourceLimitExceeded(
            `The channel ${channel.ChannelArn} has ${MAX_MEMBERSHIPS_PER_CHANNEL} memberships, the maximum.`,
        );
    }
    if (tables.membershipsByMember.partitionSize(memberArn) >= MAX_MEMBERSHIPS_PER_USER) {
        throw resourceLimitExceeded(
            `The member ${memberArn} belongs to ${MAX_MEMBERSHIPS_PER_USER} channels, the maximum.`,
        );
    }
}

function storeMembership(tables: Tables, record: MembershipRecord): MembershipRecord {
    const stored = tables.memberships.set(record.ChannelArn, record.MemberArn, record);
    tables.membershipsByMember.set(record.MemberArn, record.ChannelArn, INDEX_ENTRY);
    if (record.SubChannelId !== undefined) {
        const key = subChannelKey(record.ChannelArn, record.SubChannelId);
        tables.subChannelMemberships.set(key, record.MemberArn, stored);
    }
    return stored;
}

/**
 * Elastic channels: the service places regular members in a sub-channel itself (the first one with room, or a
 * new one), while moderators are placed in the sub-channel they name. Hidden memberships are not supported.
 */
function addElasticMembership(tables: Tables, channel: ChannelRecord, request: NewMembership): MembershipRecord {
    if (request.type === "HIDDEN") {
        throw badRequest("Elastic channels do not support HIDDEN memberships.");
    }
    const { memberArn } = request;
    if (request.subChannelId !== undefined) {
        if (!tables.moderators.has(channel.ChannelArn, memberArn)) {
            throw badRequest(
                `SubChannelId can only be given for a moderator of the channel; ${memberArn} is not one, and the ` +
                    `service chooses the sub-channel of regular members.`,
            );
        }
        if (!tables.subChannels.has(channel.ChannelArn, request.subChannelId)) {
            throw notFound(`The sub-channel ${request.subChannelId} of ${channel.ChannelArn} does not exist.`);
        }
        const key = subChannelKey(channel.ChannelArn, request.subChannelId);
        const existing = tables.subChannelMemberships.get(key, memberArn);
        if (existing) return sameTypeOrConflict(existing, request.type);
        return tables.subChannelMemberships.set(key, memberArn, {
            ChannelArn: channel.ChannelArn,
            MemberArn: memberArn,
            Type: request.type,
            InvitedBy: request.invitedBy,
            SubChannelId: request.subChannelId,
            CreatedTimestamp: request.now,
            LastUpdatedTimestamp: request.now,
        });
    }
    const existing = tables.memberships.get(channel.ChannelArn, memberArn);
    if (existing) return sameTypeOrConflict(existing, request.type);
    requireMembershipQuotas(tables, channel, memberArn);
    return storeMembership(tables, {
        ChannelArn: channel.ChannelArn,
        MemberArn: memberArn,
        Type: request.type,
        InvitedBy: request.invitedBy,
        SubChannelId: subChannelWithRoom(tables, channel, request.now),
        CreatedTimestamp: request.now,
        LastUpdatedTimestamp: request.now,
    });
}

function subChannelWithRoom(tables: Tables, channel: ChannelRecord, now: number): string {
    const config = channel.ElasticChannelConfiguration!;
    const subChannels = tables.subChannels.partition(channel.ChannelArn);
    for (const id of subChannels.keys()) {
        const size = tables.subChannelMemberships.partitionSize(subChannelKey(channel.ChannelArn, id));
        if (size < config.TargetMembershipsPerSubChannel) return id;
    }
    if (subChannels.size >= config.MaximumSubChannels) {
        throw resourceLimitExceeded(
            `The elastic channel ${channel.ChannelArn} has ${config.MaximumSubChannels} full sub-channels, ` +
                `its MaximumSubChannels.`,
        );
    }
    const id = newHexId().slice(0, 32);
    tables.subChannels.set(channel.ChannelArn, id, { SubChannelId: id, CreatedTimestamp: now });
    return id;
}

/** The sub-channels of an elastic channel with their member counts. */
export function subChannelSummaries(tables: Tables, channel: ChannelRecord) {
    return [...tables.subChannels.partition(channel.ChannelArn).keys()].map((id) => ({
        SubChannelId: id,
        MembershipCount: tables.subChannelMemberships.partitionSize(subChannelKey(channel.ChannelArn, id)),
    }));
}

/**
 * Removes a membership with its preferences and read marker; with a sub-channel id, only the membership in that
 * sub-channel. Without one, a moderator of an elastic channel also leaves every sub-channel. Returns whether
 * there was anything to remove.
 */
export function removeMembership(
    tables: Tables,
    channel: ChannelRecord,
    memberArn: string,
    subChannelId?: string,
): boolean {
    const channelArn = channel.ChannelArn;
    const record = tables.memberships.get(channelArn, memberArn);
    if (subChannelId !== undefined && record?.SubChannelId !== subChannelId) {
        return tables.subChannelMemberships.delete(subChannelKey(channelArn, subChannelId), memberArn);
    }
    let removed = false;
    if (record) {
        tables.memberships.delete(channelArn, memberArn);
        tables.membershipsByMember.delete(memberArn, channelArn);
        tables.membershipPreferences.delete(channelArn, memberArn);
        tables.readMarkers.delete(channelArn, memberArn);
        removed = true;
    }
    if (channel.ElasticChannelConfiguration) {
        for (const id of tables.subChannels.partition(channelArn).keys()) {
            removed = tables.subChannelMemberships.delete(subChannelKey(channelArn, id), memberArn) || removed;
        }
    }
    return removed;
}

/**
 * A user's records in a (channel, user) table through its per-user (user, channel) index, each read from the
 * table itself (so an entry whose record is gone is skipped).
 */
function* recordsThroughUserIndex<R>(index: Table<IndexEntry>, table: Table<R>, userArn: string): Generator<R> {
    for (const channelArn of index.partition(userArn).keys()) {
        const record = table.get(channelArn, userArn);
        if (record) yield record;
    }
}

/** A member's memberships through the per-member index. */
export function membershipsOfMember(tables: Tables, memberArn: string): Generator<MembershipRecord> {
    return recordsThroughUserIndex(tables.membershipsByMember, tables.memberships, memberArn);
}

// --- moderators --------------------------------------------------------------------------------------------

/**
 * Makes a user or bot a moderator; an existing moderator is answered as it is. Banned users cannot be
 * moderators (ConflictException). In an elastic channel, a promoted member leaves its sub-channel.
 */
export function addModerator(
    tables: Tables,
    channel: ChannelRecord,
    moderatorArn: string,
    createdBy: string,
    now: number,
): ModeratorRecord {
    const arn = requireInstanceUser(tables, channel.AppInstanceArn, moderatorArn, "ChannelModeratorArn");
    requireNotBanned(tables, channel, arn);
    const existing = tables.moderators.get(channel.ChannelArn, arn);
    if (existing) return existing;
    if (tables.moderators.partitionSize(channel.ChannelArn) >= MAX_MODERATORS_PER_CHANNEL) {
        throw resourceLimitExceeded(
            `The channel ${channel.ChannelArn} has ${MAX_MODERATORS_PER_CHANNEL} moderators, the maximum.`,
        );
    }
    if (channel.ElasticChannelConfiguration) removeMembership(tables, channel, arn);
    const record = tables.moderators.set(channel.ChannelArn, arn, {
        ChannelArn: channel.ChannelArn,
        ModeratorArn: arn,
        CreatedBy: createdBy,
        CreatedTimestamp: now,
    });
    tables.moderatorsByUser.set(arn, channel.ChannelArn, INDEX_ENTRY);
    return record;
}

export function removeModerator(tables: Tables, channel: ChannelRecord, moderatorArn: string): boolean {
    if (!tables.moderators.delete(channel.ChannelArn, moderatorArn)) return false;
    tables.moderatorsByUser.delete(moderatorArn, channel.ChannelArn);
    if (channel.ElasticChannelConfiguration) removeMembership(tables, channel, moderatorArn);
    return true;
}

/** The moderator roles of a user through the per-user index. */
export function moderatorRolesOf(tables: Tables, userArn: string): Generator<ModeratorRecord> {
    return recordsThroughUserIndex(tables.moderatorsByUser, tables.moderators, userArn);
}

// --- bans --------------------------------------------------------------------------------------------------

/**
 * Bans a user or bot and kicks it from the channel (its memberships go). The developer guide says the banned
 * user cannot be an app instance admin or a moderator of the channel; the errors are the emulator's choice:
 * BadRequestException for an admin, ConflictException for a moderator (ban after DeleteChannelModerator).
 * Banning a banned member again answers with the existing ban.
 */
export function addBan(
    tables: Tables,
    channel: ChannelRecord,
    memberArn: string,
    createdBy: string,
    now: number,
): BanRecord {
    const arn = requireInstanceUser(tables, channel.AppInstanceArn, memberArn, "MemberArn");
    if (isAppInstanceAdmin(tables, channel.AppInstanceArn, arn)) {
        throw badRequest(`The member ${arn} is an app instance admin; admins cannot be banned.`);
    }
    if (tables.moderators.has(channel.ChannelArn, arn)) {
        throw conflict(
            `The member ${arn} is a moderator of the channel ${channel.ChannelArn}; delete the moderator before ` +
                `banning it.`,
        );
    }
    const existing = tables.bans.get(channel.ChannelArn, arn);
    if (existing) return existing;
    removeMembership(tables, channel, arn);
    return tables.bans.set(channel.ChannelArn, arn, {
        ChannelArn: channel.ChannelArn,
        MemberArn: arn,
        CreatedBy: createdBy,
        CreatedTimestamp: now,
    });
}

// --- whole channels ----------------------------------------------------------------------------------------

/**
 * Deletes a channel and everything kept under it: memberships (and their index entries), moderators, bans,
 * preferences, read markers, messages, sub-channels and tags.
 */
export function deleteChannelTree(tables: Tables, channel: ChannelRecord): void {
    const channelArn = channel.ChannelArn;
    for (const memberArn of [...tables.memberships.partition(channelArn).keys()]) {
        tables.membershipsByMember.delete(memberArn, channelArn);
    }
    for (const moderatorArn of [...tables.moderators.partition(channelArn).keys()]) {
        tables.moderatorsByUser.delete(moderatorArn, channelArn);
    }
    for (const id of [...tables.subChannels.partition(channelArn).keys()]) {
        tables.subChannelMemberships.deletePartition(subChannelKey(channelArn, id));
    }
    for (const table of [
        tables.memberships,
        tables.moderators,
        tables.bans,
        tables.membershipPreferences,
        tables.readMarkers,
        tables.messages,
        tables.subChannels,
    ]) {
        table.deletePartition(channelArn);
    }
    deleteTagsOf(tables, channelArn);
    tables.channels.delete(channel.AppInstanceArn, channelArn);
}

/**
 * Removes a user or bot from every channel it belongs to, moderates or is banned from, using the per-member
 * indexes (for deleting app instance users and bots).
 */
export function removeFromAllChannels(tables: Tables, memberArn: string): void {
    const instance = appInstanceArnOf(memberArn);
    if (!instance) return;
    const channelArns = new Set([
        ...tables.membershipsByMember.partition(memberArn).keys(),
        ...tables.moderatorsByUser.partition(memberArn).keys(),
    ]);
    for (const channelArn of channelArns) {
        const channel = tables.channels.get(instance, channelArn);
        if (channel) {
            removeModerator(tables, channel, memberArn);
            removeMembership(tables, channel, memberArn);
        }
    }
    tables.membershipsByMember.deletePartition(memberArn);
    tables.moderatorsByUser.deletePartition(memberArn);
}
