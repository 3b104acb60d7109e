import * as pulumi from "@pulumi/pulumi";
import { sameValue } from "./casing";
import { ResourceSchema } from "./schema";
import { containsUnknown } from "./unknowns";

type Props = Record<string, unknown>;

/** The input properties whose new value differs from the recorded one (a value unknown in preview differs). */
export function changedProperties(schema: ResourceSchema, olds: Props, news: Props): string[] {
    return Object.keys(schema.inputs).filter(
        (name) => containsUnknown(news[name]) || !sameValue(olds[name], news[name]),
    );
}

/**
 * Compares the recorded state (old outputs, which hold the checked inputs and, after a refresh, the live values)
 * with the new checked inputs. Only schema inputs count: never `__provider`, never outputs.
 */
export function diffInputs(schema: ResourceSchema, olds: Props, news: Props): pulumi.dynamic.DiffResult {
    const changed = changedProperties(schema, olds, news);
    const replaces = changed.filter((name) => schema.inputs[name].change === "replace");
    return {
        changes: changed.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && mustDeleteFirst(schema, olds, news),
    };
}

/** Whether the old resource must go before its replacement exists (a natural key the two would share). */
function mustDeleteFirst(schema: ResourceSchema, olds: Props, news: Props): boolean {
    const rule = schema.deleteBeforeReplace;
    return typeof rule === "function" ? rule(olds, news) : rule === true;
}
