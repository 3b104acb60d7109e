import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";
import { arnFromId } from "./arn-output";

export interface ChannelFlowProcessor {
    name: string;
    configuration: {
        lambda: {
            /** A Lambda function ARN in the app instance's region and account. */
            resourceArn: string;
            /** The only value is ASYNC (the default). */
            invocationType?: "ASYNC";
        };
    };
    /** 1-3 */
    executionOrder: number;
    /** What happens to the message when the processor fails. */
    fallbackAction: "CONTINUE" | "ABORT";
}

export interface ChannelFlowArgs {
    /** Replaces the flow when changed. */
    appInstanceArn: pulumi.Input<string>;
    name: pulumi.Input<string>;
    /** The service currently allows one processor per flow. */
    processors: pulumi.Input<pulumi.Input<pulumi.Inputs & ChannelFlowProcessor>[]>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A channel flow: Lambda processors that see each message of the channels it is associated with (see
 * ChannelFlowAssociation) before it is delivered.
 */
export class ChannelFlow extends ChimeResource {
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly processors: pulumi.Output<ChannelFlowProcessor[]>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    /** The channel flow ARN (also the resource id). */
    declare readonly arn: pulumi.Output<string>;
    /** ISO 8601 timestamps. */
    declare readonly createdTimestamp: pulumi.Output<string>;
    declare readonly lastUpdatedTimestamp: pulumi.Output<string>;

    constructor(name: string, args: ChannelFlowArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { createdTimestamp: undefined, lastUpdatedTimestamp: undefined };
        super("ChannelFlow", name, { ...args, ...outputs }, opts);
        this.arn = arnFromId(this);
    }
}
