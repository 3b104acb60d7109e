/**
 * A replacement the provider's diff did not decide (`pulumi up --replace <urn>`, the `replaceWith` option, a new
 * provider) sends the create of a resource whose inputs may be unchanged, and the engine tells the provider nothing
 * else: it checks the inputs without the old ones and calls no diff. The create is then answered with the very
 * resource being replaced: within the service's idempotency window the deterministic token (idempotency-tokens.ts)
 * replays it; a natural key (a user id, a membership, an admin) or an app instance's settings are the same resource
 * again. The engine goes on to delete "the old resource", which is the one it has just recorded as the new, and
 * the resource would be gone while the state says it exists. At create, that cannot be told apart from a rerun of
 * an interrupted create. At delete it can: a plugin process serves one deployment, and in a deployment the engine
 * deletes what a create of the same deployment returned only in that case. Such a delete is skipped (the resource
 * is kept, and stays recorded) and said on stderr.
 *
 * It is on only in a process that serves a deployment (a dynamic-provider host, the native plugin), never where
 * one process plays several deployments (tests calling the providers directly).
 */

/** The guard of one process: the ids its creates returned, while it is on. */
export class ReplacementGuard {
    private enabled = false;
    private readonly created = new Set<string>();

    constructor(private readonly warn: (message: string) => void = (message) => process.stderr.write(message)) {}

    enable(): void {
        this.enabled = true;
    }

    /** A create of this process returned `id`. */
    noteCreated(id: string): void {
        if (this.enabled) this.created.add(id);
    }

    /** Whether the delete of `id` must be skipped (see above); says why. */
    keepsOnDelete(type: string, id: string): boolean {
        if (!this.enabled || !this.created.has(id)) return false;
        this.warn(
            `${type} ${id}: not deleted: it is also the resource the replacement was answered with (a replacement ` +
                `the provider's diff did not decide, of a resource that is the same again); it is kept and recorded\n`,
        );
        return true;
    }
}

const processGuard = new ReplacementGuard();

export const enableReplacementGuard = (): void => processGuard.enable();
export const noteCreated = (id: string): void => processGuard.noteCreated(id);
export const keepsOnDelete = (type: string, id: string): boolean => processGuard.keepsOnDelete(type, id);
