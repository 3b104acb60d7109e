import * as pulumi from "@pulumi/pulumi";
import { ChannelFlow, ChannelFlowArgs, ChannelFlowProcessorArgs } from "../channel-flow";
import {
    ChannelFlowProcessorPermission,
    ChannelFlowProcessorPermissionArgs,
} from "../channel-flow-processor-permission";

export interface ChannelFlowWithPermissionsArgs extends Omit<ChannelFlowArgs, "processors"> {
    /**
     * The flow's processors. The list itself is plain (each processor gets its own permission resource), each
     * processor and every field of it may be an Output. The processors must use different Lambda functions (two
     * permissions for one function and app instance would add the same statement: the second is refused).
     */
    processors: pulumi.Input<ChannelFlowProcessorArgs>[];
    /** The statements' Sid; by default derived from the app instance (see ChannelFlowProcessorPermission). */
    statementId?: pulumi.Input<string>;
}

/**
 * How the component makes its children: with this SDK's classes (the class below), or as the native plugin's
 * resources (its `construct`), so that the rules of the component are written once.
 */
export interface ChannelFlowWithPermissionsChildren<
    F extends { arn: pulumi.Output<string> },
    P extends pulumi.Resource,
> {
    channelFlow(name: string, args: ChannelFlowArgs, opts: pulumi.CustomResourceOptions): F;
    channelFlowProcessorPermission(
        name: string,
        args: ChannelFlowProcessorPermissionArgs,
        opts: pulumi.CustomResourceOptions,
    ): P;
}

/** The children of a ChannelFlowWithPermissions named `name` under `parent`, and its output. */
export function channelFlowWithPermissionsChildren<F extends { arn: pulumi.Output<string> }, P extends pulumi.Resource>(
    name: string,
    args: ChannelFlowWithPermissionsArgs,
    parent: pulumi.Resource,
    make: ChannelFlowWithPermissionsChildren<F, P>,
) {
    const { processors, statementId, ...flowArgs } = args;
    const permissions = processors.map((processor, index) =>
        make.channelFlowProcessorPermission(
            `${name}-${index}`,
            {
                functionName: pulumi.output(processor).configuration.lambda.resourceArn,
                appInstanceArn: args.appInstanceArn,
                statementId,
            },
            { parent },
        ),
    );
    const flow = make.channelFlow(name, { ...flowArgs, processors }, { parent, dependsOn: permissions });
    return { flow, permissions, arn: flow.arn };
}

/**
 * A channel flow with its processors' Lambda permissions built in: one ChannelFlowProcessorPermission per
 * processor (children `<name>-<processor index>`), and the ChannelFlow (named like the component) created after
 * them, so the first messages never meet a function that refuses Chime.
 *
 * The default statement id is one per function and app instance: a second flow of the same app instance on the
 * same function needs its own `statementId`, or a plain ChannelFlow that relies on this one's permission.
 */
export class ChannelFlowWithPermissions extends pulumi.ComponentResource {
    readonly flow: ChannelFlow;
    readonly permissions: ChannelFlowProcessorPermission[];
    /** The channel flow ARN. */
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: ChannelFlowWithPermissionsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("chime:index:ChannelFlowWithPermissions", name, {}, opts);
        const built = channelFlowWithPermissionsChildren(name, args, this, {
            channelFlow: (n, a, o) => new ChannelFlow(n, a, o),
            channelFlowProcessorPermission: (n, a, o) => new ChannelFlowProcessorPermission(n, a, o),
        });
        this.flow = built.flow;
        this.permissions = built.permissions;
        this.arn = built.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
