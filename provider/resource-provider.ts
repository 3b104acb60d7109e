import type * as pulumi from "@pulumi/pulumi";
import type { Api } from "./api";
import type { ResourceIdentity } from "./internal-inputs";
import type { ResourceSchema } from "./schema";

export type Props = Record<string, unknown>;

/**
 * What read, update and delete are given: the state the engine recorded (the checked inputs and the outputs), or
 * for a resource known only by its id (import, `get`), the inputs the id names and what the program gave.
 */
export type State<Inputs, Outputs> = Inputs & Partial<Outputs>;

/**
 * What a resource type implements: its rules, in one place. Check, diff and the bookkeeping of inputs and outputs
 * are generic (operations.ts), and each serving (serving/dynamic.ts, serving/native/) is a thin layer over them.
 * Outputs always hold the checked inputs plus the schema's output properties, so diff can
 * compare the recorded state with new inputs, and refresh can show drift.
 *
 * `Inputs` and `Outputs` are the type's checked inputs and output-only properties, derived from its schema
 * (`InputsOf<typeof schema>`, `OutputsOf<typeof schema>`), so the resource files read them without casts. The
 * generic code (operations.ts, the servings) sees every implementation as the default, string-keyed records.
 */
export interface ResourceImplementation<Inputs extends object = Props, Outputs extends object = Props> {
    schema: ResourceSchema;
    /** Fills what the schema's flat defaults cannot (e.g. a default nested in a list) before check validates. */
    prepare?(news: Props): Props;
    /** Rules across properties, beyond each property's own (e.g. a processor in another region). */
    checkAcross?(inputs: Props): pulumi.dynamic.CheckFailure[];
    /** `identity` is what the program knows the resource by; absent for resources registered without the SDK. */
    create(api: Api, inputs: Inputs, identity?: ResourceIdentity): Promise<{ id: string; outs: Partial<Outputs> }>;
    /**
     * The inputs that the id names beyond those its form's parts hold (`named`, already read from the id): e.g.
     * the app instance of a channel ARN. Throws when the id is not of the type's form.
     */
    inputsFromId?(id: string, named: Record<string, string>): Props;
    /** The live state as outputs, or undefined when the resource no longer exists. */
    read(api: Api, id: string, state: State<Inputs, Outputs>): Promise<Partial<Inputs & Outputs> | undefined>;
    /** Applies in place the changed properties whose change behaviour is "update"; returns changed outputs. */
    update(
        api: Api,
        id: string,
        olds: State<Inputs, Outputs>,
        news: Inputs,
        changed: string[],
    ): Promise<Partial<Outputs>>;
    delete(api: Api, id: string, state: State<Inputs, Outputs>): Promise<void>;
}
