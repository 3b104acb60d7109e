import { implementationOf } from "../../provider/resources";
import { Change, UNKNOWN_VALUE } from "./preview";

/**
 * Which changes destroy data in Amazon Chime SDK messaging, and what is lost: what each resource type's schema
 * says a delete or a replacement takes away (`lostWhenRemoved`: a channel its messages and memberships, a
 * membership, moderator or ban itself, if only for a moment), and the members a ChannelMemberships update drops.
 */

export interface DataLoss {
    change: Change;
    /** What is lost, as a sentence's object: e.g. "its messages and memberships". */
    lost: string;
}

const REMOVING = new Set(["delete", "replace"]);

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
    const lost = implementationOf(type)?.schema.lostWhenRemoved;
    if (REMOVING.has(change.operation) && lost) return { change, lost };
    if (type === "ChannelMemberships" && change.operation === "update") {
        const removed = removedMembers(change);
        if (removed.length > 0)
            return { change, lost: `the memberships of ${removed.map((a) => `\`${a}\``).join(", ")}` };
    }
    return undefined;
}
