import { randomUUID } from "crypto";
import { PolicyStatementRecord, Tables } from "../tables";
import { CallContext, LambdaHandlers, LambdaInput } from "../types";
import { invalidParameter, policyLengthExceeded, resourceConflict, resourceNotFound } from "./errors";
import { checkRevision, requireNamedFunction, ResolvedFunction } from "./function-refs";

/** The service's limit on the size of a function's resource-based policy, in bytes. */
export const MAX_POLICY_BYTES = 20_480;

type AddPermissionInput = LambdaInput<"AddPermission">;

/** How the IAM policy document writes a principal: an account, an IAM ARN, a service, or anyone. */
function policyPrincipal(principal: string): unknown {
    if (principal === "*") return "*";
    if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
    if (principal.startsWith("arn:")) return { AWS: principal };
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(principal)) return { Service: principal };
    throw invalidParameter("The provided principal was invalid. Please check the principal and try again.");
}

function policyCondition(input: AddPermissionInput): Record<string, Record<string, string>> | undefined {
    const stringEquals: Record<string, string> = {};
    if (input.SourceAccount !== undefined) stringEquals["AWS:SourceAccount"] = input.SourceAccount;
    if (input.EventSourceToken !== undefined) stringEquals["lambda:EventSourceToken"] = input.EventSourceToken;
    if (input.PrincipalOrgID !== undefined) stringEquals["aws:PrincipalOrgID"] = input.PrincipalOrgID;
    if (input.FunctionUrlAuthType !== undefined) stringEquals["lambda:FunctionUrlAuthType"] = input.FunctionUrlAuthType;
    const condition: Record<string, Record<string, string>> = {};
    if (Object.keys(stringEquals).length > 0) condition.StringEquals = stringEquals;
    if (input.InvokedViaFunctionUrl) condition.Bool = { "lambda:InvokedViaFunctionUrl": "true" };
    if (input.SourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": input.SourceArn };
    return Object.keys(condition).length > 0 ? condition : undefined;
}

function policyDocument(statements: PolicyStatementRecord[]): string {
    return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}

/** A policy change gives the function a new RevisionId. */
function touchRevision(tables: Tables, resolved: ResolvedFunction): void {
    const { ref, record } = resolved;
    tables.lambdaFunctions.set(ref.region, ref.name, {
        ...record,
        Configuration: { ...record.Configuration, RevisionId: randomUUID() },
    });
}

export function permissionsHandlers(tables: Tables): Partial<LambdaHandlers> {
    return {
        AddPermission(input, context: CallContext) {
            const resolved = requireNamedFunction(tables, input.FunctionName, input.Qualifier, context);
            checkRevision(resolved.record, input.RevisionId);
            const policy = resolved.resourceArn;
            if (tables.lambdaPolicyStatements.has(policy, input.StatementId)) {
                throw resourceConflict(
                    `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
                );
            }
            const statement: PolicyStatementRecord = {
                Sid: input.StatementId,
                Effect: "Allow",
                Principal: policyPrincipal(input.Principal),
                Action: input.Action,
                Resource: policy,
            };
            const condition = policyCondition(input);
            if (condition) statement.Condition = condition;
            const size = Buffer.byteLength(
                policyDocument([...tables.lambdaPolicyStatements.partition(policy).values(), statement]),
            );
            if (size > MAX_POLICY_BYTES) {
                throw policyLengthExceeded(
                    `The final policy size (${size}) is bigger than the limit (${MAX_POLICY_BYTES}).`,
                );
            }
            tables.lambdaPolicyStatements.set(policy, input.StatementId, statement);
            touchRevision(tables, resolved);
            return { Statement: JSON.stringify(statement) };
        },

        RemovePermission(input, context: CallContext) {
            const resolved = requireNamedFunction(tables, input.FunctionName, input.Qualifier, context);
            checkRevision(resolved.record, input.RevisionId);
            if (!tables.lambdaPolicyStatements.delete(resolved.resourceArn, input.StatementId)) {
                throw resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
            }
            touchRevision(tables, resolved);
            return undefined;
        },

        GetPolicy(input, context: CallContext) {
            const resolved = requireNamedFunction(tables, input.FunctionName, input.Qualifier, context);
            const statements = [...tables.lambdaPolicyStatements.partition(resolved.resourceArn).values()];
            if (statements.length === 0) throw resourceNotFound("The resource you requested does not exist.");
            return { Policy: policyDocument(statements), RevisionId: resolved.record.Configuration.RevisionId };
        },
    };
}
