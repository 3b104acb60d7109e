import { DataLoss, dataLossOf } from "./data-loss";
import { mermaidDiagram } from "./diagram";
import { Change, Preview } from "./preview";

/** The Markdown report of a preview, for a pull-request comment. */

const ORDER = ["create", "update", "replace", "delete", "import", "read", "refresh"];

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function propertiesOf(change: Change): string {
    if (change.properties.length === 0) return "";
    return change.properties
        .map((p) => (change.replaceReasons.includes(p) ? `${code(p)} (forces replacement)` : code(p)))
        .join(", ");
}

function typeOf(change: Change): string {
    return change.chimeType ?? change.type;
}

function lossLine(loss: DataLoss): string {
    const { change } = loss;
    const forced = change.replaceReasons.length > 0 ? `, forced by ${change.replaceReasons.map(code).join(", ")}` : "";
    return `- **${typeOf(change)} ${code(change.name)}** (${change.operation}${forced}): loses ${loss.lost}.`;
}

export interface Report {
    markdown: string;
    dataLoss: DataLoss[];
}

export interface ReportOptions {
    /** A Mermaid diagram of the changed part of the topology (on by default). */
    diagram?: boolean;
}

export function report(preview: Preview, { diagram = true }: ReportOptions = {}): Report {
    const counts = new Map<string, number>();
    for (const change of preview.changes) counts.set(change.operation, (counts.get(change.operation) ?? 0) + 1);
    const operations = [...counts.keys()].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
    const dataLoss = preview.changes.map(dataLossOf).filter((loss): loss is DataLoss => loss !== undefined);

    const lines: string[] = ["## Pulumi preview", ""];
    const summary = [...operations.map((op) => `${counts.get(op)} to ${op}`), `${preview.unchanged} unchanged`];
    lines.push(
        dataLoss.length > 0
            ? `**${dataLoss.length} change(s) destroy data.** ${summary.join(", ")}.`
            : `No data loss. ${summary.join(", ")}.`,
    );
    lines.push("", "| Operation | Resources |", "| --- | ---: |");
    for (const op of operations) lines.push(`| ${op} | ${counts.get(op)} |`);
    lines.push(`| unchanged | ${preview.unchanged} |`);

    if (diagram && preview.changes.length > 0) {
        lines.push("", "### What changes, and what it hangs from", "", ...mermaidDiagram(preview.changes, dataLoss));
    }

    lines.push("", "### Changes", "");
    if (preview.changes.length === 0) lines.push("None.");
    else {
        lines.push("| Resource | Type | Operation | Properties |", "| --- | --- | --- | --- |");
        for (const change of preview.changes) {
            lines.push(
                `| ${code(change.name)} | ${cell(typeOf(change))} | ${change.operation} | ${propertiesOf(change)} |`,
            );
        }
    }

    lines.push("", "### Data loss", "");
    if (dataLoss.length === 0) lines.push("None: no change destroys data.");
    else lines.push(...dataLoss.map(lossLine));
    return { markdown: lines.join("\n") + "\n", dataLoss };
}
