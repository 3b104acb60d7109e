import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { emulatorAwsEnv, ensureEmulatorProcessorFunction, localStack, pulumiBinDir, REPO_ROOT, stageQuickstartProject } from "./local-pulumi";

/**
 * `npm start`: runs the quickstart stack (Pulumi.yaml at the repository root) against a local emulator that keeps
 * running afterwards, so you can look at what was made. `npm run destroy`: tears it all down.
 *
 *   node dist/scripts/quickstart.js up | destroy
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
    const workDir = stageQuickstartProject(PROJECT_DIR);
    const stack = await localStack({ stackName: STACK, emulatorUrl: emulator.url, backendDir: BACKEND_DIR, binDir, workDir });
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
    console.log(`The emulator keeps running at ${emulator.url}; point any AWS client at it:

  ${env} \\
    aws chime-sdk-messaging list-channels \\
      --app-instance-arn ${outputs.appInstanceArn} --chime-bearer ${outputs.adminArn}

The stack, with the Pulumi CLI the quickstart uses (${binDir}):

  PATH=${binDir}:$PATH PULUMI_BACKEND_URL=file://${BACKEND_DIR} PULUMI_CONFIG_PASSPHRASE= ${env} \\
    pulumi stack output --stack ${STACK}

Emulator state: curl ${emulator.url}/_emulator/state
Tear it all down: npm run destroy`);
}

async function destroy(): Promise<void> {
    if (!fs.existsSync(BACKEND_DIR)) {
        console.log("Nothing to destroy: the quickstart has not been run here.");
        return;
    }
    const binDir = pulumiBinDir();
    const emulator = await ensureEmulator();
    say(`pulumi destroy (stack ${STACK})`);
    const workDir = stageQuickstartProject(PROJECT_DIR);
    const stack = await localStack({ stackName: STACK, emulatorUrl: emulator.url, backendDir: BACKEND_DIR, binDir, workDir });
    await stack.destroy({ onOutput: (text) => process.stdout.write(text) });
    await stack.workspace.removeStack(STACK);
    say("Emulator");
    await stopEmulator(emulator);
    fs.rmSync(LOCAL_DIR, { recursive: true, force: true });
    console.log(`stopped, and ${LOCAL_DIR} removed.`);
}

const command = process.argv[2];
const run = command === "up" ? up : command === "destroy" ? destroy : undefined;
if (!run) {
    console.error("usage: node dist/scripts/quickstart.js up|destroy");
    process.exit(2);
}
run().catch((error: unknown) => {
    console.error(`\nquickstart ${command} failed: ${(error as Error).message ?? error}`);
    process.exit(1);
});
