import { createHash, randomUUID } from "crypto";
import { LambdaFunctionRecord, Tables } from "../tables";
import { CallContext, LambdaHandlers, LambdaInput } from "../types";
import { invalidParameter, resourceConflict } from "./errors";
import { functionArn, LATEST, parseFunctionRef, requireNamedFunction, ResolvedFunction } from "./function-refs";

/** ZipFile is the base64 text of the wire, kept as received. */
type FunctionCode = CreateFunctionInput["Code"];

type CreateFunctionInput = LambdaInput<"CreateFunction">;

/** Members of CreateFunction copied into the configuration as given. */
const PASSED_THROUGH = ["DeadLetterConfig", "Environment", "KMSKeyArn", "Layers", "VpcConfig"] as const;

/** Lambda's LastModified: ISO 8601 with milliseconds and a +0000 offset. */
function lastModified(now: number): string {
    return new Date(now).toISOString().replace("Z", "+0000");
}

function requireCodeSource(input: CreateFunctionInput): void {
    const packageType = input.PackageType ?? "Zip";
    if (packageType === "Image") {
        if (!input.Code.ImageUri)
            throw invalidParameter("Please provide ImageUri when creating a function with PackageType Image.");
        return;
    }
    if (input.Code.ZipFile === undefined && !(input.Code.S3Bucket && input.Code.S3Key)) {
        throw invalidParameter("Please provide a source for function code.");
    }
    if (!input.Runtime || !input.Handler) {
        throw invalidParameter(
            "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
        );
    }
}

/** Size and SHA-256 of the deployment package; for S3 and image code, of its location (the emulator never fetches it). */
function codeDigest(code: FunctionCode): { CodeSize: number; CodeSha256: string } {
    const bytes =
        code.ZipFile !== undefined
            ? Buffer.from(code.ZipFile, "base64")
            : Buffer.from(code.ImageUri ?? `s3://${code.S3Bucket}/${code.S3Key}?${code.S3ObjectVersion ?? ""}`);
    return {
        CodeSize: code.ZipFile !== undefined ? bytes.length : 0,
        CodeSha256: createHash("sha256").update(bytes).digest("base64"),
    };
}

/** The configuration of the version a request names: $LATEST unless it names a published version. */
function configurationOf(resolved: ResolvedFunction): Record<string, unknown> {
    const { ref, record } = resolved;
    const qualifier = ref.qualifier;
    if (qualifier === undefined) return { ...record.Configuration };
    return { ...record.Configuration, Version: qualifier, FunctionArn: functionArn(ref, qualifier) };
}

export function functionsHandlers(tables: Tables): Partial<LambdaHandlers> {
    return {
        CreateFunction(input, context: CallContext) {
            const ref = parseFunctionRef(input.FunctionName, undefined, context);
            if (ref.qualifier !== undefined) {
                throw invalidParameter(
                    `A function name must not have a qualifier when the function is created (got ${input.FunctionName}).`,
                );
            }
            if (ref.region !== context.region || ref.account !== context.accountId) {
                throw invalidParameter(
                    `The function ARN ${input.FunctionName} names another region or account than the request's.`,
                );
            }
            if (tables.lambdaFunctions.has(ref.region, ref.name)) {
                throw resourceConflict(`Function already exist: ${ref.name}`);
            }
            requireCodeSource(input);
            const packageType = input.PackageType ?? "Zip";
            const configuration: LambdaFunctionRecord["Configuration"] = {
                FunctionName: ref.name,
                FunctionArn: functionArn(ref),
                Runtime: input.Runtime,
                Role: input.Role,
                Handler: input.Handler,
                ...codeDigest(input.Code),
                Description: input.Description ?? "",
                Timeout: input.Timeout ?? 3,
                MemorySize: input.MemorySize ?? 128,
                LastModified: lastModified(context.now),
                Version: LATEST,
                TracingConfig: { Mode: (input.TracingConfig as { Mode?: string } | undefined)?.Mode ?? "PassThrough" },
                RevisionId: randomUUID(),
                State: "Active",
                LastUpdateStatus: "Successful",
                PackageType: packageType,
                Architectures: (input.Architectures as string[] | undefined) ?? ["x86_64"],
                EphemeralStorage: (input.EphemeralStorage as { Size: number } | undefined) ?? { Size: 512 },
            };
            for (const member of PASSED_THROUGH) {
                if (input[member] !== undefined) configuration[member] = input[member];
            }
            if (Array.isArray(input.Layers)) {
                configuration.Layers = (input.Layers as string[]).map((arn) => ({ Arn: arn, CodeSize: 0 }));
            }
            const versions = input.Publish ? ["1"] : [];
            tables.lambdaFunctions.set(ref.region, ref.name, {
                Configuration: configuration,
                Code: { ...input.Code },
                Tags: input.Tags,
                Versions: versions,
            });
            return input.Publish
                ? { ...configuration, Version: "1", FunctionArn: functionArn(ref, "1") }
                : { ...configuration };
        },

        GetFunction(input, context: CallContext) {
            const resolved = requireNamedFunction(tables, input.FunctionName, input.Qualifier, context);
            const { ref, record } = resolved;
            const code = record.Code as FunctionCode;
            return {
                Configuration: configurationOf(resolved),
                Code: code.ImageUri
                    ? { RepositoryType: "ECR", ImageUri: code.ImageUri }
                    : {
                          RepositoryType: "S3",
                          Location: `https://awslambda-${ref.region}-tasks.s3.${ref.region}.amazonaws.com/snapshots/${ref.account}/${ref.name}-${record.Configuration.RevisionId}`,
                      },
                Tags: record.Tags,
            };
        },

        /** Without a qualifier, deletes the function with its versions and policies; with one, that version. */
        DeleteFunction(input, context: CallContext) {
            const resolved = requireNamedFunction(tables, input.FunctionName, input.Qualifier, context);
            const { ref, record } = resolved;
            if (ref.qualifier === LATEST) {
                throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
            }
            if (ref.qualifier !== undefined) {
                tables.lambdaFunctions.set(ref.region, ref.name, {
                    ...record,
                    Versions: record.Versions.filter((v) => v !== ref.qualifier),
                });
                tables.lambdaPolicyStatements.deletePartition(resolved.resourceArn);
                return undefined;
            }
            for (const qualifier of [undefined, LATEST, ...record.Versions]) {
                tables.lambdaPolicyStatements.deletePartition(functionArn(ref, qualifier));
            }
            tables.lambdaFunctions.delete(ref.region, ref.name);
            return undefined;
        },
    };
}
