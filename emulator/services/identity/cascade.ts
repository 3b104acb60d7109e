import { deleteChannelTree, removeFromAllChannels } from "../messaging/roster";
import { appInstanceArnOf, Tables } from "../tables";
import { deleteTagsOf } from "../tags";

/**
 * What goes away with an app instance user or bot: its memberships and moderator roles (through the channel
 * roster, which keeps the per-member indexes in step), its bans, preferences and read markers in every channel of
 * its app instance ("Bans are cleaned up when the user or channel is deleted"), its admin role, endpoints and
 * tags. Its messages stay, as in the service.
 */
function deleteMemberTraces(tables: Tables, memberArn: string): void {
    const instance = appInstanceArnOf(memberArn);
    if (!instance) return;
    removeFromAllChannels(tables, memberArn);
    for (const channelArn of tables.channels.partition(instance).keys()) {
        tables.bans.delete(channelArn, memberArn);
        tables.membershipPreferences.delete(channelArn, memberArn);
        tables.readMarkers.delete(channelArn, memberArn);
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

/**
 * Deletes an app instance and everything under it: channels (with their memberships, moderators, bans,
 * preferences, read markers, messages, sub-channels and tags), channel flows, users, bots, admins, endpoints,
 * retention settings, streaming configurations, and the tags of every deleted resource.
 */
export function deleteAppInstanceTree(tables: Tables, appInstanceArn: string): void {
    for (const channel of [...tables.channels.partition(appInstanceArn).values()]) deleteChannelTree(tables, channel);
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
