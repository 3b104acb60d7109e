import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as net from "net";
import { parseEngineAddress, watchEngine } from "../../provider/engine-watchdog";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function listen(): Promise<{ server: net.Server; address: string }> {
    return new Promise((resolve) => {
        const server = net.createServer((socket) => socket.destroy());
        server.listen(0, "127.0.0.1", () => {
            resolve({ server, address: `127.0.0.1:${(server.address() as net.AddressInfo).port}` });
        });
    });
}

describe("the engine watchdog of a provider host", () => {
    it("reads the engine addresses the engine passes its plugins", () => {
        assert.deepEqual(parseEngineAddress("127.0.0.1:40123"), { host: "127.0.0.1", port: 40123 });
        assert.deepEqual(parseEngineAddress("[::1]:40123"), { host: "::1", port: 40123 });
        assert.deepEqual(parseEngineAddress("localhost:7"), { host: "localhost", port: 7 });
        assert.equal(parseEngineAddress("--logtostderr"), undefined);
    });

    it("never fires while the engine listens, and fires at the third refused probe in a row once it has gone", async () => {
        const { server, address } = await listen();
        const probes: string[] = [];
        let goneAfter: number | undefined;
        const stop = watchEngine(address, () => (goneAfter = probes.length), {
            intervalMs: 20,
            onProbe: (result) => probes.push(result),
        });
        try {
            while (probes.length < 10) await sleep(20);
            assert.equal(goneAfter, undefined, "an engine that listens is alive");
            assert.deepEqual(new Set(probes), new Set(["alive"]));
            const alive = probes.length;
            await new Promise((resolve) => server.close(resolve));
            for (let waited = 0; goneAfter === undefined && waited < 10_000; waited += 20) await sleep(20);
            // A probe already under way when the listener closed may end either way (a reset is neither answer).
            const afterClose = probes.slice(alive);
            const inFlight = afterClose.length - 3;
            assert.ok(
                inFlight === 0 || (inFlight === 1 && afterClose[0] !== "refused"),
                `probes after close: ${afterClose}`,
            );
            assert.deepEqual(
                afterClose.slice(inFlight),
                ["refused", "refused", "refused"],
                "three refusals, then it fires",
            );
            assert.equal(goneAfter, probes.length, "it fires at the third refusal, not later");
        } finally {
            stop();
            server.close();
        }
    });

    it("starts counting again when the engine answers between refusals", async () => {
        let accepting: net.Server | undefined;
        const { server, address } = await listen();
        const port = Number(address.split(":")[1]);
        await new Promise((resolve) => server.close(resolve));
        const probes: string[] = [];
        let gone = false;
        const stop = watchEngine(address, () => (gone = true), {
            // Room for the listener to open between two probes on a loaded machine.
            intervalMs: 200,
            onProbe: (result) => {
                probes.push(result);
                // Two refusals, then the engine is back for one probe, then gone for good.
                if (probes.length === 2) {
                    accepting = net.createServer((socket) => socket.destroy()).listen(port, "127.0.0.1");
                } else if (probes.at(-1) === "alive") accepting?.close();
            },
        });
        try {
            for (let waited = 0; !gone && waited < 10_000; waited += 20) await sleep(20);
            assert.deepEqual(probes, ["refused", "refused", "alive", "refused", "refused", "refused"]);
        } finally {
            stop();
            accepting?.close();
        }
    });
});
