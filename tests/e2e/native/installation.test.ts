import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { archiveName, hostTarget } from "../../../scripts/release/plugin-executables";
import { EmulatorFixture, startFixture } from "../../helpers/emulator";
import { emulatorResources, requirePulumiCli, temporaryBackend } from "../../helpers/e2e";
import { CliStack, runCliOk } from "../../helpers/cli-run";
import { yamlProject } from "../../helpers/native";
import { packedBinDir } from "../../../scripts/packed-package";
import { releaseFolder, serveFolder, ServedFolder } from "../../helpers/release";

/**
 * The ways the README gives to install the native plugin, each through the real CLI: the installed npm package's
 * executable on PATH, `plugins.providers` in Pulumi.yaml, and the self-contained plugin of the release folder,
 * by `pulumi plugin install resource chime-messaging <version>` with `--file <archive>` or `--server <URL>` (the
 * folder served on loopback, as a release's download server), with no Node.js to be had. But for the first,
 * plugins on PATH are ignored (PULUMI_IGNORE_AMBIENT_PLUGINS), so only the way under test can provide it.
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

describe("installing the native plugin, each way the README gives", () => {
    let binDir: string;
    let fx: EmulatorFixture;
    let release: string;
    let served: ServedFolder;

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
        release = await releaseFolder();
        served = await serveFolder(release);
    });
    after(async () => {
        await served?.close();
        await fx?.close();
    });

    const selfContainedArchive = () => path.join(release, archiveName(version(), hostTarget()!));

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

    for (const from of ["--file", "--server"] as const) {
        it(`the self-contained plugin, with no Node.js: pulumi plugin install resource chime-messaging <version> ${from} <release>`, async () => {
            const home = fs.mkdtempSync(path.join(os.tmpdir(), "chime-pulumi-home-"));
            const stack = stackOf(yamlProject(PROGRAM), {
                env: { PULUMI_HOME: home, PULUMI_IGNORE_AMBIENT_PLUGINS: "true" },
                withoutNode: true,
            });
            const source = from === "--file" ? selfContainedArchive() : served.url;
            await runCliOk(stack, ["plugin", "install", "resource", "chime-messaging", version(), from, source]);
            if (from === "--server") assert.ok(served.requests.includes(path.basename(selfContainedArchive())));
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
            fs.rmSync(home, { recursive: true, force: true });
        });
    }
});
