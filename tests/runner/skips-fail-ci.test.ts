import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/repo-root";
import { run } from "../helpers/clients";

/** The suite's own runner settings (.mocharc.js): in CI, a skipped test fails the run. */
describe("the test runner's settings", () => {
    const withSkip = () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-runner-"));
        const spec = path.join(dir, "skipping.test.ts");
        fs.writeFileSync(
            spec,
            // mocha's globals: the file is outside the repository, where "mocha" does not resolve.
            'it("runs", () => undefined);\nit("skips", function () { this.skip(); });\n',
        );
        return spec;
    };
    const mocha = (spec: string, ci: boolean) => {
        const env = { ...process.env };
        delete env.CI;
        if (ci) env.CI = "true";
        return run(process.execPath, [require.resolve("mocha/bin/mocha.js"), spec], env, REPO_ROOT);
    };

    it("fail a run that skips a test when CI is set", async () => {
        const result = await mocha(withSkip(), true);
        assert.notEqual(result.status, 0, result.stdout);
        assert.match(result.stdout, /1 passing[\s\S]*1 failing[\s\S]*skips:\s+Error: Pending test forbidden/);
    });

    it("let a developer's run skip, saying so", async () => {
        const result = await mocha(withSkip(), false);
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /1 passing[\s\S]*1 pending/);
    });
});
