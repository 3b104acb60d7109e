import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { localPulumiEnv } from "../../scripts/local-pulumi";
import { emulatorResources, stageProject, temporaryBackend } from "./e2e";
import { descendantsOf, ProcessInfo } from "./processes";
import { withoutNode } from "./release";

/**
 * Runs the Pulumi CLI itself (not through the Automation API) on a staged project, so that a test can kill the
 * process group of a `pulumi up` part-way, as a CI timeout or a preempted runner does, and then recover the way a
 * user would.
 */
export interface CliStack {
    binDir: string;
    workDir: string;
    backendDir: string;
    emulatorUrl: string;
    stackName: string;
    /** A folder put first on PATH, holding plugins the engine finds there (the native plugin). */
    pluginDir?: string;
    /** More environment for the CLI and its plugins. */
    env?: Record<string, string>;
    /** Run the CLI, and so its plugins, with no Node.js to be had (see withoutNode). */
    withoutNode?: boolean;
}

/**
 * A new stack of one of the repository's Node.js test projects (served by the dynamic providers), staged with the
 * packed package in a temporary folder, on a file backend of its own.
 */
export async function dynamicStack(
    binDir: string,
    emulatorUrl: string,
    projectDir: string,
    stackName: string,
): Promise<CliStack> {
    const workDir = stageProject(projectDir, ["Pulumi.yaml", "index.js"]);
    const stack = { binDir, workDir, backendDir: temporaryBackend(), emulatorUrl, stackName };
    await runCliOk(stack, ["stack", "select", "--create"]);
    return stack;
}

export function cliEnv(stack: CliStack): NodeJS.ProcessEnv {
    const env = { ...process.env, ...localPulumiEnv(stack), ...stack.env };
    if (stack.pluginDir) env.PATH = `${stack.pluginDir}${path.delimiter}${env.PATH}`;
    return env;
}

export interface CliResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    /** Standard output and error, as they came. */
    output: string;
    stdout: string;
}

/** CLI commands that act on no stack (and take no --stack). */
const STACKLESS_COMMANDS = new Set(["plugin", "package"]);

/** Starts `pulumi <args>` in its own process group (so that the language and provider hosts can be killed with it). */
export function startCli(stack: CliStack, args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
    const stackArgs = STACKLESS_COMMANDS.has(args[0]) ? [] : ["--stack", stack.stackName];
    const env = cliEnv(stack);
    const plain = [path.join(stack.binDir, "pulumi"), ...args, ...stackArgs, "--non-interactive"];
    const [command, ...commandArgs] = stack.withoutNode ? withoutNode(plain, env) : plain;
    const child = spawn(command, commandArgs, {
        cwd: stack.workDir,
        env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let stdout = "";
    child.stdout!.on("data", (d) => {
        output += d;
        stdout += d;
    });
    child.stderr!.on("data", (d) => (output += d));
    const done = new Promise<CliResult>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal, output, stdout })),
    );
    return { child, done };
}

export async function runCli(stack: CliStack, args: string[]): Promise<CliResult> {
    return startCli(stack, args).done;
}

/** Fails with the CLI's output when it did not succeed. */
export async function runCliOk(stack: CliStack, args: string[]): Promise<string> {
    const result = await runCli(stack, args);
    if (result.code !== 0)
        throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.output.slice(-6000)}`);
    return result.output;
}

/** What a killed `pulumi up` left: whether the kill landed mid-run, the CLI's output, and the plugins it had started. */
export interface KilledUp {
    killedMidRun: boolean;
    output: string;
    /**
     * The CLI's descendants when it was killed (its language host, provider hosts and what they started). The engine
     * starts each plugin in a process group of its own, so the kill of the CLI's group does not reach them.
     */
    plugins: ProcessInfo[];
    /** When the kill landed (Date.now()). */
    killedAt: number;
}

/**
 * Runs `pulumi up` and kills its process group with SIGKILL as soon as `killWhen` holds (polled), as `kill -9` of
 * a CI job does. The caller owns `plugins`: it must stop those still running (`stopProcesses`).
 */
export async function killedUp(stack: CliStack, killWhen: () => boolean): Promise<KilledUp> {
    const { child, done } = startCli(stack, ["up", "--yes", "--skip-preview"]);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished && !killWhen()) await new Promise((resolve) => setTimeout(resolve, 10));
    const killedMidRun = !finished;
    const plugins = killedMidRun ? descendantsOf(child.pid!) : [];
    const killedAt = Date.now();
    if (killedMidRun) process.kill(-child.pid!, "SIGKILL");
    const result = await done;
    return { killedMidRun, output: result.output, plugins, killedAt };
}

/** The ARNs of Chime resources (app instances and what lives in them) anywhere in a text. */
export function chimeArnsIn(text: string): Set<string> {
    return new Set(
        text.match(
            /arn:aws:chime:[a-z0-9-]+:\d{12}:app-instance\/[A-Za-z0-9-]+(\/(user|bot|channel|channel-flow)\/[A-Za-z0-9:_.@-]+)?/g,
        ) ?? [],
    );
}

/**
 * What the emulator holds, in a form two runs of the same program share: per table, the records with every
 * generated id and timestamp blanked, sorted. Two runs that made the same things compare equal; a duplicate or a
 * missing record does not.
 */
export async function inventory(emulatorUrl: string): Promise<Record<string, string[]>> {
    const tables = await emulatorResources(emulatorUrl);
    return Object.fromEntries(
        Object.entries(tables).map(([table, rows]) => [
            table,
            rows
                .map((row) =>
                    JSON.stringify(row, (key, value) =>
                        /timestamp|recordedAt|revision/i.test(key) ? undefined : value,
                    ),
                )
                .map((text) =>
                    text
                        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
                        .replace(/[0-9a-f]{32,64}/g, "<hex>"),
                )
                .sort(),
        ]),
    );
}

/** Counts of records per table, for the figures a run prints. */
export function countsOf(inventory: Record<string, string[]>): Record<string, number> {
    return Object.fromEntries(Object.entries(inventory).map(([table, rows]) => [table, rows.length]));
}
