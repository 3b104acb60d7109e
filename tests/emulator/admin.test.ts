import { it } from "mocha";
import assert from "node:assert/strict";
import { CreateAppInstanceCommand, ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { startFixture } from "../helpers/emulator";

type Json = Record<string, unknown>;

async function admin(url: string, method: string, route: string, body?: unknown) {
    const response = await fetch(`${url}/_emulator/${route}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.headers.get("content-type"), "application/json");
    return { status: response.status, body: (await response.json()) as Json };
}

it("health answers ok with the number of records held", async () => {
    const fx = await startFixture();
    try {
        assert.deepEqual(await admin(fx.url, "GET", "health"), { status: 200, body: { status: "ok", records: 0 } });
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "counted" }));
        const { body } = await admin(fx.url, "GET", "health");
        assert.ok((body.records as number) >= 1);
    } finally {
        await fx.close();
    }
});

it("state dumps every table's records, and reset empties them and the call counts", async () => {
    const fx = await startFixture();
    try {
        const { AppInstanceArn } = await fx.identity.send(
            new CreateAppInstanceCommand({ Name: "dumped", Metadata: "m" }),
        );
        const state = (await admin(fx.url, "GET", "state")).body;
        const rows = state.appInstances as [string, string, Json][];
        assert.equal(rows.length, 1);
        assert.equal(rows[0][0], AppInstanceArn);
        assert.equal(rows[0][2].Name, "dumped");
        assert.equal(rows[0][2].Metadata, "m");

        assert.deepEqual(await admin(fx.url, "POST", "reset"), { status: 200, body: { reset: true } });
        assert.deepEqual((await admin(fx.url, "GET", "state")).body, {});
        assert.deepEqual((await admin(fx.url, "GET", "calls")).body, {});
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(AppInstances, []);
    } finally {
        await fx.close();
    }
});

it("calls counts the requests received by operation, and DELETE sets them back to zero", async () => {
    const fx = await startFixture();
    try {
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "a" }));
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "b" }));
        await fx.identity.send(new ListAppInstancesCommand({})).catch(() => undefined);
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "" })).catch(() => undefined);
        assert.deepEqual((await admin(fx.url, "GET", "calls")).body, { CreateAppInstance: 3, ListAppInstances: 1 });
        assert.equal((await admin(fx.url, "DELETE", "calls")).status, 200);
        assert.deepEqual((await admin(fx.url, "GET", "calls")).body, {});
    } finally {
        await fx.close();
    }
});

it("faults can be read, changed in part, and turned off", async () => {
    const fx = await startFixture({ faults: { latencyMs: 5 } });
    try {
        assert.equal((await admin(fx.url, "GET", "faults")).body.latencyMs, 5);
        const changed = await admin(fx.url, "PUT", "faults", { errorRate: 0.25, operations: ["CreateChannel"] });
        assert.equal(changed.status, 200);
        assert.deepEqual(
            { ...changed.body },
            {
                throttleRate: 0,
                errorRate: 0.25,
                unavailableRate: 0,
                dropRate: 0,
                loseAnswerRate: 0,
                latencyMs: 5,
                latencyJitterMs: 0,
                operations: ["CreateChannel"],
                seed: null,
            },
        );
        const off = await admin(fx.url, "DELETE", "faults");
        assert.equal(off.body.errorRate, 0);
        assert.equal(off.body.latencyMs, 0);
        assert.deepEqual(off.body.operations, []);
        const bad = await admin(fx.url, "PUT", "faults", "not an object");
        assert.equal(bad.status, 400);
        const notJson = await fetch(`${fx.url}/_emulator/faults`, { method: "PUT", body: "{" });
        assert.equal(notJson.status, 400);
    } finally {
        await fx.close();
    }
});

it("unknown admin routes answer 404 and known routes with another method 405", async () => {
    const fx = await startFixture();
    try {
        const missing = await admin(fx.url, "GET", "nothing-here");
        assert.equal(missing.status, 404);
        assert.match(String(missing.body.message), /no admin route \/_emulator\/nothing-here/);
        const wrongMethod = await admin(fx.url, "GET", "reset");
        assert.equal(wrongMethod.status, 405);
        assert.match(String(wrongMethod.body.message), /answers POST, not GET/);
        assert.equal((await admin(fx.url, "GET", "constructor")).status, 404);
    } finally {
        await fx.close();
    }
});
