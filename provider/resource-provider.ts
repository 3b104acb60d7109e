import * as pulumi from "@pulumi/pulumi";
import { Api } from "./api";
import { applyStackConfig } from "./aws";
import { checkInputs } from "./check";
import { changedProperties, diffInputs } from "./diff";
import { PartialFailure } from "./errors";
import { importById } from "./import-by-id";
import { checkedIdentity, identityOf, INTERNAL_INPUT, ResourceIdentity } from "./internal-inputs";
import { ResourceSchema } from "./schema";

export type Props = Record<string, unknown>;

/**
 * What a resource type implements; check, diff and the bookkeeping of inputs and outputs are generic (see
 * `dynamicProvider`). Outputs always hold the checked inputs plus the schema's output properties, so diff can
 * compare the recorded state with new inputs, and refresh can show drift.
 */
export interface ResourceImplementation {
    schema: ResourceSchema;
    /** Fills what the schema's flat defaults cannot (e.g. a default nested in a list) before check validates. */
    prepare?(news: Props): Props;
    /** Rules across properties, beyond each property's own (e.g. a processor in another region). */
    checkAcross?(inputs: Props): pulumi.dynamic.CheckFailure[];
    /** `identity` is what the program knows the resource by; absent for resources registered without the SDK. */
    create(api: Api, inputs: Props, identity?: ResourceIdentity): Promise<{ id: string; outs: Props }>;
    /**
     * The inputs that the id itself names (e.g. the channel and member of "<channel ARN>|<member ARN>"), so that an
     * import can read the resource and compare them; throws when the id is not of the type's form.
     */
    inputsFromId?(id: string): Props;
    /** The live state as outputs, or undefined when the resource no longer exists. */
    read(api: Api, id: string, state: Props): Promise<Props | undefined>;
    /** Applies in place the changed properties whose change behaviour is "update"; returns changed outputs. */
    update(api: Api, id: string, olds: Props, news: Props, changed: string[]): Promise<Props>;
    delete(api: Api, id: string, state: Props): Promise<void>;
}

/** The properties without the engine's `__provider` and the package-internal input (see internal-inputs.ts). */
function withoutProvider(props: Props): Props {
    const { __provider: _provider, [INTERNAL_INPUT]: _internal, ...rest } = props;
    return rest;
}

/** The engine's wire format (a protobuf Struct) has no undefined: an absent value is left out. */
function definedOnly(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

function inputsOf(schema: ResourceSchema, outs: Props): Props {
    return Object.fromEntries(
        Object.keys(schema.inputs)
            .filter((k) => outs[k] !== undefined)
            .map((k) => [k, outs[k]]),
    );
}

/**
 * A partial failure's properties become the recorded state (see PartialFailure): completed with what the state
 * holds besides (the inputs on create, the old state on update) and `__provider`, which later calls need.
 */
async function completingPartialState<T>(work: T | Promise<T>, base: Props, provider: unknown): Promise<T> {
    try {
        return await work;
    } catch (error) {
        if (error instanceof PartialFailure)
            error.properties = definedOnly({ ...base, ...error.properties, __provider: provider });
        throw error;
    }
}

export function dynamicProvider(implementation: ResourceImplementation): pulumi.dynamic.ResourceProvider {
    const { schema } = implementation;
    const api = () => new Api(schema.type);
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest) {
            applyStackConfig(req.config);
        },
        async check(olds: Props, news: Props) {
            const prepared = withoutProvider(news);
            const result = checkInputs(schema, implementation.prepare?.(prepared) ?? prepared);
            const across = result.failures ? [] : (implementation.checkAcross?.(result.inputs) ?? []);
            const failures = [...(result.failures ?? []), ...across];
            const internal = checkedIdentity(news[INTERNAL_INPUT], olds ?? {}, Object.keys(schema.inputs));
            const inputs = internal === undefined ? result.inputs : { ...result.inputs, [INTERNAL_INPUT]: internal };
            return failures.length > 0 ? { inputs, failures } : { inputs };
        },
        async diff(_id: string, olds: Props, news: Props) {
            return diffInputs(schema, olds, news);
        },
        async create(inputs: Props) {
            const checked = withoutProvider(inputs);
            const identity = identityOf(inputs);
            const created =
                identity?.importId !== undefined
                    ? importById(implementation, api(), identity.importId, checked)
                    : implementation.create(api(), checked, identity);
            const { id, outs } = await completingPartialState(created, checked, inputs.__provider);
            return { id, outs: definedOnly({ ...checked, ...outs }) };
        },
        async read(id: string, state: Props) {
            const live = await implementation.read(api(), id, withoutProvider(state));
            if (!live) return { id: undefined, props: {} };
            const props = definedOnly({ ...withoutProvider(state), ...live });
            return { id, props, inputs: inputsOf(schema, props) };
        },
        async update(id: string, olds: Props, news: Props) {
            const checked = withoutProvider(news);
            const changed = changedProperties(schema, olds, checked).filter(
                (k) => schema.inputs[k].change === "update",
            );
            const updated = changed.length > 0 ? implementation.update(api(), id, olds, checked, changed) : {};
            const outs = await completingPartialState(updated, withoutProvider(olds), news.__provider);
            const kept = Object.fromEntries(schema.outputs.map((k) => [k, olds[k]]));
            return { outs: definedOnly({ ...kept, ...checked, ...outs }) };
        },
        async delete(id: string, state: Props) {
            await implementation.delete(api(), id, withoutProvider(state));
        },
    };
}
