import type * as pulumi from "@pulumi/pulumi";
import type { ResourceTypeName } from "../resources";

/**
 * A component: resources of this package made together, declared once. The declaration drives the package
 * schema, the TypeScript SDK's class and Args (generated into sdk/nodejs/components/) and the plugin's Construct
 * (serving/native/components.ts); `build` is its wiring, which both servings run with their own resources.
 */

/** An input the component adds to those of the resource it is built around. */
export type ExtraInput =
    | { doc: string; type: "string"; required?: boolean }
    /** An object of another resource's inputs, less `leaveOut`, with `optional` made optional. */
    | {
          doc: string;
          objectOf: ResourceTypeName;
          typeName: string;
          leaveOut: string[];
          optional: string[];
          required?: boolean;
      };

/** A child the component makes: one resource, or one per item of a list input. */
export interface ChildSpec {
    type: ResourceTypeName;
    list?: boolean;
    doc: string;
}

/** How a serving makes a child: the SDK's class of the type, or the plugin's own registration of it. */
export type MakeChild = (
    type: ResourceTypeName,
    name: string,
    args: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

export interface Built {
    children: Record<string, pulumi.CustomResource | pulumi.CustomResource[]>;
    outputs: Record<string, pulumi.Output<string>>;
}

export interface ComponentDeclaration {
    /** The type, as in the SDK class and its type token (e.g. "AppInstanceWithAdmin"). */
    type: string;
    description: string;
    /** The resource whose inputs the component takes, less `leaveOut`, plus `extraInputs`. */
    inputsOf: ResourceTypeName;
    leaveOut?: string[];
    extraInputs: Record<string, ExtraInput>;
    /**
     * Inputs of `inputsOf` that the component takes as a plain list of Inputs rather than an Input of a list, since
     * it makes a child per item; with the doc comment that says so.
     */
    plainLists?: Record<string, string>;
    /** Output name -> description; every output is a string. */
    outputs: Record<string, string>;
    /** The children, by the name the TypeScript class exposes them under. */
    children: Record<string, ChildSpec>;
    build(name: string, args: Record<string, unknown>, parent: pulumi.Resource, make: MakeChild): Built;
}

/** An output of a child, by name (the children are the servings' classes, which the wiring does not know). */
export function outputOf(child: pulumi.CustomResource, output: string): pulumi.Output<string> {
    return (child as unknown as Record<string, pulumi.Output<string>>)[output];
}
