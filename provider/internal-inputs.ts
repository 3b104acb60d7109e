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
}

export function identityOf(inputs: Record<string, unknown>): ResourceIdentity | undefined {
    const value = inputs[INTERNAL_INPUT];
    return value && typeof value === "object" ? (value as ResourceIdentity) : undefined;
}

/** The internal input without the import id (a resource already in the state is never imported again). */
export function withoutImportId(internal: unknown): unknown {
    if (!internal || typeof internal !== "object") return internal;
    const { importId: _importId, ...rest } = internal as ResourceIdentity;
    return rest;
}
