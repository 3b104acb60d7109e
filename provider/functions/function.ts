import type { Api } from "../api";
import type { Props } from "../resource-provider";

/**
 * A provider function (an invoke; Terraform's data source): it reads, and writes nothing. One declaration per
 * function drives everything: the schema's `functions` entry and so the Python and Go SDKs, the TypeScript
 * functions (which run it in the program's own process), the native plugin's Invoke and the reference page.
 */
export interface FunctionDeclaration {
    /** `getChannel`: the function's name in TypeScript and YAML, `chime-messaging:index:<name>` its token. */
    name: string;
    description: string;
    args: Record<string, ArgumentSpec>;
    /** What it answers: the properties of a resource type (its inputs and outputs), or properties of its own. */
    result: { resource: string } | { properties: Record<string, ResultProperty> };
    /** Runs it with arguments already checked against `args`. */
    run(api: Api, args: Props): Promise<Props>;
}

export interface ArgumentSpec {
    doc: string;
    required?: boolean;
    /** What a value must be, with the rule said as an error message says it, e.g. "an app instance ARN (...)". */
    rule?: { test: (value: string) => boolean; says: string };
    /** The values it takes, if only some. */
    values?: readonly string[];
}

export type ResultProperty =
    | { type: "string"; doc: string; optional?: boolean }
    | { type: "array"; doc: string; items: { name: string; doc: string; properties: Record<string, string> } };

/** Every problem with a call's arguments, each naming the function, the argument, the rule and the value. */
export function argumentProblems(fn: FunctionDeclaration, args: Props): string[] {
    const problems: string[] = [];
    for (const name of Object.keys(args)) {
        if (!(name in fn.args))
            problems.push(`${fn.name}: ${name} is not an argument (it takes ${Object.keys(fn.args).join(", ")})`);
    }
    for (const [name, spec] of Object.entries(fn.args)) {
        const value = args[name];
        if (value === undefined || value === null) {
            if (spec.required) problems.push(`${fn.name}: ${name} is required`);
            continue;
        }
        if (typeof value !== "string") {
            problems.push(`${fn.name}: ${name} must be a string (got ${JSON.stringify(value)})`);
        } else if (spec.rule && !spec.rule.test(value)) {
            problems.push(`${fn.name}: ${name} must be ${spec.rule.says} (got ${JSON.stringify(value)})`);
        } else if (spec.values && !spec.values.includes(value)) {
            problems.push(
                `${fn.name}: ${name} must be one of ${spec.values.join(", ")} (got ${JSON.stringify(value)})`,
            );
        }
    }
    return problems;
}
