import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(REPO_ROOT, "bin", "chime-emulator.js");

export interface Exit {
    code: number | null;
    signal: NodeJS.Signals | null;
}

/** The real `chime-emulator` command in a child process. */
export interface EmulatorProcess {
    child: ChildProcess;
    /** The URL from the first line of output. */
    url: string;
    firstLine: string;
    stderr(): string;
    exited: Promise<Exit>;
}

/** Runs the command to completion (for flag errors and --help). */
export function runCli(args: string[]): Promise<Exit & { stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Starts the command and waits for its first line of output, `listening on <url>`. */
export function startCli(args: string[]): Promise<EmulatorProcess> {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<Exit>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    const lines = readline.createInterface({ input: child.stdout! });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`chime-emulator printed nothing within 15 s; stderr: ${stderr}`));
        }, 15_000);
        lines.once("line", (firstLine) => {
            clearTimeout(timer);
            const url = /^listening on (http:\/\/\S+)$/.exec(firstLine)?.[1] ?? "";
            resolve({ child, url, firstLine, stderr: () => stderr, exited });
        });
        void exited.then((exit) => {
            clearTimeout(timer);
            reject(new Error(`chime-emulator exited (${JSON.stringify(exit)}) before listening; stderr: ${stderr}`));
        });
    });
}

/** Sends a signal and waits for the process to be gone (and reaped). */
export async function stopCli(emulator: EmulatorProcess, signal: NodeJS.Signals): Promise<Exit> {
    if (emulator.child.exitCode === null && emulator.child.signalCode === null) emulator.child.kill(signal);
    return emulator.exited;
}
