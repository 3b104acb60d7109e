import { isDeepStrictEqual } from "util";

/**
 * The changes in the JSON that `pulumi preview --json` prints: one per resource step other than "same". The
 * providers of this package are dynamic providers, which return no detailedDiff, and Pulumi leaves diffReasons
 * out for them: the changed properties come from the step's old and new inputs, with the replaceReasons.
 */

/** What the preview shows for a value it cannot know yet (Pulumi's unknown-value sentinel). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Operation = "create" | "update" | "replace" | "delete" | "import" | "read" | "refresh" | string;

export interface Change {
    urn: string;
    /** The logical name. */
    name: string;
    /** The type token, e.g. "pulumi-nodejs:dynamic/chime:Channel". */
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
}

interface Step {
    op?: string;
    urn?: string;
    oldState?: { type?: string; inputs?: Record<string, unknown> } | null;
    newState?: { type?: string; inputs?: Record<string, unknown> } | null;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, unknown> | null;
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
        const properties = [
            ...new Set([
                ...(step.replaceReasons ?? []),
                ...(step.diffReasons ?? []),
                ...Object.keys(step.detailedDiff ?? {}),
                ...changedInputs(step),
            ]),
        ].filter((p) => !INTERNAL_PROPERTY.test(p));
        const known = byUrn.get(urn);
        if (known) {
            // The other half of a replacement: what it knows is added to the first.
            known.properties = [...new Set([...known.properties, ...properties])];
            known.replaceReasons = [...new Set([...known.replaceReasons, ...(step.replaceReasons ?? [])])];
            known.newInputs = step.newState?.inputs ?? known.newInputs;
            known.oldInputs = step.oldState?.inputs ?? known.oldInputs;
            continue;
        }
        byUrn.set(urn, {
            urn,
            name: urn.slice(urn.lastIndexOf("::") + 2),
            type,
            chimeType: /(?:^|[/:])chime:([A-Za-z]+)$/.exec(type)?.[1],
            operation,
            properties: operation === "delete" || operation === "create" ? [] : properties,
            replaceReasons: step.replaceReasons ?? [],
            oldInputs: step.oldState?.inputs ?? {},
            newInputs: step.newState?.inputs ?? {},
        });
    }
    return { changes: [...byUrn.values()], unchanged };
}
