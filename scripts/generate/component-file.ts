import { ChildSpec, ComponentDeclaration } from "../../provider/components/component";
import { ResourceModel, moduleName } from "./resource-model";
import { GENERATED_HEADER } from "./sdk-file";

/**
 * Renders `sdk/nodejs/components/<module>.ts` for one component declaration (provider/components/): its Args (the
 * inputs of the resource it is built around, less what it leaves out, plus what it adds) and its class, which runs
 * the declaration's wiring with this SDK's classes.
 */

const comment = (doc: string, indent = "") => `${indent}/** ${doc} */`;
const quoted = (names: string[]) => names.map((name) => JSON.stringify(name)).join(" | ");

export function renderComponentFile(component: ComponentDeclaration, models: Map<string, ResourceModel>): string {
    const base = models.get(component.inputsOf)!;
    const plainLists = component.plainLists ?? {};
    const omitted = [...(component.leaveOut ?? []), ...Object.keys(plainLists)];
    const childTypes = [...new Set(Object.values(component.children).map((child) => child.type))];
    const argTypes = new Set([component.inputsOf]);
    const members: string[] = [];
    for (const [name, doc] of Object.entries(plainLists)) {
        const required = base.inputs.find((input) => input.name === name)?.required;
        members.push(comment(doc, "    "));
        members.push(
            `    ${name}${required ? "" : "?"}: ItemsOf<${component.inputsOf}Args[${JSON.stringify(name)}]>[];`,
        );
    }
    for (const [name, extra] of Object.entries(component.extraInputs)) {
        members.push(comment(extra.doc, "    "));
        const optional = extra.required ? "" : "?";
        if ("objectOf" in extra) {
            argTypes.add(extra.objectOf);
            const args = `${extra.objectOf}Args`;
            const left = [...extra.leaveOut, ...extra.optional];
            const type = extra.optional.length
                ? `Omit<${args}, ${quoted(left)}> & Partial<Pick<${args}, ${quoted(extra.optional)}>>`
                : `Omit<${args}, ${quoted(left)}>`;
            members.push(`    ${name}${optional}: ${type};`);
        } else {
            members.push(`    ${name}${optional}: pulumi.Input<${extra.type}>;`);
        }
    }
    const anyRequired =
        Object.values(component.extraInputs).some((extra) => extra.required) ||
        base.inputs.some((input) => input.required && !component.leaveOut?.includes(input.name));

    const imports = [...new Set([...childTypes, ...argTypes])].sort().map((type) => {
        const names = [childTypes.includes(type) ? type : undefined, argTypes.has(type) ? `${type}Args` : undefined];
        return `import { ${names.filter(Boolean).join(", ")} } from "../${moduleName(type)}";`;
    });
    const baseArgs = omitted.length
        ? `Omit<${component.inputsOf}Args, ${quoted(omitted)}>`
        : `${component.inputsOf}Args`;
    const childType = (child: ChildSpec) => `${child.type}${child.list ? "[]" : ""}`;
    const fields = [
        ...Object.entries(component.children).map(
            ([name, child]) => `${comment(child.doc, "    ")}\n    readonly ${name}: ${childType(child)};`,
        ),
        ...Object.entries(component.outputs).map(
            ([name, doc]) => `${comment(doc, "    ")}\n    readonly ${name}: pulumi.Output<string>;`,
        ),
    ];
    const assignments = [
        ...Object.entries(component.children).map(
            ([name, child]) => `        this.${name} = children.${name} as ${childType(child)};`,
        ),
        ...Object.keys(component.outputs).map((name) => `        this.${name} = outputs.${name};`),
    ];
    return [
        GENERATED_HEADER,
        `import * as pulumi from "@pulumi/pulumi";`,
        `import { componentDeclarations } from "../../../provider/components";`,
        ...imports,
        `import { childMaker${Object.keys(plainLists).length ? ", ItemsOf" : ""} } from "./children";`,
        "",
        `export interface ${component.type}Args extends ${baseArgs} {`,
        ...members,
        "}",
        "",
        comment(component.description),
        `export class ${component.type} extends pulumi.ComponentResource {`,
        fields.join("\n"),
        "",
        `    constructor(name: string, args: ${component.type}Args${anyRequired ? "" : " = {}"}, opts?: pulumi.ComponentResourceOptions) {`,
        `        super("chime:index:${component.type}", name, {}, opts);`,
        `        const make = childMaker({ ${childTypes.join(", ")} });`,
        `        const { children, outputs } = componentDeclarations.${component.type}.build(name, { ...args }, this, make);`,
        ...assignments,
        "        this.registerOutputs(outputs);",
        "    }",
        "}",
        "",
    ].join("\n");
}

export function renderComponentsIndex(components: ComponentDeclaration[]): string {
    return [GENERATED_HEADER, ...components.map((c) => `export * from "./${moduleName(c.type)}";`), ""].join("\n");
}
