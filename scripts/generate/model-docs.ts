import { SmithyModel } from "../../smithy/model";

/**
 * The API models document shapes in HTML; doc comments and README tables want plain text with Markdown code
 * spans. Only the tags the Chime and Lambda models use are translated; any other tag is dropped, keeping its text.
 */
const ENTITIES: Record<string, string> = {
    "&lt;": "<",
    "&gt;": ">",
    "&amp;": "&",
    "&quot;": '"',
    "&#39;": "'",
    "&nbsp;": " ",
};

export function plainText(html: string): string {
    return html
        .replace(/\s+/g, " ")
        .replace(/<code>\s*([\s\S]*?)\s*<\/code>/g, "`$1`")
        .replace(/<\/(p|li)>\s*/g, "$&\n")
        .replace(/<li>/g, "- ")
        .replace(/<[^>]+>/g, "")
        .replace(/&[a-z#0-9]+;/g, (entity) => ENTITIES[entity] ?? entity)
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .join("\n");
}

/** A text that ends a sentence. */
export function withPeriod(text: string | undefined): string | undefined {
    if (!text) return text;
    return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Sentences joined, the empty ones left out. */
export const sentences = (...parts: (string | undefined)[]) =>
    parts
        .map(withPeriod)
        .filter((p) => p && p.length > 0)
        .join(" ");

/** The first sentence of a text, for table cells. */
export function firstSentence(text: string): string {
    const oneLine = text.replace(/\n/g, " ");
    const end = oneLine.search(/\.(\s|$)/);
    return end === -1 ? oneLine : oneLine.slice(0, end + 1);
}

/** The documentation of a member: its own, or its target shape's. */
export function memberDocumentation(
    model: SmithyModel,
    traits: Record<string, unknown> | undefined,
    target: string,
): string {
    const own = traits?.["smithy.api#documentation"] as string | undefined;
    const targetDoc = model.shapes[target]?.traits?.["smithy.api#documentation"] as string | undefined;
    return plainText(own ?? targetDoc ?? "");
}

export function shapeDocumentation(model: SmithyModel, shapeId: string): string {
    return plainText((model.shapes[shapeId]?.traits?.["smithy.api#documentation"] as string | undefined) ?? "");
}

function bounds(trait: { min?: number; max?: number }, unit: string): string | undefined {
    const { min, max } = trait;
    if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}${unit}` : `${min}–${max}${unit}`;
    if (max !== undefined) return `at most ${max}${unit}`;
    if (min !== undefined && min > 0) return `at least ${min}${unit}`;
    return undefined;
}

/** The model's length and range constraints of a shape, in words (e.g. "1–256 characters", "1–5475"). */
export function constraintText(model: SmithyModel, shapeId: string): string | undefined {
    const shape = model.shapes[shapeId];
    if (!shape) return undefined;
    const range = shape.traits?.["smithy.api#range"] as { min?: number; max?: number } | undefined;
    if (range) return bounds(range, "");
    const length = shape.traits?.["smithy.api#length"] as { min?: number; max?: number } | undefined;
    if (!length) return undefined;
    const unit = shape.type === "list" ? " items" : shape.type === "map" ? " entries" : " characters";
    return bounds(length, unit);
}
