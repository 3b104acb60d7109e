import * as pulumi from "@pulumi/pulumi";
import { serializeFunction } from "@pulumi/pulumi/runtime/closure/serializeClosure";
import { providerShim } from "../../sdk/nodejs/provider-shim";

/**
 * Layer 2 of the provider tests: a Pulumi program run under `pulumi.runtime.setMocks`, with no engine and no
 * provider call. The mocks echo every resource's inputs; outside previews, they add a well-formed fake ARN as
 * the id (and as `arn`). In a preview, as in a real one, the id and the output-only properties (never among
 * the inputs) stay unknown; `options.outputs` adds others. They record what the program registered: type token, name and the raw
 * inputs the engine would receive, `__provider` text included.
 *
 * Usage (from a compiled test):
 *
 *     const run = await runUnderMocks(() => {
 *         const channel = new Channel("general", { appInstanceArn, name: "General", chimeBearer });
 *         return { arn: channel.arn };
 *     });
 *     run.byName("general").type;            // "pulumi-nodejs:dynamic/chime:Channel"
 *     run.byName("general").inputs.name;     // "General"
 *     await outputValue(run.result.arn);     // { known: true, value: "arn:aws:chime:..." } (unknown with { preview: true })
 *     await assertSerializes(run.byName("general"));   // its __provider loads and stays small
 *
 * `setMocks` is process-global: each call of `runUnderMocks` installs fresh mocks, so run them one at a time.
 * Serialization failures, which mocks otherwise only report as an unhandled rejection (the resource silently
 * never registers), make `runUnderMocks` reject.
 */

/** The documented ceiling for a resource's serialized `__provider`. */
export const MAX_PROVIDER_BYTES = 2560;

export interface RegisteredResource {
    /** The type token, e.g. `pulumi-nodejs:dynamic/chime:Channel`. */
    type: string;
    name: string;
    /** The raw program inputs as the engine receives them (unknowns in preview are `pulumi.runtime` Unknowns). */
    inputs: Record<string, unknown>;
    id: string | undefined;
}

export interface MockRun<T> {
    /** What the program returned (e.g. resources or outputs to inspect). */
    result: T;
    /** Every resource registered, in registration order. */
    resources: RegisteredResource[];
    byName(name: string): RegisteredResource;
    ofType(typeName: string): RegisteredResource[];
}

export interface MockOptions {
    preview?: boolean;
    project?: string;
    stack?: string;
    /** Extra outputs per resource, merged over the echoed inputs. */
    outputs?: (resource: RegisteredResource) => Record<string, unknown>;
}

export const DYNAMIC_TYPE_PREFIX = "pulumi-nodejs:dynamic/chime:";

function fakeArn(resource: RegisteredResource): string {
    const kind = resource.type
        .slice(resource.type.lastIndexOf(":") + 1)
        .replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase());
    return `arn:aws:chime:us-east-1:123456789012:${kind}/${resource.name}`;
}

/** Outputs the program did not set stay unknown in a preview, as in a real one; otherwise `arn` gets a fake. */
function echoedState(resource: RegisteredResource, options: MockOptions): Record<string, unknown> {
    const state: Record<string, unknown> = { ...resource.inputs };
    if (!options.preview && state.arn === undefined) state.arn = fakeArn(resource);
    return { ...state, ...(options.outputs?.(resource) ?? {}) };
}

export async function runUnderMocks<T>(program: () => T | Promise<T>, options: MockOptions = {}): Promise<MockRun<T>> {
    const resources: RegisteredResource[] = [];
    const problems: unknown[] = [];
    const onRejection = (reason: unknown) => problems.push(reason);
    // Only this run's listener: a test runner's own would fail the test before the failure can be reported.
    const otherListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime.setMocks(
            {
                newResource(args: pulumi.runtime.MockResourceArgs) {
                    const resource: RegisteredResource = {
                        type: args.type,
                        name: args.name,
                        inputs: args.inputs,
                        id: undefined,
                    };
                    // Like the engine: a resource created in a preview has no id yet. Ours are ARNs.
                    resource.id = options.preview ? undefined : fakeArn(resource);
                    resources.push(resource);
                    return { id: resource.id, state: echoedState(resource, options) };
                },
                call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
            },
            options.project ?? "project",
            options.stack ?? "stack",
            options.preview ?? false,
        );
        const result = await program();
        await waitForRegistrations();
        // Unhandled rejections surface on a later turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        if (problems.length > 0) {
            forgetLeakedPromises();
            throw new Error(
                `the program failed under mocks: ${problems.map((p) => (p as Error)?.stack ?? String(p)).join("\n")}`,
            );
        }
        return {
            result,
            resources,
            byName(name) {
                const found = resources.find((r) => r.name === name);
                if (!found)
                    throw new Error(
                        `no resource named ${name} was registered (got ${resources.map((r) => r.name).join(", ")})`,
                    );
                return found;
            },
            ofType(typeName) {
                return resources.filter((r) => r.type === DYNAMIC_TYPE_PREFIX + typeName);
            },
        };
    } finally {
        process.off("unhandledRejection", onRejection);
        for (const listener of otherListeners) process.on("unhandledRejection", listener);
    }
}

async function waitForRegistrations(): Promise<void> {
    // Internal to the SDK, but the very call `pulumi.runtime.disconnect` makes to drain pending RPCs.
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
}

/**
 * A program that failed leaves resource promises that never settle; the Pulumi runtime would report them when the
 * process exits and make it fail, although the failure was reported (and maybe expected) already.
 */
function forgetLeakedPromises(): void {
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { leakedPromises(): unknown };
    debuggable.leakedPromises();
}

/** The value of an output, and whether it is known (it is not, in a preview, for values from the service). */
export async function outputValue<T>(output: pulumi.Output<T>): Promise<{ known: boolean; value: T | undefined }> {
    const internal = output as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
    const known = await internal.isKnown;
    return { known, value: known ? await internal.promise() : undefined };
}

export interface SerializedProvider {
    text: string;
    bytes: number;
}

/** Serializes a provider exactly as `pulumi.dynamic.Resource` does (same closure, same options). */
export async function serializeProvider(provider: pulumi.dynamic.ResourceProvider): Promise<SerializedProvider> {
    const serialized = await serializeFunction(() => provider, { allowSecrets: true });
    return { text: serialized.text, bytes: Buffer.byteLength(serialized.text) };
}

/** The `__provider` text that every resource of this type carries in its inputs and state. */
export async function serializedProviderOf(typeName: string): Promise<string> {
    return (await serializeProvider(providerShim(typeName))).text;
}

/** Loads a serialized `__provider` the way the dynamic-provider host does and returns the provider object. */
export function loadSerializedProvider(text: string): pulumi.dynamic.ResourceProvider {
    const requireFromString = require("require-from-string") as (code: string) => {
        handler(): pulumi.dynamic.ResourceProvider;
    };
    return requireFromString(text).handler();
}

/**
 * Guards what mocks hide: the provider (or a registered resource's `__provider`) serializes, stays within
 * MAX_PROVIDER_BYTES, and loads back into a provider with every method. Throws an error that says which.
 */
export async function assertSerializes(
    subject: pulumi.dynamic.ResourceProvider | RegisteredResource,
): Promise<SerializedProvider> {
    let serialized: SerializedProvider;
    if ("inputs" in subject && "type" in subject) {
        const text = subject.inputs.__provider;
        if (typeof text !== "string" || text.length === 0) {
            throw new Error(`${subject.type} ${subject.name} has no serialized __provider (got ${typeof text})`);
        }
        serialized = { text, bytes: Buffer.byteLength(text) };
    } else {
        try {
            serialized = await serializeProvider(subject as pulumi.dynamic.ResourceProvider);
        } catch (error) {
            throw new Error(`the provider does not serialize: ${(error as Error).message}`, { cause: error });
        }
    }
    if (serialized.bytes > MAX_PROVIDER_BYTES) {
        throw new Error(`the serialized provider is ${serialized.bytes} bytes, more than ${MAX_PROVIDER_BYTES}`);
    }
    const loaded = loadSerializedProvider(serialized.text);
    for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) {
        if (typeof loaded[method] !== "function") throw new Error(`the deserialized provider has no ${method}`);
    }
    return serialized;
}
