import { before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { run, runOk } from "../helpers/clients";
import { GO_ENV, requireGo } from "../helpers/go";

/**
 * The Go SDK generated from the schema (sdk/go, a Go module): `go vet` and `go build` accept it, and the
 * quickstart's topology written with it runs under Pulumi's mocks (`go test`, sdk/go/tests), asserting the type
 * tokens, the inputs and the exports. And `npm run generate -- --check`, the one check of every generated file, passes.
 */

const MODULE = path.join(REPO_ROOT, "sdk", "go");

async function ok(command: string, args: string[], cwd: string): Promise<string> {
    const result = await runOk(command, args, GO_ENV, cwd);
    return result.stdout + result.stderr;
}

describe("the Go SDK generated from the schema", function () {
    before(function () {
        requireGo(this, "GO SDK TEST");
    });

    it("go vet and go build accept the module", async () => {
        await ok("go", ["vet", "./..."], MODULE);
        await ok("go", ["build", "./..."], MODULE);
    });

    it("the quickstart in Go runs under pulumi.WithMocks: type tokens, inputs and exports", async () => {
        const output = await ok("go", ["test", "-count=1", "-v", "./tests/"], MODULE);
        assert.match(output, /--- PASS: TestQuickstartUnderMocks/);
    });

    it("npm run generate -- --check passes: every language's SDK, the schema, the entries and the docs are what the declarations generate", async () => {
        const result = await run(
            "node",
            [path.join(REPO_ROOT, "dist", "scripts", "generate.js"), "--check"],
            GO_ENV,
            REPO_ROOT,
        );
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /match the declarations/);
        assert.match(result.stderr, /sdk\/python and sdk\/go match schema\.json/);
    });
});
