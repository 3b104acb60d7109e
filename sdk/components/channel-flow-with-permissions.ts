import * as pulumi from "@pulumi/pulumi";
import { ChannelFlow, ChannelFlowArgs, ChannelFlowProcessorArgs } from "../channel-flow";
import { ChannelFlowProcessorPermission } from "../channel-flow-processor-permission";

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
        const { processors, statementId, ...flowArgs } = args;
        this.permissions = processors.map(
            (processor, index) =>
                new ChannelFlowProcessorPermission(
                    `${name}-${index}`,
                    {
                        functionName: pulumi.output(processor).configuration.lambda.resourceArn,
                        appInstanceArn: args.appInstanceArn,
                        statementId,
                    },
                    { parent: this },
                ),
        );
        this.flow = new ChannelFlow(name, { ...flowArgs, processors }, { parent: this, dependsOn: this.permissions });
        this.arn = this.flow.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
