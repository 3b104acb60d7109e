/** An API call that failed: says which resource, which call, and what the service said. */
export class ApiCallError extends Error {
    constructor(
        readonly resourceType: string,
        readonly operation: string,
        cause: unknown,
        subject?: string,
    ) {
        const e = cause as { name?: string; message?: string };
        const said = `${e?.name ?? "Error"}: ${e?.message ?? String(cause)}`;
        super(`${resourceType}${subject ? ` ${subject}` : ""}: ${operation} failed: ${said}`, { cause });
        this.name = "ApiCallError";
    }

    /** The service's error name, e.g. NotFoundException. */
    get errorName(): string | undefined {
        return (this.cause as { name?: string })?.name;
    }
}

export function errorName(error: unknown): string | undefined {
    if (error instanceof ApiCallError) return error.errorName;
    return (error as { name?: string })?.name;
}

/** The resource does not exist (any more). */
export function isNotFound(error: unknown): boolean {
    const name = errorName(error);
    return name === "NotFoundException" || name === "ResourceNotFoundException";
}

export function isConflict(error: unknown): boolean {
    const name = errorName(error);
    return name === "ConflictException" || name === "ResourceConflictException";
}

/**
 * A create or update that did part of its work: `properties` hold what exists now. The dynamic-provider host
 * turns an error carrying `id` and `properties` into the engine's ErrorResourceInitFailed, so Pulumi records
 * these properties as the resource's state and reports the error with its `reasons`; the next `pulumi up` sees
 * the difference and carries on from there.
 */
export class PartialFailure extends Error {
    constructor(
        message: string,
        readonly id: string,
        public properties: Record<string, unknown>,
        readonly reasons: string[],
    ) {
        super(message);
        this.name = "PartialFailure";
    }
}
