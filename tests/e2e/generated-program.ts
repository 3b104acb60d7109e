import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { emulatorAwsEnv, REPO_ROOT } from "../../scripts/local-pulumi";
import { mutatingCalls } from "../helpers/provider-fixture";

/** What a command printed and how it exited. */
export interface Ran {
    status: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs one of the package's bins as a user would (`node bin/<name>.js`). Asynchronous on purpose: the emulator
 * runs in the test's own process and must keep answering while the command calls it.
 */
export function runBin(
    name: string,
    args: string[],
    options: { env?: Record<string, string>; input?: string } = {},
): Promise<Ran> {
    return new Promise((resolve, reject) => {
        const child = execFile(
            process.execPath,
            [path.join(REPO_ROOT, "bin", `${name}.js`), ...args],
            { env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => {
                const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                if (status === -1) reject(error);
                else resolve({ status, stdout, stderr });
            },
        );
        child.stdin?.end(options.input ?? "");
    });
}

/** `chime-import` against the emulator. */
export const chimeImport = (emulatorUrl: string, appInstanceArn: string, bearer: string) =>
    runBin("chime-import", ["--app-instance-arn", appInstanceArn, "--bearer", bearer], {
        env: emulatorAwsEnv(emulatorUrl),
    });

/** A TypeScript Pulumi project in a temporary folder whose index.ts is `program`; node_modules is the repository's. */
export function typescriptProject(program: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-e2e-imported-"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        "name: imported-chat\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
    );
    const compilerOptions = {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
    };
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 4),
    );
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "imported-chat", private: true }));
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    return dir;
}

/** Type-checks a project with the repository's TypeScript compiler. */
export function typeCheck(projectDir: string): Promise<Ran> {
    return new Promise((resolve) => {
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        execFile(process.execPath, [tsc, "--noEmit", "-p", projectDir], (error, stdout, stderr) =>
            resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

export function rewriteProgram(projectDir: string, change: (program: string) => string): void {
    const file = path.join(projectDir, "index.ts");
    const before = fs.readFileSync(file, "utf8");
    const after = change(before);
    if (after === before) throw new Error("the program rewrite changed nothing");
    fs.writeFileSync(file, after);
}

/** The calls that change something, by operation, from the emulator's call counts since `before`. */
export function mutatingCallsSince(before: Map<string, number>, now: Map<string, number>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [operation, n] of now) {
        const delta = n - (before.get(operation) ?? 0);
        if (delta > 0) counts[operation] = delta;
    }
    return mutatingCalls(counts);
}

/** `pulumi preview --json` of a stack, as a CI job would run it: the JSON text it prints. */
export function previewJson(stack: Stack): Promise<string> {
    const workspace = stack.workspace as LocalWorkspace;
    return new Promise((resolve, reject) => {
        execFile(
            workspace.pulumiCommand.command,
            ["preview", "--json", "--stack", stack.name, "--non-interactive"],
            { cwd: workspace.workDir, env: { ...process.env, ...workspace.envVars }, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) =>
                error ? reject(new Error(`pulumi preview --json failed: ${stderr}${stdout}`)) : resolve(stdout),
        );
    });
}
