import { allProcesses, ProcessInfo, stopProcesses, ticksNow } from "./processes";

/**
 * Loaded by mocha before any test file (.mocharc.js `require`). On Node 20 the AWS SDK prints a
 * NodeVersionSupportWarning from every process that creates a client; the suite runs on Node 20 as its oldest
 * supported toolchain, so the warning is silenced here rather than repeated in every test's output.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** What the suite starts: Pulumi CLIs and their plugins, dynamic-provider hosts, emulators, the quickstart. */
function startedByTheSuite(command: string): boolean {
    const executable = command.split(" ")[0].split("/").pop() ?? "";
    return /^pulumi(-|$)/.test(executable) || /dynamic-provider|chime-emulator|quickstart\.js/.test(command);
}

let suiteStart = 0;

/** Processes of the kinds the suite starts that began after it did and still run. */
function leftRunning(): ProcessInfo[] {
    return allProcesses().filter(
        (p) => p.pid !== process.pid && p.startTicks >= suiteStart && startedByTheSuite(p.command),
    );
}

/**
 * Root hooks: after the whole run, no process that the suite caused to start may still be running (a killed
 * `pulumi up` leaves its plugins in process groups of their own). Whatever is found is stopped by its pid and
 * named in the failure.
 */
export const mochaHooks = {
    beforeAll(): void {
        suiteStart = ticksNow();
    },
    async afterAll(): Promise<void> {
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
