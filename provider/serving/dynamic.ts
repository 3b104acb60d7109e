import * as pulumi from "@pulumi/pulumi";
import { applyStackConfig } from "../aws";
import { checkedIdentity, identityOf, INTERNAL_INPUT } from "../internal-inputs";
import { resourceOperations } from "../operations";
import type { Props, ResourceImplementation } from "../resource-provider";

/**
 * The dynamic-provider serving: a `pulumi.dynamic.ResourceProvider` per resource type over the type's operations.
 * Its wire concerns: the engine's `__provider` property (the serialized provider, never an input of ours), the
 * package-internal input `__chime` that carries the resource's identity (see internal-inputs.ts), and the
 * stack's `aws:` configuration.
 */

/** The properties without the engine's `__provider` and the package-internal input. */
function withoutProvider(props: Props): Props {
    const { __provider: _provider, [INTERNAL_INPUT]: _internal, ...rest } = props;
    return rest;
}

export function dynamicProvider(implementation: ResourceImplementation): pulumi.dynamic.ResourceProvider {
    const operations = resourceOperations(implementation);
    const declared = Object.keys(implementation.schema.inputs);
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest) {
            applyStackConfig(req.config);
        },
        async check(olds: Props, news: Props) {
            const { inputs: checked, failures } = operations.check(withoutProvider(news));
            const internal = checkedIdentity(news[INTERNAL_INPUT], olds ?? {}, declared);
            const inputs = internal === undefined ? checked : { ...checked, [INTERNAL_INPUT]: internal };
            return failures.length > 0 ? { inputs, failures } : { inputs };
        },
        async diff(_id: string, olds: Props, news: Props) {
            const { changes, replaces, deleteBeforeReplace } = operations.diff(olds, news);
            return { changes, replaces, deleteBeforeReplace };
        },
        async create(inputs: Props) {
            return operations.create(withoutProvider(inputs), identityOf(inputs), { __provider: inputs.__provider });
        },
        async read(id: string, state: Props) {
            const live = await operations.read(id, withoutProvider(state));
            return live ? { id, props: live.props, inputs: live.inputs } : { id: undefined, props: {} };
        },
        async update(id: string, olds: Props, news: Props) {
            const outs = await operations.update(id, withoutProvider(olds), withoutProvider(news), {
                __provider: news.__provider,
            });
            return { outs };
        },
        async delete(id: string, state: Props) {
            await operations.delete(id, withoutProvider(state));
        },
    };
}
