import * as fs from "fs";

/**
 * The process table as Linux's /proc shows it, for tests that must stop every process they caused to start. The
 * Pulumi engine starts each plugin (language host, provider hosts) in a process group of its own, so killing a
 * CLI's process group leaves them running: a test records the CLI's descendants before it kills the CLI, and
 * stops them by pid afterwards.
 */

export interface ProcessInfo {
    pid: number;
    ppid: number;
    /** Clock ticks after boot. */
    startTicks: number;
    command: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name in parentheses can hold spaces and parentheses: the fields start after the last ")".
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
        if (fields[0] === "Z") return undefined;
        return { pid, ppid: Number(fields[1]), startTicks: Number(fields[19]), command };
    } catch {
        return undefined;
    }
}

export function allProcesses(): ProcessInfo[] {
    return fs
        .readdirSync("/proc")
        .filter((name) => /^\d+$/.test(name))
        .map((name) => readProcess(Number(name)))
        .filter((p): p is ProcessInfo => p !== undefined);
}

/** Every living descendant of `pid`, whatever its process group. */
export function descendantsOf(pid: number): ProcessInfo[] {
    const processes = allProcesses();
    const found: ProcessInfo[] = [];
    let parents = new Set([pid]);
    while (parents.size > 0) {
        const children = processes.filter((p) => parents.has(p.ppid));
        found.push(...children);
        parents = new Set(children.map((p) => p.pid));
    }
    return found;
}

/** Whether the process is still the one recorded (a pid can be reused by a newer process). */
export function isAlive(recorded: ProcessInfo): boolean {
    const now = readProcess(recorded.pid);
    return now !== undefined && now.startTicks === recorded.startTicks;
}

/** SIGKILLs each recorded process that still lives, by its pid, and waits until all are gone. */
export async function stopProcesses(recorded: ProcessInfo[]): Promise<void> {
    for (const p of recorded.filter(isAlive)) {
        try {
            process.kill(p.pid, "SIGKILL");
        } catch {
            // gone meanwhile
        }
    }
    for (let waited = 0; recorded.some(isAlive) && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

/** Waits up to `ms` for every recorded process to end on its own; returns those still alive then. */
export async function survivorsAfter(recorded: ProcessInfo[], ms: number): Promise<ProcessInfo[]> {
    const deadline = Date.now() + ms;
    while (recorded.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return recorded.filter(isAlive);
}
