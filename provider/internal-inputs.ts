import { createHash } from "crypto";
import { canonical } from "./idempotency-tokens";

/**
 * The package-internal input that every SDK resource carries beside its declared properties (see
 * sdk/chime-resource.ts). A dynamic provider's create is not told the resource's URN, so the SDK hands over
 * what identifies the resource in the program. It is not a property: check passes it through, diff never compares
 * it (so it never shows in a preview), and it is not recorded among the outputs.
 */
export const INTERNAL_INPUT = "__chime";

/** What identifies a resource in its program; create derives what must be stable across reruns from it. */
export interface ResourceIdentity {
    project: string;
    stack: string;
    /** The resource's logical name in the program. */
    name: string;
    /** The id named by the `import` resource option: create takes over that resource instead of making one. */
    importId?: string;
    /**
     * Set by check, not by the program: a digest of the recorded inputs of the resource this one would replace
     * (absent when the state holds none), so that a replacement with unchanged inputs (`pulumi up --replace`)
     * is a creation of its own and never answered with the resource it replaces.
     */
    predecessor?: string;
}

/**
 * The identity as check passes it on. While the state holds no inputs `olds` it is the program's; once it does, the
 * import id no longer counts (a replacement creates anew rather than taking over again) and the predecessor names
 * the recorded inputs.
 */
export function checkedIdentity(internal: unknown, olds: Record<string, unknown>, declared: string[]): unknown {
    if (!internal || typeof internal !== "object") return internal;
    const { predecessor: _predecessor, importId, ...identity } = internal as ResourceIdentity;
    const recorded = Object.fromEntries(declared.filter((k) => olds[k] !== undefined).map((k) => [k, olds[k]]));
    if (Object.keys(recorded).length === 0) return importId === undefined ? identity : { ...identity, importId };
    return {
        ...identity,
        predecessor: createHash("sha256")
            .update(JSON.stringify(canonical(recorded)))
            .digest("hex"),
    };
}

export function identityOf(inputs: Record<string, unknown>): ResourceIdentity | undefined {
    const value = inputs[INTERNAL_INPUT];
    return value && typeof value === "object" ? (value as ResourceIdentity) : undefined;
}
