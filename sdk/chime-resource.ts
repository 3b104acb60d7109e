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
 */
export abstract class ChimeResource extends pulumi.dynamic.Resource {
    protected constructor(
        resourceType: string,
        name: string,
        inputs: pulumi.Inputs,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        const identity = { project: pulumi.getProject(), stack: pulumi.getStack(), name };
        super(providerFor(resourceType), name, { ...inputs, __chime: identity }, opts, "chime", resourceType);
    }
}
