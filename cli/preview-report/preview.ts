import { isDeepStrictEqual } from "util";

/**
 * The changes in the JSON that `pulumi preview --json` prints: one per resource step other than "same". The native
 * plugin answers a detailedDiff: the changed properties and which of them force the replacement are taken from it.
 * The dynamic providers return none, and Pulumi leaves diffReasons out for them: there the changed properties come
 * from the step's old and new inputs, with the replaceReasons.
 */

/** What the preview shows for a value it cannot know yet (Pulumi's unknown-value sentinel). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Operation = "create" | "update" | "replace" | "delete" | "import" | "read" | "refresh" | string;

export interface Change {
    urn: string;
    /** The logical name. */
    name: string;
    /** The type token, e.g. "pulumi-nodejs:dynamic/chime:Channel" or "chime-messaging:index:Channel". */
    type: string;
    /** The resource type of this package (e.g. "Channel"), if it is one. */
    chimeType?: string;
    operation: Operation;
    /** The input properties that change, in order. */
    properties: string[];
    /** The properties that force a replacement. */
    replaceReasons: string[];
    oldInputs: Record<string, unknown>;
    newInputs: Record<string, unknown>;
    /** The resource's ARN (or id) before the change, when it existed. */
    oldArn?: string;
    /** What it hangs from: its app instance, channel or flow, by URN where the state says so, else by ARN. */
    parents: ParentLink[];
}

/** The inputs that name what a resource hangs from. */
export const PARENT_PROPERTIES = ["appInstanceArn", "channelArn", "channelFlowArn"] as const;

export interface ParentLink {
    property: (typeof PARENT_PROPERTIES)[number];
    urn?: string;
    arn?: string;
}

interface StepState {
    type?: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    propertyDependencies?: Record<string, string[]>;
}

interface Step {
    op?: string;
    urn?: string;
    oldState?: StepState | null;
    newState?: StepState | null;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, { kind?: string }> | null;
}

export interface Preview {
    changes: Change[];
    /** Resources left as they are. */
    unchanged: number;
}

/** A replacement can also show as its two halves; the report shows it once, as a replace. */
const REPLACEMENT_HALVES: Record<string, Operation> = {
    "create-replacement": "replace",
    "delete-replaced": "replace",
    "discard-replaced": "replace",
    replace: "replace",
};

const INTERNAL_PROPERTY = /^__/;

/** The logical name in a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** The type token in a URN: the resource's own, after its parents' (`<parent type>$<type>`). */
export const typeOfUrn = (urn: string) => (urn.split("::")[2] ?? "").split("$").pop()!;

/** This package's resource type (e.g. "Channel") of a type token of either serving. */
export function chimeTypeOf(type: string): string | undefined {
    return /(?:^|[/:])chime:([A-Za-z]+)$/.exec(type)?.[1] ?? /^chime-messaging:index:([A-Za-z]+)$/.exec(type)?.[1];
}

/** The changed properties and the ones that force a replacement, from the provider's detailedDiff when it has one. */
function changedProperties(step: Step): { properties: string[]; replaceReasons: string[] } {
    const detailed = step.detailedDiff;
    const fromDetails = detailed ? Object.keys(detailed) : [];
    const replacing = fromDetails.filter((p) => /-replace$/.test(detailed![p]?.kind ?? ""));
    const properties = [
        ...(step.replaceReasons ?? []),
        ...(step.diffReasons ?? []),
        ...fromDetails,
        ...(detailed ? [] : changedInputs(step)),
    ];
    return {
        properties: [...new Set(properties)].filter((p) => !INTERNAL_PROPERTY.test(p)),
        replaceReasons: [...new Set([...(step.replaceReasons ?? []), ...replacing])],
    };
}

/** What a step's resource hangs from, by the property dependencies of its state, or the ARN its inputs name. */
function parentsOf(step: Step): ParentLink[] {
    const links: ParentLink[] = [];
    for (const property of PARENT_PROPERTIES) {
        const states = [step.newState, step.oldState];
        const urn = states.map((state) => state?.propertyDependencies?.[property]?.[0]).find(Boolean);
        const arn = states
            .map((state) => state?.inputs?.[property])
            .find((value): value is string => typeof value === "string" && value !== UNKNOWN_VALUE);
        if (urn || arn) links.push({ property, urn, arn });
    }
    return links;
}

function changedInputs(step: Step): string[] {
    const olds = step.oldState?.inputs ?? {};
    const news = step.newState?.inputs ?? {};
    const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !INTERNAL_PROPERTY.test(k));
    return keys.filter((k) => !isDeepStrictEqual(olds[k], news[k]));
}

export function parsePreview(text: string): Preview {
    let json: { steps?: Step[]; changeSummary?: Record<string, number> };
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new Error(`the input is not the JSON of \`pulumi preview --json\`: ${(error as Error).message}`, {
            cause: error,
        });
    }
    if (!json || !Array.isArray(json.steps)) {
        throw new Error('the input is not the JSON of `pulumi preview --json`: it has no "steps" list');
    }
    const byUrn = new Map<string, Change>();
    // The steps list only what changes (and the stack itself); the summary counts the rest, the stack included.
    let unchanged = json.changeSummary?.same ?? 0;
    for (const step of json.steps) {
        const urn = step.urn ?? "";
        const type = step.newState?.type ?? step.oldState?.type ?? urn.split("::")[2] ?? "";
        const own = type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
        if (!step.op || step.op === "same") {
            if (own) unchanged = Math.max(0, unchanged - 1);
            continue;
        }
        if (own) continue;
        const operation = REPLACEMENT_HALVES[step.op] ?? step.op;
        const { properties, replaceReasons } = changedProperties(step);
        const known = byUrn.get(urn);
        if (known) {
            // The other half of a replacement: what it knows is added to the first.
            known.properties = [...new Set([...known.properties, ...properties])];
            known.replaceReasons = [...new Set([...known.replaceReasons, ...replaceReasons])];
            known.newInputs = step.newState?.inputs ?? known.newInputs;
            known.oldInputs = step.oldState?.inputs ?? known.oldInputs;
            continue;
        }
        byUrn.set(urn, {
            urn,
            name: nameOfUrn(urn),
            type,
            chimeType: chimeTypeOf(type),
            operation,
            properties: operation === "delete" || operation === "create" ? [] : properties,
            replaceReasons,
            oldInputs: step.oldState?.inputs ?? {},
            newInputs: step.newState?.inputs ?? {},
            oldArn: (step.oldState?.outputs?.arn as string | undefined) ?? step.oldState?.id,
            parents: parentsOf(step),
        });
    }
    return { changes: [...byUrn.values()], unchanged };
}
