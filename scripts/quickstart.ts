import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import {
    emulatorAwsEnv,
    ensureEmulatorProcessorFunction,
    localPulumiEnv,
    localStack,
    pulumiBinDir,
    REPO_ROOT,
    stageQuickstartProject,
} from "./local-pulumi";

/**
 * `npm start`: runs the quickstart stack (Pulumi.yaml at the repository root) against a local emulator that keeps
 * running afterwards, so you can look at what was made. `npm run pulumi -- <args>`: any Pulumi CLI command on that
 * stack (`preview --diff`, `stack`, `refresh`, ...). `npm run destroy`: tears it all down.
 *
 *   node dist/scripts/quickstart.js up | destroy | pulumi <args...>
 */

const LOCAL_DIR = path.join(REPO_ROOT, ".quickstart");
const EMULATOR_DATA = path.join(LOCAL_DIR, "emulator-data");
const EMULATOR_INFO = path.join(LOCAL_DIR, "emulator.json");
const BACKEND_DIR = path.join(LOCAL_DIR, "pulumi-state");
// The stack runs from a copy of the project that installed the package's tarball, as a user's project would.
const PROJECT_DIR = path.join(LOCAL_DIR, "project");
const STACK = "dev";
const PORT = Number(process.env.CHIME_EMULATOR_PORT ?? 4590);
const PROCESSOR_FUNCTION = "profanity-filter";

interface EmulatorInfo {
    pid: number;
    url: string;
}

const say = (text: string) => console.log(`\n== ${text}`);

/** Pulumi commands that act on a stack: `npm run pulumi` gives them the quickstart's unless told another. */
const STACK_COMMANDS = new Set([
    "preview",
    "up",
    "refresh",
    "destroy",
    "stack",
    "config",
    "cancel",
    "about",
    "import",
    "state",
]);

/**
 * Node 20 is past its end of life; it still runs the quickstart (with @pulumi/pulumi 3.248, the last release for
 * it), so one line says so instead of the AWS SDK's multi-line NodeVersionSupportWarning.
 */
function noteNodeVersion(): void {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const major = Number(process.versions.node.split(".")[0]);
    if (major < 22) {
        console.log(
            `note: Node ${process.versions.node} is past its end of life; use Node 22 or 24 (see "Supported versions" in the README).`,
        );
    }
}

async function isHealthy(url: string): Promise<boolean> {
    try {
        const response = await fetch(`${url}/_emulator/health`);
        return response.ok;
    } catch {
        return false;
    }
}

/** Reuses the emulator a previous run left running, or starts one in the background with persistence. */
async function ensureEmulator(): Promise<EmulatorInfo> {
    if (fs.existsSync(EMULATOR_INFO)) {
        const info = JSON.parse(fs.readFileSync(EMULATOR_INFO, "utf8")) as EmulatorInfo;
        if (await isHealthy(info.url)) return info;
    }
    fs.mkdirSync(LOCAL_DIR, { recursive: true });
    const log = fs.openSync(path.join(LOCAL_DIR, "emulator.log"), "a");
    const child = spawn(
        process.execPath,
        [path.join(REPO_ROOT, "bin", "chime-emulator.js"), "--port", String(PORT), "--data", EMULATOR_DATA],
        { detached: true, stdio: ["ignore", "pipe", log] },
    );
    const url = await new Promise<string>((resolve, reject) => {
        let buffered = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            buffered += chunk.toString();
            const match = /listening on (\S+)/.exec(buffered);
            if (match) resolve(match[1]);
        });
        child.once("exit", (code) =>
            reject(new Error(`the emulator exited with code ${code}; see ${path.join(LOCAL_DIR, "emulator.log")}`)),
        );
    });
    child.stdout!.destroy();
    child.unref();
    const info = { pid: child.pid!, url };
    fs.writeFileSync(EMULATOR_INFO, JSON.stringify(info, null, 2));
    return info;
}

function isRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Stops the emulator and waits until it has exited (it writes its snapshot on the way out). */
async function stopEmulator(info: EmulatorInfo): Promise<void> {
    if (isRunning(info.pid)) process.kill(info.pid, "SIGTERM");
    for (let waited = 0; isRunning(info.pid); waited += 100) {
        if (waited >= 10_000) {
            process.kill(info.pid, "SIGKILL");
            break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fs.rmSync(EMULATOR_INFO, { force: true });
}

async function up(): Promise<void> {
    say("Pulumi CLI");
    const binDir = pulumiBinDir();
    say("Emulator");
    const emulator = await ensureEmulator();
    console.log(`running at ${emulator.url} (pid ${emulator.pid}), state in ${EMULATOR_DATA}`);
    const processorArn = await ensureEmulatorProcessorFunction(emulator.url, PROCESSOR_FUNCTION);
    say(`pulumi up (stack ${STACK}, state in ${BACKEND_DIR})`);
    fs.mkdirSync(BACKEND_DIR, { recursive: true });
    const stack = await quickstartStack(emulator.url, binDir);
    await stack.setConfig("processorLambdaArn", { value: processorArn });
    const result = await stack.up({ onOutput: (text) => process.stdout.write(text) });
    say("What was made");
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value]));
    console.log(JSON.stringify(outputs, null, 2));
    const env = Object.entries(emulatorAwsEnv(emulator.url))
        .filter(([k]) => k.startsWith("AWS_") && !k.startsWith("AWS_SDK"))
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
    say("How to look");
    console.log(`The emulator keeps running at ${emulator.url}. Its console draws what the stack made, and follows
every change: open ${emulator.url}/_emulator/console in a browser. Point any AWS client at it:

  export ${env}
  aws chime-sdk-messaging list-channels \\
    --app-instance-arn ${outputs.appInstanceArn} \\
    --chime-bearer ${outputs.adminArn}

  (PRIVATE channels are listed with --privacy PRIVATE, HIDDEN memberships with --type HIDDEN.)

The stack, through the same Pulumi CLI, backend and emulator:

  npm run pulumi -- preview --diff
  npm run pulumi -- stack
  npm run pulumi -- refresh --yes

Emulator state:   curl ${emulator.url}/_emulator/state
Tear it all down: npm run destroy`);
}

/** The stack `dev` of the quickstart's project, staged, against the emulator at `emulatorUrl`. */
function quickstartStack(emulatorUrl: string, binDir: string): Promise<Stack> {
    const workDir = stageQuickstartProject(PROJECT_DIR);
    return localStack({ stackName: STACK, emulatorUrl, backendDir: BACKEND_DIR, binDir, workDir });
}

async function destroy(): Promise<void> {
    if (!fs.existsSync(BACKEND_DIR)) {
        console.log("Nothing to destroy: the quickstart has not been run here.");
        return;
    }
    const binDir = pulumiBinDir();
    const emulator = await ensureEmulator();
    say(`pulumi destroy (stack ${STACK})`);
    const stack = await quickstartStack(emulator.url, binDir);
    await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
    await stack.workspace.removeStack(STACK);
    say(`pulumi stack rm ${STACK}`);
    console.log(
        `done: the stack ${STACK}, its history and its configuration are removed (the hint above is taken care of).`,
    );
    say("Emulator");
    await stopEmulator(emulator);
    fs.rmSync(LOCAL_DIR, { recursive: true, force: true });
    console.log(`stopped, and ${LOCAL_DIR} removed.`);
}

/** Runs the Pulumi CLI with the quickstart's backend, passphrase and emulator settings; exits with its code. */
async function pulumi(args: string[]): Promise<void> {
    if (!fs.existsSync(BACKEND_DIR)) {
        console.error("The quickstart stack does not exist yet: run `npm start` first.");
        process.exit(1);
    }
    const binDir = pulumiBinDir();
    const emulator = await ensureEmulator();
    const needsStack = STACK_COMMANDS.has(args[0]) && !args.some((arg) => /^(--stack|-s)(=|$)/.test(arg));
    // The staged project is the one `npm start` deployed, holding the stack's config; staging it again first
    // carries edits to quickstart/ into it, so that `preview --diff` shows them.
    const child = spawn(path.join(binDir, "pulumi"), needsStack ? [...args, "--stack", STACK] : args, {
        cwd: stageQuickstartProject(PROJECT_DIR),
        stdio: "inherit",
        env: { ...process.env, ...localPulumiEnv({ emulatorUrl: emulator.url, backendDir: BACKEND_DIR, binDir }) },
    });
    const code = await new Promise<number>((resolve) => child.once("exit", (status) => resolve(status ?? 1)));
    process.exit(code);
}

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { up, destroy, pulumi: () => pulumi(args) };
const run = commands[command];
if (!run) {
    console.error("usage: node dist/scripts/quickstart.js up | destroy | pulumi <args...>");
    process.exit(2);
}
noteNodeVersion();
run().catch((error: unknown) => {
    console.error(`\nquickstart ${command} failed: ${(error as Error).message ?? error}`);
    process.exit(1);
});
