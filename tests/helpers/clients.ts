import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "child_process";
import type { Context } from "mocha";
import * as os from "os";
import { emulatorAwsEnv } from "../../scripts/local-pulumi";

/**
 * Other clients of the emulator (boto3, the AWS CLI): how to find them, how to run them without blocking the
 * event loop, and how to skip loudly (or, with CHIME_CLIENTS_REQUIRED=1 as in CI, fail) when one is missing.
 */

/** The environment of a client process: only the emulator's endpoint and dummy settings, nothing from the host. */
export function clientEnv(emulatorUrl: string): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")));
    return {
        ...inherited,
        ...emulatorAwsEnv(emulatorUrl),
        AWS_DEFAULT_REGION: "us-east-1",
        // Keep the user's own AWS config and credentials files out of it.
        AWS_CONFIG_FILE: os.devNull,
        AWS_SHARED_CREDENTIALS_FILE: os.devNull,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_PAGER: "",
    };
}

export function clientAvailable(command: string, args: string[]): boolean {
    const probe = spawnSync(command, args, { encoding: "utf8", stdio: "ignore" });
    return probe.status === 0;
}

/**
 * How to run the AWS CLI: `aws` on PATH, or else the awscli module of python3 (pip may install the package where
 * its `aws` script is not on PATH, e.g. with --user).
 */
export function awsCliCommand(): string[] | undefined {
    if (clientAvailable("aws", ["--version"])) return ["aws"];
    if (clientAvailable("python3", ["-m", "awscli", "--version"])) return ["python3", "-m", "awscli"];
    return undefined;
}

/** Skips the test (loudly) or, with CHIME_CLIENTS_REQUIRED=1, fails it when a client is missing. */
export function requireClient(context: Context, available: boolean, what: string, install: string): void {
    if (available) return;
    const message = `CROSS-CLIENT TEST SKIPPED: ${what} not found. Install it with \`${install}\`.`;
    if (process.env.CHIME_CLIENTS_REQUIRED === "1")
        throw new Error(`${message} CHIME_CLIENTS_REQUIRED=1 makes this a failure.`);
    console.warn(`\n${"!".repeat(100)}\n${message}\n${"!".repeat(100)}\n`);
    context.skip();
}

export interface Finished {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs a process as `run` does, and fails the test with its output when it exits non-zero. */
export async function runOk(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Finished> {
    const result = await run(command, args, env, cwd);
    assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
    return result;
}

/** Runs a client process without blocking the event loop: the in-process emulator must keep answering it. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Finished> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.once("error", reject);
        child.once("close", (status) => resolve({ status, stdout, stderr }));
    });
}
