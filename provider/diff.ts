import { sameValue } from "./casing";
import { ResourceSchema } from "./schema";
import { containsUnknown } from "./unknowns";

type Props = Record<string, unknown>;

/** How one property changes, in the engine's terms (pulumirpc.PropertyDiff.Kind). */
export type PropertyChange = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

export interface DiffOutcome {
    changes: boolean;
    /** The changed properties that force a replacement. */
    replaces: string[];
    deleteBeforeReplace: boolean;
    /** Every changed property and how it changes. */
    detailed: Record<string, PropertyChange>;
}

/** The input properties whose new value differs from the recorded one (a value unknown in preview differs). */
export function changedProperties(schema: ResourceSchema, olds: Props, news: Props): string[] {
    return Object.keys(schema.inputs).filter((name) => {
        if (schema.inputs[name].currentValue && absent(news[name])) return false;
        return containsUnknown(news[name]) || !sameValue(recordedValue(schema, name, olds), news[name]);
    });
}

function recordedValue(schema: ResourceSchema, name: string, olds: Props): unknown {
    const currentValue = schema.inputs[name].currentValue;
    return currentValue ? currentValue(olds) : olds[name];
}

const absent = (value: unknown) => value === undefined || value === null;

function changeOf(old: unknown, now: unknown, replaces: boolean): PropertyChange {
    const kind = absent(old) ? "ADD" : absent(now) ? "DELETE" : "UPDATE";
    return replaces ? `${kind}_REPLACE` : kind;
}

/**
 * Compares the recorded state (old outputs, which hold the checked inputs and, after a refresh, the live values)
 * with the new checked inputs. Only schema inputs count: never the engine's or the package's internal properties,
 * never outputs.
 */
export function diffInputs(schema: ResourceSchema, olds: Props, news: Props): DiffOutcome {
    const changed = changedProperties(schema, olds, news);
    const replaces = changed.filter((name) => schema.inputs[name].change === "replace");
    const detailed = Object.fromEntries(
        changed.map((name) => [
            name,
            changeOf(recordedValue(schema, name, olds), news[name], schema.inputs[name].change === "replace"),
        ]),
    );
    return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && mustDeleteFirst(schema, olds, news),
        detailed,
    };
}

/** Whether the old resource must go before its replacement exists (a natural key the two would share). */
function mustDeleteFirst(schema: ResourceSchema, olds: Props, news: Props): boolean {
    const rule = schema.deleteBeforeReplace;
    return typeof rule === "function" ? rule(olds, news) : rule === true;
}
