import { it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    ListAppInstancesCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { clientConfig, errorOf } from "../helpers/emulator";
import { runCli, startCli, stopCli } from "./cli-process";

function identityAt(url: string) {
    return new ChimeSDKIdentityClient(clientConfig(url));
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

it("the first line of output is exactly the URL, and the URL serves the SDK", async () => {
    const emulator = await startCli(["--port", "0"]);
    try {
        assert.match(emulator.firstLine, /^listening on http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${emulator.url}/_emulator/health`);
        assert.equal(health.status, 200);
        const identity = identityAt(emulator.url);
        const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: "cli" }));
        assert.match(AppInstanceArn!, /^arn:aws:chime:us-east-1:123456789012:app-instance\//);
        identity.destroy();
    } finally {
        await stopCli(emulator, "SIGKILL");
    }
});

it("--port listens on the given port", async () => {
    const port = await freePort();
    const emulator = await startCli(["--port", String(port)]);
    try {
        assert.equal(emulator.firstLine, `listening on http://127.0.0.1:${port}`);
    } finally {
        await stopCli(emulator, "SIGKILL");
    }
});

it("--help prints every flag and exits 0", async () => {
    const result = await runCli(["--help"]);
    assert.equal(result.code, 0);
    for (const flag of [
        "--port",
        "--host",
        "--data",
        "--fsync",
        "--rate-limits",
        "--throttle-rate",
        "--error-rate",
        "--unavailable-rate",
        "--drop-rate",
        "--latency-ms",
        "--fault-operations",
        "--fault-seed",
        "--account-id",
        "--log",
        "--help",
        "--lose-answer-rate",
        "--latency-jitter-ms",
        "--cors-origin",
    ]) {
        assert.ok(result.stdout.includes(flag), `--help does not mention ${flag}`);
    }
});

const badCommandLines: [string[], RegExp][] = [
    [["--port", "abc"], /--port: "abc"/],
    [["--port", "70000"], /--port: "70000"/],
    [["--port", "-1"], /--port/],
    [["--error-rate", "1.5"], /--error-rate: "1.5"/],
    [["--throttle-rate=-0.1"], /--throttle-rate: "-0.1"/],
    [["--unavailable-rate", "half"], /--unavailable-rate: "half"/],
    [
        ["--drop-rate", "0.6", "--error-rate", "0.6"],
        /--drop-rate 0.6.*--error-rate 0.6|--error-rate 0.6.*--drop-rate 0.6/,
    ],
    [["--latency-ms", "1e3"], /--latency-ms: "1e3"/],
    [["--latency-ms", "60001"], /--latency-ms: "60001"/],
    [["--fault-operations", "CreateChannel,NoSuchOperation"], /--fault-operations: "CreateChannel,NoSuchOperation"/],
    [["--account-id", "12345"], /--account-id: "12345"/],
    [["--fsync"], /--fsync needs --data/],
    [["--data", ""], /--data: ""/],
    [["--bogus"], /--bogus/],
    [["extra"], /extra/],
];

for (const [args, message] of badCommandLines) {
    it(`a bad command line (${args.join(" ")}) is refused with exit code 2, naming the flag and value`, async () => {
        const result = await runCli(args);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, "", "nothing may be printed on stdout: a parent would read it as the URL");
    });
}

it("--account-id, --error-rate, --fault-operations and --latency-ms take effect", async () => {
    const emulator = await startCli([
        "--port",
        "0",
        "--account-id",
        "210987654321",
        "--error-rate",
        "1",
        "--fault-operations",
        "ListAppInstances",
        "--latency-ms",
        "250",
    ]);
    const identity = identityAt(emulator.url);
    try {
        // Operations not listed are left alone...
        const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: "flags" }));
        assert.match(AppInstanceArn!, /:210987654321:app-instance\//);
        // ...the listed one gets the latency and the errors.
        const started = Date.now();
        const error = await errorOf(() => identity.send(new ListAppInstancesCommand({})));
        assert.ok(Date.now() - started >= 240, `answered after ${Date.now() - started} ms, expected >= 250`);
        assert.equal(error.name, "ServiceFailureException");
        assert.equal(error.$metadata?.httpStatusCode, 500);
    } finally {
        identity.destroy();
        await stopCli(emulator, "SIGKILL");
    }
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} closes cleanly: exit code 0 and a snapshot holding the state`, async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-cli-"));
        const emulator = await startCli(["--port", "0", "--data", dataDir]);
        const identity = identityAt(emulator.url);
        const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: `closed-by-${signal}` }));
        identity.destroy();
        const exit = await stopCli(emulator, signal);
        assert.deepEqual(exit, { code: 0, signal: null });
        const snapshot = fs.readFileSync(path.join(dataDir, "snapshot.json"), "utf8");
        assert.ok(snapshot.includes(AppInstanceArn!), "the snapshot holds the app instance");
        assert.equal(fs.readFileSync(path.join(dataDir, "journal.jsonl"), "utf8"), "", "the journal was folded in");
        assert.equal(fs.existsSync(path.join(dataDir, "lock")), false, "the data folder is released");
        fs.rmSync(dataDir, { recursive: true, force: true });
    });
}

it("a second emulator on the same data folder is refused while the first runs", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-cli-"));
    const first = await startCli(["--port", "0", "--data", dataDir]);
    try {
        const second = await runCli(["--port", "0", "--data", dataDir]);
        assert.equal(second.code, 1);
        assert.match(second.stderr, /in use by another emulator \(process \d+\)/);
    } finally {
        await stopCli(first, "SIGTERM");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("a port in use is reported with exit code 1, and the data folder is left unlocked", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-cli-"));
    const first = await startCli(["--port", "0"]);
    try {
        const port = new URL(first.url).port;
        const second = await runCli(["--port", port, "--data", dataDir]);
        assert.equal(second.code, 1);
        assert.match(second.stderr, /cannot start: .*EADDRINUSE/);
        assert.equal(fs.existsSync(path.join(dataDir, "lock")), false);
    } finally {
        await stopCli(first, "SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("--log prints one line per request on stderr: operation, status, error type", async () => {
    const emulator = await startCli(["--port", "0", "--log"]);
    const identity = identityAt(emulator.url);
    try {
        await identity.send(new CreateAppInstanceCommand({ Name: "logged" }));
        await errorOf(() => identity.send(new CreateAppInstanceCommand({ Name: "" })));
        await fetch(`${emulator.url}/nowhere`);
        const deadline = Date.now() + 5000;
        while (!/GET \/nowhere/.test(emulator.stderr()) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const lines = emulator.stderr().split("\n");
        assert.ok(
            lines.some((l) => /CreateAppInstance 201 [\d.]+ ms +POST \/app-instances$/.test(l)),
            emulator.stderr(),
        );
        assert.ok(
            lines.some((l) => /CreateAppInstance 400 BadRequestException /.test(l)),
            emulator.stderr(),
        );
        assert.ok(
            lines.some((l) => /- 404 UnknownOperationException .*GET \/nowhere$/.test(l)),
            emulator.stderr(),
        );
    } finally {
        identity.destroy();
        await stopCli(emulator, "SIGKILL");
    }
});
