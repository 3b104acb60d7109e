import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/local-pulumi";

/**
 * Every link of the README and of docs/ resolves: a relative link names a file or folder of the repository, and a
 * `#anchor` (in the same page or another) names a heading of that page, as GitHub makes its anchors. Links to
 * other sites are not fetched (there is no network here); they are listed by the test's title only.
 */

function markdownFiles(): string[] {
    const docs = fs
        .readdirSync(path.join(REPO_ROOT, "docs"), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
        .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)));
    return ["README.md", ...docs.sort()];
}

/** The anchors GitHub gives a page's headings (lowercased, punctuation dropped, spaces to hyphens, repeats numbered). */
export function anchorsOf(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const seen = new Map<string, number>();
    let inCode = false;
    for (const line of markdown.split("\n")) {
        if (line.startsWith("```")) inCode = !inCode;
        const heading = !inCode && /^#{1,6} (.+)$/.exec(line);
        if (!heading) continue;
        const base = heading[1]
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, "")
            .replace(/\s/g, "-");
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    return anchors;
}

/** The targets of a page's Markdown links, outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
    const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

describe("the links of the README and docs/", () => {
    for (const file of markdownFiles()) {
        it(`${file}: every relative link and anchor resolves`, () => {
            const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
            const broken: string[] = [];
            for (const link of linksOf(text)) {
                if (/^[a-z]+:/.test(link)) continue; // another site
                const [target, anchor] = link.split("#");
                const resolved =
                    target === ""
                        ? path.join(REPO_ROOT, file)
                        : path.resolve(path.dirname(path.join(REPO_ROOT, file)), target);
                if (!fs.existsSync(resolved)) {
                    broken.push(`${link}: no such file`);
                    continue;
                }
                if (anchor && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor)) {
                    broken.push(`${link}: no heading with the anchor #${anchor}`);
                }
            }
            assert.deepEqual(broken, []);
        });
    }

    it("the README is the front door: at most about 300 lines", () => {
        const lines = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n").length;
        assert.ok(lines <= 300, `README.md has ${lines} lines`);
    });
});
