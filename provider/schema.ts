import { ServiceName } from "../smithy/model";

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

export interface ShapeRef {
    service: ServiceName;
    /** A structure and member of the API model whose target shape validates the value, e.g. "CreateChannelRequest$Name". */
    member: string;
}

export interface PropertySpec {
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
    inputs: Record<string, PropertySpec>;
    /** Output-only properties, filled in by the service. */
    outputs: string[];
    /**
     * Replacements must delete the old resource first (natural keys, one-per-channel rules); a function decides
     * from the recorded state and the new inputs (e.g. only while a caller-chosen id stays the same).
     */
    deleteBeforeReplace?: boolean | ((olds: Record<string, unknown>, news: Record<string, unknown>) => boolean);
}

export const bearerProperty: PropertySpec = {
    change: "state",
    required: true,
    shape: { service: "messaging", member: "CreateChannelRequest$ChimeBearer" },
};
