/**
 * Names for the generated program's resources, made from the live resources' names: a camelCase variable and a
 * kebab-case logical name from the same words, both unique in the program and valid whatever the live name holds.
 */

const RESERVED = new Set(
    (
        "break case catch class const continue debugger default delete do else enum export extends false finally for " +
        "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
        "as implements interface let package private protected public static yield any boolean number string symbol " +
        "type from of await async chime pulumi"
    ).split(" "),
);

export interface ResourceName {
    /** The TypeScript variable. */
    variable: string;
    /** The Pulumi logical name. */
    logical: string;
}

function wordsOf(text: string): string[] {
    return text
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w !== "")
        .map((w) => w.toLowerCase());
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export class Identifiers {
    private readonly taken = new Set<string>(RESERVED);

    /**
     * A name from `parts` (e.g. a channel's and a user's names), with `kind` (e.g. "membership") appended, or
     * appended only when needed to tell it apart (`kindAlways` false).
     */
    name(parts: string[], kind: string, kindAlways = false): ResourceName {
        const kindWords = wordsOf(kind);
        let words = parts.flatMap(wordsOf);
        if (words.length === 0) words = kindWords;
        else if (kindAlways) words = [...words, ...kindWords];
        if (/^[0-9]/.test(words[0])) words = [...kindWords, ...words];
        const candidates = [words, [...words, ...kindWords]];
        for (const candidate of candidates) {
            const found = this.claim(candidate);
            if (found) return found;
        }
        for (let n = 2; ; n++) {
            const found = this.claim([...candidates[1], String(n)]);
            if (found) return found;
        }
    }

    private claim(words: string[]): ResourceName | undefined {
        const variable = words[0] + words.slice(1).map(capitalized).join("");
        if (this.taken.has(variable)) return undefined;
        this.taken.add(variable);
        return { variable, logical: words.join("-") };
    }
}
