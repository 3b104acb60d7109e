import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { startFixture } from "../helpers/emulator";
import { FaultInjector } from "../../emulator/faults";

describe("latency jitter", () => {
    const delays = (injector: FaultInjector, n: number) =>
        Array.from({ length: n }, () => injector.decide("ListAppInstances").delayMs);

    it("draws each request's delay from latencyMs to latencyMs + latencyJitterMs, spread over that range", () => {
        const drawn = delays(new FaultInjector({ latencyMs: 20, latencyJitterMs: 400 }), 2_000);
        assert.ok(
            Math.min(...drawn) >= 20 && Math.max(...drawn) <= 420,
            `within [20, 420]: ${Math.min(...drawn)}..${Math.max(...drawn)}`,
        );
        // Uniform: each fifth of the range holds about a fifth of 2,000 draws (far from 250 to 550 by chance).
        const fifths = [0, 0, 0, 0, 0];
        for (const ms of drawn) fifths[Math.min(4, Math.floor(((ms - 20) / 401) * 5))]++;
        for (const count of fifths) assert.ok(count > 250 && count < 550, `the fifths of the range: ${fifths}`);
    });

    it("draws the same delays again for the same seed, and others for another seed", () => {
        const settings = { latencyMs: 20, latencyJitterMs: 400 };
        const first = delays(new FaultInjector({ ...settings, seed: 5 }), 50);
        assert.deepEqual(delays(new FaultInjector({ ...settings, seed: 5 }), 50), first);
        assert.notDeepEqual(delays(new FaultInjector({ ...settings, seed: 6 }), 50), first);
        const reseeded = new FaultInjector({ ...settings, seed: 5 });
        delays(reseeded, 10);
        reseeded.update({ seed: 5 });
        assert.deepEqual(delays(reseeded, 50), first, "setting the seed again restarts the sequence");
    });

    it("holds each request through the SDK client at least its latencyMs", async () => {
        const fx = await startFixture({ faults: { latencyMs: 150, latencyJitterMs: 100 } });
        try {
            for (let i = 0; i < 3; i++) {
                const started = performance.now();
                await fx.identity.send(new ListAppInstancesCommand({}));
                const ms = performance.now() - started;
                assert.ok(ms >= 149, `request ${i} answered after ${ms.toFixed(0)} ms`);
            }
        } finally {
            await fx.close();
        }
    });

    it("refuses a jitter outside 0..60000 through the admin endpoint", async () => {
        const fx = await startFixture();
        try {
            const answer = await fetch(`${fx.url}/_emulator/faults`, {
                method: "PUT",
                body: JSON.stringify({ latencyJitterMs: 70_000 }),
            });
            assert.equal(answer.status, 400);
            assert.match(
                ((await answer.json()) as { message: string }).message,
                /latencyJitterMs must be a number from 0 to 60000 \(got 70000\)/,
            );
        } finally {
            await fx.close();
        }
    });
});
