/**
 * A forced replacement with unchanged inputs (`pulumi up --replace <urn>`) sends the same create request as the
 * resource's own creation, and the engine tells the provider nothing else: it checks the inputs without the old
 * ones and calls no diff. Within the service's idempotency window the deterministic token (idempotency-tokens.ts)
 * is then answered with the very resource being replaced, and the engine goes on to delete "the old resource",
 * which is the one it has just recorded as the new. At create, that cannot be told apart from a rerun of an
 * interrupted create. At delete it can: a plugin process serves one deployment, and the delete of a resource that
 * a create of this process was answered with, although the resource existed before this process started (a
 * replayed token), is that case. Such a delete is skipped (the resource is kept, and stays recorded) and said on
 * stderr.
 *
 * It is on only in a process that serves a deployment (a dynamic-provider host, the native plugin), never where
 * one process plays several deployments (tests calling the providers directly).
 */

let enabled = false;
const replayed = new Set<string>();
/** When this process started (ms since the epoch). */
const PROCESS_START = Date.now() - process.uptime() * 1000;

export function enableReplacementGuard(): void {
    enabled = true;
}

/** A create of this process was answered with `id`, a resource made at `createdAt`. */
export function noteCreated(id: string, createdAt: Date | string | undefined): void {
    if (!enabled || createdAt === undefined) return;
    if (new Date(createdAt).getTime() < PROCESS_START) replayed.add(id);
}

/** Whether the delete of `id` must be skipped (see above); says why on stderr. */
export function keepsOnDelete(type: string, id: string): boolean {
    if (!enabled || !replayed.has(id)) return false;
    process.stderr.write(
        `${type} ${id}: not deleted: it is also the resource the replacement was answered with (a replacement ` +
            `with unchanged inputs within the service's idempotency window); it is kept and recorded\n`,
    );
    return true;
}
