import { startEmulator } from "../emulator";

/**
 * The emulator under benchmark, in its own process (pinned to one core by the parent when possible). Started with
 * --expose-gc; answers the parent's IPC requests for its memory use after a full garbage collection and for the
 * CPU time it has used.
 */

interface Request {
    type: "memory" | "cpu";
}

async function main(): Promise<void> {
    // An optional argument: a data folder, to measure with the journal on.
    const emulator = await startEmulator({ port: 0, dataDir: process.argv[2] });
    const send = (message: unknown) => process.send!(message);
    process.on("message", (message: Request) => {
        if (message.type === "cpu") {
            const { user, system } = process.cpuUsage();
            send({ type: "cpu", micros: user + system });
            return;
        }
        if (message.type !== "memory") return;
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) for (let i = 0; i < 3; i++) gc();
        const usage = process.memoryUsage();
        send({ type: "memory", rss: usage.rss, heapUsed: usage.heapUsed, gcRan: gc !== undefined });
    });
    process.on("disconnect", () => void emulator.close().then(() => process.exit(0)));
    send({ type: "listening", url: emulator.url });
}

void main();
