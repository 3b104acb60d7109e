import type { FunctionDeclaration } from "../../provider/functions/function";
import { ResourceModel } from "./resource-model";
import { docComment, GENERATED_HEADER } from "./sdk-file";

/**
 * Renders `sdk/nodejs/functions.ts`: each provider function as TypeScript programs call it, `getX(args)` with its plain
 * result and `getXOutput(args)` taking and giving Outputs, both running the function in the program's own process
 * (sdk/nodejs/function-call.ts), with types from the same declarations as the schema's.
 */

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The plain type of each result property, and whether it may be absent. */
function resultProperties(fn: FunctionDeclaration, models: Map<string, ResourceModel>) {
    if ("resource" in fn.result) {
        const model = models.get(fn.result.resource)!;
        return [
            ...model.inputs.map((i) => ({ name: i.name, plain: i.plain, optional: !i.alwaysSet, doc: i.doc })),
            ...model.outputs.map((o) => ({ name: o.name, plain: o.plain, optional: o.optional, doc: o.doc })),
        ];
    }
    return Object.entries(fn.result.properties).map(([name, spec]) => ({
        name,
        plain: spec.type === "array" ? `${spec.items.name}[]` : "string",
        optional: spec.type === "string" && Boolean(spec.optional),
        doc: spec.doc,
    }));
}

function argsType(fn: FunctionDeclaration, name: string, wrap: (type: string) => string): string[] {
    return [
        `export interface ${name} {`,
        ...Object.entries(fn.args).flatMap(([arg, spec]) => [
            ...docComment(spec.doc, "    "),
            `    ${arg}${spec.required ? "" : "?"}: ${wrap(spec.values ? spec.values.map((v) => `"${v}"`).join(" | ") : "string")};`,
        ]),
        "}",
    ];
}

export function renderFunctionsFile(
    functions: FunctionDeclaration[],
    models: Map<string, ResourceModel>,
    structureHomes: Map<string, string>,
): string {
    const body: string[] = [];
    const imports = new Map<string, Set<string>>();
    for (const fn of functions) {
        const type = pascal(fn.name);
        const properties = resultProperties(fn, models);
        for (const { plain } of properties) {
            for (const word of plain.match(/\b[A-Z]\w+\b/g) ?? []) {
                const home = structureHomes.get(word);
                if (home) imports.set(home, (imports.get(home) ?? new Set()).add(word));
            }
        }
        if (!("resource" in fn.result)) {
            for (const spec of Object.values(fn.result.properties)) {
                if (spec.type !== "array") continue;
                body.push(...docComment(spec.items.doc, ""), `export interface ${spec.items.name} {`);
                for (const [member, doc] of Object.entries(spec.items.properties))
                    body.push(...docComment(doc, "    "), `    ${member}: string;`);
                body.push("}", "");
            }
        }
        body.push(...argsType(fn, `${type}Args`, (t) => t), "");
        body.push(...argsType(fn, `${type}OutputArgs`, (t) => `pulumi.Input<${t}>`), "");
        body.push(`export interface ${type}Result {`);
        for (const p of properties)
            body.push(...docComment(p.doc, "    "), `    readonly ${p.name}${p.optional ? "?" : ""}: ${p.plain};`);
        body.push("}", "");
        body.push(
            ...docComment(fn.description, ""),
            `export function ${fn.name}(args: ${type}Args, opts?: pulumi.InvokeOptions): Promise<${type}Result> {`,
            `    return callFunction("${fn.name}", args, opts);`,
            "}",
            "",
            ...docComment(`${fn.description}\n\nThe arguments and the result as Outputs.`, ""),
            `export function ${fn.name}Output(args: ${type}OutputArgs, opts?: pulumi.InvokeOptions): pulumi.Output<${type}Result> {`,
            `    return pulumi.output(args).apply((plain) => ${fn.name}(plain as ${type}Args, opts));`,
            "}",
            "",
        );
    }
    const importLines = [...imports]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([module, names]) => `import type { ${[...names].sort().join(", ")} } from "./${module}";`);
    return [
        GENERATED_HEADER,
        'import * as pulumi from "@pulumi/pulumi";',
        'import { callFunction } from "./function-call";',
        ...importLines,
        "",
        ...body,
    ].join("\n");
}
