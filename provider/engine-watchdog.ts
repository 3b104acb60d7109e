import * as net from "net";

/**
 * Ends a provider host whose Pulumi engine is gone. The engine starts each provider plugin in a process group of
 * its own, so a `pulumi up` killed with SIGKILL (a CI timeout, a preempted runner) takes only the CLI with it: the
 * host would go on running for good, holding its memory and the credentials in its environment.
 *
 * The signal is the engine's own gRPC address, the one the engine passed the host when it started it (Pulumi's Go
 * plugins watch the same address with a health check). The engine listens there for as long as it lives, so a
 * refused connection means that no engine is left to send a call or to receive an answer: ending the host then
 * cuts nothing short that anyone could still see. A connection that is slow or times out (a loaded machine) is
 * not taken as a sign of death; only refusals count, several in a row. The parent process is no such signal: a
 * wrapper script between the engine and the host may outlive the engine.
 */

const PROBE_INTERVAL_MS = 1_000;
/** Refusals in a row before the engine counts as gone. */
const REFUSALS_TO_STOP = 3;
const PROBE_TIMEOUT_MS = 2_000;

export type Probe = "alive" | "refused" | "unknown";

function probe(host: string, port: number): Promise<Probe> {
    return new Promise((resolve) => {
        const socket = net.connect({ host, port });
        const finish = (result: Probe) => {
            socket.destroy();
            resolve(result);
        };
        socket.setTimeout(PROBE_TIMEOUT_MS, () => finish("unknown"));
        socket.once("connect", () => finish("alive"));
        socket.once("error", (error: NodeJS.ErrnoException) =>
            finish(error.code === "ECONNREFUSED" ? "refused" : "unknown"),
        );
    });
}

/** `host:port` of an engine address (`127.0.0.1:40123`, `[::1]:40123` or `localhost:40123`). */
export function parseEngineAddress(address: string): { host: string; port: number } | undefined {
    const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address.trim());
    if (!match) return undefined;
    return { host: match[1] || "127.0.0.1", port: Number(match[2]) };
}

export interface WatchOptions {
    /** Milliseconds between probes (a second). */
    intervalMs?: number;
    /** Told each probe's result, as it comes (the tests count them). */
    onProbe?: (result: Probe) => void;
}

/**
 * Probes the engine at `address` every second; once it has refused several probes in a row, calls `onGone`
 * (by default: says so on stderr and exits). The timer never keeps the process alive by itself. Returns a
 * function that stops watching.
 */
export function watchEngine(
    address: string,
    onGone: () => void = exitHost,
    { intervalMs = PROBE_INTERVAL_MS, onProbe }: WatchOptions = {},
): () => void {
    const engine = parseEngineAddress(address);
    if (!engine) throw new Error(`not an engine address: ${address}`);
    let refusals = 0;
    let probing = false;
    const timer = setInterval(async () => {
        if (probing) return;
        probing = true;
        const result = await probe(engine.host, engine.port);
        probing = false;
        onProbe?.(result);
        refusals = result === "refused" ? refusals + 1 : 0;
        if (refusals >= REFUSALS_TO_STOP) {
            clearInterval(timer);
            onGone();
        }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
}

function exitHost(): void {
    process.stderr.write(`pulumi-chime-messaging: the Pulumi engine is gone; ending provider host ${process.pid}\n`);
    process.exit(0);
}

/** Whether this process is @pulumi/pulumi's dynamic-provider host (which serves one deployment of the engine). */
export function inDynamicProviderHost(): boolean {
    return /cmd[\\/]dynamic-provider[\\/]index\.js$/.test(require.main?.filename ?? "");
}

let watchingHostEngine = false;

/**
 * In a dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, which the engine starts as
 * `... index.js [flags] <engine address>`), watches that engine, once per process. Elsewhere (a test calling the
 * providers directly, Pulumi's mocks) it does nothing.
 */
export function watchEngineOfDynamicProviderHost(): void {
    if (watchingHostEngine) return;
    watchingHostEngine = true;
    if (!inDynamicProviderHost()) return;
    const address = process.argv.slice(2).pop();
    if (address && parseEngineAddress(address)) watchEngine(address);
}
