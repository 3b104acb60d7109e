import { Change, UNKNOWN_VALUE } from "./preview";

/**
 * Which changes destroy data in Amazon Chime SDK messaging, and what is lost: a channel replaced or deleted loses
 * its messages and memberships; an app instance, user or bot replaced or deleted loses what belongs to it; removed
 * memberships, moderators and bans are gone (a replacement removes them too, if only for a moment); a removed
 * flow association stops the channel's messages being processed.
 */

export interface DataLoss {
    change: Change;
    /** What is lost, as a sentence's object: e.g. "its messages and memberships". */
    lost: string;
}

const REMOVING = new Set(["delete", "replace"]);

const LOST_WHEN_REMOVED: Record<string, string> = {
    AppInstance: "the app instance with all of its users, channels, messages and memberships",
    AppInstanceUser: "the user with its channel memberships (its ARN stops naming it in every channel)",
    AppInstanceBot:
        "the bot with its channel memberships and moderator rights (a new bot has another ARN: channels must take it again)",
    AppInstanceAdmin: "the user's admin rights in every channel of the app instance",
    Channel: "its messages and memberships",
    ChannelMembership: "the membership (the member leaves the channel)",
    ChannelMemberships: "every membership of the set",
    ChannelModerator: "the moderator's rights in the channel",
    ChannelBan: "the ban (the user may join the channel again)",
    ChannelFlowAssociation: "the flow's processing of the channel's messages",
};

/** The members a ChannelMemberships update takes out of the channel. */
function removedMembers(change: Change): string[] {
    const olds = change.oldInputs.memberArns;
    const news = change.newInputs.memberArns;
    if (!Array.isArray(olds) || !Array.isArray(news) || news.includes(UNKNOWN_VALUE)) return [];
    return olds.filter((arn) => typeof arn === "string" && !news.includes(arn));
}

export function dataLossOf(change: Change): DataLoss | undefined {
    const type = change.chimeType;
    if (!type) return undefined;
    if (REMOVING.has(change.operation) && LOST_WHEN_REMOVED[type]) return { change, lost: LOST_WHEN_REMOVED[type] };
    if (type === "ChannelMemberships" && change.operation === "update") {
        const removed = removedMembers(change);
        if (removed.length > 0)
            return { change, lost: `the memberships of ${removed.map((a) => `\`${a}\``).join(", ")}` };
    }
    return undefined;
}
