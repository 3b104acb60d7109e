import * as fs from "fs";
import { allProcesses, ProcessInfo, stopProcesses } from "./processes";

/**
 * Loaded by mocha before any test file (.mocharc.js `require`). On Node 20 the AWS SDK prints a
 * NodeVersionSupportWarning from every process that creates a client; the suite runs on Node 20 as its oldest
 * supported toolchain, so the warning is silenced here rather than repeated in every test's output.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * Every process the run starts inherits this variable, its plugins and their children included, even once the
 * process that started them is gone: so the run's leftovers are told apart from any other process on the
 * machine (another run's, say) without a look at names.
 */
const RUN_MARKER = "CHIME_TEST_RUN";
const runId = `${process.pid}-${Date.now()}`;
process.env[RUN_MARKER] = runId;

function startedByThisRun(p: ProcessInfo): boolean {
    if (p.pid === process.pid) return false;
    try {
        return fs.readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0").includes(`${RUN_MARKER}=${runId}`);
    } catch {
        return false;
    }
}

/**
 * Root hook: after the whole run, no process that the run caused to start may still be running (a killed
 * `pulumi up` leaves its plugins in process groups of their own). Whatever is found is stopped by its pid and
 * named in the failure.
 */
export const mochaHooks = {
    async afterAll(): Promise<void> {
        const leftRunning = () => allProcesses().filter(startedByThisRun);
        // Processes end asynchronously after their test stopped them.
        let leaked = leftRunning();
        for (let waited = 0; leaked.length > 0 && waited < 10_000; waited += 250) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            leaked = leftRunning();
        }
        if (leaked.length === 0) return;
        await stopProcesses(leaked);
        throw new Error(
            `the tests left ${leaked.length} process(es) running (now stopped):\n` +
                leaked.map((p) => `  ${p.pid} (parent ${p.ppid}): ${p.command.slice(0, 200)}`).join("\n"),
        );
    },
};
