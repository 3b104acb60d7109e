import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPluginArchive } from "../../../scripts/plugin-archive";
import { EmulatorFixture, startFixture } from "../../helpers/emulator";
import { emulatorResources, requirePulumiCli, temporaryBackend } from "../../helpers/e2e";
import { CliStack, runCliOk } from "../../helpers/cli-run";
import { yamlProject } from "../../helpers/native";
import { packedBinDir } from "../../../scripts/packed-package";

/**
 * The three offline ways the README gives to install the native plugin, each through the real CLI with nothing
 * downloaded: the installed package's executable on PATH, `plugins.providers` in Pulumi.yaml, and
 * `pulumi plugin install resource chime-messaging <version> --file <archive>`. For the last two, plugins on PATH
 * are ignored (PULUMI_IGNORE_AMBIENT_PLUGINS), so only the way under test can provide it.
 */

const PROGRAM = `name: chime-installed
runtime: yaml
resources:
  chat:
    type: chime-messaging:index:AppInstance
outputs:
  arn: \${chat.arn}
`;

const version = () =>
    (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string })
        .version;

describe("installing the native plugin offline, each way the README gives", () => {
    let binDir: string;
    let fx: EmulatorFixture;

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
    });
    after(() => fx?.close());

    /** An up and a destroy of the program in a new stack: the plugin was found, served its schema and worked. */
    async function upAndDestroy(stack: CliStack): Promise<string> {
        await runCliOk(stack, ["stack", "select", "--create"]);
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /\+ 2 created/);
        const arn = (await runCliOk(stack, ["stack", "output", "arn"])).trim();
        assert.match(arn, /^arn:aws:chime:us-east-1:\d{12}:app-instance\//);
        await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await emulatorResources(fx.url), {});
        return up;
    }

    const stackOf = (workDir: string, extra: Partial<CliStack> = {}): CliStack => ({
        binDir,
        workDir,
        backendDir: temporaryBackend(),
        emulatorUrl: fx.url,
        stackName: "installed",
        ...extra,
    });

    it("the installed package's executable on PATH", async () => {
        const up = await upAndDestroy(stackOf(yamlProject(PROGRAM), { pluginDir: packedBinDir() }));
        assert.match(up, /using pulumi-resource-chime-messaging from \$PATH/);
    });

    it("plugins.providers in Pulumi.yaml naming the folder that holds it", async () => {
        const program = `${PROGRAM}plugins:\n  providers:\n    - name: chime-messaging\n      path: ${packedBinDir()}\n`;
        const up = await upAndDestroy(
            stackOf(yamlProject(program), { env: { PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } }),
        );
        assert.doesNotMatch(up, /from \$PATH/);
    });

    it("pulumi plugin install resource chime-messaging <version> --file <archive>", async () => {
        const archive = buildPluginArchive(fs.mkdtempSync(path.join(os.tmpdir(), "chime-plugin-archive-")));
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "chime-pulumi-home-"));
        const stack = stackOf(yamlProject(PROGRAM), {
            env: { PULUMI_HOME: home, PULUMI_IGNORE_AMBIENT_PLUGINS: "true" },
        });
        await runCliOk(stack, ["plugin", "install", "resource", "chime-messaging", version(), "--file", archive]);
        assert.match(
            await runCliOk(stack, ["plugin", "ls"]),
            new RegExp(`chime-messaging\\s+resource\\s+${version()}`),
        );
        const schema = JSON.parse(
            (await runCliOk(stack, ["package", "get-schema", "chime-messaging"])).replace(/^[^{]*/, ""),
        ) as { name: string; resources: Record<string, unknown> };
        assert.equal(schema.name, "chime-messaging");
        assert.ok(schema.resources["chime-messaging:index:Channel"], "pulumi package get-schema prints the schema");
        await upAndDestroy(stack);
    });
});
