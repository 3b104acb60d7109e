import * as fs from "fs";
import * as path from "path";
import { codeBlocks } from "./code-blocks";

/**
 * The READMEs of the Python distribution (its page on PyPI) and the Go module (its page on pkg.go.dev): one
 * template, package-readme.md, with each language's package, install line and toolchain, and that language's
 * example of docs/_index.md, so that the overview and the packages cannot show different programs.
 */

const LANGUAGES = {
    python: {
        package: "pulumi_chime_messaging",
        install: "pip install pulumi_chime_messaging",
        toolchain: "Python 3.9 or later",
    },
    go: {
        package: "github.com/pulumi-chime-messaging/pulumi-chime-messaging/sdk/go",
        install: "go get github.com/pulumi-chime-messaging/pulumi-chime-messaging/sdk/go",
        toolchain: "Go 1.25 or later",
    },
};

export function packageReadme(root: string, language: keyof typeof LANGUAGES): string {
    const [example] = codeBlocks(fs.readFileSync(path.join(root, "docs", "_index.md"), "utf8"), language);
    if (example === undefined)
        throw new Error(`docs/_index.md: no ${language} example (a \`\`\`${language} block) for the package's README`);
    const values: Record<string, string> = { ...LANGUAGES[language], example: `\`\`\`${language}\n${example}\`\`\`\n` };
    const template = fs.readFileSync(path.join(root, "scripts", "generate", "package-readme.md"), "utf8");
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]);
}
