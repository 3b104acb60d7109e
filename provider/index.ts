import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, ResourceImplementation } from "./resource-provider";
import { resourceImplementations } from "./resources";

/**
 * The entry point that each resource's serialized `__provider` loads at call time (see sdk/provider-shim.ts).
 */
const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

export function forType(type: string): pulumi.dynamic.ResourceProvider {
    let provider = providers.get(type);
    if (!provider) {
        const implementation: ResourceImplementation | undefined = resourceImplementations[type];
        if (!implementation) throw new Error(`pulumi-chime-messaging has no resource type ${type}`);
        provider = dynamicProvider(implementation);
        providers.set(type, provider);
    }
    return provider;
}

export { resourceImplementations };
