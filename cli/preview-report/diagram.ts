import { DataLoss } from "./data-loss";
import { Change, chimeTypeOf, nameOfUrn, typeOfUrn } from "./preview";

/**
 * A Mermaid flowchart of the changed part of the topology, for the report (GitHub renders ```mermaid blocks in
 * comments): each changed resource, styled by its operation and marked when it loses data, with an edge from what
 * it hangs from (its app instance, channel or flow). A parent the preview leaves unchanged is drawn, plain, only
 * where it connects changed resources. Past `limit` changes, the rest are counted in one node.
 */

export const DIAGRAM_LIMIT = 40;

const STYLES = [
    "classDef create fill:#dafbe1,stroke:#1a7f37,color:#0f3d1f",
    "classDef update fill:#fff8c5,stroke:#9a6700,color:#3d2e00",
    "classDef replace fill:#ffe2cc,stroke:#bc4c00,color:#4a1e00",
    "classDef delete fill:#ffebe9,stroke:#cf222e,color:#5a0a0f",
    "classDef unchanged fill:#f6f8fa,stroke:#8c959f,color:#57606a",
    "classDef more fill:#ffffff,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a",
];

/** A Mermaid label: quotes and markup characters as entities, so any name is drawn as it is. */
const label = (text: string) =>
    text.replace(/[#"<>&]/g, (c) => ({ "#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;" })[c]!);

export function mermaidDiagram(changes: Change[], dataLoss: DataLoss[], limit = DIAGRAM_LIMIT): string[] {
    const shown = changes.slice(0, limit);
    const ids = new Map<string, string>();
    const nodeOf = (key: string) => {
        if (!ids.has(key)) ids.set(key, `n${ids.size}`);
        return ids.get(key)!;
    };
    const losing = new Set(dataLoss.map((loss) => loss.change.urn));
    const byArn = new Map(changes.filter((c) => c.oldArn).map((c) => [c.oldArn!, c.urn]));
    const lines = ["```mermaid", "flowchart LR", ...STYLES.map((style) => `  ${style}`)];
    for (const change of shown) {
        const loses = losing.has(change.urn) ? "<br/>⚠ loses data" : "";
        const text = `${label(change.chimeType ?? change.type)} ${label(change.name)}<br/>${change.operation}${loses}`;
        lines.push(`  ${nodeOf(change.urn)}["${text}"]:::${change.operation}`);
    }
    const changedUrns = new Set(changes.map((c) => c.urn));
    const parentsDrawn = new Set<string>();
    for (const change of shown) {
        for (const parent of change.parents) {
            const key = parent.urn ?? (parent.arn && byArn.get(parent.arn)) ?? parent.arn;
            if (!key) continue;
            if (!changedUrns.has(key) && !parentsDrawn.has(key)) {
                parentsDrawn.add(key);
                const text = key.startsWith("urn:")
                    ? `${label(chimeTypeOf(typeOfUrn(key)) ?? typeOfUrn(key))} ${label(nameOfUrn(key))}`
                    : label(key.slice(key.lastIndexOf("/") + 1));
                lines.push(`  ${nodeOf(key)}["${text}"]:::unchanged`);
            }
            if (changedUrns.has(key) && !shown.some((c) => c.urn === key)) continue;
            lines.push(`  ${nodeOf(key)} --> ${nodeOf(change.urn)}`);
        }
    }
    if (changes.length > shown.length) {
        lines.push(`  more["… and ${changes.length - shown.length} more changes (see the table)"]:::more`);
    }
    lines.push("```");
    return lines;
}
