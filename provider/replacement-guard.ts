/**
 * A forced replacement with unchanged inputs (`pulumi up --replace <urn>`) sends the same create request as the
 * resource's own creation, and the engine tells the provider nothing else: it checks the inputs without the old
 * ones and calls no diff. Within the service's idempotency window the deterministic token (idempotency-tokens.ts)
 * is then answered with the very resource being replaced, and the engine goes on to delete "the old resource",
 * which is the one it just recorded as the new. That cannot be told apart, at create, from a rerun of an
 * interrupted create; it can at delete: a plugin process serves one deployment, and within one deployment the
 * engine never deletes a resource that a create of this process returned, unless it was that replayed answer.
 * Such a delete is skipped (the resource is kept, and stays recorded) and said on stderr.
 *
 * It is on only in a process that serves a deployment (a dynamic-provider host, the native plugin), never where
 * one process creates and deletes on purpose (tests calling the providers directly).
 */

let enabled = false;
const createdHere = new Set<string>();

export function enableReplacementGuard(): void {
    enabled = true;
}

/** A create of this process returned `id`. */
export function noteCreated(id: string): void {
    if (enabled) createdHere.add(id);
}

/** Whether the delete of `id` must be skipped (see above); says why on stderr. */
export function keepsOnDelete(type: string, id: string): boolean {
    if (!enabled || !createdHere.has(id)) return false;
    process.stderr.write(
        `${type} ${id}: not deleted: it is also the resource the replacement was answered with (a replacement ` +
            `with unchanged inputs within the service's idempotency window); it is kept and recorded\n`,
    );
    return true;
}
