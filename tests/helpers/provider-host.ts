import { ChildProcess, spawn } from "child_process";
import { createRequire } from "module";
import * as path from "path";
import { serializedProviderOf } from "./mocks";

/**
 * Layer 3 of the provider tests: drives the Pulumi SDK's own dynamic-provider host
 * (`@pulumi/pulumi/cmd/dynamic-provider`, the process the engine starts for `pulumi-nodejs` dynamic resources)
 * over gRPC, with the same requests the engine sends: Configure, Check, Diff, Create, Read, Update, Delete.
 * The serialized `__provider` is the one `pulumi.dynamic.Resource` produces, so the host loads the provider
 * exactly as in a real deployment (from this repository's node_modules, cwd = repository root).
 *
 * Usage (from a compiled test):
 *
 *     const host = await ProviderHost.start({ env: { AWS_ENDPOINT_URL: fx.url } });
 *     await host.configure({ "aws:region": "us-east-1" });
 *     const channel = host.resource("Channel", "general");
 *     const { inputs, failures } = await channel.check({}, { appInstanceArn, name: "General", chimeBearer });
 *     const { id, properties } = await channel.create(inputs);
 *     const diff = await channel.diff(id, properties, { ...inputs, name: "Renamed" }); // {changes: "SOME", ...}
 *     const preview = await channel.check({}, { ...inputs, name: UNKNOWN });           // unknown during preview
 *     await channel.update(id, properties, newInputs);
 *     const refreshed = await channel.read(id, properties);   // refreshed.id === "" once it is gone
 *     await channel.delete(id, properties);
 *     await host.stop();
 *
 * Properties are plain JS objects; `__provider` is added for you where the engine would send it. Errors are
 * rejected with the host's message (what the engine would show the user).
 */

const repoRoot = path.resolve(__dirname, "..", "..");
// The host does instanceof checks on protobuf messages: use the copies the SDK itself loads.
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/package.json", { paths: [repoRoot] }));
const grpc = sdkRequire("@grpc/grpc-js");
const providerGrpc = sdkRequire("./proto/provider_grpc_pb");
const providerProto = sdkRequire("./proto/provider_pb");
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb");

export { UNKNOWN } from "../../provider/unknowns";

export type Props = Record<string, unknown>;
export type DiffChanges = "UNKNOWN" | "NONE" | "SOME";

export interface CheckResult {
    inputs: Props;
    failures: { property: string; reason: string }[];
}

export interface DiffResult {
    changes: DiffChanges;
    replaces: string[];
    deleteBeforeReplace: boolean;
}

export interface HostOptions {
    /** Added to the host's environment (e.g. AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS). */
    env?: Record<string, string | undefined>;
    /**
     * The project the host runs in: its cwd (where the `__provider`'s requires resolve) and the one whose
     * `@pulumi/pulumi` provides the host. This repository by default; a user's project, as the engine would.
     */
    projectDir?: string;
    project?: string;
    stack?: string;
}

export const TYPE_TOKEN_PREFIX = "pulumi-nodejs:dynamic/chime:";

export function urnOf(typeName: string, name: string, project = "project", stack = "stack"): string {
    return `urn:pulumi:${stack}::${project}::${TYPE_TOKEN_PREFIX}${typeName}::${name}`;
}

const DIFF_CHANGES: Record<number, DiffChanges> = { 0: "UNKNOWN", 1: "NONE", 2: "SOME" };

export class ProviderHost {
    /** Everything the host wrote to stderr (it logs failed calls there). */
    stderr = "";

    /** What configure sent last, to send again to the host of the next deployment. */
    private configured?: Record<string, string>;
    /** The ids the creates of this deployment returned. */
    readonly createdInThisDeployment = new Set<string>();

    private constructor(
        private child: ChildProcess,
        private client: { close(): void; [method: string]: unknown },
        private readonly options: HostOptions,
    ) {
        this.listen();
    }

    private listen(): void {
        this.child.stderr!.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    }

    static async start(options: HostOptions = {}): Promise<ProviderHost> {
        const { child, client } = await ProviderHost.spawn(options);
        return new ProviderHost(child, client, options);
    }

    private static async spawn(options: HostOptions) {
        const projectDir = options.projectDir ?? repoRoot;
        const hostScript = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", { paths: [projectDir] });
        const child = spawn(process.execPath, [hostScript, "127.0.0.1:0"], {
            cwd: projectDir,
            env: {
                ...process.env,
                PULUMI_NODEJS_PROJECT: options.project ?? "project",
                PULUMI_NODEJS_STACK: options.stack ?? "stack",
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
                ...options.env,
            },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await firstLine(child);
        const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return { child, client };
    }

    /**
     * Goes on as a later deployment does: in a host process of its own (the engine starts one per deployment),
     * configured as this one was. A delete of what this host created is one, as `pulumi destroy` is; only a
     * replacement deletes in the deployment that created (see provider/replacement-guard.ts).
     */
    async nextDeployment(): Promise<void> {
        await this.stop();
        ({ child: this.child, client: this.client } = await ProviderHost.spawn(this.options));
        this.listen();
        this.createdInThisDeployment.clear();
        if (this.configured) await this.configure(this.configured);
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        await new Promise<void>((resolve) => {
            this.child.once("exit", () => resolve());
            this.child.kill();
        });
    }

    /** Sends the stack configuration (namespaced keys, e.g. `aws:region`), as the engine does first. */
    async configure(config: Record<string, string> = {}): Promise<{ acceptSecrets: boolean }> {
        this.configured = config;
        const request = new providerProto.ConfigureRequest();
        request.setArgs(Struct.fromJavaScript(config));
        for (const [key, value] of Object.entries(config)) request.getVariablesMap().set(key, value);
        const response = await this.call("configure", request);
        return { acceptSecrets: response.getAcceptsecrets() };
    }

    /** A resource of the given type and name, with `__provider` filled in as `pulumi.dynamic.Resource` would. */
    resource(typeName: string, name: string): HostedResource {
        return new HostedResource(
            this,
            typeName,
            name,
            urnOf(typeName, name, this.options.project, this.options.stack),
        );
    }

    /** @internal Calls a gRPC method and resolves with the response message. */
    call(method: string, request: unknown): Promise<any> {
        return new Promise((resolve, reject) => {
            (this.client[method] as Function).call(
                this.client,
                request,
                (error: { details?: string; metadata?: unknown } | null, response: unknown) => {
                    // The metadata carries structured details, e.g. a partial failure's recorded state (initFailureOf).
                    if (error)
                        reject(Object.assign(new Error(error.details || String(error)), { metadata: error.metadata }));
                    else resolve(response);
                },
            );
        });
    }
}

/**
 * The host as a stack against the emulator runs it: AWS clients pointed at `emulatorUrl` with no retries, then
 * configured for us-east-1. Also returns what configure answered, for tests that check it.
 */
export async function startHostAgainst(
    emulatorUrl: string,
): Promise<{ host: ProviderHost; configured: { acceptSecrets: boolean } }> {
    const host = await ProviderHost.start({ env: { AWS_ENDPOINT_URL: emulatorUrl, AWS_MAX_ATTEMPTS: "1" } });
    const configured = await host.configure({ "aws:region": "us-east-1" });
    return { host, configured };
}

export class HostedResource {
    private providerText?: Promise<string>;

    constructor(
        private readonly host: ProviderHost,
        readonly typeName: string,
        readonly name: string,
        readonly urn: string,
    ) {}

    /** The `__provider` text of this resource type. */
    provider(): Promise<string> {
        return (this.providerText ??= serializedProviderOf(this.typeName));
    }

    private async withProvider(props: Props): Promise<Props> {
        return "__provider" in props ? props : { ...props, __provider: await this.provider() };
    }

    async check(olds: Props, news: Props): Promise<CheckResult> {
        const request = new providerProto.CheckRequest();
        request.setUrn(this.urn);
        request.setOlds(Struct.fromJavaScript(Object.keys(olds).length > 0 ? await this.withProvider(olds) : {}));
        request.setNews(Struct.fromJavaScript(await this.withProvider(news)));
        const response = await this.host.call("check", request);
        return {
            inputs: response.getInputs()?.toJavaScript() ?? {},
            failures: response
                .getFailuresList()
                .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(id: string, olds: Props, news: Props): Promise<DiffResult> {
        const request = new providerProto.DiffRequest();
        request.setId(id);
        request.setUrn(this.urn);
        request.setOlds(Struct.fromJavaScript(await this.withProvider(olds)));
        request.setNews(Struct.fromJavaScript(await this.withProvider(news)));
        const response = await this.host.call("diff", request);
        return {
            changes: DIFF_CHANGES[response.getChanges()],
            replaces: response.getReplacesList(),
            deleteBeforeReplace: response.getDeletebeforereplace(),
        };
    }

    async create(properties: Props): Promise<{ id: string; properties: Props }> {
        const request = new providerProto.CreateRequest();
        request.setUrn(this.urn);
        request.setProperties(Struct.fromJavaScript(await this.withProvider(properties)));
        const response = await this.host.call("create", request);
        this.host.createdInThisDeployment.add(response.getId());
        return { id: response.getId(), properties: response.getProperties()?.toJavaScript() ?? {} };
    }

    /** `id` is "" when the resource is gone. */
    async read(id: string, properties: Props): Promise<{ id: string; properties: Props; inputs: Props | undefined }> {
        const request = new providerProto.ReadRequest();
        request.setId(id);
        request.setUrn(this.urn);
        request.setProperties(Struct.fromJavaScript(await this.withProvider(properties)));
        const response = await this.host.call("read", request);
        return {
            id: response.getId(),
            properties: response.getProperties()?.toJavaScript() ?? {},
            inputs: response.getInputs()?.toJavaScript(),
        };
    }

    async update(id: string, olds: Props, news: Props): Promise<{ properties: Props }> {
        const request = new providerProto.UpdateRequest();
        request.setId(id);
        request.setUrn(this.urn);
        request.setOlds(Struct.fromJavaScript(await this.withProvider(olds)));
        request.setNews(Struct.fromJavaScript(await this.withProvider(news)));
        const response = await this.host.call("update", request);
        return { properties: response.getProperties()?.toJavaScript() ?? {} };
    }

    /**
     * Deletes as the engine does: a resource this deployment created is deleted by a later one (`pulumi destroy`,
     * a later `up`), so the delete goes to the host of the next deployment (see ProviderHost.nextDeployment).
     */
    async delete(id: string, properties: Props): Promise<void> {
        if (this.host.createdInThisDeployment.has(id)) await this.host.nextDeployment();
        const request = new providerProto.DeleteRequest();
        request.setId(id);
        request.setUrn(this.urn);
        request.setProperties(Struct.fromJavaScript(await this.withProvider(properties)));
        await this.host.call("delete", request);
    }
}

/**
 * The state a failed Create or Update asks the engine to record (ErrorResourceInitFailed: the resource exists
 * but is not fully as asked), read from a rejection of this harness; undefined for a plain failure.
 */
export function initFailureOf(error: unknown): { id: string; properties: Props; reasons: string[] } | undefined {
    const metadata = (error as { metadata?: { get(key: string): (string | Buffer)[] } }).metadata;
    const [packed] = metadata?.get("grpc-status-details-bin") ?? [];
    if (!packed) return undefined;
    const statusProto = sdkRequire("./proto/status_pb");
    for (const detail of statusProto.Status.deserializeBinary(packed).getDetailsList()) {
        if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
        const failure = providerProto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
        return {
            id: failure.getId(),
            properties: failure.getProperties()?.toJavaScript() ?? {},
            reasons: failure.getReasonsList(),
        };
    }
    return undefined;
}

function firstLine(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        const onData = (chunk: Buffer) => {
            out += chunk.toString();
            const newline = out.indexOf("\n");
            if (newline >= 0) {
                child.stdout!.off("data", onData);
                resolve(Number(out.slice(0, newline).trim()));
            }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.once("exit", (code) =>
            reject(new Error(`the dynamic-provider host exited (${code}) before it listened: ${err}`)),
        );
        child.once("error", reject);
    });
}
