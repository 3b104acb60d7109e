import { it } from "mocha";
import assert from "node:assert/strict";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    ListAppInstancesCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { assertConnectionClosed, clientConfig, errorOf, startFixture } from "../helpers/emulator";

type Json = Record<string, unknown>;

async function putFaults(url: string, settings: Json): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${url}/_emulator/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(settings),
    });
    return { status: response.status, body: (await response.json()) as Json };
}

async function appInstanceCount(url: string): Promise<number> {
    const state = (await (await fetch(`${url}/_emulator/state`)).json()) as Json;
    return ((state.appInstances as unknown[]) ?? []).length;
}

const faultCases = [
    { setting: "throttleRate", name: "ThrottledClientException", status: 429, code: "Throttled" },
    { setting: "errorRate", name: "ServiceFailureException", status: 500, code: "ServiceFailure" },
    { setting: "unavailableRate", name: "ServiceUnavailableException", status: 503, code: "ServiceUnavailable" },
];

for (const fault of faultCases) {
    it(`${fault.setting} 1 answers ${fault.status} ${fault.name}, and the faulted create created nothing`, async () => {
        const fx = await startFixture();
        try {
            assert.equal((await putFaults(fx.url, { [fault.setting]: 1 })).status, 200);
            const error = await errorOf(() => fx.identity.send(new CreateAppInstanceCommand({ Name: "faulted" })));
            assert.equal(error.name, fault.name);
            assert.equal(error.$metadata?.httpStatusCode, fault.status);
            assert.equal((error as unknown as { Code: string }).Code, fault.code);
            assert.equal(await appInstanceCount(fx.url), 0, "a faulted request changes nothing");
            assert.equal(fx.emulator.callCounts.get("CreateAppInstance"), 1, "the request did reach the emulator");
        } finally {
            await fx.close();
        }
    });
}

it("faults are switched on and off at run time through the admin endpoint", async () => {
    const fx = await startFixture();
    try {
        await fx.identity.send(new CreateAppInstanceCommand({ Name: "before" }));
        assert.equal((await putFaults(fx.url, { errorRate: 1 })).status, 200);
        assert.equal(
            (await errorOf(() => fx.identity.send(new ListAppInstancesCommand({})))).name,
            "ServiceFailureException",
        );
        const off = await fetch(`${fx.url}/_emulator/faults`, { method: "DELETE" });
        assert.equal(((await off.json()) as Json).errorRate, 0);
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.equal(AppInstances?.length, 1);
    } finally {
        await fx.close();
    }
});

it("faults can be limited to some operations", async () => {
    const fx = await startFixture();
    try {
        await putFaults(fx.url, { unavailableRate: 1, operations: ["ListAppInstances"] });
        const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: "spared" }));
        assert.ok(AppInstanceArn);
        const error = await errorOf(() => fx.identity.send(new ListAppInstancesCommand({})));
        assert.equal(error.$metadata?.httpStatusCode, 503);
    } finally {
        await fx.close();
    }
});

it("the SDK's retries (maxAttempts 3) ride over a 50% 503 rate", async () => {
    const fx = await startFixture();
    const retrying = new ChimeSDKIdentityClient(clientConfig(fx.url, 3));
    try {
        // A seed makes the faulted requests the same on every run.
        await putFaults(fx.url, { unavailableRate: 0.5, seed: 7 });
        const calls = 24;
        let succeeded = 0;
        let failed = 0;
        for (let i = 0; i < calls; i++) {
            try {
                await retrying.send(new CreateAppInstanceCommand({ Name: `retried-${i}` }));
                succeeded++;
            } catch (error) {
                // Only three 503s in a row get through to the caller (1 in 8 at this rate).
                assert.equal((error as Error).name, "ServiceUnavailableException");
                assert.equal((error as { $metadata: { attempts: number } }).$metadata.attempts, 3);
                failed++;
            }
        }
        fx.emulator.faults.clear();
        const { AppInstances } = await fx.identity.send(new ListAppInstancesCommand({ MaxResults: 50 }));
        assert.equal(AppInstances?.length, succeeded, "each successful create happened exactly once");
        assert.ok(succeeded >= 0.75 * calls, `${succeeded} of ${calls} calls succeeded, where one attempt gets 50%`);
        const requests = fx.emulator.callCounts.get("CreateAppInstance")!;
        assert.ok(requests > calls, `the SDK retried (${requests} requests for ${calls} calls, ${failed} failed)`);
    } finally {
        retrying.destroy();
        await fx.close();
    }
});

it("a seed makes the faulted requests repeat exactly", async () => {
    const fx = await startFixture();
    const outcomes = async () => {
        await putFaults(fx.url, { errorRate: 0.5, seed: 1234 });
        const statuses: number[] = [];
        for (let i = 0; i < 16; i++) {
            statuses.push((await fetch(`${fx.url}/app-instances`)).status);
        }
        return statuses;
    };
    try {
        const first = await outcomes();
        assert.deepEqual(await outcomes(), first);
        assert.ok(first.includes(500) && first.includes(200), `a mix of answers: ${first.join(",")}`);
    } finally {
        await fx.close();
    }
});

it("a dropped connection shows up in the SDK as a network error", async () => {
    const fx = await startFixture();
    try {
        await putFaults(fx.url, { dropRate: 1 });
        assertConnectionClosed(
            await errorOf(() => fx.identity.send(new CreateAppInstanceCommand({ Name: "dropped" }))),
        );
        await putFaults(fx.url, { dropRate: 0 });
        assert.equal(await appInstanceCount(fx.url), 0);
    } finally {
        await fx.close();
    }
});

it("latency is added to every request, and removed again", async () => {
    const fx = await startFixture();
    try {
        await putFaults(fx.url, { latencyMs: 300 });
        let started = Date.now();
        await fx.identity.send(new ListAppInstancesCommand({}));
        const slow = Date.now() - started;
        assert.ok(slow >= 290, `answered after ${slow} ms`);
        await putFaults(fx.url, { latencyMs: 0 });
        started = Date.now();
        await fx.identity.send(new ListAppInstancesCommand({}));
        assert.ok(Date.now() - started < slow, "faster once the latency is off");
    } finally {
        await fx.close();
    }
});

it("Lambda operations are faulted with Lambda's own errors", async () => {
    const fx = await startFixture({ faults: { throttleRate: 1 } });
    try {
        const error = await errorOf(() => fx.lambda.send(new GetFunctionCommand({ FunctionName: "processor" })));
        assert.equal(error.name, "TooManyRequestsException");
        assert.equal(error.$metadata?.httpStatusCode, 429);
    } finally {
        await fx.close();
    }
});

const badSettings: [Json, RegExp][] = [
    [{ errorRate: 2 }, /errorRate must be a number from 0 to 1 \(got 2\)/],
    [{ dropRate: "half" }, /dropRate must be a number from 0 to 1 \(got "half"\)/],
    [{ latencyMs: -5 }, /latencyMs must be a number from 0 to 60000 \(got -5\)/],
    [{ errorRate: 0.6, unavailableRate: 0.6 }, /add up to 1\.2/],
    [{ operations: "CreateChannel" }, /operations must be a list/],
    [{ seed: 1.5 }, /seed must be null or an integer/],
    [{ errorRat: 0.5 }, /errorRat is not a fault setting/],
];

for (const [settings, message] of badSettings) {
    it(`PUT /_emulator/faults ${JSON.stringify(settings)} is refused with 400 and changes nothing`, async () => {
        const fx = await startFixture();
        try {
            const answer = await putFaults(fx.url, settings);
            assert.equal(answer.status, 400);
            assert.match(String(answer.body.message), message);
            const current = (await (await fetch(`${fx.url}/_emulator/faults`)).json()) as Json;
            assert.equal(current.errorRate, 0);
            assert.equal(current.unavailableRate, 0);
        } finally {
            await fx.close();
        }
    });
}
