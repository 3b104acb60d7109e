import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { isUnknown } from "@pulumi/pulumi/output";
import {
    AppInstance,
    AppInstanceAdmin,
    AppInstanceRetentionSettings,
    AppInstanceUser,
    Channel,
    ChannelFlowProcessorPermission,
    MessagingStreamingConfigurations,
} from "../../sdk/nodejs";
import { assertSerializes, MAX_PROVIDER_BYTES, outputValue, runUnderMocks } from "../helpers/mocks";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate";
const STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-events";

/** The identity topology of docs/resources-identity.md: an instance, an admin, users, settings, a channel. */
function program() {
    const instance = new AppInstance("chat", { name: "Chat", metadata: "prod", tags: { env: "prod" } });
    const operator = new AppInstanceUser("operator", {
        appInstanceArn: instance.arn,
        appInstanceUserId: "operator",
        name: "Operator",
    });
    const alice = new AppInstanceUser("alice", {
        appInstanceArn: instance.arn,
        appInstanceUserId: "alice",
        name: "Alice",
        expirationSettings: { expirationDays: 365, expirationCriterion: "CREATED_TIMESTAMP" },
    });
    const admin = new AppInstanceAdmin("operator-admin", {
        appInstanceArn: instance.arn,
        appInstanceAdminArn: operator.arn,
    });
    const retention = new AppInstanceRetentionSettings("retention", {
        appInstanceArn: instance.arn,
        channelRetentionSettings: { retentionDays: 90 },
    });
    const streaming = new MessagingStreamingConfigurations("streaming", {
        appInstanceArn: instance.arn,
        streamingConfigurations: [{ dataType: "ChannelMessage", resourceArn: STREAM }],
    });
    const permission = new ChannelFlowProcessorPermission("moderate-invoke", {
        functionName: LAMBDA,
        appInstanceArn: instance.arn,
    });
    const lobby = new Channel("lobby", {
        appInstanceArn: instance.arn,
        name: "Lobby",
        chimeBearer: admin.appInstanceAdminArn,
    });
    return { instance, operator, alice, admin, retention, streaming, permission, lobby };
}

const MY_TYPES = [
    "AppInstance",
    "AppInstanceUser",
    "AppInstanceAdmin",
    "AppInstanceRetentionSettings",
    "MessagingStreamingConfigurations",
    "ChannelFlowProcessorPermission",
];

describe("identity SDK classes under Pulumi mocks (layer 2)", () => {
    it("register their type tokens and the program's inputs, with output-only properties absent", async () => {
        const run = await runUnderMocks(program);
        for (const type of MY_TYPES) assert.ok(run.ofType(type).length > 0, `no ${type} registered`);
        assert.equal(run.ofType("AppInstanceUser").length, 2);
        const instance = run.byName("chat").inputs;
        assert.deepEqual([instance.name, instance.metadata, instance.tags], ["Chat", "prod", { env: "prod" }]);
        assert.ok(
            !("arn" in instance) || instance.arn === undefined,
            "an output-only property reached the inputs with a value",
        );
        const alice = run.byName("alice").inputs;
        assert.deepEqual(alice.expirationSettings, { expirationDays: 365, expirationCriterion: "CREATED_TIMESTAMP" });
        assert.deepEqual(run.byName("retention").inputs.channelRetentionSettings, { retentionDays: 90 });
        assert.deepEqual(run.byName("streaming").inputs.streamingConfigurations, [
            { dataType: "ChannelMessage", resourceArn: STREAM },
        ]);
        const permission = run.byName("moderate-invoke").inputs;
        assert.equal(permission.functionName, LAMBDA);
        assert.ok(permission.statementId === undefined, "the default statementId is the provider's to fill in");

        // The users, the admin and the channel receive the app instance's ARN; the channel's bearer is the admin.
        const instanceArn = (await outputValue(run.result.instance.arn)).value;
        for (const name of [
            "operator",
            "alice",
            "operator-admin",
            "retention",
            "streaming",
            "moderate-invoke",
            "lobby",
        ]) {
            assert.equal(run.byName(name).inputs.appInstanceArn, instanceArn, name);
        }
        const operatorArn = (await outputValue(run.result.operator.arn)).value;
        assert.equal(run.byName("operator-admin").inputs.appInstanceAdminArn, operatorArn);
        assert.equal(run.byName("lobby").inputs.chimeBearer, operatorArn);
    });

    it("in a preview, the app instance's ARN is unknown to everything that depends on it", async () => {
        const run = await runUnderMocks(program, { preview: true });
        assert.equal((await outputValue(run.result.instance.arn)).known, false);
        for (const name of [
            "operator",
            "alice",
            "operator-admin",
            "retention",
            "streaming",
            "moderate-invoke",
            "lobby",
        ]) {
            assert.ok(
                isUnknown(run.byName(name).inputs.appInstanceArn),
                `${name}.appInstanceArn is known in a preview`,
            );
        }
        assert.ok(isUnknown(run.byName("operator-admin").inputs.appInstanceAdminArn));
        assert.ok(isUnknown(run.byName("lobby").inputs.chimeBearer));
        assert.equal((await outputValue(run.result.alice.name)).value, "Alice", "inputs the program knows stay known");
    });

    it("each resource carries a serialized __provider that loads, names its type and stays small", async () => {
        const run = await runUnderMocks(program);
        for (const type of MY_TYPES) {
            for (const resource of run.ofType(type)) {
                const { bytes, text } = await assertSerializes(resource);
                assert.ok(bytes <= MAX_PROVIDER_BYTES, `${resource.name}: ${bytes} bytes`);
                assert.ok(text.includes(`"${type}"`), `${resource.name}'s provider does not name ${type}`);
            }
        }
    });
});
