import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ProviderFixture } from "../helpers/provider-fixture";

/** Steps shared by the layer-1 tests of the identity resources and the processor permission. */
export type Props = Record<string, any>;

/** Runs check and expects it to pass; returns the checked inputs. */
export async function checked(
    provider: pulumi.dynamic.ResourceProvider,
    news: Props,
    olds: Props = {},
): Promise<Props> {
    const result = await provider.check!(olds, news);
    assert.deepEqual(result.failures ?? [], [], `check failed: ${JSON.stringify(result.failures)}`);
    return result.inputs!;
}

/** Runs check and expects it to fail without calling any API; returns the failures' reasons by property. */
export async function checkFailures(
    pf: ProviderFixture,
    provider: pulumi.dynamic.ResourceProvider,
    news: Props,
): Promise<{ property: string; reason: string }[]> {
    const { result, calls } = await pf.counting(() => provider.check!({}, news));
    assert.deepEqual(calls, {}, "check must not call any API");
    assert.ok(result.failures && result.failures.length > 0, `expected check to fail for ${JSON.stringify(news)}`);
    return result.failures as { property: string; reason: string }[];
}

/** Expects one failure on `property` whose reason contains every fragment. */
export function assertFailure(
    failures: { property: string; reason: string }[],
    property: string,
    ...fragments: string[]
): void {
    const matching = failures.filter((f) => f.property === property);
    assert.ok(matching.length > 0, `no failure on ${property}: ${JSON.stringify(failures)}`);
    const reason = matching.map((f) => f.reason).join(" | ");
    for (const fragment of fragments) assert.ok(reason.includes(fragment), `"${reason}" does not mention ${fragment}`);
}

export interface Created {
    id: string;
    inputs: Props;
    outs: Props;
}

/** check + create, as the engine does for a new resource. */
export async function created(provider: pulumi.dynamic.ResourceProvider, news: Props): Promise<Created> {
    const inputs = await checked(provider, news);
    const { id, outs } = await provider.create(inputs);
    return { id, inputs, outs: outs as Props };
}

/** check + diff (expecting an in-place change) + update; returns the new state. */
export async function updatedInPlace(
    provider: pulumi.dynamic.ResourceProvider,
    resource: Created,
    changes: Props,
): Promise<Created> {
    const news = { ...resource.inputs, ...changes };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete news[k];
    const inputs = await checked(provider, news, resource.inputs);
    const diff = await provider.diff!(resource.id, resource.outs, inputs);
    assert.equal(diff.changes, true, `diff found no change for ${JSON.stringify(changes)}`);
    assert.deepEqual(diff.replaces, [], `an in-place change must replace nothing (${JSON.stringify(changes)})`);
    const { outs } = await provider.update!(resource.id, resource.outs, inputs);
    return { id: resource.id, inputs, outs: outs as Props };
}

/** check + diff; returns the diff (for replacements). */
export async function diffWith(provider: pulumi.dynamic.ResourceProvider, resource: Created, changes: Props) {
    const inputs = await checked(provider, { ...resource.inputs, ...changes }, resource.inputs);
    return provider.diff!(resource.id, resource.outs, inputs);
}

/** A refresh: what read reports (id "" / undefined once the resource is gone). */
export async function refreshed(provider: pulumi.dynamic.ResourceProvider, resource: Created) {
    const result = await provider.read!(resource.id, resource.outs);
    return { id: result.id, props: (result.props ?? {}) as Props };
}
