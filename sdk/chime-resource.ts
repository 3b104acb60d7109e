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
 * of its type. Inputs that every resource carries besides its declared properties are added here, in one place.
 */
export abstract class ChimeResource extends pulumi.dynamic.Resource {
    protected constructor(
        resourceType: string,
        name: string,
        inputs: pulumi.Inputs,
        opts: pulumi.CustomResourceOptions | undefined,
    ) {
        super(providerFor(resourceType), name, inputs, opts, "chime", resourceType);
    }
}
