import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { packedBinDir } from "../../scripts/packed-package";
import { CliStack, runCli, runCliOk } from "./cli-run";
import { temporaryBackend } from "./e2e";

/**
 * Stacks of the native plugin, as a YAML (or any non-Node) user runs them: the package installed with npm (the
 * packed install, scripts/packed-package.ts), its `node_modules/.bin` on PATH, where the engine finds
 * `pulumi-resource-chime-messaging` (the README's first way to install the plugin).
 */

/** A YAML project in a temporary folder: `Pulumi.yaml` with the given text. */
export function yamlProject(program: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-yaml-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program);
    return dir;
}

/** The repository's examples/yaml program. */
export const exampleYaml = () => fs.readFileSync(path.join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");

/** A new stack of a YAML project with the plugin on PATH, and its config set. */
export async function nativeStack(
    binDir: string,
    emulatorUrl: string,
    workDir: string,
    stackName: string,
    config: Record<string, string> = {},
): Promise<CliStack> {
    const stack: CliStack = {
        binDir,
        workDir,
        backendDir: temporaryBackend(),
        emulatorUrl,
        stackName,
        pluginDir: packedBinDir(),
    };
    await runCliOk(stack, ["stack", "select", "--create"]);
    for (const [key, value] of Object.entries(config)) await runCliOk(stack, ["config", "set", key, value]);
    return stack;
}

/** What `pulumi preview --json` prints on standard output. */
export async function previewJsonText(stack: CliStack): Promise<string> {
    const result = await runCli(stack, ["preview", "--json"]);
    if (result.code !== 0)
        throw new Error(`pulumi preview --json exited ${result.code}:\n${result.output.slice(-6000)}`);
    return result.stdout;
}

/** The steps of `pulumi preview --json`, by resource name: the operation and the detailed diff. */
export async function previewSteps(
    stack: CliStack,
): Promise<Record<string, { op: string; detailedDiff?: Record<string, { kind: string }> }>> {
    const json = JSON.parse(await previewJsonText(stack)) as {
        steps?: { urn: string; op: string; detailedDiff?: Record<string, { kind: string }> }[];
    };
    return Object.fromEntries(
        (json.steps ?? []).map((step) => [
            step.urn.split("::").pop()!,
            { op: step.op, detailedDiff: step.detailedDiff },
        ]),
    );
}
