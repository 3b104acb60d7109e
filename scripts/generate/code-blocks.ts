/** The fenced code blocks of a Markdown text in one language (```python ... ```), each without its fences. */
export function codeBlocks(markdown: string, language: string): string[] {
    const fence = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "gm");
    return [...markdown.matchAll(fence)].map((match) => match[1]);
}
