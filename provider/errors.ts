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
