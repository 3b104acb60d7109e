import { describe, it, before, after } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { CreateAppInstanceCommand, ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { runCli, startCli, stopCli } from "./cli-process";

interface RawAnswer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
}

/** One HTTP request with exactly the given headers (node's http lets a test set Host, as a browser would). */
function raw(
    url: string,
    method: string,
    pathName: string,
    headers: Record<string, string>,
    body = "",
): Promise<RawAnswer> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
        const req = http.request({ hostname, port, method, path: pathName, headers, agent: false }, (res) => {
            let text = "";
            res.on("data", (d: Buffer) => (text += d.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        });
        req.on("error", reject);
        req.end(body);
    });
}

const EVIL = "http://evil.example";

async function appInstanceNames(fx: EmulatorFixture): Promise<string[]> {
    const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
    return (AppInstances ?? []).map((a) => a.Name!).sort();
}

describe("admin routes refuse cross-origin requests", () => {
    let fx: EmulatorFixture;
    let dataDir: string;
    let host: string;
    before(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-origin-"));
        fx = await startFixture({ dataDir });
        host = new URL(fx.url).host;
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "kept" }));
    });
    after(async () => {
        await fx.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const assertNothingWiped = async () => {
        assert.deepEqual(await appInstanceNames(fx), ["kept"], "the state is untouched");
        const journal = fs.readFileSync(path.join(dataDir, "journal.jsonl"), "utf8");
        const snapshot = fs.readFileSync(path.join(dataDir, "snapshot.json"), "utf8");
        assert.ok(`${snapshot}${journal}`.includes('"kept"'), "the data folder still holds the app instance");
    };

    it("a text/plain POST /_emulator/reset from another origin (no preflight) is refused with 403 and wipes nothing", async () => {
        const answer = await raw(
            fx.url,
            "POST",
            "/_emulator/reset",
            { origin: EVIL, "content-type": "text/plain" },
            "x",
        );
        assert.equal(answer.status, 403);
        assert.match(JSON.parse(answer.body).message, /refuse cross-origin requests.*evil\.example/);
        assert.equal(answer.headers["access-control-allow-origin"], undefined);
        await assertNothingWiped();
    });

    it("a page on localhost is another origin too: its reset is refused", async () => {
        const answer = await raw(fx.url, "POST", "/_emulator/reset", { origin: "http://localhost:3000" });
        assert.equal(answer.status, 403);
        await assertNothingWiped();
    });

    it("a preflight for an admin route is never granted, whatever the origin", async () => {
        for (const origin of [EVIL, "http://localhost:3000", `http://${host}`]) {
            const answer = await raw(fx.url, "OPTIONS", "/_emulator/faults", {
                origin,
                "access-control-request-method": "PUT",
                "access-control-request-headers": "content-type",
            });
            assert.equal(answer.status, 403, `preflight from ${origin}`);
            assert.equal(answer.headers["access-control-allow-origin"], undefined);
            assert.equal(answer.headers["access-control-allow-methods"], undefined);
        }
    });

    it("a request the browser marks cross-site (Sec-Fetch-Site) is refused even without an Origin header", async () => {
        const answer = await raw(fx.url, "GET", "/_emulator/state", { "sec-fetch-site": "cross-site" });
        assert.equal(answer.status, 403);
        assert.doesNotMatch(answer.body, /kept/, "no state leaks");
    });

    it("a DNS-rebound name is refused: Host evil.example pointing at loopback, with and without a matching Origin", async () => {
        const rebound = `evil.example:${new URL(fx.url).port}`;
        const read = await raw(fx.url, "GET", "/_emulator/state", { host: rebound });
        assert.equal(read.status, 403);
        assert.match(JSON.parse(read.body).message, /Host header was "evil\.example:\d+"/);
        assert.doesNotMatch(read.body, /kept/);
        const wipe = await raw(fx.url, "POST", "/_emulator/reset", { host: rebound, origin: `http://${rebound}` });
        assert.equal(wipe.status, 403);
        await assertNothingWiped();
    });

    it("the emulator's own origin, a tool without an Origin header and a loopback Host name are answered", async () => {
        const own = await raw(fx.url, "GET", "/_emulator/health", {
            origin: `http://${host}`,
            "sec-fetch-site": "same-origin",
        });
        assert.equal(own.status, 200);
        const tool = await raw(fx.url, "GET", "/_emulator/health", {});
        assert.equal(tool.status, 200);
        const named = await raw(fx.url, "GET", "/_emulator/health", { host: `localhost:${new URL(fx.url).port}` });
        assert.equal(named.status, 200);
    });
});

describe("the API's CORS rules", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture({ corsOrigins: ["https://app.example.com:8443"] });
    });
    after(() => fx.close());

    const preflight = (origin: string) =>
        raw(fx.url, "OPTIONS", "/app-instances", {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type,x-amz-date",
        });

    for (const origin of [
        "http://localhost:3000",
        "http://127.0.0.1:5173",
        "http://[::1]:8080",
        "https://app.example.com:8443",
    ]) {
        it(`grants a preflight from ${origin}, reflecting the origin and the requested headers`, async () => {
            const answer = await preflight(origin);
            assert.equal(answer.status, 204);
            assert.equal(answer.headers["access-control-allow-origin"], origin);
            assert.match(String(answer.headers.vary), /Origin/);
            assert.match(String(answer.headers["access-control-allow-methods"]), /POST/);
            assert.equal(answer.headers["access-control-allow-headers"], "authorization,content-type,x-amz-date");
        });
    }

    it("answers an allowed page's call with its origin and the exposed request-id headers", async () => {
        const answer = await raw(fx.url, "GET", "/app-instances", { origin: "http://localhost:3000" });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["access-control-allow-origin"], "http://localhost:3000");
        assert.match(String(answer.headers["access-control-expose-headers"]), /x-amzn-requestid/);
    });

    for (const origin of [EVIL, "https://app.example.com", "null", "http://localhost.evil.example"]) {
        it(`refuses a preflight and a call from ${origin}, and the call creates nothing`, async () => {
            const pre = await preflight(origin);
            assert.equal(pre.status, 403);
            assert.equal(pre.headers["access-control-allow-origin"], undefined);
            const body = JSON.stringify({ Name: "from-a-page", ClientRequestToken: "page-token-1" });
            const call = await raw(fx.url, "POST", "/app-instances", { origin, "content-type": "text/plain" }, body);
            assert.equal(call.status, 403);
            assert.equal(call.headers["x-amzn-errortype"], "ForbiddenException");
            assert.match(JSON.parse(call.body).Message, /--cors-origin/);
            assert.deepEqual(await appInstanceNames(fx), []);
        });
    }

    it("requests without an Origin header (SDKs, the CLI, curl) get no CORS headers and are served", async () => {
        const answer = await raw(fx.url, "GET", "/app-instances", {});
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["access-control-allow-origin"], undefined);
    });

    it("refuses an API call addressed to a rebound host name", async () => {
        const answer = await raw(fx.url, "GET", "/app-instances", { host: `evil.example:${new URL(fx.url).port}` });
        assert.equal(answer.status, 403);
        assert.equal(answer.headers["x-amzn-errortype"], "ForbiddenException");
    });
});

describe("--host and --cors-origin on the command line", () => {
    it("--host 0.0.0.0 prints the real address, the reachable URLs and a warning that there is no authentication", async () => {
        const emulator = await startCli(["--host", "0.0.0.0"]);
        try {
            assert.match(emulator.firstLine, /^listening on http:\/\/0\.0\.0\.0:\d+$/);
            const port = new URL(emulator.url).port;
            const health = await fetch(`http://127.0.0.1:${port}/_emulator/health`);
            assert.equal(health.status, 200, "reached through loopback");
            await waitFor(() => /WARNING/.test(emulator.stderr()));
            assert.match(emulator.stderr(), new RegExp(`reachable at .*http://127\\.0\\.0\\.1:${port} \\(lo\\)`));
            assert.match(
                emulator.stderr(),
                /WARNING: the emulator has no authentication, and it listens on 0\.0\.0\.0/,
            );
            assert.match(emulator.stderr(), new RegExp(`export AWS_ENDPOINT_URL=http://127\\.0\\.0\\.1:${port}`));
        } finally {
            await stopCli(emulator, "SIGKILL");
        }
    });

    it("the default loopback address prints no warning", async () => {
        const emulator = await startCli([]);
        try {
            await waitFor(() => /state in memory only/.test(emulator.stderr()));
            assert.doesNotMatch(emulator.stderr(), /WARNING/);
        } finally {
            await stopCli(emulator, "SIGKILL");
        }
    });

    it("--cors-origin lets that origin's pages call the API", async () => {
        const emulator = await startCli(["--cors-origin", "https://a.example.com,https://b.example.com:8443"]);
        try {
            const answer = await raw(emulator.url, "GET", "/app-instances", { origin: "https://b.example.com:8443" });
            assert.equal(answer.status, 200);
            assert.equal(answer.headers["access-control-allow-origin"], "https://b.example.com:8443");
        } finally {
            await stopCli(emulator, "SIGKILL");
        }
    });

    it("--cors-origin with a path is refused, naming the value and the expected form", async () => {
        const result = await runCli(["--cors-origin", "https://app.example.com/"]);
        assert.equal(result.code, 2);
        assert.match(
            result.stderr,
            /invalid value for --cors-origin: "https:\/\/app\.example\.com\/" is not an origin \(expected scheme:\/\/host\[:port\]/,
        );
    });
});

async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(condition(), "timed out waiting");
}
