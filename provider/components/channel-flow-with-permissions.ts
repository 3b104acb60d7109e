import * as pulumi from "@pulumi/pulumi";
import { ComponentDeclaration, outputOf } from "./component";

/** What the wiring reads of a processor: the Lambda function its permission is for. */
interface LambdaProcessor {
    configuration: { lambda: { resourceArn: string } };
}

export const channelFlowWithPermissions: ComponentDeclaration = {
    type: "ChannelFlowWithPermissions",
    description:
        "A channel flow with its processors' Lambda permissions built in: one ChannelFlowProcessorPermission per " +
        "processor (`<name>-<index>`), and the ChannelFlow (named like the component) created after them, so the " +
        "first messages never meet a function that refuses Chime. The default statement id is one per function " +
        "and app instance: a second flow of the same app instance on the same function needs its own `statementId`.",
    inputsOf: "ChannelFlow",
    extraInputs: {
        statementId: {
            doc: "The permission statements' Sid; by default derived from the app instance (see ChannelFlowProcessorPermission).",
            type: "string",
        },
    },
    plainLists: {
        processors:
            "The flow's processors. The list itself is plain (each processor gets its own permission resource), each " +
            "processor and every field of it may be an Output. The processors must use different Lambda functions " +
            "(two permissions for one function and app instance would add the same statement: the second is refused).",
    },
    outputs: { arn: "The channel flow ARN." },
    children: {
        flow: { type: "ChannelFlow", doc: "The channel flow, named like the component." },
        permissions: {
            type: "ChannelFlowProcessorPermission",
            list: true,
            doc: "One permission per processor, `<name>-<processor index>`.",
        },
    },

    build(name, args, parent, make) {
        const { processors, statementId, ...flowArgs } = args;
        const permissions = (processors as pulumi.Input<LambdaProcessor>[]).map((processor, index) =>
            make(
                "ChannelFlowProcessorPermission",
                `${name}-${index}`,
                {
                    functionName: pulumi.output(processor).configuration.lambda.resourceArn,
                    appInstanceArn: args.appInstanceArn,
                    statementId,
                },
                { parent },
            ),
        );
        const flow = make("ChannelFlow", name, { ...flowArgs, processors }, { parent, dependsOn: permissions });
        return { children: { flow, permissions }, outputs: { arn: outputOf(flow, "arn") } };
    },
};
