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

    it("never fires while the engine listens, and fires within seconds once it has gone", async () => {
        const { server, address } = await listen();
        let goneAt: number | undefined;
        const stop = watchEngine(address, () => (goneAt = Date.now()));
        try {
            await sleep(4_500);
            assert.equal(goneAt, undefined, "an engine that listens is alive");
            const closedAt = Date.now();
            await new Promise((resolve) => server.close(resolve));
            for (let waited = 0; goneAt === undefined && waited < 10_000; waited += 100) await sleep(100);
            assert.ok(goneAt !== undefined, "a refused engine is gone");
            const seconds = (goneAt - closedAt) / 1000;
            assert.ok(seconds >= 2 && seconds < 6, `noticed after ${seconds} s (three refusals a second apart)`);
        } finally {
            stop();
            server.close();
        }
    });
});
