import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface ChannelFlowProcessorPermissionArgs {
    /**
     * The processor Lambda: its name, or its ARN (then it must be in the app instance's account and region).
     * Replaces the permission when changed.
     */
    functionName: pulumi.Input<string>;
    /** The app instance whose channel flows invoke the function. Replaces the permission when changed. */
    appInstanceArn: pulumi.Input<string>;
    /**
     * The statement's Sid in the function's policy. By default `chime-messaging-<hash of the app instance ARN>`,
     * the same on every run. Replaces the permission when changed.
     */
    statementId?: pulumi.Input<string>;
}

/**
 * Lets Chime SDK messaging invoke a channel flow's processor Lambda for one app instance: a statement in the
 * function's resource policy for principal `messaging.chime.amazonaws.com`, with the app instance as
 * `AWS:SourceArn` and its account as `AWS:SourceAccount`. Without it, messages silently fail to process.
 * Deleting it removes that statement only.
 */
export class ChannelFlowProcessorPermission extends ChimeResource {
    declare readonly functionName: pulumi.Output<string>;
    declare readonly appInstanceArn: pulumi.Output<string>;
    declare readonly statementId: pulumi.Output<string>;
    /** The statement as the function's policy holds it (JSON). */
    declare readonly statement: pulumi.Output<string>;

    constructor(name: string, args: ChannelFlowProcessorPermissionArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = { statement: undefined };
        super("ChannelFlowProcessorPermission", name, { statementId: undefined, ...args, ...outputs }, opts);
    }
}
