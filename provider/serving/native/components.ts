import * as pulumi from "@pulumi/pulumi";
import { componentOf } from "../../components";
import { MakeChild } from "../../components/component";
import { resourceImplementations } from "../../resources";
import { typeToken } from "./tokens";

/**
 * The components the plugin constructs (the engine's Construct), so that they exist in every language: the
 * wiring declared in provider/components/, run with the plugin's own resources as children.
 */

/**
 * A resource of this plugin registered from inside the plugin (a component's child). Every property of the type
 * is registered as an output, as the SDK classes do, so the wiring can read any of them.
 */
class PluginResource extends pulumi.CustomResource {}

const makePluginResource: MakeChild = (type, name, args, opts) => {
    const { schema } = resourceImplementations[type];
    const outputs = Object.fromEntries(
        [...Object.keys(schema.inputs), ...schema.outputs].map((property) => [property, undefined]),
    );
    return new PluginResource(typeToken(type), name, { ...outputs, ...args }, opts);
};

class PluginComponent extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
        super(typeToken(type), name, {}, opts);
    }

    publish(outputs: pulumi.Inputs): void {
        this.registerOutputs(outputs);
    }
}

/** Makes the component `type` named `name` with its children; returns it and the outputs it registered. */
export function constructComponent(
    type: string,
    name: string,
    inputs: pulumi.Inputs,
    opts: pulumi.ComponentResourceOptions,
): { urn: pulumi.Output<string>; state: pulumi.Inputs } {
    const declaration = componentOf(type);
    if (!declaration) throw new Error(`chime-messaging has no component ${type}`);
    const component = new PluginComponent(type, name, opts);
    const { outputs } = declaration.build(name, inputs, component, makePluginResource);
    component.publish(outputs);
    return { urn: component.urn, state: outputs };
}
