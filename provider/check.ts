import type * as pulumi from "@pulumi/pulumi";
import { loadModel } from "../smithy/model";
import { describeViolation, showValue, validateShape } from "../smithy/validate";
import { toApiCase } from "./casing";
import { DerivedDefault, ResourceSchema } from "./schema";
import { containsUnknown, isUnknown, UNKNOWN } from "./unknowns";

type Inputs = Record<string, unknown>;

/**
 * Validates inputs against the schema and the API's own constraints, so `pulumi preview` stops bad input before
 * any API call. Each failure names the property, the rule and the value. Values unknown during preview pass.
 * Defaults are filled in, so the service's defaults never show up as drift.
 */
export function checkInputs(schema: ResourceSchema, news: Inputs): pulumi.dynamic.CheckResult {
    const inputs: Inputs = { ...news };
    const failures: pulumi.dynamic.CheckFailure[] = [];
    for (const [name, spec] of Object.entries(schema.inputs)) {
        if ((inputs[name] === undefined || inputs[name] === null) && spec.default !== undefined) {
            inputs[name] = defaultValue(spec.default, inputs);
        }
        const value = inputs[name];
        if (value === undefined || value === null) {
            if (spec.required) failures.push({ property: name, reason: `${name} is required` });
            continue;
        }
        if (isUnknown(value)) continue;
        if (spec.shape) {
            const [structure, member] = spec.shape.member.split("$");
            const model = loadModel(spec.shape.service);
            const target = model.shape(model.shapeId(structure)).members![member].target;
            for (const v of validateShape(model, target, toApiCase(value), name, { isUnknown })) {
                failures.push({ property: name, reason: describeViolation(v) });
            }
        }
        if (spec.validate && !containsUnknown(value)) {
            const reason = spec.validate(value, inputs);
            if (reason) failures.push({ property: name, reason: `${name} ${reason} (got ${showValue(value)})` });
        }
    }
    for (const name of Object.keys(inputs)) {
        if (name !== "__provider" && !(name in schema.inputs)) {
            failures.push({ property: name, reason: `${name} is not a property of ${schema.type}` });
        }
    }
    return failures.length > 0 ? { inputs, failures } : { inputs };
}

/** A derived default is unknown while an input it reads is (a preview), and absent while one is missing. */
function defaultValue(spec: unknown, inputs: Inputs): unknown {
    if (!(spec instanceof DerivedDefault)) return spec;
    const sources = spec.from.map((name) => inputs[name]);
    if (sources.some(containsUnknown)) return UNKNOWN;
    if (sources.some((v) => v === undefined || v === null)) return undefined;
    return spec.compute(inputs);
}
