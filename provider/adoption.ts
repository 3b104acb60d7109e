import { showValue } from "../smithy/validate";
import { sameValue } from "./casing";
import type { Props } from "./resource-provider";
import { ResourceSchema } from "./schema";

/**
 * Taking over a resource that already exists (found by its natural key after a create conflict, or named by the
 * `import` resource option) is only safe when it is what the program declares. These compare the declared inputs
 * with the live resource's and name every difference, so a mismatch is refused rather than silently taken over.
 */

export interface Difference {
    property: string;
    declared: unknown;
    live: unknown;
}

/**
 * The declared properties whose live value differs. Properties that only live in the state (`change: "state"`,
 * such as the caller identity) have no live value and never differ; `compared` narrows the check further where a
 * resource's read cannot see some property.
 */
export function differencesFromLive(
    schema: ResourceSchema,
    declared: Props,
    live: Props,
    compared: (property: string) => boolean = () => true,
): Difference[] {
    return Object.entries(schema.inputs)
        .filter(([property, spec]) => spec.change !== "state" && compared(property))
        .filter(([property]) => !sameValue(declared[property], live[property]))
        .map(([property]) => ({ property, declared: declared[property], live: live[property] }));
}

/** Refuses to take over `subject` (e.g. "the app instance user arn:...") because it differs from the program. */
export class AdoptionMismatch extends Error {
    constructor(
        readonly resourceType: string,
        readonly subject: string,
        readonly differences: Difference[],
        why: string,
    ) {
        const listed = differences
            .map((d) => `${d.property}: declared ${showValue(d.declared)}, live ${showValue(d.live)}`)
            .join("; ");
        super(
            `${resourceType}: ${subject} ${why}, but it differs from the program, so it was not taken over: ${listed}`,
        );
        this.name = "AdoptionMismatch";
    }
}
