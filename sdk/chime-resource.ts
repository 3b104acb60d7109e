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
        super(providerFor(resourceType), name, { ...inputs, __chime: identity }, options, "chime", resourceType);
    }
}
