/**
 * The form of a resource's id, declared once per type (`ResourceSchema.id`): the parts it is made of, in order,
 * and what joins them. The id is made (create), read back into the inputs it names (import, read-by-id, `get`),
 * written by `chime-import` and described in the reference pages, all from this declaration.
 */

/** What joins the parts of an id made of several: `|` between ARNs (which hold no `|`), `#` after a function name. */
export type IdSeparator = "|" | "#";

export interface IdPart {
    /** How the documentation names the part, e.g. "channel ARN". */
    name: string;
    /** The input the part holds, if one does (the resource's own ARN, or a random key, is no input). */
    input?: string;
}

export interface IdForm {
    parts: readonly IdPart[];
    separator: IdSeparator;
}

/** An id that is one value: the resource's own ARN, or (with `input`) the value of one of its inputs. */
export function singleId(name: string, input?: string): IdForm {
    return { parts: [{ name, input }], separator: "|" };
}

/** An id of several parts joined by `separator` (channel and member: `<channel ARN>|<member ARN>`). */
export function joinedId(separator: IdSeparator, ...parts: IdPart[]): IdForm {
    return { parts, separator };
}

/** The form in words, for the documentation: "channel ARN", or `` `<channel ARN>|<member ARN>` ``. */
export function idDescription(form: IdForm): string {
    if (form.parts.length === 1) return form.parts[0].name;
    return `\`${form.parts.map((part) => `<${part.name}>`).join(form.separator)}\``;
}

/** The id of the given parts' values, in the form's order. */
export function makeId(form: IdForm, ...values: string[]): string {
    if (values.length !== form.parts.length)
        throw new Error(`an id of ${form.parts.length} parts, given ${values.length}`);
    return values.join(form.separator);
}

/** The parts' values of an id, or undefined when the id is not of the form. */
export function idParts(form: IdForm, id: string): string[] | undefined {
    const values = form.parts.length === 1 ? [id] : id.split(form.separator);
    if (values.length !== form.parts.length || values.some((value) => value === "")) return undefined;
    return values;
}

/** The inputs an id names; throws, naming the type and the form, when the id is not of it. */
export function inputsFromId(type: string, form: IdForm, id: string): Record<string, string> {
    const values = typeof id === "string" ? idParts(form, id) : undefined;
    if (!values) throw new Error(`${type}: an id must be ${idDescription(form)} (got ${JSON.stringify(id)})`);
    return Object.fromEntries(
        form.parts.flatMap((part, i) => (part.input === undefined ? [] : [[part.input, values[i]] as const])),
    );
}
