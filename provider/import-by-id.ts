import { AdoptionMismatch, differencesFromLive } from "./adoption";
import { Api } from "./api";
import type { Props, ResourceImplementation } from "./resource-provider";

/**
 * The `import` resource option. The engine cannot import into a dynamic provider, so the SDK carries the id to
 * create (sdk/chime-resource.ts), and create takes over the live resource instead of making one: it reads it by
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
    const named = implementation.inputsFromId?.(id) ?? {};
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

/** The inputs named by an id made of parts joined by `separator` (e.g. "<channel ARN>|<member ARN>"). */
export function inputsFromJoinedId(type: string, id: string, separator: string, names: string[]): Props {
    const parts = id.split(separator);
    if (parts.length !== names.length || parts.some((part) => part === "")) {
        const form = names.map((name) => `<${name}>`).join(separator);
        throw new Error(`${type}: an import id must be ${form} (got ${JSON.stringify(id)})`);
    }
    return Object.fromEntries(names.map((name, i) => [name, parts[i]]));
}
