import { execFileSync } from "child_process";
import * as path from "path";
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { stagePackedProject } from "./packed-package";
import { REPO_ROOT } from "./repo-root";

/**
 * Runs Pulumi stacks against the emulator with no Pulumi Cloud and no AWS account: a local file backend, an empty
 * secrets passphrase, and AWS settings that point every client at the emulator.
 */

export { REPO_ROOT };

/** The folder holding the `pulumi` CLI and its Node.js plugins (built from Go modules on first use). */
export function pulumiBinDir(): string {
    const output = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-cli.sh")], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = output.trim().split("\n");
    return lines[lines.length - 1];
}

/** The environment that points AWS SDK clients (ours, boto3, the AWS CLI) at the emulator. */
export function emulatorAwsEnv(emulatorUrl: string): Record<string, string> {
    return {
        AWS_ENDPOINT_URL: emulatorUrl,
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "emulator",
        AWS_SECRET_ACCESS_KEY: "emulator",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
}

/**
 * The quickstart project (Pulumi.yaml at the repository root, its program in quickstart/) staged in `into`
 * with the package installed from its tarball, as a user's project has it (see packed-package.ts).
 */
export function stageQuickstartProject(into: string): string {
    return stagePackedProject(REPO_ROOT, ["Pulumi.yaml", "quickstart", "tsconfig.json"], into);
}

export interface LocalStackOptions {
    stackName: string;
    emulatorUrl: string;
    /** Where the file backend keeps the state. */
    backendDir: string;
    binDir: string;
    /** The Pulumi project folder (default: the repository root, the quickstart with this repository's self-link). */
    workDir?: string;
}

/**
 * A file backend in `dir`. `metadata=skip` keeps the blob store from writing a `<stack>.json.attrs` sidecar beside
 * each checkpoint: it writes that file in place (the checkpoint itself goes through a temporary file and a rename),
 * so a `pulumi up` killed during a checkpoint can leave it empty, and every later command on the stack then fails
 * with "failed to load checkpoint: EOF".
 */
export function fileBackendUrl(dir: string): string {
    return `file://${dir}?metadata=skip`;
}

/** The environment the Pulumi CLI runs in: the given CLI first on PATH, the file backend, the emulator. */
export function localPulumiEnv(
    options: Pick<LocalStackOptions, "emulatorUrl" | "backendDir" | "binDir">,
): Record<string, string> {
    return {
        ...emulatorAwsEnv(options.emulatorUrl),
        PATH: `${options.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_BACKEND_URL: fileBackendUrl(options.backendDir),
        PULUMI_CONFIG_PASSPHRASE: "",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        AWS_MAX_ATTEMPTS: "8",
    };
}

export async function localStack(options: LocalStackOptions): Promise<Stack> {
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(options.binDir), skipVersionCheck: true });
    const envVars = localPulumiEnv(options);
    for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN"]) delete process.env[key];
    return LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName, workDir: options.workDir ?? REPO_ROOT },
        { pulumiCommand, envVars },
    );
}

/**
 * A channel-flow processor Lambda in the emulator (stored, never run), created unless it exists; returns its ARN.
 * With real AWS, a stack is given the ARN of a real function instead.
 */
export async function ensureEmulatorProcessorFunction(emulatorUrl: string, name: string): Promise<string> {
    const env = emulatorAwsEnv(emulatorUrl);
    const lambda = new LambdaClient({
        endpoint: emulatorUrl,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        maxAttempts: 1,
    });
    try {
        const existing = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
        return existing.Configuration!.FunctionArn!;
    } catch (error) {
        if ((error as Error).name !== "ResourceNotFoundException") throw error;
        const created = await lambda.send(
            new CreateFunctionCommand({
                FunctionName: name,
                Runtime: "nodejs20.x",
                Role: "arn:aws:iam::123456789012:role/chime-processor",
                Handler: "index.handler",
                Code: { ZipFile: Buffer.from("exports.handler = async (event) => event;") },
                Description: "A channel flow processor (stored by the emulator, never run)",
            }),
        );
        return created.FunctionArn!;
    } finally {
        lambda.destroy();
    }
}
