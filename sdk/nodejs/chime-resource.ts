import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./provider-shim";

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

function providerFor(resourceType: string): pulumi.dynamic.ResourceProvider {
    let provider = providers.get(resourceType);
    if (!provider) {
        provider = providerShim(resourceType);
        providers.set(resourceType, provider);
    }
    return provider;
}

/**
 * The base of every resource class of the package: it registers the resource as `chime:<Type>` with the provider
 * of its type, and adds the package-internal input `__chime` beside the declared properties: what identifies the
 * resource in its program, which a dynamic provider's create is not told otherwise (provider/internal-inputs.ts).
 *
 * The `import` resource option is carried there too, and taken out of the options: the engine's own import cannot
 * reach a dynamic provider, so create takes over the resource with that id instead (provider/import-by-id.ts).
 */
export abstract class ChimeResource extends pulumi.dynamic.Resource {
    protected constructor(
        resourceType: string,
        name: string,
        inputs: pulumi.Inputs,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        const { import: importId, ...options } = opts ?? {};
        const identity = {
            project: pulumi.getProject(),
            stack: pulumi.getStack(),
            name,
            ...(importId === undefined ? {} : { importId }),
        };
        const provider = providerFor(resourceType);
        // Pulumi's SDK captures a stack trace (`new Error().stack`) for every promise it makes for a resource's
        // properties, only to describe the promise should it leak. Under the source-map support the Node.js
        // language host installs, formatting those traces was the largest part of a no-op `pulumi up` of a large
        // stack, and these classes register every output. The resource's source position is unaffected (the SDK
        // captures it with a limit of its own); a leak report would show the promise's context without a trace,
        // and an error the registration throws gets its trace back here.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(provider, name, { ...inputs, __chime: identity }, options, "chime", resourceType);
        } catch (error) {
            Error.stackTraceLimit = stackTraceLimit;
            if (error instanceof Error) Error.captureStackTrace(error);
            throw error;
        }
        Error.stackTraceLimit = stackTraceLimit;
    }
}
