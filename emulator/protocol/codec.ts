import { IncomingHttpHeaders } from "http";
import { MemberRef, OperationInfo, ServiceName, SmithyModel } from "../../smithy/model";
import { describeViolation, validateMembers, Violation } from "../../smithy/validate";
import { badRequest, ServiceError } from "./errors";

/**
 * restJson1 as the AWS SDKs speak it, driven by the model's http bindings. Inside the emulator every timestamp is
 * epoch milliseconds; on the wire, body timestamps are epoch seconds (fractions allowed) and query timestamps
 * ISO 8601 date-times.
 */

export interface RawRequest {
    labels: Record<string, string>;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    body: Buffer;
}

const trait = (member: MemberRef, name: string) => member.traits?.[`smithy.api#${name}`];

export function decodeInput(model: SmithyModel, op: OperationInfo, request: RawRequest): Record<string, unknown> {
    if (!op.inputShape) return {};
    const shape = model.shape(op.inputShape);
    const members = shape.members ?? {};
    const input: Record<string, unknown> = {};
    let body: Record<string, unknown> | undefined;
    for (const [name, member] of Object.entries(members)) {
        const label = trait(member, "httpLabel");
        const queryName = trait(member, "httpQuery") as string | undefined;
        const headerName = trait(member, "httpHeader") as string | undefined;
        if (label !== undefined) {
            input[name] = request.labels[name];
        } else if (queryName !== undefined) {
            const target = model.shape(member.target);
            if (target.type === "list") {
                const values = request.query.getAll(queryName);
                if (values.length > 0) input[name] = values;
            } else {
                const raw = request.query.get(queryName);
                if (raw !== null) input[name] = parseScalar(model, member.target, raw, queryName, "query");
            }
        } else if (headerName !== undefined) {
            const raw = request.headers[headerName.toLowerCase()];
            if (raw !== undefined) {
                const text = Array.isArray(raw) ? raw.join(",") : raw;
                input[name] = parseScalar(model, member.target, text, headerName, "header");
            }
        } else {
            body ??= parseBody(request.body);
            if (body[name] !== undefined && body[name] !== null) {
                input[name] = fromWire(model, member.target, body[name]);
            }
        }
    }
    return input;
}

/** Throws BadRequestException listing every broken constraint of the decoded input. */
export function validateInput(model: SmithyModel, op: OperationInfo, input: Record<string, unknown>): void {
    if (!op.inputShape) return;
    const violations = validateMembers(model, op.inputShape, input, "");
    if (violations.length > 0) throw validationError(violations, model.service);
}

/** BadRequestException for the Chime services; Lambda answers broken constraints with ValidationException. */
export function validationError(violations: Violation[], service?: ServiceName): Error {
    const count = violations.length;
    const list = violations.map((v) => describeViolation(v)).join("; ");
    const message = `${count} validation error${count === 1 ? "" : "s"} detected: ${list}`;
    return service === "lambda" ? new ServiceError("ValidationException", message, 400) : badRequest(message);
}

function parseBody(body: Buffer): Record<string, unknown> {
    if (body.length === 0) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(body.toString("utf8"));
    } catch {
        throw badRequest("The request body is not valid JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw badRequest("The request body must be a JSON object.");
    }
    return parsed as Record<string, unknown>;
}

function parseScalar(model: SmithyModel, target: string, raw: string, where: string, kind: string): unknown {
    const type = model.shape(target).type;
    switch (type) {
        case "integer":
        case "long": {
            const n = Number(raw);
            if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n)) {
                throw badRequest(`The ${kind} parameter ${where} must be an integer (got ${JSON.stringify(raw)}).`);
            }
            return n;
        }
        case "boolean":
            if (raw !== "true" && raw !== "false") {
                throw badRequest(`The ${kind} parameter ${where} must be true or false (got ${JSON.stringify(raw)}).`);
            }
            return raw === "true";
        case "timestamp": {
            const ms = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
            if (!Number.isFinite(ms)) {
                throw badRequest(`The ${kind} parameter ${where} must be a date-time (got ${JSON.stringify(raw)}).`);
            }
            return ms;
        }
        default:
            return raw;
    }
}

/** Converts a JSON body value to the emulator's form (timestamps: seconds -> milliseconds). */
function fromWire(model: SmithyModel, target: string, value: unknown): unknown {
    const shape = model.shape(target);
    switch (shape.type) {
        case "timestamp":
            return typeof value === "number" ? Math.round(value * 1000) : value;
        case "list":
            return Array.isArray(value) ? value.map((v) => fromWire(model, shape.member!.target, v)) : value;
        case "map":
            if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
            return Object.fromEntries(
                Object.entries(value).map(([k, v]) => [k, fromWire(model, shape.value!.target, v)]),
            );
        case "structure": {
            if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
            const out: Record<string, unknown> = {};
            const members = shape.members ?? {};
            for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
                if (v === null || v === undefined) continue;
                out[k] = members[k] ? fromWire(model, members[k].target, v) : v;
            }
            return out;
        }
        default:
            return value;
    }
}

/**
 * How to write one shape to the wire, worked out once per shape: the encoder runs for every answer, and walking the
 * model each time (member lists, trait lookups) showed up in profiles.
 */
type WirePlan =
    | { kind: "plain" }
    | { kind: "timestamp" }
    | { kind: "list"; item: string }
    | { kind: "map"; value: string }
    | { kind: "structure"; members: { name: string; target: string; plain: boolean }[] };

const NESTED_TYPES = new Set(["timestamp", "list", "map", "structure"]);
const wirePlans = new WeakMap<SmithyModel, Map<string, WirePlan>>();

function wirePlan(model: SmithyModel, target: string): WirePlan {
    let plans = wirePlans.get(model);
    if (!plans) {
        plans = new Map();
        wirePlans.set(model, plans);
    }
    let plan = plans.get(target);
    if (!plan) {
        const shape = model.shape(target);
        switch (shape.type) {
            case "timestamp":
                plan = { kind: "timestamp" };
                break;
            case "list":
                plan = { kind: "list", item: shape.member!.target };
                break;
            case "map":
                plan = { kind: "map", value: shape.value!.target };
                break;
            case "structure":
                plan = {
                    kind: "structure",
                    members: Object.entries(shape.members ?? {}).map(([name, member]) => ({
                        name,
                        target: member.target,
                        plain: !NESTED_TYPES.has(model.shape(member.target).type),
                    })),
                };
                break;
            default:
                plan = { kind: "plain" };
        }
        plans.set(target, plan);
    }
    return plan;
}

/** Converts an emulator value to its JSON form (timestamps: milliseconds -> seconds), dropping unknown members. */
function toWire(model: SmithyModel, target: string, value: unknown): unknown {
    if (value === undefined || value === null) return undefined;
    const plan = wirePlan(model, target);
    switch (plan.kind) {
        case "plain":
            return value;
        case "timestamp":
            return typeof value === "number" ? value / 1000 : value;
        case "list": {
            if (!Array.isArray(value)) return undefined;
            const out = new Array<unknown>(value.length);
            for (let i = 0; i < value.length; i++) out[i] = toWire(model, plan.item, value[i]);
            return out;
        }
        case "map": {
            const out: Record<string, unknown> = {};
            for (const key of Object.keys(value as object)) {
                out[key] = toWire(model, plan.value, (value as Record<string, unknown>)[key]);
            }
            return out;
        }
        case "structure": {
            const out: Record<string, unknown> = {};
            const record = value as Record<string, unknown>;
            for (const member of plan.members) {
                const raw = record[member.name];
                if (raw === undefined || raw === null) continue;
                out[member.name] = member.plain ? raw : toWire(model, member.target, raw);
            }
            return out;
        }
    }
}

export interface EncodedOutput {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export function encodeOutput(model: SmithyModel, op: OperationInfo, output: unknown): EncodedOutput {
    const headers: Record<string, string> = {};
    if (!op.outputShape || output === undefined || output === null) {
        return { status: op.http.code, headers, body: "" };
    }
    const shape = model.shape(op.outputShape);
    const body: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(shape.members ?? {})) {
        const value = (output as Record<string, unknown>)[name];
        if (value === undefined || value === null) continue;
        const headerName = trait(member, "httpHeader") as string | undefined;
        if (headerName !== undefined) headers[headerName.toLowerCase()] = String(value);
        else body[name] = toWire(model, member.target, value);
    }
    headers["content-type"] = "application/json";
    return { status: op.http.code, headers, body: JSON.stringify(body) };
}
