import { createHash } from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import {
    AddPermissionCommand,
    AddPermissionRequest,
    GetPolicyCommand,
    RemovePermissionCommand,
} from "@aws-sdk/client-lambda";
import { AdoptionMismatch } from "../adoption";
import { Api } from "../api";
import { joinedId, makeId } from "../id-form";
import { sameValue } from "../casing";
import { Props, ResourceImplementation } from "../resource-provider";
import { DerivedDefault, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { containsUnknown } from "../unknowns";
import { regionOfArn } from "../request-region";
import { appInstanceArnProperty, parseArn } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { createOrAdopt } from "./shared/natural-key";
import { lambdaArnProblem } from "./shared/processor-rules";

/**
 * The statement in a processor Lambda's resource policy that lets Chime SDK messaging invoke it for one app
 * instance. Only that statement is ever added, read or removed: statements others put in the same policy stay.
 */
export const CHIME_MESSAGING_PRINCIPAL = "messaging.chime.amazonaws.com";
const ACTION = "lambda:InvokeFunction";

/** Stable across runs and stacks for the same app instance, so a rerun never adds a second statement. */
export function defaultStatementId(appInstanceArn: string): string {
    return `chime-messaging-${createHash("sha256").update(appInstanceArn).digest("hex").slice(0, 16)}`;
}

const lambdaMember = members<AddPermissionRequest>("lambda", "AddPermissionRequest");

export const channelFlowProcessorPermissionSchema = {
    type: "ChannelFlowProcessorPermission",
    id: joinedId("#", { name: "function", input: "functionName" }, { name: "statement id", input: "statementId" }),
    lostWhenRemoved: null,
    inputs: {
        functionName: {
            change: "replace",
            required: true,
            shape: lambdaMember("FunctionName"),
            doc: "The processor Lambda: its name, or its ARN (then it must be in the app instance's account and region)",
        },
        appInstanceArn: appInstanceArnProperty("CreateChannelFlowRequest$AppInstanceArn", "messaging"),
        statementId: {
            change: "replace",
            shape: lambdaMember("StatementId"),
            default: new DerivedDefault(["appInstanceArn"], (inputs) =>
                defaultStatementId(String(inputs.appInstanceArn)),
            ),
            doc:
                "The statement's Sid in the function's policy. By default `chime-messaging-` and the first 16 hex digits of the SHA-256 of the app instance ARN, " +
                "the same on every run",
        },
    },
    outputs: ["statement"],
    docs: {
        section: "app-instance",
        description:
            "Lets Chime SDK messaging invoke a channel flow's processor Lambda for one app instance: a statement in the " +
            "function's resource policy for principal `messaging.chime.amazonaws.com`, with the app instance as " +
            "`AWS:SourceArn` and its account as `AWS:SourceAccount`. Without it, messages silently fail to process. " +
            "Deleting it removes that statement only.",
        outputs: { statement: { type: "string", doc: "The statement as the function's policy holds it (JSON)" } },
    },
    // An explicit statementId stays the same across a replacement: the old statement must go first.
    deleteBeforeReplace: true,
} satisfies ResourceSchema;

type ChannelFlowProcessorPermissionInputs = InputsOf<typeof channelFlowProcessorPermissionSchema>;
type ChannelFlowProcessorPermissionOutputs = OutputsOf<typeof channelFlowProcessorPermissionSchema>;

function checkAcross(inputs: Props): pulumi.dynamic.CheckFailure[] {
    const { functionName, appInstanceArn } = inputs as { functionName: string; appInstanceArn: string };
    if (containsUnknown(functionName) || containsUnknown(appInstanceArn) || !functionName.startsWith("arn:")) return [];
    const problem = lambdaArnProblem(functionName, appInstanceArn);
    if (!problem) return [];
    return [
        {
            property: "functionName",
            reason: `functionName ${problem}, because Chime SDK messaging invokes it for the app instance ${appInstanceArn} (got ${JSON.stringify(functionName)})`,
        },
    ];
}

interface PolicyStatement {
    Sid?: string;
    Principal?: unknown;
    Condition?: Record<string, Record<string, string>>;
}

/**
 * The region of the calls about a function given by its name (a function ARN names its own): the app instance's,
 * where the function must be.
 */
function functionRegion(props: Pick<ChannelFlowProcessorPermissionInputs, "appInstanceArn">): string | undefined {
    return regionOfArn(props.appInstanceArn);
}

/** The statement with this Sid in the function's policy; undefined when the function, policy or statement is gone. */
async function findStatement(
    api: Api,
    props: ChannelFlowProcessorPermissionInputs,
): Promise<PolicyStatement | undefined> {
    const functionName = props.functionName;
    const statementId = props.statementId;
    const out = await unlessGone(() =>
        api.send("lambda", new GetPolicyCommand({ FunctionName: functionName }), functionName, functionRegion(props)),
    );
    if (!out?.Policy) return undefined;
    const policy = JSON.parse(out.Policy) as { Statement?: PolicyStatement[] };
    return (policy.Statement ?? []).find((statement) => statement.Sid === statementId);
}

function sourceArnOf(statement: PolicyStatement): string | undefined {
    const condition = statement.Condition ?? {};
    return (
        condition.ArnLike?.["AWS:SourceArn"] ??
        condition.ArnEquals?.["AWS:SourceArn"] ??
        condition.StringEquals?.["AWS:SourceArn"]
    );
}

interface GrantedStatement extends PolicyStatement {
    Action?: unknown;
    Effect?: string;
}

/** What a statement grants, as the properties a mismatch names. */
function grantOf(statement: GrantedStatement): Props {
    const principal = statement.Principal as { Service?: unknown } | string | undefined;
    return {
        appInstanceArn: sourceArnOf(statement),
        principal: typeof principal === "string" ? principal : principal?.Service,
        action: statement.Action,
        effect: statement.Effect ?? "Allow",
    };
}

/** The statement already holding the statement id, when it grants exactly what is declared. */
async function existingStatement(api: Api, inputs: ChannelFlowProcessorPermissionInputs): Promise<string | undefined> {
    const { functionName, statementId } = inputs;
    const statement = await findStatement(api, inputs);
    if (!statement) return undefined;
    const declared: Props = {
        appInstanceArn: inputs.appInstanceArn,
        principal: CHIME_MESSAGING_PRINCIPAL,
        action: ACTION,
        effect: "Allow",
    };
    const live = grantOf(statement);
    const differences = Object.keys(declared)
        .filter((property) => !sameValue(declared[property], live[property]))
        .map((property) => ({ property, declared: declared[property], live: live[property] }));
    if (differences.length > 0) {
        throw new AdoptionMismatch(
            "ChannelFlowProcessorPermission",
            `the statement ${statementId} of ${functionName}`,
            differences,
            "already exists",
        );
    }
    return JSON.stringify(statement);
}

export const channelFlowProcessorPermissionImplementation: ResourceImplementation<
    ChannelFlowProcessorPermissionInputs,
    ChannelFlowProcessorPermissionOutputs
> = {
    schema: channelFlowProcessorPermissionSchema,

    checkAcross,

    /**
     * The statement id is a natural key: a statement with it already in the policy (an interrupted run) is
     * adopted when it grants what is declared; otherwise the create fails and names what differs.
     */
    async create(api, inputs) {
        const functionName = inputs.functionName;
        const appInstanceArn = inputs.appInstanceArn;
        const statementId = inputs.statementId;
        const statement = await createOrAdopt(
            async () => {
                const { Statement } = await api.send(
                    "lambda",
                    new AddPermissionCommand({
                        FunctionName: functionName,
                        StatementId: statementId,
                        Action: ACTION,
                        Principal: CHIME_MESSAGING_PRINCIPAL,
                        SourceArn: appInstanceArn,
                        SourceAccount: parseArn(appInstanceArn)!.account,
                    }),
                    functionName,
                );
                return Statement;
            },
            () => existingStatement(api, inputs),
        );
        return { id: makeId(channelFlowProcessorPermissionSchema.id, functionName, statementId), outs: { statement } };
    },

    /** The statement's source ARN is the app instance it serves: a statement changed out of band shows as drift. */
    async read(api, _id, state) {
        const statement = await findStatement(api, state);
        if (!statement) return undefined;
        return { appInstanceArn: sourceArnOf(statement), statement: JSON.stringify(statement) };
    },

    async update() {
        // Every input forces a replacement: nothing is ever updated in place.
        return {};
    },

    async delete(api, _id, state) {
        const functionName = state.functionName;
        await deleteUnlessGone(() =>
            api.send(
                "lambda",
                new RemovePermissionCommand({ FunctionName: functionName, StatementId: state.statementId }),
                functionName,
                functionRegion(state),
            ),
        );
    },
};
