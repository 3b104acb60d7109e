import { CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import { CreateChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { providerFunctions, runFunction } from "../../provider/functions";
import { createExistingBackend, ExistingBackend } from "../e2e/existing-backend";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";

/**
 * The provider functions (provider/functions/), as both servings run them, against the emulator: what each
 * answers, how a bad argument or a missing resource fails, and that none of them writes.
 */
describe("provider functions", () => {
    let pf: ProviderFixture;
    let backend: ExistingBackend;

    before(async () => {
        pf = await startProviderFixture();
        backend = await createExistingBackend(pf.fx);
    });
    after(() => pf?.close());

    /** Runs a function, and the calls the emulator received meanwhile. */
    const call = (name: string, args: Record<string, unknown>) => pf.counting(() => runFunction(name, args));

    it("getAppInstance answers the app instance's properties, with no mutating call", async () => {
        const { result, calls } = await call("getAppInstance", { arn: backend.appInstanceArn });
        assert.equal(result.arn, backend.appInstanceArn);
        assert.equal(result.name, "acme-chat");
        assert.equal(result.metadata, "support");
        assert.deepEqual(result.tags, { team: "chat" });
        assert.match(String(result.createdTimestamp), /^\d{4}-\d\d-\d\dT/);
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("getAppInstanceUser and getAppInstanceBot answer the user's and the bot's properties", async () => {
        const user = (await call("getAppInstanceUser", { arn: backend.users.alice })).result;
        assert.deepEqual(
            [user.appInstanceUserId, user.name, user.appInstanceArn],
            ["alice", "Alice", backend.appInstanceArn],
        );
        const { result: bot, calls } = await call("getAppInstanceBot", { arn: backend.botArn });
        assert.equal(bot.name, "Helper");
        assert.equal((bot.configuration as { lex: { localeId: string } }).lex.localeId, "en_US");
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("getChannel answers privacy, mode, metadata and the flow associated, read as the given bearer", async () => {
        const general = (await call("getChannel", { arn: backend.general, chimeBearer: backend.adminArn })).result;
        assert.deepEqual(
            [general.name, general.privacy, general.mode, general.channelFlowArn],
            ["general", "PUBLIC", "UNRESTRICTED", backend.flowArn],
        );
        const leads = (await call("getChannel", { arn: backend.leads, chimeBearer: backend.adminArn })).result;
        assert.deepEqual([leads.name, leads.privacy, leads.mode], ["Leads Room", "PRIVATE", "RESTRICTED"]);
    });

    it("listChannels reads every page, the public ones by default and the private ones when asked", async () => {
        const args = { appInstanceArn: backend.appInstanceArn, chimeBearer: backend.adminArn };
        const { result, calls } = await call("listChannels", args);
        assert.deepEqual(result.channels, [
            { arn: backend.general, name: "general", privacy: "PUBLIC", mode: "UNRESTRICTED" },
        ]);
        const privates = (await call("listChannels", { ...args, privacy: "PRIVATE" })).result;
        assert.deepEqual(privates.channels, [
            { arn: backend.leads, name: "Leads Room", privacy: "PRIVATE", mode: "RESTRICTED" },
        ]);
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("getMessagingSessionEndpoint answers the WebSocket endpoint of the region", async () => {
        const { result, calls } = await call("getMessagingSessionEndpoint", {});
        assert.match(String(result.url), /^wss?:\/\//);
        assert.deepEqual(Object.keys(calls), ["GetMessagingSessionEndpoint"]);
        await assert.rejects(
            call("getMessagingSessionEndpoint", { region: "Frankfurt" }),
            /region must be an AWS Region code/,
        );
    });

    it("lookupAppInstanceByName finds the one app instance of a name, and fails naming the count and the region for 0 or 2", async () => {
        const found = (await call("lookupAppInstanceByName", { name: "acme-chat" })).result;
        assert.equal(found.arn, backend.appInstanceArn);
        assert.equal(
            (await call("lookupAppInstanceByName", { name: "acme-chat", region: "us-east-1" })).result.arn,
            backend.appInstanceArn,
        );
        await assert.rejects(
            call("lookupAppInstanceByName", { name: "nobody-chat" }),
            /lookupAppInstanceByName: 0 app instances are named "nobody-chat" in us-east-1; exactly one must be/,
        );
        await assert.rejects(
            call("lookupAppInstanceByName", { name: "acme-chat", region: "eu-central-1" }),
            /0 app instances are named "acme-chat" in eu-central-1/,
        );
        await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: "twin-chat" }));
        await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: "twin-chat" }));
        const { calls } = await pf.counting(() =>
            assert.rejects(runFunction("lookupAppInstanceByName", { name: "twin-chat" }), (error: Error) => {
                assert.match(error.message, /2 app instances are named "twin-chat" in us-east-1 \(arn:aws:chime:/);
                return true;
            }),
        );
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("a malformed argument fails before any call, naming the function, the argument, the rule and the value", async () => {
        const cases: [string, Record<string, unknown>, RegExp][] = [
            [
                "getAppInstance",
                { arn: "acme-chat" },
                /getAppInstance: arn must be an app instance ARN \(arn:aws:chime:<region>:<account>:app-instance\/<id>\) \(got "acme-chat"\)/,
            ],
            ["getAppInstanceUser", { arn: backend.botArn }, /getAppInstanceUser: arn must be an app instance user ARN/],
            ["getChannel", { arn: backend.general }, /getChannel: chimeBearer is required/],
            [
                "getChannel",
                { arn: backend.general, chimeBearer: backend.general },
                /chimeBearer must be an app instance user or bot ARN/,
            ],
            [
                "listChannels",
                { appInstanceArn: backend.appInstanceArn, chimeBearer: backend.adminArn, privacy: "SECRET" },
                /privacy must be one of PUBLIC, PRIVATE \(got "SECRET"\)/,
            ],
            [
                "getAppInstance",
                { arn: backend.appInstanceArn, name: "x" },
                /getAppInstance: name is not an argument \(it takes arn\)/,
            ],
        ];
        for (const [name, args, expected] of cases) {
            const { calls } = await pf.counting(() => assert.rejects(runFunction(name, args), expected));
            assert.deepEqual(calls, {}, `${name} sent nothing`);
        }
    });

    it("a resource that is not there fails naming its ARN and what was looked for", async () => {
        const gone = `${backend.appInstanceArn}/channel/no-such-channel`;
        await assert.rejects(
            call("getChannel", { arn: gone, chimeBearer: backend.adminArn }),
            new RegExp(`getChannel: there is no Channel with the ARN ${gone}`),
        );
        const noUser = `${backend.appInstanceArn}/user/nobody`;
        await assert.rejects(
            call("getAppInstanceUser", { arn: noUser }),
            new RegExp(`there is no AppInstanceUser with the ARN ${noUser}`),
        );
    });

    it("listChannels reads past the service's page of 50", async () => {
        const more = Array.from({ length: 55 }, (_, i) => `room-${i}`);
        for (const name of more) {
            await pf.fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: backend.appInstanceArn,
                    Name: name,
                    ChimeBearer: backend.adminArn,
                }),
            );
        }
        const { result, calls } = await call("listChannels", {
            appInstanceArn: backend.appInstanceArn,
            chimeBearer: backend.adminArn,
        });
        const names = (result.channels as { name: string }[]).map((c) => c.name).sort();
        assert.deepEqual(names, ["general", ...more].sort());
        assert.equal(calls.ListChannels, 2);
    });

    it("declares every function it runs, each with its arguments documented", () => {
        assert.deepEqual(Object.keys(providerFunctions).sort(), [
            "getAppInstance",
            "getAppInstanceBot",
            "getAppInstanceUser",
            "getChannel",
            "getMessagingSessionEndpoint",
            "listChannels",
            "lookupAppInstanceByName",
        ]);
        for (const fn of Object.values(providerFunctions))
            for (const [arg, spec] of Object.entries(fn.args)) assert.ok(spec.doc.length > 10, `${fn.name}.${arg}`);
    });
});
