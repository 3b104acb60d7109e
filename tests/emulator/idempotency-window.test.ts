import { it } from "mocha";
import * as assert from "node:assert/strict";
import { Store } from "../../emulator/store";
import { tablesOf } from "../../emulator/services/tables";
import { answerIdempotently } from "../../emulator/idempotency";

/** The window docs/emulator.md documents: one hour. */
const ONE_HOUR_MS = 60 * 60 * 1000;

function harness() {
    const store = new Store();
    const tables = tablesOf(store);
    let runs = 0;
    const answer = (token: string, digest: string, now: number) =>
        store.transaction(() =>
            answerIdempotently(
                tables,
                "messaging:SendChannelMessage",
                "ClientRequestToken",
                token,
                digest,
                now,
                () => ({
                    MessageId: `m${++runs}`,
                }),
            ),
        );
    return { tables, answer, runs: () => runs };
}

it("a repeated token within the window gets the first answer without running again", () => {
    const h = harness();
    const first = h.answer("t1", "d", 1_000);
    assert.deepEqual(h.answer("t1", "d", 1_000 + ONE_HOUR_MS - 1), first);
    assert.equal(h.runs(), 1);
});

it("a repeated token with another input is a ConflictException", () => {
    const h = harness();
    h.answer("t1", "d", 1_000);
    assert.throws(() => h.answer("t1", "other", 2_000), {
        name: "ConflictException",
        message: /ClientRequestToken t1/,
    });
});

it("tokens are forgotten after the window, so sent messages do not grow the store without bound", () => {
    const h = harness();
    for (let i = 0; i < 100; i++) h.answer(`old-${i}`, "d", 1_000 + i);
    assert.equal(h.tables.idempotency.size, 100);
    const later = 1_000 + 100 + ONE_HOUR_MS;
    h.answer("new", "d", later);
    assert.equal(h.tables.idempotency.size, 1, "the expired tokens are dropped when a new one is recorded");
    assert.deepEqual(h.answer("old-0", "d", later), { MessageId: "m102" }, "an expired token runs again");
});
