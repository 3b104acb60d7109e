import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { codeBlocks } from "../../scripts/generate/code-blocks";
import { REPO_ROOT } from "../../scripts/repo-root";
import { DescribeChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { CliStack, runCliOk } from "../helpers/cli-run";
import { runOk } from "../helpers/clients";
import { emulatorResources, requirePulumiCli } from "../helpers/e2e";
import { startFixture } from "../helpers/emulator";
import { GO_ENV, requireGo } from "../helpers/go";
import { nativeStack, yamlProject } from "../helpers/native";

/**
 * The overview's examples (docs/_index.md), one program per language, build as written against this repository's
 * SDKs: the TypeScript one type-checks against sdk/nodejs under the project's compiler options, the Go one passes
 * `go vet` against sdk/go, and the YAML one runs through the real CLI and the native plugin against the emulator.
 * The Python one is the Python package's description too, and tests/sdk/python.test.ts runs it under mocks.
 */

const overview = () => fs.readFileSync(path.join(REPO_ROOT, "docs", "_index.md"), "utf8");

function onlyExample(language: string): string {
    const blocks = codeBlocks(overview(), language);
    assert.equal(blocks.length, 1, `docs/_index.md has ${blocks.length} ${language} examples, not 1`);
    return blocks[0];
}

describe("the overview's examples (docs/_index.md)", () => {
    let scratch: string;
    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chime-overview-examples-"));
    });
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("the TypeScript example type-checks against the TypeScript SDK, strict", () => {
        const file = path.join(scratch, "index.ts");
        fs.writeFileSync(file, onlyExample("typescript"));
        const configFile = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
        const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, REPO_ROOT);
        const program = ts.createProgram([file], {
            ...options,
            noEmit: true,
            incremental: false,
            composite: false,
            tsBuildInfoFile: undefined,
            rootDir: undefined,
            baseUrl: REPO_ROOT,
            paths: { "pulumi-chime-messaging": [path.join(REPO_ROOT, "sdk", "nodejs", "index.ts")] },
        });
        assert.ok(options.strict, "the project's compiler options are strict");
        const errors = ts
            .getPreEmitDiagnostics(program)
            .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        assert.deepEqual(errors, []);
        assert.ok(program.getSourceFile(path.join(REPO_ROOT, "sdk", "nodejs", "index.ts")), "the SDK was checked");
    });

    it("the Go example passes go vet against the Go SDK", async function () {
        requireGo(this, "OVERVIEW GO EXAMPLE");
        const dir = path.join(scratch, "go");
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, "main.go"), onlyExample("go"));
        const sdk = path.join(REPO_ROOT, "sdk", "go");
        const modulePath = /^module (\S+)$/m.exec(fs.readFileSync(path.join(sdk, "go.mod"), "utf8"))![1];
        fs.writeFileSync(
            path.join(dir, "go.mod"),
            `module overview\n\ngo 1.25\n\nrequire ${modulePath} v0.0.0\n\nreplace ${modulePath} => ${sdk}\n`,
        );
        fs.copyFileSync(path.join(sdk, "go.sum"), path.join(dir, "go.sum"));
        await runOk("go", ["mod", "tidy"], GO_ENV, dir);
        await runOk("go", ["vet", "."], GO_ENV, dir);
    });

    it("the YAML example, through the CLI and the native plugin, makes the app instance, its admin user (an AppInstanceWithAdmin: five resources with the stack) and a channel named general; destroy removes them", async function () {
        const binDir = requirePulumiCli(this);
        const fx = await startFixture();
        try {
            const stack: CliStack = await nativeStack(binDir, fx.url, yamlProject(onlyExample("yaml")), "overview");
            assert.match(await runCliOk(stack, ["up", "--yes", "--skip-preview"]), /\+ 6 created/);
            const outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as { channelArn: string };
            const held = await emulatorResources(fx.url);
            for (const table of ["appInstances", "appInstanceUsers", "appInstanceAdmins", "channels"])
                assert.equal(held[table]?.length, 1, `the emulator holds one of ${table}: ${JSON.stringify(held)}`);
            const bearer = /^(.*)\/channel\//.exec(outputs.channelArn)![1] + "/user/admin";
            const { Channel } = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: outputs.channelArn, ChimeBearer: bearer }),
            );
            assert.equal(Channel?.Name, "general");
            await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
            assert.deepEqual(await emulatorResources(fx.url), {});
        } finally {
            await fx.close();
        }
    });
});
