/**
 * Resource properties are the API's member names in camelCase; the API speaks PascalCase. These convert nested
 * structures (not maps such as tags, whose keys are data).
 */
function convertKeys(value: unknown, convert: (key: string) => string): unknown {
    if (Array.isArray(value)) return value.map((v) => convertKeys(v, convert));
    if (value && typeof value === "object" && !(value instanceof Date)) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(([k, v]) => [convert(k), convertKeys(v, convert)]),
        );
    }
    return value;
}

export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function toApiCase<T = unknown>(value: unknown): T {
    return convertKeys(value, upperFirst) as T;
}

export function fromApiCase<T = unknown>(value: unknown): T {
    return convertKeys(value, lowerFirst) as T;
}

/** Structural equality where an absent member, undefined and null are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === undefined || a === null) return b === undefined || b === null;
    if (b === undefined || b === null) return false;
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
    }
    if (typeof a === "object" && typeof b === "object") {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    }
    return a === b;
}
