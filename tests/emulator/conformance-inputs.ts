import { MemberRef, OperationInfo, SmithyModel } from "../../smithy/model";
import { lowerFirst, validateShape } from "../../smithy/validate";

/**
 * Builds request inputs for any operation of a model: a valid one (every required member filled with a sample
 * value) and, for every constraint of every member, the valid input with just that member broken.
 */

const APP_INSTANCE = "arn:aws:chime:us-east-1:123456789012:app-instance/00000000-0000-4000-8000-000000000000";

/** Sample values by shape name; each is checked against its shape's length and pattern. */
const STRING_SAMPLES: Record<string, string> = {
    SubChannelId: "subchannel-1",
    CallbackIdType: "00000000-0000-4000-8000-000000000000",
    MessageId: "0".repeat(64),
    NonEmptyContent: "hello",
    Metadata: "metadata",
    PushNotificationTitle: "title",
    PushNotificationBody: "body",
    MessageAttributeName: "attribute",
    MessageAttributeStringValue: "value",
    ContentType: "text/plain",
    NonEmptyResourceName: "sample-name",
    ResourceName: "sample-name",
    ClientRequestToken: "token-0001",
    TagKey: "key",
    TagValue: "value",
    ChannelId: "channel-1",
    LambdaFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:processor",
    NextToken: "token",
    FilterRule: "{}",
    SearchFieldValue: "value",
    LexBotAliasArn: "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST",
    String: "string",
    LexIntentName: "Intent",
    UserId: "user-1",
    UserName: "user name",
    String64: "value",
    String1600: "value",
    SensitiveString1600: "value",
    NonEmptySensitiveString1600: "value",
};

/** A well-formed ARN of the kind the member names, of a resource that does not exist. */
function arnFor(memberName: string): string {
    if (/ChannelFlow/.test(memberName)) return `${APP_INSTANCE}/channel-flow/0000`;
    if (/Channel(Arn)?$/.test(memberName)) return `${APP_INSTANCE}/channel/0000`;
    if (/^AppInstanceArn$/.test(memberName)) return APP_INSTANCE;
    if (/Bot/.test(memberName)) return `${APP_INSTANCE}/bot/nobody`;
    return `${APP_INSTANCE}/user/nobody`;
}

const ARN_SHAPES = new Set(["ChimeArn", "SensitiveChimeArn"]);

/** Values that break a pattern, tried in order (the first that still has a valid length is used). */
const PATTERN_BREAKERS = ["not an arn", "a b", " ", "-", "1", "\u0000"];

export interface Break {
    /** The member's path as the service names it in messages (camelCase, `[0]` for list items). */
    path: string;
    /** What was broken, e.g. "missing", "length 0 < 1". */
    rule: string;
    /** The member that carries the broken value is an idempotency token, which the SDK fills in when missing. */
    idempotencyToken: boolean;
    input: Record<string, unknown>;
}

type Wrap = (value: unknown) => unknown;
const REMOVE = Symbol("remove");

interface Length {
    min?: number;
    max?: number;
}

export class InputBuilder {
    constructor(readonly model: SmithyModel) {}

    private short(shapeId: string): string {
        return shapeId.split("#")[1] ?? shapeId;
    }

    /** A valid value of a shape: structures get their required members only, lists and maps their minimum. */
    sample(shapeId: string, memberName = ""): unknown {
        const shape = this.model.shape(shapeId);
        const traits = shape.traits ?? {};
        const length = traits["smithy.api#length"] as Length | undefined;
        switch (shape.type) {
            case "string": {
                const name = this.short(shapeId);
                if (ARN_SHAPES.has(name)) return arnFor(memberName);
                const sample = STRING_SAMPLES[name];
                if (sample === undefined) throw new Error(`no sample value for the string shape ${name}; add one`);
                return sample;
            }
            case "enum":
                return this.enumValues(shapeId)[0];
            case "integer":
            case "long": {
                const range = traits["smithy.api#range"] as Length | undefined;
                return range?.min ?? 1;
            }
            case "boolean":
                return false;
            case "timestamp":
                return new Date(Date.UTC(2024, 0, 1));
            case "list":
                return Array.from({ length: Math.max(1, length?.min ?? 1) }, () =>
                    this.sample(shape.member!.target, memberName),
                );
            case "map": {
                const key = this.sample(shape.key!.target) as string;
                return { [key]: this.sample(shape.value!.target, memberName) };
            }
            case "structure": {
                const out: Record<string, unknown> = {};
                for (const [name, member] of Object.entries(shape.members ?? {})) {
                    if (isRequired(member)) out[name] = this.sample(member.target, name);
                }
                return out;
            }
            default:
                throw new Error(`no sample for the ${shape.type} shape ${shapeId}`);
        }
    }

    enumValues(shapeId: string): string[] {
        return Object.values(this.model.shape(shapeId).members ?? {}).map(
            (m) => m.traits?.["smithy.api#enumValue"] as string,
        );
    }

    /** Every string sample used for the operations, with what is wrong with it (nothing, when valid). */
    checkSamples(): string[] {
        const problems: string[] = [];
        for (const [name, value] of Object.entries(STRING_SAMPLES)) {
            const id = this.model.shapeId(name);
            if (!this.model.shapes[id]) continue;
            for (const v of validateShape(this.model, id, value, name)) problems.push(`${name}: ${v.path} ${v.rule}`);
        }
        for (const member of ["ChannelArn", "ChannelFlowArn", "AppInstanceArn", "AppInstanceBotArn", "MemberArn"]) {
            const id = this.model.shapeId("ChimeArn");
            for (const v of validateShape(this.model, id, arnFor(member), member))
                problems.push(`${member}: ${v.rule}`);
        }
        return problems;
    }

    validInput(op: OperationInfo): Record<string, unknown> {
        return op.inputShape ? (this.sample(op.inputShape) as Record<string, unknown>) : {};
    }

    /** The valid input with one member broken, for every constraint of every member (nested ones too). */
    breaks(op: OperationInfo): Break[] {
        if (!op.inputShape) return [];
        const base = this.validInput(op);
        const out: Break[] = [];
        this.collectStructure(op.inputShape, base, (v) => v, "", out, 0);
        return out;
    }

    private collectStructure(
        structureId: string,
        value: Record<string, unknown>,
        wrap: Wrap,
        prefix: string,
        out: Break[],
        depth: number,
    ): void {
        for (const [name, member] of Object.entries(this.model.shape(structureId).members ?? {})) {
            const path = prefix ? `${prefix}.${lowerFirst(name)}` : lowerFirst(name);
            const memberWrap: Wrap = (v) => {
                const copy = { ...value };
                if (v === REMOVE) delete copy[name];
                else copy[name] = v;
                return wrap(copy);
            };
            const token = member.traits?.["smithy.api#idempotencyToken"] !== undefined;
            if (isRequired(member)) {
                out.push({
                    path,
                    rule: "missing",
                    idempotencyToken: token,
                    input: memberWrap(REMOVE) as Record<string, unknown>,
                });
            }
            const current = value[name] ?? this.sample(member.target, name);
            this.collectValue(member.target, name, current, memberWrap, path, out, depth, token);
        }
    }

    private collectValue(
        shapeId: string,
        memberName: string,
        current: unknown,
        wrap: Wrap,
        path: string,
        out: Break[],
        depth: number,
        token = false,
    ): void {
        for (const [rule, broken] of this.brokenValues(shapeId, memberName)) {
            out.push({ path, rule, idempotencyToken: token, input: wrap(broken) as Record<string, unknown> });
        }
        if (depth >= 4) return;
        const shape = this.model.shape(shapeId);
        if (shape.type === "structure") {
            this.collectStructure(shapeId, current as Record<string, unknown>, wrap, path, out, depth + 1);
        } else if (shape.type === "list") {
            const items = current as unknown[];
            const itemWrap: Wrap = (v) => wrap([v, ...items.slice(1)]);
            this.collectValue(shape.member!.target, memberName, items[0], itemWrap, `${path}[0]`, out, depth + 1);
        } else if (shape.type === "map") {
            const entries = current as Record<string, unknown>;
            const [key] = Object.keys(entries);
            for (const [rule, brokenKey] of this.brokenValues(shape.key!.target, "")) {
                const copy: Record<string, unknown> = { [brokenKey as string]: entries[key] };
                out.push({
                    path: `${path}.${brokenKey}(key)`,
                    rule: `key ${rule}`,
                    idempotencyToken: false,
                    input: wrap(copy) as Record<string, unknown>,
                });
            }
            const valueWrap: Wrap = (v) => wrap({ ...entries, [key]: v });
            this.collectValue(
                shape.value!.target,
                memberName,
                entries[key],
                valueWrap,
                `${path}.${key}`,
                out,
                depth + 1,
            );
        }
    }

    /** Values of a shape that break one of its own constraints (length, pattern, range, enum), with the rule. */
    brokenValues(shapeId: string, memberName: string): [string, unknown][] {
        const shape = this.model.shape(shapeId);
        const traits = shape.traits ?? {};
        const length = traits["smithy.api#length"] as Length | undefined;
        const out: [string, unknown][] = [];
        switch (shape.type) {
            case "string": {
                const sample = this.sample(shapeId, memberName) as string;
                if (length?.min !== undefined && length.min > 0) {
                    out.push([`length ${length.min - 1} < ${length.min}`, "a".repeat(length.min - 1)]);
                }
                if (length?.max !== undefined) {
                    const tooLong = (sample + "a".repeat(length.max)).slice(0, length.max + 1);
                    out.push([`length ${length.max + 1} > ${length.max}`, tooLong]);
                }
                const pattern = this.model.pattern(shapeId);
                if (pattern) {
                    const fits = (s: string) =>
                        (length?.min === undefined || [...s].length >= length.min) &&
                        (length?.max === undefined || [...s].length <= length.max);
                    const breaker = PATTERN_BREAKERS.find((s) => fits(s) && !pattern.test(s));
                    if (breaker !== undefined) out.push([`pattern ${traits["smithy.api#pattern"]}`, breaker]);
                }
                break;
            }
            case "enum":
                out.push(["enum", "NOT_A_VALUE"]);
                break;
            case "integer":
            case "long": {
                const range = traits["smithy.api#range"] as Length | undefined;
                if (range?.min !== undefined) out.push([`range ${range.min - 1} < ${range.min}`, range.min - 1]);
                if (range?.max !== undefined) out.push([`range ${range.max + 1} > ${range.max}`, range.max + 1]);
                break;
            }
            case "list": {
                const item = this.sample(shape.member!.target, memberName);
                if (length?.min !== undefined && length.min > 0) {
                    out.push([
                        `${length.min - 1} items < ${length.min}`,
                        Array.from({ length: length.min - 1 }, () => item),
                    ]);
                }
                if (length?.max !== undefined) {
                    out.push([
                        `${length.max + 1} items > ${length.max}`,
                        Array.from({ length: length.max + 1 }, () => item),
                    ]);
                }
                break;
            }
            case "map": {
                const value = this.sample(shape.value!.target, memberName);
                const entries = (n: number) =>
                    Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, value]));
                if (length?.min !== undefined && length.min > 0)
                    out.push([`${length.min - 1} entries`, entries(length.min - 1)]);
                if (length?.max !== undefined) out.push([`${length.max + 1} entries`, entries(length.max + 1)]);
                break;
            }
            default:
                break;
        }
        return out;
    }
}

function isRequired(member: MemberRef): boolean {
    return member.traits?.["smithy.api#required"] !== undefined;
}
