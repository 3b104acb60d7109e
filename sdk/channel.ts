import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";
import { arnFromId } from "./arn-output";

export interface ElasticChannelConfiguration {
    maximumSubChannels: number;
    targetMembershipsPerSubChannel: number;
    /** 1-40 */
    minimumMembershipPercentage: number;
}

export interface ChannelExpirationSettings {
    /** 1-5475 */
    expirationDays: number;
    expirationCriterion: "CREATED_TIMESTAMP" | "LAST_MESSAGE_TIMESTAMP";
}

export interface ChannelCreator {
    arn?: string;
    name?: string;
}

export interface ChannelArgs {
    /** Replaces the channel when changed. */
    appInstanceArn: pulumi.Input<string>;
    name: pulumi.Input<string>;
    /** UNRESTRICTED (the default) or RESTRICTED. */
    mode?: pulumi.Input<"UNRESTRICTED" | "RESTRICTED">;
    /** PUBLIC (the default) or PRIVATE. Replaces the channel when changed: the service cannot change it. */
    privacy?: pulumi.Input<"PUBLIC" | "PRIVATE">;
    metadata?: pulumi.Input<string>;
    /** The channel's own id in its ARN; generated when absent. Replaces the channel when changed. */
    channelId?: pulumi.Input<string>;
    /** Makes an elastic channel. Replaces the channel when changed. */
    elasticChannelConfiguration?: pulumi.Input<pulumi.Inputs & ElasticChannelConfiguration>;
    /** Changed in place; removing them removes the expiration. */
    expirationSettings?: pulumi.Input<pulumi.Inputs & ChannelExpirationSettings>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * The AppInstanceUser (or bot) ARN the calls are made as; it becomes the channel's creator and first
     * moderator. Changing it replaces nothing and calls nothing: later calls are made as the new identity.
     */
    chimeBearer: pulumi.Input<string>;
}

/** An Amazon Chime SDK messaging channel. */
export class Channel extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly mode: pulumi.Output<"UNRESTRICTED" | "RESTRICTED">;
    declare readonly privacy: pulumi.Output<"PUBLIC" | "PRIVATE">;
    declare readonly metadata: pulumi.Output<string | undefined>;
    declare readonly channelId: pulumi.Output<string | undefined>;
    declare readonly elasticChannelConfiguration: pulumi.Output<ElasticChannelConfiguration | undefined>;
    declare readonly expirationSettings: pulumi.Output<ChannelExpirationSettings | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    declare readonly chimeBearer: pulumi.Output<string>;
    /** The channel ARN (also the resource id). */
    declare readonly arn: pulumi.Output<string>;
    /** ISO 8601 timestamps. */
    declare readonly createdTimestamp: pulumi.Output<string>;
    declare readonly lastUpdatedTimestamp: pulumi.Output<string>;
    declare readonly lastMessageTimestamp: pulumi.Output<string | undefined>;
    declare readonly createdBy: pulumi.Output<ChannelCreator>;
    /** The flow associated with the channel when it was last read (see ChannelFlowAssociation). */
    declare readonly channelFlowArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: ChannelArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            createdTimestamp: undefined,
            lastUpdatedTimestamp: undefined,
            lastMessageTimestamp: undefined,
            createdBy: undefined,
            channelFlowArn: undefined,
        };
        super("Channel", name, { ...args, ...outputs }, opts);
        this.arn = arnFromId(this);
    }
}
