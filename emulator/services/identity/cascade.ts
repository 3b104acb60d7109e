import { appInstanceArnOf, Tables } from "../tables";
import { deleteTagsOf } from "../tags";

/**
 * What goes away with an app instance user or bot: its memberships, moderator roles, bans, preferences and read
 * markers in every channel of its app instance, its admin role, endpoints and tags. Its messages stay, as in the
 * service.
 */
export function deleteMemberTraces(tables: Tables, memberArn: string): void {
    const instance = appInstanceArnOf(memberArn);
    if (!instance) return;
    for (const membership of [...tables.membershipsByMember.partition(memberArn).values()]) {
        tables.memberships.delete(membership.ChannelArn, memberArn);
        if (membership.SubChannelId !== undefined) {
            tables.subChannelMemberships.delete(`${membership.ChannelArn}/${membership.SubChannelId}`, memberArn);
        }
    }
    tables.membershipsByMember.deletePartition(memberArn);
    for (const channelArn of [...tables.moderatorsByUser.partition(memberArn).keys()]) {
        tables.moderators.delete(channelArn, memberArn);
    }
    tables.moderatorsByUser.deletePartition(memberArn);
    for (const channelArn of tables.channels.partition(instance).keys()) {
        for (const table of [tables.memberships, tables.moderators, tables.bans, tables.membershipPreferences, tables.readMarkers]) {
            table.delete(channelArn, memberArn);
        }
    }
    tables.appInstanceAdmins.delete(instance, memberArn);
    tables.userEndpoints.deletePartition(memberArn);
    deleteTagsOf(tables, memberArn);
}

export function deleteUserTraces(tables: Tables, userArn: string): void {
    deleteMemberTraces(tables, userArn);
    tables.appInstanceUsers.delete(appInstanceArnOf(userArn)!, userArn);
}

export function deleteBotTraces(tables: Tables, botArn: string): void {
    deleteMemberTraces(tables, botArn);
    tables.appInstanceBots.delete(appInstanceArnOf(botArn)!, botArn);
}

/** Deletes a channel and everything kept under it, keeping the per-member indexes in step. */
function deleteChannelTree(tables: Tables, channelArn: string): void {
    for (const memberArn of tables.memberships.partition(channelArn).keys()) {
        tables.membershipsByMember.delete(memberArn, channelArn);
    }
    for (const moderatorArn of tables.moderators.partition(channelArn).keys()) {
        tables.moderatorsByUser.delete(moderatorArn, channelArn);
    }
    for (const subChannelId of tables.subChannels.partition(channelArn).keys()) {
        tables.subChannelMemberships.deletePartition(`${channelArn}/${subChannelId}`);
    }
    for (const table of [
        tables.memberships,
        tables.moderators,
        tables.subChannels,
        tables.bans,
        tables.membershipPreferences,
        tables.readMarkers,
        tables.messages,
    ]) {
        table.deletePartition(channelArn);
    }
    deleteTagsOf(tables, channelArn);
}

/**
 * Deletes an app instance and everything under it: users, bots, admins, endpoints, retention settings, channels
 * with their memberships, moderators, bans, preferences, read markers and messages, channel flows, streaming
 * configurations, and the tags of every deleted resource.
 */
export function deleteAppInstanceTree(tables: Tables, appInstanceArn: string): void {
    for (const channelArn of [...tables.channels.partition(appInstanceArn).keys()]) {
        deleteChannelTree(tables, channelArn);
    }
    tables.channels.deletePartition(appInstanceArn);
    for (const flowArn of tables.channelFlows.partition(appInstanceArn).keys()) deleteTagsOf(tables, flowArn);
    tables.channelFlows.deletePartition(appInstanceArn);
    for (const userArn of tables.appInstanceUsers.partition(appInstanceArn).keys()) {
        tables.userEndpoints.deletePartition(userArn);
        deleteTagsOf(tables, userArn);
    }
    tables.appInstanceUsers.deletePartition(appInstanceArn);
    for (const botArn of tables.appInstanceBots.partition(appInstanceArn).keys()) deleteTagsOf(tables, botArn);
    tables.appInstanceBots.deletePartition(appInstanceArn);
    tables.appInstanceAdmins.deletePartition(appInstanceArn);
    tables.retentionSettings.delete(appInstanceArn);
    tables.streamingConfigurations.delete(appInstanceArn);
    deleteTagsOf(tables, appInstanceArn);
    tables.appInstances.delete(appInstanceArn);
}
