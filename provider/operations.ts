import type * as pulumi from "@pulumi/pulumi";
import { Api } from "./api";
import { checkInputs } from "./check";
import { changedProperties, diffInputs, DiffOutcome } from "./diff";
import { PartialFailure } from "./errors";
import { importById, inputsKnownById, isRecordedState } from "./import-by-id";
import type { ResourceIdentity } from "./internal-inputs";
import { keepsOnDelete, noteCreated } from "./replacement-guard";
import type { Props, ResourceImplementation } from "./resource-provider";

/**
 * What every serving of a resource type does with its implementation, whatever the wire: the dynamic providers
 * (serving/dynamic.ts) and the native plugin (serving/native/) are thin layers over these. Outputs always hold the
 * checked inputs plus the schema's output properties, so diff can compare the recorded state with new inputs, and
 * refresh can show drift.
 */
export interface ResourceOperations {
    check(news: Props): { inputs: Props; failures: pulumi.dynamic.CheckFailure[] };
    diff(olds: Props, news: Props): DiffOutcome;
    /** Creates, or takes over the resource `identity.importId` names (the `import` resource option). */
    create(inputs: Props, identity?: ResourceIdentity, partialExtras?: Props): Promise<{ id: string; outs: Props }>;
    /**
     * The live state, and the inputs it implies; undefined when the resource is gone. `state` is the recorded
     * state (refresh), or what is known besides the id (`get`, `pulumi import`: maybe nothing, maybe a
     * chimeBearer): then the id names the rest, and the read is made as the given chimeBearer or the first
     * AppInstanceAdmin of the resource's app instance.
     */
    read(id: string, state: Props): Promise<{ props: Props; inputs: Props } | undefined>;
    update(id: string, olds: Props, news: Props, partialExtras?: Props): Promise<Props>;
    delete(id: string, state: Props): Promise<void>;
}

/** The engine's wire format (a protobuf Struct) has no undefined: an absent value is left out. */
export function definedOnly(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

function inputsOf(implementation: ResourceImplementation, outs: Props): Props {
    return Object.fromEntries(
        Object.keys(implementation.schema.inputs)
            .filter((k) => outs[k] !== undefined)
            .map((k) => [k, outs[k]]),
    );
}

/**
 * A partial failure's properties become the recorded state (see PartialFailure): completed with what the state
 * holds besides (the inputs on create, the old state on update) and what the serving records with every state.
 */
async function completingPartialState<T>(work: T | Promise<T>, base: Props, extras: Props): Promise<T> {
    try {
        return await work;
    } catch (error) {
        if (error instanceof PartialFailure)
            error.properties = definedOnly({ ...base, ...error.properties, ...extras });
        throw error;
    }
}

export function resourceOperations(implementation: ResourceImplementation): ResourceOperations {
    const { schema } = implementation;
    const api = () => new Api(schema.type);
    const check = (news: Props) => {
        const result = checkInputs(schema, implementation.prepare?.(news) ?? news);
        const across = result.failures ? [] : (implementation.checkAcross?.(result.inputs) ?? []);
        return { inputs: result.inputs, failures: [...(result.failures ?? []), ...across] };
    };
    return {
        check,
        diff: (olds, news) => diffInputs(schema, olds, news),
        async create(inputs, identity, partialExtras = {}) {
            const created =
                identity?.importId !== undefined
                    ? importById(implementation, api(), identity.importId, inputs)
                    : implementation.create(api(), inputs, identity);
            const { id, outs } = await completingPartialState(created, inputs, partialExtras);
            noteCreated(id);
            return { id, outs: definedOnly({ ...inputs, ...outs }) };
        },
        async read(id, state) {
            const byId = !isRecordedState(implementation, state);
            const known = byId ? await inputsKnownById(implementation, api(), id, state) : state;
            const live = await implementation.read(api(), id, known);
            if (!live) return undefined;
            const props = definedOnly({ ...known, ...live });
            const inputs = inputsOf(implementation, props);
            // Known by its id alone: what check fills in (flags the service does not hold, such as forceDestroy)
            // is recorded as such, so that an imported program previews with no change.
            return byId ? { props: { ...check(inputs).inputs, ...props }, inputs } : { props, inputs };
        },
        async update(id, olds, news, partialExtras = {}) {
            const changed = changedProperties(schema, olds, news).filter((k) => schema.inputs[k].change === "update");
            const updated = changed.length > 0 ? implementation.update(api(), id, olds, news, changed) : {};
            const outs = await completingPartialState(updated, olds, partialExtras);
            const kept = Object.fromEntries(schema.outputs.map((k) => [k, olds[k]]));
            return definedOnly({ ...kept, ...news, ...outs });
        },
        async delete(id, state) {
            if (keepsOnDelete(schema.type, id)) return;
            await implementation.delete(api(), id, state);
        },
    };
}
