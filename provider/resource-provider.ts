import type * as pulumi from "@pulumi/pulumi";
import type { Api } from "./api";
import type { ResourceIdentity } from "./internal-inputs";
import type { ResourceSchema } from "./schema";

export type Props = Record<string, unknown>;

/**
 * What a resource type implements: its rules, in one place. Check, diff and the bookkeeping of inputs and outputs
 * are generic (operations.ts), and each serving (serving/dynamic.ts, serving/native/) is a thin layer over them.
 * Outputs always hold the checked inputs plus the schema's output properties, so diff can
 * compare the recorded state with new inputs, and refresh can show drift.
 */
export interface ResourceImplementation {
    schema: ResourceSchema;
    /** Fills what the schema's flat defaults cannot (e.g. a default nested in a list) before check validates. */
    prepare?(news: Props): Props;
    /** Rules across properties, beyond each property's own (e.g. a processor in another region). */
    checkAcross?(inputs: Props): pulumi.dynamic.CheckFailure[];
    /** `identity` is what the program knows the resource by; absent for resources registered without the SDK. */
    create(api: Api, inputs: Props, identity?: ResourceIdentity): Promise<{ id: string; outs: Props }>;
    /**
     * The inputs that the id names, when the schema's id form (the inputs its parts hold) does not say them all:
     * e.g. the app instance of a channel ARN. Throws when the id is not of the type's form.
     */
    inputsFromId?(id: string): Props;
    /** The live state as outputs, or undefined when the resource no longer exists. */
    read(api: Api, id: string, state: Props): Promise<Props | undefined>;
    /** Applies in place the changed properties whose change behaviour is "update"; returns changed outputs. */
    update(api: Api, id: string, olds: Props, news: Props, changed: string[]): Promise<Props>;
    delete(api: Api, id: string, state: Props): Promise<void>;
}
