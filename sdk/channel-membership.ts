import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

/** A user or bot as the service names it. */
export interface ChimeIdentity {
    arn?: string;
    name?: string;
}

export interface ChannelMembershipArgs {
    /** Replaces the membership when changed. */
    channelArn: pulumi.Input<string>;
    /** The AppInstanceUser (or bot) ARN of the member. Replaces the membership when changed. */
    memberArn: pulumi.Input<string>;
    /**
     * DEFAULT (the default) or HIDDEN (not listed unless asked for; needs an admin or moderator bearer). The API
     * cannot change a membership's type: a change deletes the membership and creates it again.
     */
    type?: pulumi.Input<"DEFAULT" | "HIDDEN">;
    /**
     * The AppInstanceUser (or bot) ARN the calls are made as: an app instance admin, a moderator of the channel,
     * a member of an UNRESTRICTED channel, or the member itself. Changing it calls nothing.
     */
    chimeBearer: pulumi.Input<string>;
}

/**
 * One member of a channel. For many members of one channel, ChannelMemberships is much faster. If the member
 * is banned (ChannelBan), the service removes the membership: the resource then stays in the state with
 * `banned: true` and is not added back (see docs/resources-memberships.md).
 */
export class ChannelMembership extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly memberArn: pulumi.Output<string>;
    declare readonly type: pulumi.Output<"DEFAULT" | "HIDDEN">;
    declare readonly chimeBearer: pulumi.Output<string>;
    /** Who added the member, as last read (filled in by refresh: the create call does not answer it). */
    declare readonly invitedBy: pulumi.Output<ChimeIdentity | undefined>;
    /** ISO 8601 timestamps, as last read (filled in by refresh). */
    declare readonly createdTimestamp: pulumi.Output<string | undefined>;
    declare readonly lastUpdatedTimestamp: pulumi.Output<string | undefined>;
    /** True when the last refresh found the member banned from the channel (and so no longer a member). */
    declare readonly banned: pulumi.Output<boolean>;

    constructor(name: string, args: ChannelMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { invitedBy: undefined, createdTimestamp: undefined, lastUpdatedTimestamp: undefined, banned: undefined };
        super("ChannelMembership", name, { ...args, ...outputs }, opts);
    }
}
