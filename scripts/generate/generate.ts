import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import { resourceImplementations, resourceTypeNames } from "../../provider/resources";
import { pulumiSchema } from "./pulumi-schema";
import { packageReadme } from "./package-readmes";
import { withGeneratedTables } from "./readme-tables";
import { providerFunctions } from "../../provider/functions";
import { renderFunctionsFile } from "./functions-file";
import { functionPage, referencePage } from "./reference-pages";
import { moduleName, ResourceModel, resourceModel } from "./resource-model";
import { renderSdkFile } from "./sdk-file";
import { entryModule, sdkIndex, withIdsTable } from "./registry-files";
import { renderComponentFile, renderComponentsIndex } from "./component-file";
import { componentDeclarations } from "../../provider/components";
import { Structure } from "./types";
import { packageRoot } from "../../smithy/package-files";

/**
 * A structure used by several resources (e.g. ChimeIdentity) is emitted once, in the module of the first resource
 * that uses it, with an `...Args` twin if any resource passes it as an input; the others import it.
 */
function placeStructures(models: ResourceModel[]): Map<string, { module: string; structure: Structure }> {
    const homes = new Map<string, { module: string; structure: Structure }>();
    for (const model of models) {
        for (const structure of model.structures) {
            const home = homes.get(structure.name);
            if (!home) {
                homes.set(structure.name, { module: model.module, structure: { ...structure } });
            } else if (home.structure.shapeId !== structure.shapeId) {
                throw new Error(
                    `${structure.name} names two API structures: ${home.structure.shapeId} and ${structure.shapeId}`,
                );
            } else if (structure.usedAsInput && !home.structure.usedAsInput) {
                home.structure = structure;
            }
        }
    }
    return homes;
}

/** A generated TypeScript file formatted as the repository's formatter would (see .prettierrc.json). */
async function formatted(root: string, file: string, content: string): Promise<string> {
    const full = path.join(root, file);
    const options = await prettier.resolveConfig(full);
    return prettier.format(content, { ...options, filepath: full });
}

/** Every generated file's path (relative to the repository root) and content. */
export async function generatedFiles(root = packageRoot()): Promise<Map<string, string>> {
    const models = Object.values(resourceImplementations).map((implementation) => resourceModel(implementation.schema));
    const homes = placeStructures(models);
    const files = new Map<string, string>();
    for (const model of models) {
        const imports = new Map<string, string[]>();
        const emitted: Structure[] = [];
        for (const { name, usedAsInput } of model.structures) {
            const home = homes.get(name)!;
            if (home.module === model.module) {
                emitted.push(home.structure);
                continue;
            }
            const wanted = usedAsInput ? [name, `${name}Args`] : [name];
            imports.set(home.module, [...new Set([...(imports.get(home.module) ?? []), ...wanted])]);
        }
        const file = path.join("sdk", "nodejs", `${model.module}.ts`);
        files.set(file, await formatted(root, file, renderSdkFile(model, imports, emitted)));
    }
    const functions = Object.values(providerFunctions);
    const byType = new Map(models.map((m) => [m.type, m]));
    const structureHomes = new Map([...homes].map(([name, home]) => [name, home.module]));
    const functionsFile = path.join("sdk", "nodejs", "functions.ts");
    files.set(
        functionsFile,
        await formatted(root, functionsFile, renderFunctionsFile(functions, byType, structureHomes)),
    );
    for (const fn of functions)
        files.set(path.join("docs", "functions", `${moduleName(fn.name)}.md`), functionPage(fn));
    const structures = [...homes.values()].map((home) => home.structure);
    files.set("schema.json", pulumiSchema(models, structures, root));
    files.set(path.join("sdk", "go", "README.md"), packageReadme(root, "go"));
    const overview = fs.readFileSync(path.join(root, "docs", "resources.md"), "utf8");
    files.set("docs/resources.md", withGeneratedTables(overview, byType, functions));
    for (const model of models) files.set(path.join("docs", "resources", `${model.module}.md`), referencePage(model));
    const index = path.join("sdk", "nodejs", "index.ts");
    files.set(index, await formatted(root, index, sdkIndex()));
    for (const type of resourceTypeNames) {
        const entry = path.join("provider", "entries", `${moduleName(type)}.ts`);
        files.set(entry, await formatted(root, entry, entryModule(type)));
    }
    const components = Object.values(componentDeclarations);
    for (const component of components) {
        const file = path.join("sdk", "nodejs", "components", `${moduleName(component.type)}.ts`);
        files.set(file, await formatted(root, file, renderComponentFile(component, byType)));
    }
    const componentsIndex = path.join("sdk", "nodejs", "components", "index.ts");
    files.set(componentsIndex, await formatted(root, componentsIndex, renderComponentsIndex(components)));
    const importPage = fs.readFileSync(path.join(root, "docs", "import.md"), "utf8");
    files.set("docs/import.md", withIdsTable(importPage));
    return files;
}

/** The generated files whose content on disk differs from what the schemas generate. */
export async function staleFiles(root = packageRoot()): Promise<string[]> {
    return [...(await generatedFiles(root))]
        .filter(([file, content]) => {
            const full = path.join(root, file);
            return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== content;
        })
        .map(([file]) => file);
}

export async function writeGeneratedFiles(root = packageRoot()): Promise<string[]> {
    const written: string[] = [];
    for (const [file, content] of await generatedFiles(root)) {
        const full = path.join(root, file);
        if (fs.existsSync(full) && fs.readFileSync(full, "utf8") === content) continue;
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
        written.push(file);
    }
    return written;
}
