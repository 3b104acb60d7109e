import { describe, it, before, after } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { installPackedPackage, InstalledProject, PACKAGE_NAME, PULUMI_SDK_VERSION } from "../helpers/packed-install";

/**
 * A user's project that installs this package next to its own `@pulumi/pulumi` (the version this repository runs
 * with: the oldest supported one, or the newest) gets exactly one copy of the Pulumi SDK, and this package uses it.
 */

/** Every installed copy of @pulumi/pulumi under a project's node_modules, nested ones included. */
function pulumiCopies(dir: string): string[] {
    const copies: string[] = [];
    (function walk(nodeModules: string) {
        if (!fs.existsSync(nodeModules)) return;
        for (const entry of fs.readdirSync(nodeModules)) {
            const names = entry.startsWith("@")
                ? fs.readdirSync(path.join(nodeModules, entry)).map((name) => `${entry}/${name}`)
                : [entry];
            for (const name of names) {
                const packageDir = path.join(nodeModules, name);
                if (name === "@pulumi/pulumi") copies.push(packageDir);
                walk(path.join(packageDir, "node_modules"));
            }
        }
    })(path.join(dir, "node_modules"));
    return copies;
}

describe("a project that installs the packed package and @pulumi/pulumi", () => {
    let project: InstalledProject;

    before(async () => {
        project = await installPackedPackage();
    });
    after(() => project?.remove());

    it(`has one copy of @pulumi/pulumi (${PULUMI_SDK_VERSION}), by npm ls and on disk`, async () => {
        const tree = await project.npm(["ls", "@pulumi/pulumi", "--all"]);
        const listed = tree.split("\n").filter((line) => line.includes("@pulumi/pulumi@"));
        const copies = listed.filter((line) => !line.includes("deduped"));
        assert.equal(copies.length, 1, `npm ls @pulumi/pulumi --all:\n${tree}`);
        assert.match(copies[0], new RegExp(`@pulumi/pulumi@${PULUMI_SDK_VERSION.replace(/\./g, "\\.")}\\b`));
        assert.ok(
            listed.some((line) => line.includes("deduped")),
            `this package's peer dependency is not listed:\n${tree}`,
        );
        assert.deepEqual(pulumiCopies(project.dir), [path.join(project.dir, "node_modules", "@pulumi", "pulumi")]);
    });

    it("this package loads the project's @pulumi/pulumi", async () => {
        const script = `
            const fromProject = require.resolve("@pulumi/pulumi");
            const fromPackage = require.resolve("@pulumi/pulumi", { paths: [require.resolve("${PACKAGE_NAME}")] });
            console.log(JSON.stringify({ fromProject, fromPackage, version: require("@pulumi/pulumi/package.json").version }));
        `;
        const { fromProject, fromPackage, version } = JSON.parse(await project.runNode(script));
        assert.equal(fromPackage, fromProject);
        assert.equal(version, PULUMI_SDK_VERSION);
    });
});
