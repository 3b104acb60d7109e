import * as pulumi from "@pulumi/pulumi";
import { ChimeIdentity } from "./channel-membership";
import { ChimeResource } from "./chime-resource";

export interface ChannelModeratorArgs {
    /** Replaces the moderator when changed. */
    channelArn: pulumi.Input<string>;
    /** The AppInstanceUser (or bot) ARN to make a moderator. Replaces the moderator when changed. */
    channelModeratorArn: pulumi.Input<string>;
    /** The ARN the calls are made as: an app instance admin or a moderator of the channel. Changing it calls nothing. */
    chimeBearer: pulumi.Input<string>;
}

/** A moderator of a channel. Deleting the resource removes the role, not the user. */
export class ChannelModerator extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly channelModeratorArn: pulumi.Output<string>;
    declare readonly chimeBearer: pulumi.Output<string>;
    /** Who made the user a moderator. */
    declare readonly createdBy: pulumi.Output<ChimeIdentity>;
    /** ISO 8601 timestamp. */
    declare readonly createdTimestamp: pulumi.Output<string>;

    constructor(name: string, args: ChannelModeratorArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { createdBy: undefined, createdTimestamp: undefined };
        super("ChannelModerator", name, { ...args, ...outputs }, opts);
    }
}
