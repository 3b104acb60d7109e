import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./provider-shim";

const provider = providerShim("MessagingStreamingConfigurations");

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
export class MessagingStreamingConfigurations extends pulumi.dynamic.Resource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly streamingConfigurations: pulumi.Output<StreamingConfiguration[]>;

    constructor(name: string, args: MessagingStreamingConfigurationsArgs, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, { ...args }, opts, "chime", "MessagingStreamingConfigurations");
    }
}
