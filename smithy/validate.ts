import { LengthTrait, MemberRef, RangeTrait, SmithyModel } from "./model";

/** One broken constraint: where (a dotted path of camelCase member names), which rule, and the offending value. */
export interface Violation {
    path: string;
    rule: string;
    value: unknown;
    sensitive: boolean;
}

export interface ValidateOptions {
    /** Skip members bound to HTTP labels, queries or headers (the provider validates body-like inputs only). */
    skipMember?: (member: MemberRef, name: string) => boolean;
    /** Values that are not yet known (Pulumi previews) pass every check. */
    isUnknown?: (value: unknown) => boolean;
}

export function lowerFirst(name: string): string {
    return name.charAt(0).toLowerCase() + name.slice(1);
}

function codePointLength(s: string): number {
    let n = 0;
    for (const _ of s) n++;
    return n;
}

function lengthRule(t: LengthTrait, unit: string): string {
    if (t.min !== undefined && t.max !== undefined) return `length between ${t.min} and ${t.max} ${unit}`;
    if (t.min !== undefined) return `length of at least ${t.min} ${unit}`;
    return `length of at most ${t.max} ${unit}`;
}

function rangeRule(t: RangeTrait): string {
    if (t.min !== undefined && t.max !== undefined) return `a value between ${t.min} and ${t.max}`;
    if (t.min !== undefined) return `a value of at least ${t.min}`;
    return `a value of at most ${t.max}`;
}

function outside(n: number, t: { min?: number; max?: number }): boolean {
    return (t.min !== undefined && n < t.min) || (t.max !== undefined && n > t.max);
}

/** Walks a value against a shape and collects every broken constraint (types, required, length, range, pattern, enum). */
export function validateShape(
    model: SmithyModel,
    shapeId: string,
    value: unknown,
    path: string,
    options: ValidateOptions = {},
    out: Violation[] = [],
): Violation[] {
    if (value === undefined || value === null) return out;
    if (options.isUnknown?.(value)) return out;
    const shape = model.shape(shapeId);
    const traits = shape.traits ?? {};
    const sensitive = traits["smithy.api#sensitive"] !== undefined;
    const fail = (rule: string) => out.push({ path, rule, value, sensitive });
    const length = traits["smithy.api#length"] as LengthTrait | undefined;
    switch (shape.type) {
        case "string": {
            if (typeof value !== "string") return (fail("must be a string"), out);
            if (length && outside(codePointLength(value), length))
                fail(`must have ${lengthRule(length, "characters")}`);
            const pattern = model.pattern(shapeId);
            if (pattern && !pattern.test(value)) fail(`must match the pattern ${traits["smithy.api#pattern"]}`);
            break;
        }
        case "enum": {
            const allowed = Object.values(shape.members ?? {}).map((m) => m.traits?.["smithy.api#enumValue"] as string);
            if (typeof value !== "string" || !allowed.includes(value)) fail(`must be one of ${allowed.join(", ")}`);
            break;
        }
        case "integer":
        case "long": {
            if (typeof value !== "number" || !Number.isInteger(value)) return (fail("must be an integer"), out);
            const range = traits["smithy.api#range"] as RangeTrait | undefined;
            if (range && outside(value, range)) fail(`must be ${rangeRule(range)}`);
            break;
        }
        case "boolean":
            if (typeof value !== "boolean") fail("must be a boolean");
            break;
        case "timestamp":
            if (typeof value !== "number" || !Number.isFinite(value)) fail("must be a timestamp");
            break;
        case "list": {
            if (!Array.isArray(value)) return (fail("must be a list"), out);
            if (length && outside(value.length, length)) fail(`must have ${lengthRule(length, "items")}`);
            value.forEach((item, i) => validateShape(model, shape.member!.target, item, `${path}[${i}]`, options, out));
            break;
        }
        case "map": {
            if (typeof value !== "object" || Array.isArray(value)) return (fail("must be a map"), out);
            const entries = Object.entries(value as Record<string, unknown>);
            if (length && outside(entries.length, length)) fail(`must have ${lengthRule(length, "entries")}`);
            for (const [k, v] of entries) {
                validateShape(model, shape.key!.target, k, `${path}.${k}(key)`, options, out);
                validateShape(model, shape.value!.target, v, `${path}.${k}`, options, out);
            }
            break;
        }
        case "structure": {
            if (typeof value !== "object" || Array.isArray(value)) return (fail("must be an object"), out);
            validateMembers(model, shapeId, value as Record<string, unknown>, path, options, out);
            break;
        }
        default:
            break;
    }
    return out;
}

/** Validates the members of a structure value, including required members that are missing. */
export function validateMembers(
    model: SmithyModel,
    structureId: string,
    value: Record<string, unknown>,
    path: string,
    options: ValidateOptions = {},
    out: Violation[] = [],
): Violation[] {
    const shape = model.shape(structureId);
    for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (options.skipMember?.(member, name)) continue;
        const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        const memberValue = value[name];
        if (memberValue === undefined || memberValue === null) {
            if (member.traits?.["smithy.api#required"] !== undefined) {
                out.push({ path: memberPath, rule: "is required", value: undefined, sensitive: false });
            }
            continue;
        }
        validateShape(model, member.target, memberValue, memberPath, options, out);
    }
    return out;
}

/** A one-line description of a violation: "name must have length between 1 and 256 characters (got "")". */
export function describeViolation(v: Violation): string {
    if (v.value === undefined) return `${v.path} ${v.rule}`;
    return `${v.path} ${v.rule} (got ${v.sensitive ? "a sensitive value" : showValue(v.value)})`;
}

export function showValue(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
