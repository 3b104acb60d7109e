import { notFound } from "../protocol/errors";
import { arnParts } from "./tables";
import { CallContext } from "./types";

/** The request members that name a Chime resource (or several): `…Arn`, `…Arns`, `ResourceARN`, `ChimeBearer`. */
const ARN_MEMBER = /(?:Arns?|ARN)$|^ChimeBearer$/;

/**
 * Each region's Chime service holds only its own records: a request to one region that names a resource of
 * another (by its ARN) does not find it. The answer is a guess where the documentation is silent: NotFound, as
 * for any ARN the region does not hold, which is what an endpoint that never saw the resource can answer. Lambda's
 * own rule (a function ARN of another region is not found) lives in lambda/function-refs.ts.
 */
export function refuseOtherRegions(input: Record<string, unknown>, context: CallContext): void {
    for (const [member, value] of Object.entries(input)) {
        if (!ARN_MEMBER.test(member)) continue;
        for (const arn of Array.isArray(value) ? value : [value]) {
            const parts = typeof arn === "string" ? arnParts(arn) : undefined;
            if (parts && parts.region !== context.region) {
                throw notFound(`The resource ${arn} does not exist in ${context.region}.`);
            }
        }
    }
}
