import { ListAppInstanceAdminsCommand } from "@aws-sdk/client-chime-sdk-identity";
import { AdoptionMismatch, differencesFromLive } from "./adoption";
import { Api } from "./api";
import type { Props, ResourceImplementation } from "./resource-provider";
import { idParts, inputsFromId } from "./id-form";
import { appInstanceOfArn } from "./resources/shared/chime-arns";

/**
 * The `import` resource option. The engine cannot import into a dynamic provider, so the SDK carries the id to
 * create (sdk/nodejs/chime-resource.ts), and create takes over the live resource instead of making one: it reads it by
 * that id, refuses it when any declared input differs from the live one, and otherwise records it with no
 * mutating call.
 */
export async function importById(
    implementation: ResourceImplementation,
    api: Api,
    id: string,
    declared: Props,
): Promise<{ id: string; outs: Props }> {
    const { type } = implementation.schema;
    if (typeof id !== "string" || id === "") {
        throw new Error(
            `${type}: the import option must be the resource id, a non-empty string (got ${JSON.stringify(id)})`,
        );
    }
    const named = inputsNamedById(implementation, id);
    const live = await implementation.read(api, id, { ...declared, ...named });
    if (!live) throw new Error(`${type}: there is no ${type} with the id ${id} to import; nothing was changed`);
    const liveInputs = { ...named, ...live };
    // Only what the read can see is compared: a property it does not return has no live value to differ from.
    const differences = differencesFromLive(
        implementation.schema,
        declared,
        liveInputs,
        (property) => property in liveInputs,
    );
    if (differences.length > 0) throw new AdoptionMismatch(type, id, differences, "is named by the import option");
    return { id, outs: live };
}

/** The inputs an id names: those of its form's parts, and what the implementation derives besides. */
export function inputsNamedById(implementation: ResourceImplementation, id: string): Props {
    const { type, id: form } = implementation.schema;
    const named = inputsFromId(type, form, id);
    return { ...named, ...implementation.inputsFromId?.(id, named) };
}

/** Whether `state` is a state the engine recorded (every required input there), not what a `get` knows. */
export function isRecordedState(implementation: ResourceImplementation, state: Props): boolean {
    return Object.entries(implementation.schema.inputs).every(
        ([property, spec]) => !spec.required || (state[property] !== undefined && state[property] !== null),
    );
}

/**
 * The caller identity to read a resource as when nothing names one: the first AppInstanceAdmin of its app
 * instance (the identity channel resources are usually managed as). The resource's `chimeBearer` is that admin;
 * a program may name another.
 */
async function firstAdminOf(api: Api, implementation: ResourceImplementation, id: string): Promise<string> {
    const { type } = implementation.schema;
    // An id is an ARN below the app instance, or starts with one (`<channel ARN>|<member ARN>`).
    const appInstanceArn = appInstanceOfArn(idParts(implementation.schema.id, id)?.[0] ?? id);
    if (!appInstanceArn) throw new Error(`${type}: an id must name a resource of an app instance (got ${id})`);
    const command = new ListAppInstanceAdminsCommand({ AppInstanceArn: appInstanceArn, MaxResults: 1 });
    const admins = (await api.send("identity", command, appInstanceArn)).AppInstanceAdmins ?? [];
    const admin = admins[0]?.Admin?.Arn;
    if (!admin) {
        throw new Error(
            `${type} ${id}: its app instance has no AppInstanceAdmin to read it as; make one, or give a chimeBearer`,
        );
    }
    return admin;
}

/**
 * What a read of a resource known by its id needs (a `get`, `pulumi import`): the inputs the id names, what `given`
 * says besides, and the caller to read as: the given chimeBearer or the first AppInstanceAdmin.
 */
export async function inputsKnownById(
    implementation: ResourceImplementation,
    api: Api,
    id: string,
    given: Props,
): Promise<Props> {
    const { schema } = implementation;
    const known: Props = {
        ...inputsNamedById(implementation, id),
        ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null)),
    };
    if ("chimeBearer" in schema.inputs && !known.chimeBearer) {
        known.chimeBearer = await firstAdminOf(api, implementation, id);
    }
    return known;
}
