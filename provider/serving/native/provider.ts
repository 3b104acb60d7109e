import type * as pulumi from "@pulumi/pulumi";
import type { DiffOutcome } from "../../diff";
import type { ResourceIdentity } from "../../internal-inputs";
import { ResourceOperations, resourceOperations } from "../../operations";
import type { Props, ResourceImplementation } from "../../resource-provider";
import { implementationOf } from "../../resources";
import { typeOfToken } from "./tokens";

/**
 * The native plugin's resource semantics over the same operations as the dynamic providers: what differs is only
 * what the engine tells a native provider and a dynamic one does not. The URN names the resource (so its
 * idempotency tokens and its default name come from there, with no package-internal input), Read can be asked to
 * import a resource it knows only by id, and Diff answers property by property.
 */

export interface ParsedUrn {
    stack: string;
    project: string;
    /** The qualified type: the parents' types and the resource's, joined by `$`. */
    qualifiedType: string;
    type: string;
    name: string;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` (the name may itself contain `::`). */
export function parseUrn(urn: string): ParsedUrn {
    const match = /^urn:pulumi:([^:]*)::([^:]*)::([^:]+(?::[^:]+)*?)::(.*)$/.exec(urn);
    if (!match) throw new Error(`not a Pulumi URN: ${urn}`);
    const [, stack, project, qualifiedType, name] = match;
    return { stack, project, qualifiedType, type: qualifiedType.split("$").pop()!, name };
}

/** What identifies the creation of the resource at this URN across reruns (its tokens, see idempotency-tokens.ts). */
export function identityOfUrn(urn: string): ResourceIdentity {
    const parsed = parseUrn(urn);
    return { project: parsed.project, stack: parsed.stack, name: `${parsed.qualifiedType}::${parsed.name}` };
}

interface TypeServing {
    implementation: ResourceImplementation;
    operations: ResourceOperations;
}

const servings = new Map<string, TypeServing>();

function servingOf(urn: string): TypeServing {
    const parsed = parseUrn(urn);
    const type = typeOfToken(parsed.type);
    const implementation = type === undefined ? undefined : implementationOf(type);
    if (!implementation) throw new Error(`chime-messaging has no resource type ${parsed.type}`);
    let serving = servings.get(type!);
    if (!serving) {
        serving = { implementation, operations: resourceOperations(implementation) };
        servings.set(type!, serving);
    }
    return serving;
}

export const nativeProvider = {
    check(urn: string, news: Props): { inputs: Props; failures: pulumi.dynamic.CheckFailure[] } {
        const { implementation, operations } = servingOf(urn);
        const named = { ...news };
        const { name } = parseUrn(urn);
        for (const [property, spec] of Object.entries(implementation.schema.inputs)) {
            if (spec.defaultsToResourceName && (named[property] === undefined || named[property] === null)) {
                named[property] = name;
            }
        }
        return operations.check(named);
    },

    diff(urn: string, olds: Props, news: Props): DiffOutcome {
        return servingOf(urn).operations.diff(olds, news);
    },

    create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }> {
        return servingOf(urn).operations.create(inputs, identityOfUrn(urn));
    },

    /**
     * Refresh (the recorded state given), or import and `get` (the id, and what the program knows besides): the
     * live state and the inputs that reproduce it, or undefined when the resource does not exist.
     */
    read(urn: string, id: string, state: Props): Promise<{ props: Props; inputs: Props } | undefined> {
        return servingOf(urn).operations.read(id, state);
    },

    update(urn: string, id: string, olds: Props, news: Props): Promise<Props> {
        return servingOf(urn).operations.update(id, olds, news);
    },

    delete(urn: string, id: string, state: Props): Promise<void> {
        return servingOf(urn).operations.delete(id, state);
    },
};
