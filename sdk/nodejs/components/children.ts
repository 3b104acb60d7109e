import type * as pulumi from "@pulumi/pulumi";
import type { MakeChild } from "../../../provider/components/component";
import type { ResourceTypeName } from "../../../provider/resources";

/** An SDK resource class, whatever its Args. */
export type ChildClass = new (name: string, args: never, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Makes a component's children with this SDK's classes (the plugin makes them with its own registrations). */
export function childMaker(classes: Partial<Record<ResourceTypeName, ChildClass>>): MakeChild {
    return (type, name, args, opts) => {
        const Class = classes[type];
        if (!Class) throw new Error(`a component made a ${type}, which it does not declare as a child`);
        // The args are the component's own Args passed through by its wiring, which its Args type checked.
        return new Class(name, args as never, opts);
    };
}

/** The items of a list input (`Input<Input<T>[]>`): a component that makes a child per item takes them one by one. */
export type ItemsOf<L> = L extends (infer Item)[] ? Item : never;
