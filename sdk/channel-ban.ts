import * as pulumi from "@pulumi/pulumi";
import { ChimeIdentity } from "./channel-membership";
import { ChimeResource } from "./chime-resource";

export interface ChannelBanArgs {
    /** Replaces the ban when changed. */
    channelArn: pulumi.Input<string>;
    /** The AppInstanceUser (or bot) ARN to ban. Replaces the ban when changed. */
    memberArn: pulumi.Input<string>;
    /** The ARN the calls are made as: an app instance admin or a moderator of the channel. Changing it calls nothing. */
    chimeBearer: pulumi.Input<string>;
}

/**
 * Bans a user from a channel; the service removes its membership. Remove the user's ChannelMembership (or drop
 * it from ChannelMemberships) in the same change. Deleting the ban lifts it; the user is not added back.
 */
export class ChannelBan extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly memberArn: pulumi.Output<string>;
    declare readonly chimeBearer: pulumi.Output<string>;
    /** Who banned the user. */
    declare readonly createdBy: pulumi.Output<ChimeIdentity>;
    /** ISO 8601 timestamp. */
    declare readonly createdTimestamp: pulumi.Output<string>;

    constructor(name: string, args: ChannelBanArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { createdBy: undefined, createdTimestamp: undefined };
        super("ChannelBan", name, { ...args, ...outputs }, opts);
    }
}
