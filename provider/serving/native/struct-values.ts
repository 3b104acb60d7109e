import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "../../resource-provider";

/** The engine's protobuf Structs as the plain values the plugin's semantics take and give, secrets included. */

/** A Struct of plain JSON values (undefined members dropped: a Struct cannot hold them). */
export const toStruct = (value: Props) => structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));

/** How the engine marks a secret value in a Struct (the plugin accepts secrets: component Construct requires it). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function unwrapSecrets(value: unknown, found: { secret: boolean }): unknown {
    if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, found));
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            found.secret = true;
            return unwrapSecrets(record.value, found);
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v, found)]));
    }
    return value;
}

/** A request's properties as plain values. */
export function fromStruct(struct: structproto.Struct | undefined): Props {
    return plainProperties(struct).props;
}

/** A request's properties as plain values, and which of them held a secret anywhere inside. */
export function plainProperties(struct: structproto.Struct | undefined): { props: Props; secrets: Set<string> } {
    const secrets = new Set<string>();
    const props: Props = {};
    for (const [key, value] of Object.entries((struct?.toJavaScript() as Props) ?? {})) {
        const found = { secret: false };
        props[key] = unwrapSecrets(value, found);
        if (found.secret) secrets.add(key);
    }
    return { props, secrets };
}

/** Outputs whose inputs were secret are secret too (the engine would otherwise show and store them in the clear). */
export function withSecrets(props: Props, secrets: Set<string>): Props {
    return Object.fromEntries(
        Object.entries(props).map(([key, value]) => [
            key,
            secrets.has(key) && value !== undefined ? { [SIG_KEY]: SECRET_SIG, value } : value,
        ]),
    );
}
