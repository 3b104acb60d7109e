import type { CreateChannelRequest } from "@aws-sdk/client-chime-sdk-messaging";
import { ServiceName } from "../smithy/model";
import type { IdForm } from "./id-form";

/**
 * Declarative resource schemas, in the spirit of Terraform's ForceNew/Computed and CloudFormation's
 * createOnlyProperties: each input property says how a change to it is carried out, and which API shape it is
 * validated against, so check and diff are generic and no property is ever silently ignored.
 */

/** What a change to an input property does. */
export type ChangeBehaviour =
    /** Updated in place with a real API call (the resource's update does it). */
    | "update"
    /** Forces a replacement: the API cannot change it. */
    | "replace"
    /** Recorded in the state only, with no API call: e.g. the caller identity used for later calls. */
    | "state";

/** `T` is the member's type in the AWS SDK (PascalCase structures); the property holds it in camelCase. */
export interface ShapeRef<T = unknown> {
    service: ServiceName;
    /** A structure and member of the API model whose target shape validates the value, e.g. "CreateChannelRequest$Name". */
    member: string;
    /** The member's type, for the resource files' typed inputs; never set. */
    readonly valueType?: T;
}

/**
 * The members of an API structure, typed by `S`, the AWS SDK's type of it:
 * `members<CreateChannelRequest>("messaging", "CreateChannelRequest")("Name")` validates with the model's shape
 * and reads as a string.
 */
export function members<S>(service: ServiceName, structure: string) {
    return <K extends keyof S & string>(member: K): ShapeRef<S[K]> => ({ service, member: `${structure}$${member}` });
}

export interface PropertySpec<T = unknown> {
    change: ChangeBehaviour;
    required?: boolean;
    /** The API shape that validates the value (in the API's PascalCase form). */
    shape?: ShapeRef;
    /**
     * Filled in by check when the property is absent, so that the service's default never shows up as drift. A
     * `DerivedDefault` computes it from the other inputs (e.g. a name derived from a parent ARN).
     */
    default?: unknown;
    /** Extra rules: returns a reason when the value breaks one. */
    validate?: (value: unknown, inputs: Record<string, unknown>) => string | undefined;
    /**
     * What users need to know beyond the API model's documentation of the shape (rules the provider adds, what a
     * derived default is). The SDK's doc comments and the README's tables are generated from it.
     */
    doc?: string;
    /** The property's type when it has no API shape (tags, flags of the provider itself). */
    type?: DeclaredType;
    /** The value's type when neither `shape` nor `type` says it (a spec made by a shared function); never set. */
    readonly valueType?: T;
    /** The SDK fills it in with the resource's logical name when the program leaves it out. */
    defaultsToResourceName?: boolean;
    /** Set by the SDK's base class (ChimeResource), not by programs: left out of the generated Args and README. */
    internal?: boolean;
    /**
     * The property's value as the resource's state shows it, whether or not the inputs recorded it (the region in
     * an ARN): a new value is compared with it, and leaving the property out is no change, so that a resource made
     * before the property existed, or with it left out, is not replaced.
     */
    currentValue?: (state: Record<string, unknown>) => unknown;
}

/** An input that every resource of the type has: an ARN or id string, required. */
export type RequiredString = PropertySpec<string> & { required: true };

/** A type declared without an API shape: a scalar, a list or a string-keyed map of one. */
export type DeclaredType = "string" | "number" | "boolean" | { list: DeclaredType } | { map: DeclaredType };

/** An output-only property, for the SDK class and the README. */
export interface OutputSpec {
    /** An API member whose shape is the output's type, or a declared type. */
    type: ShapeRef | DeclaredType;
    doc: string;
    /** The value can be absent (e.g. until a refresh fills it in). */
    optional?: boolean;
    /** The SDK takes the value from the resource id, which stays known in previews (see sdk/nodejs/arn-output.ts). */
    fromId?: boolean;
}

/** The outputs of a resource whose id is its ARN and that the service timestamps: `arn`, `createdTimestamp`, `lastUpdatedTimestamp`. */
export function arnAndTimestampOutputs(what: string) {
    return {
        arn: { type: "string", doc: `The ${what} ARN (also the resource id)`, fromId: true },
        createdTimestamp: { type: "string", doc: `When the ${what} was created (ISO 8601)` },
        lastUpdatedTimestamp: { type: "string", doc: `When the ${what} was last updated (ISO 8601)` },
    } satisfies Record<string, OutputSpec>;
}

/** How a member of an API structure differs in the SDK (e.g. optional because the provider fills it in). */
export interface MemberOverride {
    required: boolean;
    doc?: string;
}

/** The part of docs/resources.md whose table lists the resource. */
export type DocsSection = "app-instance" | "channel" | "membership";

/**
 * What the SDK class and the README say about a resource, besides what the inputs declare. `scripts/generate.ts`
 * writes `sdk/nodejs/<type>.ts` and the README's property tables from the schema and the API models' documentation.
 */
export interface ResourceDocs {
    /** The class's documentation. */
    description: string;
    section: DocsSection;
    /** The output-only properties, in the order of `outputs`. */
    outputs: Record<string, OutputSpec>;
    /** The SDK name of each API structure the properties use, by shape name (e.g. `Processor: "ChannelFlowProcessor"`). */
    typeNames?: Record<string, string>;
    /** Members of API structures that the SDK types differently, by `Structure$Member`. */
    members?: Record<string, MemberOverride>;
}

/** A default computed from the other (checked) inputs; runs only when the inputs it reads are known. */
export class DerivedDefault {
    constructor(
        readonly from: string[],
        readonly compute: (inputs: Record<string, unknown>) => unknown,
    ) {}
}

export interface ResourceSchema {
    /** The resource type, as in the SDK class and its type token (e.g. "Channel"). */
    type: string;
    /** What the resource id is made of (see id-form.ts). */
    id: IdForm;
    inputs: Record<string, PropertySpec>;
    /** Output-only properties, filled in by the service. */
    outputs: string[];
    /**
     * Replacements must delete the old resource first (natural keys, one-per-channel rules); a function decides
     * from the recorded state and the new inputs (e.g. only while a caller-chosen id stays the same).
     */
    deleteBeforeReplace?: boolean | ((olds: Record<string, unknown>, news: Record<string, unknown>) => boolean);
    /** When `deleteBeforeReplace` is a function: when it deletes first, in words, for the documentation. */
    deleteBeforeReplaceWhen?: string;
    /**
     * What a delete or a replacement destroys on the service, as a sentence's object ("its messages and
     * memberships"), which the preview report names; null when nothing is lost that a create cannot make again.
     */
    lostWhenRemoved: string | null;
    /** How the SDK and the README present the resource. */
    docs: ResourceDocs;
}

/** `chimeBearer`, the identity a channel resource's calls are made as; `doc` says who may be it for this type. */
export function bearerProperty(doc: string) {
    return {
        change: "state",
        required: true,
        shape: members<CreateChannelRequest>("messaging", "CreateChannelRequest")("ChimeBearer"),
        doc,
    } satisfies PropertySpec;
}

/** A structure of the AWS SDK as a property holds it: every member name camelCased, all the way down. */
export type CamelCased<T> = T extends readonly (infer Item)[]
    ? CamelCased<Item>[]
    : T extends Date
      ? T
      : T extends object
        ? { [K in keyof T as K extends string ? Uncapitalize<K> : K]: CamelCased<T[K]> }
        : T;

type DeclaredValue<D> = D extends "string"
    ? string
    : D extends "number"
      ? number
      : D extends "boolean"
        ? boolean
        : D extends { list: infer Item }
          ? DeclaredValue<Item>[]
          : D extends { map: infer Item }
            ? Record<string, DeclaredValue<Item>>
            : unknown;

/** The TypeScript type of a property's value, from its API shape or its declared type. */
export type ValueOf<P> = P extends { shape: ShapeRef<infer T> }
    ? CamelCased<NonNullable<T>>
    : P extends { type: infer D }
      ? D extends ShapeRef<infer T>
          ? CamelCased<NonNullable<T>>
          : DeclaredValue<D>
      : P extends { valueType?: infer T }
        ? NonNullable<T>
        : unknown;

/** Whether a checked input always has a value: required, or filled in by a default. */
type AlwaysSet<P> = P extends { required: true } ? true : P extends { default: NonNullable<unknown> } ? true : false;

/** A resource's checked inputs, as its create and update receive them, typed from its schema's declarations. */
export type InputsOf<S extends { inputs: Record<string, PropertySpec> }> = {
    [K in keyof S["inputs"]]: AlwaysSet<S["inputs"][K]> extends true
        ? ValueOf<S["inputs"][K]>
        : ValueOf<S["inputs"][K]> | undefined;
};

/** A resource's output-only properties, typed from its schema's documented outputs. */
export type OutputsOf<S extends { docs: { outputs: Record<string, OutputSpec> } }> = {
    [K in keyof S["docs"]["outputs"]]: S["docs"]["outputs"][K] extends { optional: true }
        ? ValueOf<S["docs"]["outputs"][K]> | undefined
        : ValueOf<S["docs"]["outputs"][K]>;
};
