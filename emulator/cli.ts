import * as os from "os";
import { parseArgs } from "util";
import { loadModel, ServiceName } from "../smithy/model";
import { FaultSettings } from "./faults";
import { isLoopbackHost, originProblem } from "./origin-policy";
import { EmulatorOptions, RunningEmulator, startEmulator } from "./server";

/**
 * The `chime-emulator` command. Its first line of output is exactly `listening on <url>`, with the address it
 * listens on (`http://0.0.0.0:<port>` for every interface), so a parent process can read it; everything else goes
 * to stderr.
 */

export const USAGE = `Usage: chime-emulator [options]

Emulates the Amazon Chime SDK Messaging, Chime SDK Identity and Lambda permission APIs on one port.
Point the AWS SDKs, boto3 or the AWS CLI at it with AWS_ENDPOINT_URL=<the printed url>.

Options:
  --port <n>                 port to listen on; 0 picks a free one (default 0)
  --host <address>           interface to listen on (default 127.0.0.1). The emulator has no authentication:
                             anything else than a loopback address lets every host that reaches it read and
                             change its state
  --cors-origin <origins>    origins (scheme://host[:port], comma-separated or repeated) whose browser pages may
                             call the API, besides pages on localhost, 127.0.0.1 and [::1]; the admin routes
                             never answer other origins
  --data <path>              keep state in this folder across restarts (default: in memory only)
  --fsync                    fsync every commit, so state also survives power loss (needs --data)
  --rate-limits              enforce the documented TPS quotas (429 ThrottledClientException)
  --throttle-rate <0..1>     share of requests answered 429 ThrottledClientException
  --error-rate <0..1>        share of requests answered 500 ServiceFailureException
  --unavailable-rate <0..1>  share of requests answered 503 ServiceUnavailableException
  --drop-rate <0..1>         share of requests whose connection is closed without an answer, before handling
  --lose-answer-rate <0..1>  share of requests carried out (changes committed) whose answer is then lost:
                             the connection is closed without an answer
  --latency-ms <n>           latency added to every request, in milliseconds (0..60000)
  --latency-jitter-ms <n>    up to n milliseconds more per request, drawn at random (seeded by --fault-seed)
  --fault-operations <list>  comma-separated operation names the faults apply to (default: all)
  --fault-seed <n>           seed for choosing the faulted requests, to repeat a run exactly
  --account-id <12 digits>   the account of every ARN the emulator makes (default 123456789012)
  --log                      print one line per request on stderr: operation, status, milliseconds
  -h, --help                 show this help

Faults can also be changed at run time: PUT /_emulator/faults {"unavailableRate": 0.5}.
Other admin routes: GET /_emulator/health, GET /_emulator/state, POST /_emulator/reset, GET /_emulator/calls.
`;

/** A command-line mistake: reported with the usage hint and exit code 2. */
export class UsageError extends Error {}

export type Command = { help: true } | { help: false; options: EmulatorOptions };

const FLAGS = {
    port: { type: "string" },
    host: { type: "string" },
    "cors-origin": { type: "string", multiple: true },
    data: { type: "string" },
    fsync: { type: "boolean" },
    "rate-limits": { type: "boolean" },
    "throttle-rate": { type: "string" },
    "error-rate": { type: "string" },
    "unavailable-rate": { type: "string" },
    "drop-rate": { type: "string" },
    "lose-answer-rate": { type: "string" },
    "latency-ms": { type: "string" },
    "latency-jitter-ms": { type: "string" },
    "fault-operations": { type: "string" },
    "fault-seed": { type: "string" },
    "account-id": { type: "string" },
    log: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

const RATE_FLAGS: Record<string, keyof FaultSettings> = {
    "throttle-rate": "throttleRate",
    "error-rate": "errorRate",
    "unavailable-rate": "unavailableRate",
    "drop-rate": "dropRate",
    "lose-answer-rate": "loseAnswerRate",
};

function invalid(flag: string, value: string, expected: string): UsageError {
    return new UsageError(`invalid value for --${flag}: ${JSON.stringify(value)} (expected ${expected})`);
}

function integerIn(flag: string, value: string, min: number, max: number): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw invalid(flag, value, `an integer from ${min} to ${max}`);
    return n;
}

function shareOf(flag: string, value: string): number {
    const n = Number(value);
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || n > 1) throw invalid(flag, value, "a number from 0 to 1");
    return n;
}

let operationNames: Set<string> | undefined;

function knownOperations(): Set<string> {
    operationNames ??= new Set(
        (["messaging", "identity", "lambda"] as ServiceName[]).flatMap((s) =>
            loadModel(s).operations.map((o) => o.name),
        ),
    );
    return operationNames;
}

/** Turns the arguments into emulator options; throws UsageError naming the flag and value that are wrong. */
export function parseCommandLine(argv: string[]): Command {
    let values: Record<string, string | boolean | string[] | undefined>;
    try {
        ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    if (values.help) return { help: true };
    const text = (flag: string) => values[flag] as string | undefined;
    const options: EmulatorOptions = {};
    const faults: Partial<FaultSettings> = {};

    if (text("port") !== undefined) options.port = integerIn("port", text("port")!, 0, 65535);
    if (text("host") !== undefined) {
        if (!/^[A-Za-z0-9.:%_-]+$/.test(text("host")!))
            throw invalid("host", text("host")!, "a host name or IP address");
        options.host = text("host");
    }
    const corsOrigins = ((values["cors-origin"] as string[] | undefined) ?? []).flatMap((v) =>
        v.split(",").map((o) => o.trim()),
    );
    for (const origin of corsOrigins) {
        const problem = originProblem(origin);
        if (problem) throw new UsageError(`invalid value for --cors-origin: ${problem}`);
    }
    if (corsOrigins.length > 0) options.corsOrigins = corsOrigins;
    if (text("data") !== undefined) {
        if (text("data") === "") throw invalid("data", "", "a folder path");
        options.dataDir = text("data");
    }
    if (values.fsync) {
        if (options.dataDir === undefined) throw new UsageError("--fsync needs --data <path>");
        options.fsync = true;
    }
    if (values["rate-limits"]) options.rateLimits = true;
    for (const [flag, setting] of Object.entries(RATE_FLAGS)) {
        if (text(flag) !== undefined) (faults[setting] as number) = shareOf(flag, text(flag)!);
    }
    const given = Object.keys(RATE_FLAGS).filter((flag) => text(flag) !== undefined);
    const rateSum = given.reduce((sum, flag) => sum + Number(text(flag)), 0);
    if (rateSum > 1 + 1e-9) {
        const list = given.map((flag) => `--${flag} ${text(flag)}`).join(", ");
        throw new UsageError(
            `the fault rates ${list} add up to ${Number(rateSum.toFixed(6))}; together they can be at most 1`,
        );
    }
    if (text("latency-ms") !== undefined) faults.latencyMs = integerIn("latency-ms", text("latency-ms")!, 0, 60_000);
    if (text("latency-jitter-ms") !== undefined) {
        faults.latencyJitterMs = integerIn("latency-jitter-ms", text("latency-jitter-ms")!, 0, 60_000);
    }
    if (text("fault-operations") !== undefined) {
        const list = text("fault-operations")!
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s.length > 0);
        const unknown = list.filter((name) => !knownOperations().has(name));
        if (list.length === 0 || unknown.length > 0) {
            const expected = "a comma-separated list of operation names, e.g. CreateChannel,SendChannelMessage";
            throw invalid("fault-operations", text("fault-operations")!, expected);
        }
        faults.operations = list;
    }
    if (text("fault-seed") !== undefined) faults.seed = integerIn("fault-seed", text("fault-seed")!, 0, 0xffffffff);
    if (Object.keys(faults).length > 0) options.faults = faults;
    if (text("account-id") !== undefined) {
        if (!/^\d{12}$/.test(text("account-id")!)) throw invalid("account-id", text("account-id")!, "12 digits");
        options.accountId = text("account-id");
    }
    if (values.log) options.log = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
    return { help: false, options };
}

/** The address the server listens on, as a URL: the wildcard itself when it listens on every interface. */
function listeningUrl(options: EmulatorOptions, emulator: RunningEmulator): string {
    const host = options.host ?? "127.0.0.1";
    return `http://${host.includes(":") ? `[${host}]` : host}:${emulator.port}`;
}

/** The addresses of this machine's interfaces a wildcard listener is reached on, as URLs. */
function interfaceUrls(host: string, port: number): string[] {
    const families = host === "::" ? ["IPv4", "IPv6"] : ["IPv4"];
    return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
        (addresses ?? [])
            .filter((a) => families.includes(a.family) && !(a.family === "IPv6" && a.scopeid))
            .map((a) => `http://${a.family === "IPv6" ? `[${a.address}]` : a.address}:${port} (${name})`),
    );
}

function exposureLines(options: EmulatorOptions, emulator: RunningEmulator): string[] {
    const host = options.host ?? "127.0.0.1";
    if (isLoopbackHost(host)) return [];
    const lines: string[] = [];
    if (host === "0.0.0.0" || host === "::") {
        lines.push(`reachable at ${interfaceUrls(host, emulator.port).join(", ")}`);
    }
    lines.push(
        `WARNING: the emulator has no authentication, and it listens on ${host}: anyone who can reach ` +
            `${listeningUrl(options, emulator)} can read, change and wipe its state. Do not expose it beyond ` +
            `a machine or network you trust; use --host 127.0.0.1 (the default) unless you must.`,
    );
    return lines;
}

function describe(options: EmulatorOptions, emulator: RunningEmulator): string[] {
    const lines = [...exposureLines(options, emulator), `export AWS_ENDPOINT_URL=${emulator.url}`];
    const fsync = options.fsync ? " (fsync on)" : "";
    lines.push(options.dataDir ? `state kept in ${options.dataDir}${fsync}` : "state in memory only");
    if (options.rateLimits) lines.push("documented rate limits on");
    if (options.corsOrigins) lines.push(`browser pages of ${options.corsOrigins.join(", ")} may call the API`);
    const faults = emulator.faults.settings;
    const active = Object.entries(faults).filter(([k, v]) =>
        k === "operations" ? (v as string[]).length > 0 : k !== "seed" && v !== 0,
    );
    if (active.length > 0) lines.push(`faults: ${JSON.stringify(faults)}`);
    return lines;
}

/** Runs the command; resolves once the emulator is listening. Exits the process on a usage error or a signal. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
    let command: Command;
    try {
        command = parseCommandLine(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`chime-emulator: ${error.message}\nRun chime-emulator --help for the options.\n`);
        process.exit(2);
    }
    if (command.help) {
        process.stdout.write(USAGE);
        return;
    }
    let emulator: RunningEmulator;
    try {
        emulator = await startEmulator(command.options);
    } catch (error) {
        process.stderr.write(`chime-emulator: cannot start: ${(error as Error).message}\n`);
        process.exit(1);
    }
    process.stdout.write(`listening on ${listeningUrl(command.options, emulator)}\n`);
    for (const line of describe(command.options, emulator)) process.stderr.write(`${line}\n`);

    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(1);
        stopping = true;
        emulator.close().then(
            () => {
                process.stderr.write(`${signal}: closed${command.options.dataDir ? ", snapshot written" : ""}\n`);
                process.exit(0);
            },
            (error: unknown) => {
                process.stderr.write(`${signal}: closing failed: ${(error as Error).message}\n`);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) void main();
