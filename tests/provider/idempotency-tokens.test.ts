import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { canonical, createWithToken, idempotencyToken, MAX_TOKEN_ATTEMPTS } from "../../provider/idempotency-tokens";

const identity = { project: "p", stack: "s", name: "general" };
const notFound = () =>
    Object.assign(new Error("gone"), { name: "NotFoundException", $metadata: { httpStatusCode: 404 } });

describe("idempotency tokens of creates", () => {
    it("are 64 hex digits that depend on the identity, the type, the request, the predecessor and the attempt", () => {
        const token = idempotencyToken(identity, "Channel", { Name: "a" }, 0);
        assert.match(token, /^[0-9a-f]{64}$/);
        assert.equal(idempotencyToken({ ...identity }, "Channel", { Name: "a" }, 0), token, "the same creation");
        const others = [
            idempotencyToken({ ...identity, stack: "t" }, "Channel", { Name: "a" }, 0),
            idempotencyToken(identity, "ChannelFlow", { Name: "a" }, 0),
            idempotencyToken(identity, "Channel", { Name: "b" }, 0),
            idempotencyToken(identity, "Channel", { Name: "a" }, 1),
            idempotencyToken({ ...identity, predecessor: "x" }, "Channel", { Name: "a" }, 0),
        ];
        assert.equal(new Set([token, ...others]).size, others.length + 1);
    });

    it("are the tokens every earlier version sent, so a create cut off before an upgrade replays after it", () => {
        // Computed by the first version with tokens; a different value here means a rerun would create twice.
        const request = { Name: "a", Mode: "UNRESTRICTED" };
        assert.equal(
            idempotencyToken(identity, "Channel", request, 0),
            "e1d11424c23fe952a063cf9c8f927662facda6942dafe5a43cd71cf0a6b2a9b1",
        );
        assert.equal(
            idempotencyToken({ ...identity, predecessor: "x" }, "Channel", request, 1),
            "e5f1b24a8a132114937b5cd5a3898be15a2e20a35f6301f13f4d1b768a1e2124",
        );
    });

    it("hash equal requests equally: keys in any order, undefined members left out, at every level", () => {
        assert.deepEqual(canonical({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } }), {
            a: { d: [{ x: 2, y: 1 }] },
            b: 1,
        });
        assert.deepEqual(Object.keys(canonical({ b: 1, a: 2 }) as object), ["a", "b"]);
        const when = new Date(0);
        assert.equal(canonical(when), when);
        assert.equal(canonical(null), null);
        assert.equal(
            idempotencyToken(identity, "Channel", { Name: "a", Mode: "UNRESTRICTED", Metadata: undefined }, 0),
            idempotencyToken(identity, "Channel", { Mode: "UNRESTRICTED", Name: "a" }, 0),
        );
    });

    it("move to the next attempt when the answer names a resource deleted since, and stop after the last", async () => {
        const tokens: string[] = [];
        const made = await createWithToken(
            identity,
            "Channel",
            { Name: "a" },
            {
                create: async (token) => (tokens.push(token), `arn-${tokens.length}`),
                describe: async (arn) => {
                    if (arn === "arn-1") throw notFound();
                    return arn === "arn-2" ? undefined : { arn };
                },
            },
        );
        assert.deepEqual(made, { arn: "arn-3", live: { arn: "arn-3" } });
        assert.deepEqual(
            tokens,
            [0, 1, 2].map((attempt) => idempotencyToken(identity, "Channel", { Name: "a" }, attempt)),
        );

        let creates = 0;
        const looping = await createWithToken(
            identity,
            "Channel",
            {},
            {
                create: async () => `arn-${++creates}`,
                describe: async () => undefined,
            },
        ).catch((error: Error) => error);
        assert.equal(creates, MAX_TOKEN_ATTEMPTS);
        assert.match(
            String(looping),
            new RegExp(`Channel general: the service answered ${MAX_TOKEN_ATTEMPTS} creations in a row`),
        );
    });

    it("without an identity use a random token once, and refuse an answer that does not exist", async () => {
        const tokens: string[] = [];
        const refused = await createWithToken(
            undefined,
            "Channel",
            {},
            {
                create: async (token) => (tokens.push(token), "arn-x"),
                describe: async () => undefined,
            },
        ).catch((error: Error) => error);
        assert.equal(tokens.length, 1);
        assert.match(tokens[0], /^[0-9a-f-]{36}$/);
        assert.match(
            String(refused),
            /Channel arn-x: the service answered the create with a resource that does not exist/,
        );
    });

    it("pass on a read-back error other than not found", async () => {
        const error = await createWithToken(
            identity,
            "Channel",
            {},
            {
                create: async () => "arn",
                describe: async () => {
                    throw new Error("throttled");
                },
            },
        ).catch((e: Error) => e);
        assert.equal(String(error), "Error: throttled");
    });
});
