import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { startFixture } from "../helpers/emulator";
import { seededRandom } from "../../emulator/faults";

describe("latency jitter", () => {
    it("adds a seeded random delay of up to latencyJitterMs on top of latencyMs to each request", async () => {
        const latencyMs = 20;
        const latencyJitterMs = 400;
        const seed = 5;
        const fx = await startFixture({ faults: { latencyMs, latencyJitterMs, seed } });
        try {
            // Each request draws its fault first, then its jitter, from the seeded sequence.
            const random = seededRandom(seed);
            const measured: number[] = [];
            const expected: number[] = [];
            for (let i = 0; i < 6; i++) {
                random();
                expected.push(latencyMs + Math.floor(random() * (latencyJitterMs + 1)));
                const started = Date.now();
                await fx.identity.send(new ListAppInstancesCommand({}));
                measured.push(Date.now() - started);
            }
            measured.forEach((ms, i) =>
                assert.ok(ms >= expected[i] - 2, `request ${i}: ${ms} ms, expected ${expected[i]}`),
            );
            assert.ok(Math.max(...expected) - Math.min(...expected) > 100, `the delays vary: ${expected.join(", ")}`);
            const spread = Math.max(...measured) - Math.min(...measured);
            assert.ok(spread > 100, `the measured delays vary: ${measured.join(", ")} ms`);
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
