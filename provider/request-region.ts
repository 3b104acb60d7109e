import { parseArn } from "./resources/shared/chime-arns";

/** An AWS Region code, e.g. eu-central-1 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The region in a Chime or Lambda ARN (of an AWS partition), or undefined when the text is not such an ARN. */
export function regionOfArn(text: unknown): string | undefined {
    const parts = typeof text === "string" ? parseArn(text) : undefined;
    if (!parts || !/^aws[a-zA-Z-]*$/.test(parts.partition) || !["chime", "lambda"].includes(parts.service)) {
        return undefined;
    }
    return REGION_PATTERN.test(parts.region) ? parts.region : undefined;
}

/**
 * The region a request must go to: that of the ARNs among its top-level members (the resource it acts on, its
 * parent, its caller, the processor function), which all name one region; undefined when it names none (a create of
 * an app instance, a list of all app instances), which then goes to the region the caller chooses or the
 * configured one. A Chime resource exists in one region only, so a call anywhere else would not find it.
 */
export function regionOfRequest(input: object): string | undefined {
    for (const value of Object.values(input)) {
        const region = regionOfArn(value);
        if (region) return region;
    }
    return undefined;
}
