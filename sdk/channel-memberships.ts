import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface ChannelMembershipsArgs {
    /** Replaces the set (every member is removed, then added again) when changed. */
    channelArn: pulumi.Input<string>;
    /** DEFAULT (the default) or HIDDEN, for every member of the set. Replaces the set when changed. */
    type?: pulumi.Input<"DEFAULT" | "HIDDEN">;
    /**
     * The AppInstanceUser (or bot) ARNs of the members, at most 10,000, in any order. A change adds and removes
     * only the difference.
     */
    memberArns: pulumi.Input<pulumi.Input<string>[]>;
    /** The AppInstanceUser (or bot) ARN the calls are made as (an admin or moderator). Changing it calls nothing. */
    chimeBearer: pulumi.Input<string>;
}

/**
 * A set of members of one channel, with one type, managed together: added 100 at a time with
 * BatchCreateChannelMembership. Members of the channel outside the set are left alone. When some members cannot
 * be added, the others are, the error names each failed member, and the state records the members that exist.
 */
export class ChannelMemberships extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly type: pulumi.Output<"DEFAULT" | "HIDDEN">;
    /** The members of the set that exist (sorted), as last created, updated or refreshed. */
    declare readonly memberArns: pulumi.Output<string[]>;
    declare readonly chimeBearer: pulumi.Output<string>;

    constructor(name: string, args: ChannelMembershipsArgs, opts?: pulumi.CustomResourceOptions) {
        super("ChannelMemberships", name, { ...args }, opts);
    }
}
