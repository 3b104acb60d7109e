import type * as pulumi from "@pulumi/pulumi";
import { entryModuleName } from "../../provider/entry-names";

/**
 * The provider a resource of the given type registers with: the exports of the type's entry module
 * (`pulumi-chime-messaging/providers/<type>`, see provider/lazy-provider.ts). Pulumi serializes a captured module
 * of an installed package as a `require` of its path, so every resource's `__provider` in the state is a few
 * hundred bytes, the same for every resource of a type and in every version of the package, and refresh and
 * delete always run the installed implementation.
 */
export function providerShim(resourceType: string): pulumi.dynamic.ResourceProvider {
    const entry = `../../provider/entries/${entryModuleName(resourceType)}`;
    try {
        // A require by path rather than an import: the serializer must capture the entry module's exports.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(entry);
    } catch (error) {
        const missing =
            (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && (error as Error).message.includes(entry);
        throw missing ? new Error(`pulumi-chime-messaging has no resource type ${resourceType}`) : error;
    }
}
