import { entryModuleName } from "../../provider/entry-names";
import { idDescription } from "../../provider/id-form";
import { DerivedDefault, DocsSection, PropertySpec, ResourceSchema } from "../../provider/schema";
import { firstSentence, sentences, withPeriod } from "./model-docs";
import { isShapeRef, ResolvedType, SchemaType, Structure, TypeResolver } from "./types";

/**
 * One resource as the generated SDK file and the README present it: every property with its types, its
 * documentation (the API model's, the schema's own and its change behaviour) and whether the SDK requires it.
 */

export interface InputModel {
    name: string;
    /** Required in the SDK's Args (a name that defaults to the resource name is not). */
    required: boolean;
    /** Always has a value in the state: required, or filled in by a default. */
    alwaysSet: boolean;
    plain: string;
    input: string;
    schema: SchemaType;
    /** What a change does: "update", "replace" or "state". */
    behaviour: string;
    change: string;
    /** The full documentation, for the doc comment. */
    doc: string;
    /** One or two sentences, for a table cell. */
    summary: string;
    defaultsToResourceName: boolean;
}

export interface OutputModel {
    name: string;
    plain: string;
    schema: SchemaType;
    optional: boolean;
    fromId: boolean;
    doc: string;
}

export interface ResourceModel {
    type: string;
    /** The SDK module, e.g. "channel-flow" for sdk/nodejs/channel-flow.ts. */
    module: string;
    description: string;
    /** The part of docs/resources.md that lists it. */
    section: DocsSection;
    id: string;
    inputs: InputModel[];
    outputs: OutputModel[];
    structures: Structure[];
}

/** The kebab-case module name of a type or function, as its entry module and its SDK file are named. */
export const moduleName = entryModuleName;

/** The change behaviour in words, as the doc comments and tables say it. */
export function changeBehaviour(schema: ResourceSchema, spec: PropertySpec): { sentence: string; short: string } {
    if (spec.change === "update") return { sentence: "Updated in place.", short: "updated in place" };
    if (spec.change === "state") {
        return {
            sentence: "State only, no API call: a change is recorded and used by later calls.",
            short: "state only, no API call",
        };
    }
    const first = schema.deleteBeforeReplace;
    if (first === true) {
        return {
            sentence: "Replaces the resource when changed; deletes before replacing.",
            short: "replaces the resource; deletes before replacing",
        };
    }
    if (typeof first === "function") {
        const when = schema.deleteBeforeReplaceWhen ?? "in some cases";
        return {
            sentence: `Replaces the resource when changed; deletes before replacing ${when}.`,
            short: `replaces the resource; deletes before replacing ${when}`,
        };
    }
    return { sentence: "Replaces the resource when changed.", short: "replaces the resource" };
}

function defaultText(spec: PropertySpec): string | undefined {
    if (spec.defaultsToResourceName) return "Defaults to the resource's logical name.";
    if (spec.default === undefined || spec.default instanceof DerivedDefault) return undefined;
    return `Default: \`${JSON.stringify(spec.default)}\`.`;
}

function resolve(resolver: TypeResolver, schema: ResourceSchema, name: string, spec: PropertySpec): ResolvedType {
    if (spec.shape && spec.type) throw new Error(`${schema.type}.${name}: declare a shape or a type, not both`);
    if (spec.shape) return resolver.fromShape(spec.shape, true);
    if (spec.type) return resolver.fromDeclared(spec.type);
    throw new Error(`${schema.type}.${name} has neither an API shape nor a declared type`);
}

export function resourceModel(schema: ResourceSchema): ResourceModel {
    const docs = schema.docs;
    if (!docs) throw new Error(`${schema.type}: the schema has no docs`);
    const resolver = new TypeResolver(schema);
    const declared = Object.entries(schema.inputs).filter(([, spec]) => !spec.internal);
    const inputs = declared.map(([name, spec]): InputModel => {
        const type = resolve(resolver, schema, name, spec);
        const change = changeBehaviour(schema, spec);
        const constraint = type.constraint ? upperFirstWord(type.constraint) : undefined;
        const ownDoc = spec.doc;
        return {
            name,
            required: spec.required === true && !spec.defaultsToResourceName,
            alwaysSet: spec.required === true || spec.default !== undefined || spec.defaultsToResourceName === true,
            plain: type.plain,
            input: type.input,
            schema: type.schema,
            behaviour: spec.change,
            change: change.short,
            doc: [type.apiDoc, sentences(ownDoc, constraint, defaultText(spec), change.sentence)]
                .filter(Boolean)
                .join("\n\n"),
            summary: sentences(ownDoc ?? firstSentence(type.apiDoc), constraint, defaultText(spec)),
            defaultsToResourceName: spec.defaultsToResourceName === true,
        };
    });
    const declaredOutputs = Object.keys(docs.outputs);
    if (declaredOutputs.join() !== schema.outputs.join()) {
        throw new Error(
            `${schema.type}: docs.outputs (${declaredOutputs.join(", ")}) must be the schema's outputs (${schema.outputs.join(", ")})`,
        );
    }
    const outputs = Object.entries(docs.outputs).map(([name, spec]): OutputModel => {
        const type = isShapeRef(spec.type) ? resolver.fromShape(spec.type, false) : resolver.fromDeclared(spec.type);
        return {
            name,
            plain: type.plain,
            schema: type.schema,
            optional: spec.optional === true,
            fromId: spec.fromId === true,
            doc: withPeriod(spec.doc)!,
        };
    });
    return {
        type: schema.type,
        module: moduleName(schema.type),
        description: docs.description,
        section: docs.section,
        id: idDescription(schema.id),
        inputs,
        outputs,
        structures: [...resolver.structures.values()],
    };
}

const upperFirstWord = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
