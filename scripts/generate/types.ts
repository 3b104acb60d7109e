import { lowerFirst } from "../../provider/casing";
import { DeclaredType, MemberOverride, ResourceSchema, ShapeRef } from "../../provider/schema";
import { loadModel, SmithyModel } from "../../smithy/model";
import { typeToken } from "../../provider/serving/native/tokens";
import { constraintText, memberDocumentation, sentences, shapeDocumentation } from "./model-docs";

/**
 * Types from API shapes, in two renderings of one walk: TypeScript (each API structure becomes a plain interface,
 * what outputs hold, and an `...Args` interface that takes `pulumi.Input` at every level, what programs pass, as
 * Pulumi's own SDKs do) and the Pulumi package schema's type specs (the structure becomes an object type).
 */

/** A type as the Pulumi package schema spells it (a structure: a `$ref` to its object type, and its name). */
export type SchemaType =
    | { type: "string" | "integer" | "number" | "boolean" }
    | { type: "array"; items: SchemaType }
    | { type: "object"; additionalProperties: SchemaType }
    | { $ref: string; structure: string };

export interface StructureMember {
    name: string;
    required: boolean;
    doc: string;
    plain: string;
    input: string;
    schema: SchemaType;
}

export interface Structure {
    name: string;
    shapeId: string;
    doc: string;
    members: StructureMember[];
    /** Reached from an input: it gets an `...Args` twin too. */
    usedAsInput: boolean;
}

/** A property's type, resolved: its plain and input type text, its API documentation and constraints. */
export interface ResolvedType {
    plain: string;
    input: string;
    schema: SchemaType;
    apiDoc: string;
    constraint?: string;
}

const INTEGER_TYPES = new Set(["integer", "long", "short", "byte", "bigInteger"]);
const NUMBER_TYPES = new Set([...INTEGER_TYPES, "float", "double", "bigDecimal"]);

const inputOf = (type: string) => `pulumi.Input<${type}>`;
const listOf = (type: string) => (/[|&]/.test(type) ? `(${type})[]` : `${type}[]`);

export class TypeResolver {
    /** The structures this resource's properties use, in the order first reached. */
    readonly structures = new Map<string, Structure>();

    constructor(private readonly schema: ResourceSchema) {}

    private get typeNames(): Record<string, string> {
        return this.schema.docs?.typeNames ?? {};
    }

    private get overrides(): Record<string, MemberOverride> {
        return this.schema.docs?.members ?? {};
    }

    /** The member of an API structure named by a schema's `shape`. */
    member(ref: ShapeRef): { model: SmithyModel; target: string; doc: string } {
        const model = loadModel(ref.service);
        const [structure, memberName] = ref.member.split("$");
        const member = model.shape(model.shapeId(structure)).members?.[memberName];
        if (!member) throw new Error(`${this.schema.type}: the API model has no member ${ref.member}`);
        return { model, target: member.target, doc: memberDocumentation(model, member.traits, member.target) };
    }

    fromShape(ref: ShapeRef, asInput: boolean): ResolvedType {
        const { model, target, doc } = this.member(ref);
        return {
            plain: this.plainType(model, target),
            input: asInput ? this.inputType(model, target) : "",
            schema: this.schemaType(model, target),
            apiDoc: doc,
            constraint: constraintText(model, target),
        };
    }

    fromDeclared(type: DeclaredType): ResolvedType {
        return { plain: declaredPlain(type), input: declaredInput(type), schema: declaredSchema(type), apiDoc: "" };
    }

    private schemaType(model: SmithyModel, target: string): SchemaType {
        const shape = model.shape(target);
        if (shape.type === "list") return { type: "array", items: this.schemaType(model, shape.member!.target) };
        if (shape.type === "map") {
            return { type: "object", additionalProperties: this.schemaType(model, shape.value!.target) };
        }
        if (shape.type === "structure") {
            const name = this.structure(model, target, false).name;
            return { $ref: `#/types/${typeToken(name)}`, structure: name };
        }
        if (shape.type === "boolean") return { type: "boolean" };
        if (INTEGER_TYPES.has(shape.type)) return { type: "integer" };
        if (NUMBER_TYPES.has(shape.type)) return { type: "number" };
        return { type: "string" };
    }

    private plainType(model: SmithyModel, target: string): string {
        const shape = model.shape(target);
        if (shape.type === "enum") return enumUnion(shape.members ?? {});
        if (shape.type === "string" || shape.type === "timestamp" || shape.type === "blob") return "string";
        if (shape.type === "boolean") return "boolean";
        if (NUMBER_TYPES.has(shape.type)) return "number";
        if (shape.type === "list") return listOf(this.plainType(model, shape.member!.target));
        if (shape.type === "map") return `Record<string, ${this.plainType(model, shape.value!.target)}>`;
        if (shape.type === "structure") return this.structure(model, target, false).name;
        throw new Error(`${this.schema.type}: no TypeScript type for the ${shape.type} shape ${target}`);
    }

    private inputType(model: SmithyModel, target: string): string {
        const shape = model.shape(target);
        if (shape.type === "list") return `${inputOf(this.inputType(model, shape.member!.target))}[]`;
        if (shape.type === "map") return `Record<string, ${inputOf(this.inputType(model, shape.value!.target))}>`;
        if (shape.type === "structure") return `${this.structure(model, target, true).name}Args`;
        return this.plainType(model, target);
    }

    private structure(model: SmithyModel, shapeId: string, asInput: boolean): Structure {
        const known = this.structures.get(shapeId);
        if (known) {
            if (asInput && !known.usedAsInput) this.markInput(model, known);
            return known;
        }
        const shapeName = shapeId.split("#")[1];
        const name = this.typeNames[shapeName];
        if (!name) throw new Error(`${this.schema.type}: docs.typeNames must name the API structure ${shapeName}`);
        const structure: Structure = {
            name,
            shapeId,
            doc: shapeDocumentation(model, shapeId),
            members: [],
            usedAsInput: asInput,
        };
        this.structures.set(shapeId, structure);
        for (const [memberName, member] of Object.entries(model.shape(shapeId).members ?? {})) {
            const override = this.overrides[`${shapeName}$${memberName}`];
            const constraint = constraintText(model, member.target);
            const apiDoc = memberDocumentation(model, member.traits, member.target);
            const doc = [
                apiDoc,
                sentences(override?.doc, constraint && constraint.charAt(0).toUpperCase() + constraint.slice(1)),
            ];
            structure.members.push({
                name: lowerFirst(memberName),
                required: override?.required ?? member.traits?.["smithy.api#required"] !== undefined,
                doc: doc.filter(Boolean).join(" "),
                plain: this.plainType(model, member.target),
                input: asInput ? this.inputType(model, member.target) : "",
                schema: this.schemaType(model, member.target),
            });
        }
        return structure;
    }

    private markInput(model: SmithyModel, structure: Structure): void {
        structure.usedAsInput = true;
        const members = model.shape(structure.shapeId).members ?? {};
        for (const member of structure.members) {
            const apiMember = Object.entries(members).find(([n]) => lowerFirst(n) === member.name)![1];
            member.input = this.inputType(model, apiMember.target);
        }
    }
}

function enumUnion(members: Record<string, { traits?: Record<string, unknown> }>): string {
    return Object.entries(members)
        .map(([name, m]) => JSON.stringify((m.traits?.["smithy.api#enumValue"] as string | undefined) ?? name))
        .join(" | ");
}

function declaredPlain(type: DeclaredType): string {
    if (typeof type === "string") return type;
    if ("list" in type) return listOf(declaredPlain(type.list));
    return `Record<string, ${declaredPlain(type.map)}>`;
}

function declaredInput(type: DeclaredType): string {
    if (typeof type === "string") return type;
    if ("list" in type) return `${inputOf(declaredInput(type.list))}[]`;
    return `Record<string, ${inputOf(declaredInput(type.map))}>`;
}

function declaredSchema(type: DeclaredType): SchemaType {
    if (type === "number") return { type: "number" };
    if (typeof type === "string") return { type };
    if ("list" in type) return { type: "array", items: declaredSchema(type.list) };
    return { type: "object", additionalProperties: declaredSchema(type.map) };
}

export const isShapeRef = (type: ShapeRef | DeclaredType): type is ShapeRef =>
    typeof type === "object" && "member" in type && "service" in type;
