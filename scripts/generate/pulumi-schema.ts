import * as fs from "fs";
import * as path from "path";
import { providerFunctions } from "../../provider/functions";
import type { ArgumentSpec, FunctionDeclaration } from "../../provider/functions/function";
import { PROVIDER_CONFIG } from "../../provider/serving/native/configuration";
import { componentDeclarations } from "../../provider/components";
import { ComponentDeclaration } from "../../provider/components/component";
import { PACKAGE_NAME, typeToken } from "../../provider/serving/native/tokens";
import { packageReadme } from "./package-readmes";
import { withPeriod } from "./model-docs";
import { InputModel, ResourceModel } from "./resource-model";
import { SchemaType, Structure } from "./types";

/**
 * The Pulumi package schema of the native plugin, from the same resource models as the TypeScript SDK and the
 * README tables: every resource with its inputs, outputs, types, required inputs and descriptions (each saying
 * whether a change updates in place or replaces), the components the plugin constructs, and the provider's
 * configuration. The plugin serves it (GetSchema), YAML programs are checked against it, and the Python and Go
 * SDKs are generated from it.
 */

interface PropertySpec {
    description?: string;
    type?: string;
    items?: unknown;
    additionalProperties?: unknown;
    $ref?: string;
}

function schemaType(type: SchemaType): Omit<PropertySpec, "description"> {
    if ("$ref" in type) return { $ref: type.$ref };
    if (type.type === "array") return { type: "array", items: schemaType(type.items) };
    if (type.type === "object") return { type: "object", additionalProperties: schemaType(type.additionalProperties) };
    return { type: type.type };
}

const property = (type: SchemaType, doc: string | undefined): PropertySpec => ({
    ...(doc ? { description: doc } : {}),
    ...schemaType(type),
});

function inputProperties(inputs: InputModel[]): Record<string, PropertySpec> {
    return Object.fromEntries(inputs.map((input) => [input.name, property(input.schema, input.doc)]));
}

/** The `requiredInputs` of a resource: what a program must set (a name defaulting to the resource's is not). */
const requiredInputs = (inputs: InputModel[]) => inputs.filter((input) => input.required).map((input) => input.name);

function resourceSpec(model: ResourceModel): Record<string, unknown> {
    const outputs = Object.fromEntries(
        model.outputs.map((output) => [output.name, property(output.schema, output.doc)]),
    );
    return {
        description: `${withPeriod(model.description)}\n\nThe resource id is the ${model.id}; \`pulumi import\` takes it.`,
        inputProperties: inputProperties(model.inputs),
        requiredInputs: requiredInputs(model.inputs),
        properties: { ...inputProperties(model.inputs), ...outputs },
        required: [
            ...model.inputs.filter((input) => input.alwaysSet).map((input) => input.name),
            ...model.outputs.filter((output) => !output.optional).map((output) => output.name),
        ],
    };
}

/** A resource's properties (inputs and outputs), and which always have a value: a function's result of it. */
function resourceProperties(model: ResourceModel): { properties: Record<string, PropertySpec>; required: string[] } {
    const spec = resourceSpec(model);
    return { properties: spec.properties as Record<string, PropertySpec>, required: spec.required as string[] };
}

/** A provider function: its arguments, and its result, a resource's properties or properties of its own. */
function functionSpec(
    fn: FunctionDeclaration,
    models: Map<string, ResourceModel>,
    types: Record<string, unknown>,
): Record<string, unknown> {
    const argument = (spec: ArgumentSpec): PropertySpec => ({ description: spec.doc, type: "string" });
    const inputs = {
        properties: Object.fromEntries(Object.entries(fn.args).map(([name, spec]) => [name, argument(spec)])),
        required: Object.entries(fn.args)
            .filter(([, spec]) => spec.required)
            .map(([name]) => name),
    };
    let outputs: { properties: Record<string, PropertySpec>; required: string[] };
    if ("resource" in fn.result) {
        outputs = resourceProperties(models.get(fn.result.resource)!);
    } else {
        const properties: Record<string, PropertySpec> = {};
        for (const [name, spec] of Object.entries(fn.result.properties)) {
            if (spec.type === "string") {
                properties[name] = { description: spec.doc, type: "string" };
                continue;
            }
            const { items } = spec;
            types[typeToken(items.name)] = {
                type: "object",
                description: items.doc,
                properties: Object.fromEntries(
                    Object.entries(items.properties).map(([member, doc]) => [
                        member,
                        { description: doc, type: "string" },
                    ]),
                ),
                required: Object.keys(items.properties),
            };
            properties[name] = {
                description: spec.doc,
                type: "array",
                items: { $ref: `#/types/${typeToken(items.name)}` },
            };
        }
        const required = Object.entries(fn.result.properties)
            .filter(([, spec]) => spec.type === "array" || !spec.optional)
            .map(([name]) => name);
        outputs = { properties, required };
    }
    return { description: fn.description, inputs, outputs };
}

function objectType(structure: Structure): Record<string, unknown> {
    return {
        type: "object",
        description: structure.doc || undefined,
        properties: Object.fromEntries(structure.members.map((m) => [m.name, property(m.schema, m.doc)])),
        required: structure.members.filter((m) => m.required).map((m) => m.name),
    };
}

/**
 * A component's inputs are those of the resources it is made of (its declaration says which, and what it leaves
 * out or adds); its outputs are plain ARNs.
 */
function componentSpec(
    spec: ComponentDeclaration,
    models: Map<string, ResourceModel>,
    types: Record<string, unknown>,
): Record<string, unknown> {
    const base = models.get(spec.inputsOf)!;
    const inputs = base.inputs.filter((input) => !spec.leaveOut?.includes(input.name));
    const added: Record<string, PropertySpec> = {};
    const addedRequired: string[] = [];
    for (const [name, extra] of Object.entries(spec.extraInputs)) {
        if ("objectOf" in extra) {
            const of = models.get(extra.objectOf)!;
            const members = of.inputs.filter((input) => !extra.leaveOut.includes(input.name));
            types[typeToken(extra.typeName)] = {
                type: "object",
                description: extra.doc,
                properties: inputProperties(members),
                required: requiredInputs(members).filter((member) => !extra.optional.includes(member)),
            };
            added[name] = { description: extra.doc, $ref: `#/types/${typeToken(extra.typeName)}` };
        } else {
            added[name] = { description: extra.doc, type: extra.type };
        }
        if (extra.required) addedRequired.push(name);
    }
    const outputs = Object.fromEntries(
        Object.entries(spec.outputs).map(([name, doc]) => [name, { description: doc, type: "string" }]),
    );
    return {
        isComponent: true,
        description: spec.description,
        inputProperties: { ...inputProperties(inputs), ...added },
        requiredInputs: [...requiredInputs(inputs), ...addedRequired],
        properties: outputs,
        required: Object.keys(outputs),
    };
}

export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-chime-messaging/pulumi-chime-messaging";

function packageManifest(root: string): { version: string; description: string; keywords: string[]; license: string } {
    return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
}

/** The schema as formatted JSON text (what `schema.json` holds and `pulumi package get-schema` prints). */
export function pulumiSchema(models: ResourceModel[], structures: Structure[], root: string): string {
    const manifest = packageManifest(root);
    const byType = new Map(models.map((model) => [model.type, model]));
    const types: Record<string, unknown> = {};
    for (const structure of structures) types[typeToken(structure.name)] = objectType(structure);
    const resources: Record<string, unknown> = {};
    for (const model of models) resources[typeToken(model.type)] = resourceSpec(model);
    for (const component of Object.values(componentDeclarations))
        resources[typeToken(component.type)] = componentSpec(component, byType, types);
    const functions = Object.fromEntries(
        Object.values(providerFunctions).map((fn) => [typeToken(fn.name), functionSpec(fn, byType, types)]),
    );
    const configVariables = Object.fromEntries(
        Object.entries(PROVIDER_CONFIG).map(([name, doc]) => [name, { type: "string", description: doc }]),
    );
    const schema = {
        name: PACKAGE_NAME,
        displayName: "Amazon Chime SDK Messaging",
        version: manifest.version,
        description: manifest.description,
        keywords: ["pulumi", "aws", "chime", "chime-sdk-messaging", "category/cloud", "kind/native"],
        license: manifest.license,
        repository: "https://github.com/pulumi-chime-messaging/pulumi-chime-messaging",
        publisher: "pulumi-chime-messaging",
        // Where the engine downloads the plugin archives on first use (the GitHub releases of the repository);
        // PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES points it at a mirror.
        pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
        meta: { moduleFormat: "(.*)" },
        config: { variables: configVariables },
        provider: {
            description: "The provider of Amazon Chime SDK Messaging resources: where and as whom its calls go.",
            inputProperties: configVariables,
        },
        resources,
        functions,
        types,
        language: {
            nodejs: { packageName: "pulumi-chime-messaging-native", respectSchemaVersion: true },
            python: {
                packageName: "pulumi_chime_messaging",
                respectSchemaVersion: true,
                readme: packageReadme(root, "python"),
            },
            go: {
                importBasePath: "github.com/pulumi-chime-messaging/pulumi-chime-messaging/sdk/go/chimemessaging",
                respectSchemaVersion: true,
                generateResourceContainerTypes: false,
            },
        },
    };
    return `${JSON.stringify(schema, null, 2)}\n`;
}
