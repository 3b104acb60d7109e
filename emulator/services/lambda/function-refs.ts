import { LambdaFunctionRecord, Tables } from "../tables";
import { CallContext } from "../types";
import { invalidParameter, preconditionFailed, resourceNotFound } from "./errors";

/** A function name, partial ARN (`123456789012:function:name`) or full ARN, each optionally `:qualifier`. */
const FUNCTION_REF =
    /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)(?::(\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

export interface FunctionRef {
    region: string;
    account: string;
    name: string;
    qualifier?: string;
}

export const LATEST = "$LATEST";

export function functionArn(ref: Pick<FunctionRef, "region" | "account" | "name">, qualifier?: string): string {
    const arn = `arn:aws:lambda:${ref.region}:${ref.account}:function:${ref.name}`;
    return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}

/** Reads the FunctionName of a request (and its Qualifier parameter, which must agree with a qualified name). */
export function parseFunctionRef(
    functionName: string,
    qualifier: string | undefined,
    context: CallContext,
): FunctionRef {
    const m = FUNCTION_REF.exec(functionName);
    if (!m) throw invalidParameter(`The function name ${functionName} is not a valid function name or ARN.`);
    const [, region, account, name, nameQualifier] = m;
    if (nameQualifier !== undefined && qualifier !== undefined && nameQualifier !== qualifier) {
        throw invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
    }
    return {
        region: region ?? context.region,
        account: account ?? context.accountId,
        name,
        qualifier: nameQualifier ?? qualifier,
    };
}

export interface ResolvedFunction {
    ref: FunctionRef;
    record: LambdaFunctionRecord;
    /** The ARN that names what the request is about: qualified when the request is about a version. */
    resourceArn: string;
}

/** The function (and version) a request names; ResourceNotFoundException when either does not exist. */
export function requireFunction(tables: Tables, ref: FunctionRef, context: CallContext): ResolvedFunction {
    const resourceArn = functionArn(ref, ref.qualifier);
    const notFound = () => resourceNotFound(`Function not found: ${resourceArn}`);
    if (ref.region !== context.region || ref.account !== context.accountId) throw notFound();
    const record = tables.lambdaFunctions.get(ref.region, ref.name);
    if (!record) throw notFound();
    if (ref.qualifier !== undefined && ref.qualifier !== LATEST && !record.Versions.includes(ref.qualifier)) {
        throw notFound();
    }
    return { ref, record, resourceArn };
}

/** The function (and version) a request's FunctionName and Qualifier name; see parseFunctionRef and requireFunction. */
export function requireNamedFunction(
    tables: Tables,
    functionName: string,
    qualifier: string | undefined,
    context: CallContext,
): ResolvedFunction {
    return requireFunction(tables, parseFunctionRef(functionName, qualifier, context), context);
}

/** A request's RevisionId, when given, must be the function's current one. */
export function checkRevision(record: LambdaFunctionRecord, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== record.Configuration.RevisionId) {
        throw preconditionFailed(
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
        );
    }
}

/** The function a full function ARN (e.g. a channel-flow processor's ResourceArn) names, if it exists. */
export function findFunctionByArn(tables: Tables, arn: string): LambdaFunctionRecord | undefined {
    const m = /^arn:aws[a-zA-Z-]*:lambda:([^:]+):(\d{12}):function:([^:]+)(?::(.+))?$/.exec(arn);
    if (!m) return undefined;
    const [, region, account, name, qualifier] = m;
    const record = tables.lambdaFunctions.get(region, name);
    if (!record || !record.Configuration.FunctionArn.includes(`:${account}:`)) return undefined;
    if (qualifier !== undefined && qualifier !== LATEST && !record.Versions.includes(qualifier)) return undefined;
    return record;
}
