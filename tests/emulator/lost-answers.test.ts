import { describe, it, after } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    DescribeAppInstanceCommand,
    ListAppInstancesCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { ListChannelMessagesCommand, SendChannelMessageCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { assertConnectionClosed, clientConfig, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld } from "./messages-fixture";
import { seededRandom } from "../../emulator/faults";
import { runCli, startCli, stopCli } from "./cli-process";

type Json = Record<string, unknown>;

async function putFaults(url: string, settings: Json): Promise<Json> {
    const response = await fetch(`${url}/_emulator/faults`, { method: "PUT", body: JSON.stringify(settings) });
    assert.equal(response.status, 200, `PUT /_emulator/faults ${JSON.stringify(settings)}`);
    return (await response.json()) as Json;
}

describe("the lost-answer fault: the request is carried out, then the connection closes without an answer", () => {
    it("the client sees a network error, the app instance exists, and a retry with the same token gets it again", async () => {
        const fx = await startFixture();
        try {
            await putFaults(fx.url, { loseAnswerRate: 1, operations: ["CreateAppInstance"] });
            const input = { Name: "lost", ClientRequestToken: "lost-answer-token-1" };
            assertConnectionClosed(await errorOf(() => fx.identity.send(new CreateAppInstanceCommand(input))));

            const listed = await fx.identity.send(new ListAppInstancesCommand({}));
            assert.deepEqual(
                listed.AppInstances?.map((a) => a.Name),
                ["lost"],
                "the write was carried out",
            );

            await putFaults(fx.url, { loseAnswerRate: 0 });
            const retried = await fx.identity.send(new CreateAppInstanceCommand(input));
            assert.equal(retried.AppInstanceArn, listed.AppInstances![0].AppInstanceArn, "the same app instance");
            const again = await fx.identity.send(new ListAppInstancesCommand({}));
            assert.equal(again.AppInstances?.length, 1, "the retry created no second app instance");
        } finally {
            await fx.close();
        }
    });

    it("a message whose answer was lost is sent once, and resending it with its token answers its MessageId", async () => {
        const fx = await startFixture();
        try {
            const world = await createChannelWorld(fx);
            const input = {
                ChannelArn: world.channelArn,
                ChimeBearer: world.users.alice,
                Content: "hello once",
                Type: "STANDARD" as const,
                Persistence: "PERSISTENT" as const,
                ClientRequestToken: "lost-message-1",
            };
            await putFaults(fx.url, { loseAnswerRate: 1, operations: ["SendChannelMessage"] });
            assertConnectionClosed(await errorOf(() => fx.messaging.send(new SendChannelMessageCommand(input))));
            await putFaults(fx.url, { loseAnswerRate: 0 });
            const resent = await fx.messaging.send(new SendChannelMessageCommand(input));
            const { ChannelMessages } = await fx.messaging.send(
                new ListChannelMessagesCommand({ ChannelArn: world.channelArn, ChimeBearer: world.users.alice }),
            );
            const sent = (ChannelMessages ?? []).filter((m) => m.Content === "hello once");
            assert.equal(sent.length, 1, "one message, not two");
            assert.equal(sent[0].MessageId, resent.MessageId);
        } finally {
            await fx.close();
        }
    });

    it("a failed request whose answer is lost changes nothing, like any failed request", async () => {
        const fx = await startFixture();
        try {
            await putFaults(fx.url, { loseAnswerRate: 1 });
            const missing = "arn:aws:chime:us-east-1:123456789012:app-instance/00000000-0000-0000-0000-000000000000";
            assertConnectionClosed(
                await errorOf(() => fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: missing }))),
            );
            assert.equal(((await (await fetch(`${fx.url}/_emulator/health`)).json()) as Json).records, 0);
        } finally {
            await fx.close();
        }
    });

    it("the SDK's own retries after a lost answer converge on one app instance", async () => {
        // A seed under which the first CreateAppInstance loses its answer and the SDK's retry gets one.
        const fx = await startFixture({ faults: { loseAnswerRate: 0.5, seed: firstLostThenAnswered(0.5) } }, 3);
        try {
            const created = await fx.identity.send(new CreateAppInstanceCommand({ Name: "retried" }));
            assert.equal(created.$metadata.attempts, 2, "one lost answer, then the answer");
            await putFaults(fx.url, { loseAnswerRate: 0 });
            const listed = await fx.identity.send(new ListAppInstancesCommand({}));
            assert.deepEqual(
                listed.AppInstances?.map((a) => a.AppInstanceArn),
                [created.AppInstanceArn],
            );
        } finally {
            await fx.close();
        }
    });

    it("the same seed loses the answers of the same requests", async () => {
        const pattern = async () => {
            const fx = await startFixture({ faults: { loseAnswerRate: 0.5, seed: 42 } });
            try {
                const outcomes: string[] = [];
                for (let i = 0; i < 12; i++) {
                    try {
                        await fx.identity.send(new ListAppInstancesCommand({}));
                        outcomes.push("answered");
                    } catch {
                        outcomes.push("lost");
                    }
                }
                return outcomes;
            } finally {
                await fx.close();
            }
        };
        const first = await pattern();
        assert.deepEqual(await pattern(), first);
        assert.ok(first.includes("lost") && first.includes("answered"), `both outcomes occur: ${first.join(" ")}`);
    });

    it("the request log says which answers were lost", async () => {
        const lines: string[] = [];
        const fx = await startFixture({ faults: { loseAnswerRate: 1 }, log: (line) => lines.push(line) });
        try {
            await errorOf(() => fx.identity.send(new CreateAppInstanceCommand({ Name: "logged" })));
            await waitFor(() => lines.length > 0);
            assert.match(lines[0], /^CreateAppInstance answer-lost /);
        } finally {
            await fx.close();
        }
    });
});

describe("--lose-answer-rate on the command line", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-lost-answer-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("journals the write before losing the answer, so it survives kill -9", async () => {
        const args = ["--data", dir, "--lose-answer-rate", "1", "--fault-operations", "CreateAppInstance"];
        const first = await startCli(args);
        const identity = new ChimeSDKIdentityClient(clientConfig(first.url));
        try {
            const faults = (await (await fetch(`${first.url}/_emulator/faults`)).json()) as Json;
            assert.equal(faults.loseAnswerRate, 1);
            const input = { Name: "journaled", ClientRequestToken: "journaled-token" };
            assertConnectionClosed(await errorOf(() => identity.send(new CreateAppInstanceCommand(input))));
        } finally {
            identity.destroy();
            await stopCli(first, "SIGKILL");
        }

        const second = await startCli(["--data", dir]);
        const client = new ChimeSDKIdentityClient(clientConfig(second.url));
        try {
            const listed = await client.send(new ListAppInstancesCommand({}));
            assert.deepEqual(
                listed.AppInstances?.map((a) => a.Name),
                ["journaled"],
            );
            const retried = await client.send(
                new CreateAppInstanceCommand({ Name: "journaled", ClientRequestToken: "journaled-token" }),
            );
            assert.equal(retried.AppInstanceArn, listed.AppInstances![0].AppInstanceArn, "the token survived too");
        } finally {
            client.destroy();
            await stopCli(second, "SIGTERM");
        }
    });

    it("refuses a rate outside 0..1, naming the flag", async () => {
        const result = await runCli(["--lose-answer-rate", "1.5"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /invalid value for --lose-answer-rate: "1\.5" \(expected a number from 0 to 1\)/);
    });
});

async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(condition(), "timed out waiting");
}

/** The smallest seed whose first draw falls under the rate and whose second does not. */
function firstLostThenAnswered(rate: number): number {
    for (let seed = 0; ; seed++) {
        const random = seededRandom(seed);
        if (random() < rate && random() >= rate) return seed;
    }
}
