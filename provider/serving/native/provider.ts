import { ListAppInstanceAdminsCommand } from "@aws-sdk/client-chime-sdk-identity";
import type * as pulumi from "@pulumi/pulumi";
import { Api } from "../../api";
import type { DiffOutcome } from "../../diff";
import type { ResourceIdentity } from "../../internal-inputs";
import { ResourceOperations, resourceOperations } from "../../operations";
import type { Props, ResourceImplementation } from "../../resource-provider";
import { resourceImplementations } from "../../resources";
import { appInstanceOfArn } from "../../resources/shared/chime-arns";
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
    const implementation = type === undefined ? undefined : resourceImplementations[type];
    if (!implementation) throw new Error(`chime-messaging has no resource type ${parsed.type}`);
    let serving = servings.get(type!);
    if (!serving) {
        serving = { implementation, operations: resourceOperations(implementation) };
        servings.set(type!, serving);
    }
    return serving;
}

/**
 * The caller identity to read a resource as, when an import gives nothing but its id: the first AppInstanceAdmin
 * of its app instance (the identity channel resources are usually managed as). The imported resource's
 * `chimeBearer` is that admin; a program may name another after the import.
 */
async function importBearer(type: string, id: string): Promise<string> {
    // An id is an ARN below the app instance, or starts with one (`<channel ARN>|<member ARN>`).
    const appInstanceArn = appInstanceOfArn(id.split("|")[0]);
    if (!appInstanceArn) throw new Error(`${type}: an import id must name a resource of an app instance (got ${id})`);
    const api = new Api(type);
    const command = new ListAppInstanceAdminsCommand({ AppInstanceArn: appInstanceArn, MaxResults: 1 });
    const admins = (await api.send("identity", command, appInstanceArn)).AppInstanceAdmins ?? [];
    const admin = admins[0]?.Admin?.Arn;
    if (!admin) {
        throw new Error(
            `${type} ${id}: its app instance has no AppInstanceAdmin to read it as; make one, or import it with the SDK's import option and a chimeBearer`,
        );
    }
    return admin;
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
     * Refresh (the recorded state given) or import (nothing but the id): the live state and the inputs that
     * reproduce it, or undefined when the resource does not exist.
     */
    async read(urn: string, id: string, state: Props): Promise<{ props: Props; inputs: Props } | undefined> {
        const { implementation, operations } = servingOf(urn);
        if (Object.keys(state).length > 0) return operations.read(id, state);
        const { type } = implementation.schema;
        const known: Props = implementation.inputsFromId?.(id) ?? {};
        if ("chimeBearer" in implementation.schema.inputs && !known.chimeBearer) {
            known.chimeBearer = await importBearer(type, id);
        }
        const live = await operations.read(id, known);
        if (!live) return undefined;
        // What the program's check will fill in (defaults of flags the service does not hold, such as
        // forceDestroy) is recorded as such, so the imported code previews with no change.
        return { props: { ...operations.check(live.inputs).inputs, ...live.props }, inputs: live.inputs };
    },

    update(urn: string, id: string, olds: Props, news: Props): Promise<Props> {
        return servingOf(urn).operations.update(id, olds, news);
    },

    delete(urn: string, id: string, state: Props): Promise<void> {
        return servingOf(urn).operations.delete(id, state);
    },
};
