import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface ChannelMembershipPreferencesArgs {
    /** Replaces the preferences when changed. */
    channelArn: pulumi.Input<string>;
    /** The member whose preferences these are. Replaces the preferences when changed. */
    memberArn: pulumi.Input<string>;
    /** Which push notifications the member gets: ALL, NONE, or FILTERED (by filterRule). Changed in place. */
    allowNotifications: pulumi.Input<"ALL" | "NONE" | "FILTERED">;
    /** A JSON object (as text) that filters push notifications; only with FILTERED. Changed in place. */
    filterRule?: pulumi.Input<string>;
    /** Must be memberArn: only the member itself may set its preferences. */
    chimeBearer: pulumi.Input<string>;
}

/**
 * A member's push-notification preferences for a channel. The membership must exist first: make this resource
 * depend on the ChannelMembership (or ChannelMemberships). Deleting it sets the preferences back to none.
 */
export class ChannelMembershipPreferences extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly memberArn: pulumi.Output<string>;
    declare readonly allowNotifications: pulumi.Output<"ALL" | "NONE" | "FILTERED">;
    declare readonly filterRule: pulumi.Output<string | undefined>;
    declare readonly chimeBearer: pulumi.Output<string>;

    constructor(name: string, args: ChannelMembershipPreferencesArgs, opts?: pulumi.CustomResourceOptions) {
        super("ChannelMembershipPreferences", name, { filterRule: undefined, ...args }, opts);
    }
}
