import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface StreamingConfiguration {
    dataType: "Channel" | "ChannelMessage";
    /**
     * A Kinesis data stream ARN in the app instance's account and region; the stream's name must start with
     * `chime-messaging-`.
     */
    resourceArn: string;
}

export interface MessagingStreamingConfigurationsArgs {
    /** Replaces the resource when changed. */
    appInstanceArn: pulumi.Input<string>;
    /** One or two configurations, one per data type. Changed in place. */
    streamingConfigurations: pulumi.Input<pulumi.Input<pulumi.Inputs & StreamingConfiguration>[]>;
}

/** Streams an app instance's messaging data (channel and message events) to Kinesis (one per app instance). */
export class MessagingStreamingConfigurations extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly streamingConfigurations: pulumi.Output<StreamingConfiguration[]>;

    constructor(name: string, args: MessagingStreamingConfigurationsArgs, opts?: pulumi.CustomResourceOptions) {
        super("MessagingStreamingConfigurations", name, { ...args }, opts);
    }
}
