import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown } from "../../unknowns";
import { parseArn } from "./chime-arns";

/**
 * Chime SDK messaging invokes a channel flow's processor Lambda as the app instance, so the function must be in
 * the app instance's own account and region; anything else fails silently when messages are processed.
 */
const LAMBDA_FUNCTION_ARN =
    /^arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:function:[a-zA-Z0-9_.-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?$/;

export function isLambdaFunctionArn(value: string): boolean {
    return LAMBDA_FUNCTION_ARN.test(value);
}

/** The rule a Lambda ARN breaks for an app instance, if any. */
export function lambdaArnProblem(lambdaArn: string, appInstanceArn: string): string | undefined {
    if (!isLambdaFunctionArn(lambdaArn)) {
        return "must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>])";
    }
    const lambda = parseArn(lambdaArn)!;
    const instance = parseArn(appInstanceArn);
    if (!instance) return undefined;
    if (lambda.account !== instance.account) {
        return `must be in the app instance's account ${instance.account}, not ${lambda.account}`;
    }
    if (lambda.region !== instance.region) {
        return `must be in the app instance's region ${instance.region}, not ${lambda.region}`;
    }
    return undefined;
}

/** The failure for a channel flow processor whose Lambda cannot work for the app instance, if it cannot. */
export function processorArnProblem(
    processorName: string,
    lambdaArn: string,
    appInstanceArn: string,
): string | undefined {
    const problem = lambdaArnProblem(lambdaArn, appInstanceArn);
    return (
        problem &&
        `processor ${JSON.stringify(processorName)}: its Lambda ${lambdaArn} ${problem}, because Chime SDK messaging invokes it for the app instance ${appInstanceArn}`
    );
}

interface ProcessorInput {
    name?: unknown;
    configuration?: { lambda?: { resourceArn?: unknown } };
}

/**
 * The check across a channel flow's inputs (`appInstanceArn`, `processors[].configuration.lambda.resourceArn`):
 * one failure per processor whose Lambda cannot work. Values unknown during preview pass.
 */
export function channelFlowProcessorFailures(inputs: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
    const appInstanceArn = inputs.appInstanceArn;
    const processors = inputs.processors;
    if (typeof appInstanceArn !== "string" || containsUnknown(appInstanceArn) || !Array.isArray(processors)) return [];
    const failures: pulumi.dynamic.CheckFailure[] = [];
    (processors as ProcessorInput[]).forEach((processor, index) => {
        const lambdaArn = processor?.configuration?.lambda?.resourceArn;
        if (typeof lambdaArn !== "string" || containsUnknown(lambdaArn) || containsUnknown(processor.name)) return;
        const name = typeof processor.name === "string" ? processor.name : `#${index}`;
        const problem = processorArnProblem(name, lambdaArn, appInstanceArn);
        if (problem)
            failures.push({
                property: "processors",
                reason: `processors[${index}].configuration.lambda.resourceArn: ${problem}`,
            });
    });
    return failures;
}
