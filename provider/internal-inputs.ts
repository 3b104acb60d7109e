/**
 * The package-internal input that every SDK resource carries beside its declared properties (see
 * sdk/nodejs/chime-resource.ts). A dynamic provider's create is not told the resource's URN, so the SDK hands over
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
     * Recorded by earlier versions of the package (a digest of the inputs of the resource a replacement
     * replaces). No longer set: it made the first `pulumi up` after a create rewrite every resource's state. Kept
     * as recorded, so those states see no change.
     */
    predecessor?: string;
}

/**
 * The identity as check passes it on. While the state holds no inputs it is the program's, with the import id.
 * Once the state holds the resource, the identity recorded there is returned as it is, byte for byte, while it
 * names the same resource: so a `pulumi up` of an unchanged program writes no resource's state. Otherwise it is
 * the program's without the import id (a replacement creates anew rather than taking over again).
 */
export function checkedIdentity(internal: unknown, olds: Record<string, unknown>, declared: string[]): unknown {
    if (!internal || typeof internal !== "object") return internal;
    const { predecessor: _predecessor, importId, ...identity } = internal as ResourceIdentity;
    const hasState = declared.some((k) => olds[k] !== undefined);
    if (!hasState) return importId === undefined ? identity : { ...identity, importId };
    const recorded = olds[INTERNAL_INPUT] as ResourceIdentity | undefined;
    const sameResource =
        recorded !== undefined &&
        recorded.importId === undefined &&
        recorded.project === identity.project &&
        recorded.stack === identity.stack &&
        recorded.name === identity.name;
    return sameResource ? recorded : identity;
}

export function identityOf(inputs: Record<string, unknown>): ResourceIdentity | undefined {
    const value = inputs[INTERNAL_INPUT];
    return value && typeof value === "object" ? (value as ResourceIdentity) : undefined;
}
