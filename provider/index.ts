import * as pulumi from "@pulumi/pulumi";
import { inDynamicProviderHost, watchEngineOfDynamicProviderHost } from "./engine-watchdog";
import { enableReplacementGuard } from "./replacement-guard";
import { dynamicProvider } from "./serving/dynamic";
import { implementationOf, resourceImplementations } from "./resources";

/**
 * Each resource type's provider, built on first use. The per-type entry modules (provider/entries/) load it when
 * they are first called, and so does the `__provider` of resources created by version 0.1.0, which calls
 * `require("pulumi-chime-messaging/provider").forType(<type>)`: this entry and `forType` must keep working.
 */
const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

export function forType(type: string): pulumi.dynamic.ResourceProvider {
    watchEngineOfDynamicProviderHost();
    if (inDynamicProviderHost()) enableReplacementGuard();
    let provider = providers.get(type);
    if (!provider) {
        const implementation = implementationOf(type);
        if (!implementation) throw new Error(`pulumi-chime-messaging has no resource type ${type}`);
        provider = dynamicProvider(implementation);
        providers.set(type, provider);
    }
    return provider;
}

export { implementationOf, resourceImplementations };
