import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import type { Context } from "mocha";
import {
    ensureEmulatorProcessorFunction,
    localStack,
    REPO_ROOT,
    stageQuickstartProject,
} from "../../scripts/local-pulumi";
import { packedProjectFolder, stagePackedProject } from "../../scripts/packed-package";
import { skipUnlessRequired } from "./skip";

/**
 * End-to-end tests drive the real Pulumi CLI (through the Automation API, with a local file backend) against the
 * emulator. They run whenever a CLI is available and say loudly when they skip; with CHIME_E2E_REQUIRED=1 (as in
 * CI) a missing CLI fails them instead.
 */

let cachedBinDir: string | null | undefined;

/** The Pulumi CLI's folder, if one is on PATH or already built; never builds it. */
export function availablePulumiBinDir(): string | undefined {
    if (cachedBinDir === undefined) {
        const result = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-cli.sh"), "--no-build"], {
            encoding: "utf8",
        });
        const lines = result.stdout.trim().split("\n");
        cachedBinDir = result.status === 0 ? lines[lines.length - 1] : null;
    }
    return cachedBinDir ?? undefined;
}

/**
 * Skips (loudly) or fails the test or hook whose mocha context is given when no CLI is available; returns the CLI
 * folder otherwise. Called from a `before` hook, it skips every test of the suite.
 */
export function requirePulumiCli(context: Context): string {
    const binDir = availablePulumiBinDir();
    if (binDir) return binDir;
    skipUnlessRequired(
        context,
        "END-TO-END TESTS SKIPPED: no Pulumi CLI found (on PATH or built). Build it with `bash scripts/pulumi-cli.sh`",
    );
}

export function temporaryBackend(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "chime-e2e-state-"));
}

/** A processor Lambda in the emulator, as the flows' processors need one. */
export const createProcessorFunction = ensureEmulatorProcessorFunction;

const stagingFolder = () => packedProjectFolder("e2e-");

/**
 * A copy of a Pulumi project in a temporary folder, so that stack config written by a test never lands in the
 * source tree and every run starts from the project as committed. Its node_modules is the packed install of
 * the package (scripts/packed-package.ts), so the program loads the package as a user's program does.
 */
export function stageProject(projectDir: string, paths: string[]): string {
    return stagePackedProject(projectDir, paths, stagingFolder());
}

/** The quickstart stack's project, staged. */
export const stageQuickstart = () => stageQuickstartProject(stagingFolder());

/** The lifecycle test stack's project, staged. */
export const stageLifecycleStack = () =>
    stageProject(path.join(REPO_ROOT, "tests", "e2e", "lifecycle-stack"), ["Pulumi.yaml", "index.js"]);

export async function openStack(
    binDir: string,
    emulatorUrl: string,
    backendDir: string,
    workDir: string,
    stackName = "e2e",
): Promise<Stack> {
    return localStack({ stackName, emulatorUrl, backendDir, binDir, workDir });
}

/** The records the emulator holds, by table, leaving out bookkeeping (idempotency tokens) and Lambda functions. */
export async function emulatorResources(emulatorUrl: string): Promise<Record<string, unknown[]>> {
    const response = await fetch(`${emulatorUrl}/_emulator/state`);
    const state = (await response.json()) as Record<string, unknown[]>;
    return Object.fromEntries(
        Object.entries(state).filter(
            ([table, rows]) => table !== "idempotency" && !/lambda/i.test(table) && rows.length > 0,
        ),
    );
}
