import type { FunctionDeclaration } from "../../provider/functions/function";
import { InputModel, moduleName, ResourceModel } from "./resource-model";

/**
 * The resource tables of docs/resources.md, generated between markers so the prose around them stays
 * hand-written:
 *
 *     <!-- generated:resources channel -->    one row per resource of a docs section (ResourceDocs.section)
 *     <!-- generated:properties Channel -->   one resource's inputs and outputs
 *     <!-- generated:functions -->                              every provider function, a row each
 *     ...
 *     <!-- /generated -->
 */

const MARKER = /(<!-- generated:(resources|properties) ([A-Za-z -]+) -->\n)[\s\S]*?(<!-- \/generated -->)/g;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string) => `\`${text}\``;
const names = (inputs: { name: string }[]) => (inputs.length > 0 ? inputs.map((i) => code(i.name)).join(", ") : "–");

function resourcesTable(models: ResourceModel[]): string[] {
    const rows = models.map((m) => {
        const by = (test: (i: InputModel) => boolean) => m.inputs.filter(test);
        const replacing = by((i) => i.change.startsWith("replaces"));
        const firstNote = replacing
            .find((i) => i.change.includes("deletes before"))
            ?.change.replace("replaces the resource; ", "");
        const replaces = replacing.length > 0 ? `${names(replacing)}${firstNote ? ` (${firstNote})` : ""}` : "–";
        const outputs = m.outputs.length > 0 ? m.outputs.map((o) => code(o.name)).join(", ") : "–";
        return `| ${code(m.type)} | ${cell(m.id)} | ${names(by((i) => i.change === "updated in place"))} | ${cell(replaces)} | ${names(by((i) => i.change.startsWith("state")))} | ${outputs} |`;
    });
    return [
        "| Resource | Id | Updated in place | Replaces | State only, no API call | Output-only |",
        "|---|---|---|---|---|---|",
        ...rows,
    ];
}

export function propertiesTable(model: ResourceModel): string[] {
    const inputs = model.inputs.map((i) => {
        const required = i.required ? "yes" : i.defaultsToResourceName ? "no: the resource name" : "";
        return `| ${code(i.name)} | ${cell(code(i.plain))} | ${required} | ${cell(i.change)} | ${cell(i.summary)} |`;
    });
    const lines = ["| Input | Type | Required | Change | Description |", "|---|---|---|---|---|", ...inputs];
    if (model.outputs.length > 0) {
        const outputs = model.outputs.map(
            (o) => `| ${code(o.name)} | ${cell(code(o.plain + (o.optional ? " | undefined" : "")))} | ${cell(o.doc)} |`,
        );
        lines.push("", "| Output | Type | Description |", "|---|---|---|", ...outputs);
    }
    if (model.structures.length > 0) {
        const structures = model.structures.map((s) => {
            const fields = s.members.map((m) => code(`${m.name}${m.required ? "" : "?"}: ${m.plain}`)).join(", ");
            return `| ${code(s.name)} | ${cell(fields)} |`;
        });
        lines.push("", "| Type | Fields (`?`: optional) |", "|---|---|", ...structures);
    }
    return lines;
}

const FUNCTIONS_MARKER = /(<!-- generated:functions -->\n)[\s\S]*?(<!-- \/generated -->)/g;

function functionsTable(functions: FunctionDeclaration[]): string[] {
    const rows = functions.map((fn) => {
        const args = Object.entries(fn.args)
            .map(([name, spec]) => code(spec.required ? name : `${name}?`))
            .join(", ");
        const result =
            "resource" in fn.result
                ? `the ${fn.result.resource}'s properties`
                : names(Object.keys(fn.result.properties).map((name) => ({ name })));
        return `| [${code(fn.name)}](functions/${moduleName(fn.name)}.md) | ${args || "–"} | ${result} | ${cell(fn.description)} |`;
    });
    return ["| Function | Arguments (`?`: optional) | Result | What it answers |", "|---|---|---|---|", ...rows];
}

/** The page with every marked table regenerated. */
export function withGeneratedTables(
    readme: string,
    models: Map<string, ResourceModel>,
    functions: FunctionDeclaration[],
): string {
    const withFunctions = readme.replace(
        FUNCTIONS_MARKER,
        (_all, open: string, close: string) => `${open}${functionsTable(functions).join("\n")}\n${close}`,
    );
    return withFunctions.replace(MARKER, (_all, open: string, kind: string, list: string, close: string) => {
        if (kind === "resources") {
            const section = list.trim();
            const selected = [...models.values()].filter((model) => model.section === section);
            if (selected.length === 0) throw new Error(`docs/resources.md: no resource type in section ${section}`);
            return `${open}${resourcesTable(selected).join("\n")}\n${close}`;
        }
        const selected = list
            .trim()
            .split(/\s+/)
            .map((type) => {
                const model = models.get(type);
                if (!model) throw new Error(`docs/resources.md: no resource type ${type} in ${open.trim()}`);
                return model;
            });
        return `${open}${selected.flatMap(propertiesTable).join("\n")}\n${close}`;
    });
}
