import { fromApiCase } from "./casing";
import { PartialFailure } from "./errors";
import { Props } from "./resource-provider";

/**
 * How values read back from the service become resource outputs, so that a refresh shows real drift and
 * nothing else: timestamps as ISO 8601 strings, nested structures in camelCase, and "nothing" spelled the way
 * the program spelled it.
 */

export function isoTimestamp(value: Date | undefined): string | undefined {
    return value instanceof Date ? value.toISOString() : undefined;
}

/** A nested API structure in the resource's camelCase form (undefined stays undefined). */
export function liveStructure<T = Record<string, unknown>>(value: unknown): T | undefined {
    return value === undefined || value === null ? undefined : fromApiCase<T>(value);
}

/** The service shows "no tags" as an empty list: report it as the program wrote it (absent or {}). */
export function liveTags(live: Record<string, string>, recorded: unknown): Record<string, string> | undefined {
    return Object.keys(live).length > 0 || recorded !== undefined ? live : undefined;
}

/** Empty metadata and no metadata are the same to the service: report it as the program wrote it. */
export function liveOptionalText(live: string | undefined, recorded: unknown): string | undefined {
    return live === undefined || live === "" ? (recorded === "" ? "" : undefined) : live;
}

/**
 * Reads back a resource just created. When that fails, the resource exists all the same: a PartialFailure
 * makes Pulumi record it (with its id) instead of losing track of it, and a refresh fills in the outputs.
 */
export async function readBackCreated<T>(type: string, arn: string, read: () => Promise<T>): Promise<T> {
    try {
        return await read();
    } catch (error) {
        const reason = (error as Error).message;
        throw new PartialFailure(`${type} ${arn} was created, but reading it back failed: ${reason}`, arn, { arn }, [
            reason,
        ]);
    }
}

/** The ARN and timestamps a write computes, from the description read back right after it: `missing` when there is none. */
export function writtenArnAndTimestamps(live: Props | undefined, missing: string): Props {
    if (!live) throw new Error(missing);
    return arnAndTimestamps(live);
}

/** The ARN and timestamps of a description. */
export function arnAndTimestamps(live: Props): Props {
    return { arn: live.arn, createdTimestamp: live.createdTimestamp, lastUpdatedTimestamp: live.lastUpdatedTimestamp };
}
