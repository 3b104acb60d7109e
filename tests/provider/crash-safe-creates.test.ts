import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { ListAppInstancesCommand, PutAppInstanceRetentionSettingsCommand } from "@aws-sdk/client-chime-sdk-identity";
import {
    AssociateChannelFlowCommand,
    CreateChannelCommand,
    CreateChannelFlowCommand,
    ListChannelFlowsCommand,
    ListChannelsCommand,
    PutChannelMembershipPreferencesCommand,
    PutMessagingStreamingConfigurationsCommand,
    CreateChannelMembershipCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { CreateAppInstanceUserCommand, CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import { errorOf } from "../helpers/emulator";
import { createProcessorFunction } from "../helpers/e2e";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checked, checkFailures, Props } from "./app-instance-steps";

/**
 * A create cut off after the service carried it out (a killed `pulumi up`, a lost answer) is run again by the
 * next `pulumi up`: through the real provider objects and AWS SDK clients against the emulator, a rerun of the
 * same create finds what the first one made, and a natural key held by something that differs from the program is
 * refused with each difference named.
 */

const identity = (name: string) => ({ project: "proj", stack: "dev", name });

describe("creates are safe to repeat after a crash", () => {
    let pf: ProviderFixture;
    let appInstanceArn: string;
    let flowLambda: string;
    before(async () => {
        pf = await startProviderFixture();
        appInstanceArn = pf.world.appInstanceArn;
        flowLambda = await createProcessorFunction(pf.fx.url, "crash-safe-processor");
    });
    after(() => pf.close());

    /** check (with the SDK's __chime identity) then create, as a `pulumi up` does. */
    async function createAs(type: string, name: string, news: Props, olds: Props = {}) {
        const provider = pf.provider(type);
        const inputs = await checked(provider, { ...news, __chime: identity(name) }, olds);
        const { result, calls } = await pf.counting(() => provider.create(inputs));
        return { ...result, inputs, calls: mutatingCalls(calls) };
    }

    const appInstances = async () =>
        (await pf.fx.identity.send(new ListAppInstancesCommand({ MaxResults: 50 }))).AppInstances ?? [];

    it("AppInstance: a rerun replays to the same app instance; another logical name or stack is another one", async () => {
        const before = (await appInstances()).length;
        const first = await createAs("AppInstance", "chat", { name: "replayed" });
        const rerun = await createAs("AppInstance", "chat", { name: "replayed" });
        assert.equal(rerun.id, first.id, "the rerun finds the app instance the first create made");
        assert.equal((await appInstances()).length, before + 1, "no second app instance");
        const other = await createAs("AppInstance", "chat-2", { name: "replayed" });
        assert.notEqual(other.id, first.id);
        assert.equal((await appInstances()).length, before + 2);
    });

    it("AppInstance: after a destroy, the same create makes a new one (the token's answer is gone, the next attempt is used)", async () => {
        const provider = pf.provider("AppInstance");
        const first = await createAs("AppInstance", "recreated", { name: "recreated" });
        await provider.delete!(first.id, first.outs);
        const second = await createAs("AppInstance", "recreated", { name: "recreated" });
        assert.notEqual(second.id, first.id);
        assert.deepEqual(
            second.calls,
            { CreateAppInstance: 2 },
            "the first token replays the deleted one, the next makes a new one",
        );
        const rerun = await createAs("AppInstance", "recreated", { name: "recreated" });
        assert.equal(rerun.id, second.id, "a rerun of that create finds the new one again");
    });

    it("AppInstance: a replacement the provider's diff decides is a new create request, so a new instance", async () => {
        const first = await createAs("AppInstance", "replaced", { name: "replaced" });
        const provider = pf.provider("AppInstance");
        const news = await checked(
            provider,
            { name: "replaced", metadata: "x", __chime: identity("replaced") },
            first.inputs,
        );
        const replacement = await createAs(
            "AppInstance",
            "replaced",
            { name: "replaced", metadata: "x" },
            first.inputs,
        );
        assert.deepEqual(news.__chime, first.inputs.__chime, "the recorded identity is kept as it is");
        assert.notEqual(replacement.id, first.id);
        const rerun = await createAs("AppInstance", "replaced", { name: "replaced", metadata: "x" }, first.inputs);
        assert.equal(rerun.id, replacement.id, "a rerun of the replacement finds the replacement");
    });

    it("Channel and ChannelFlow: a rerun replays to the same channel and flow", async () => {
        const channelInputs = { appInstanceArn, name: "rerun", chimeBearer: pf.admin };
        const channel = await createAs("Channel", "general", channelInputs);
        const channelRerun = await createAs("Channel", "general", channelInputs);
        assert.equal(channelRerun.id, channel.id);
        const listed = await pf.fx.messaging.send(
            new ListChannelsCommand({ AppInstanceArn: appInstanceArn, ChimeBearer: pf.admin }),
        );
        assert.equal(listed.Channels!.filter((c) => c.Name === "rerun").length, 1, "one channel named rerun");

        const flowInputs = {
            appInstanceArn,
            name: "rerun-flow",
            processors: [
                {
                    name: "p",
                    configuration: { lambda: { resourceArn: flowLambda } },
                    executionOrder: 1,
                    fallbackAction: "CONTINUE",
                },
            ],
        };
        const flow = await createAs("ChannelFlow", "filter", flowInputs);
        const flowRerun = await createAs("ChannelFlow", "filter", flowInputs);
        assert.equal(flowRerun.id, flow.id);
        const flows = await pf.fx.messaging.send(new ListChannelFlowsCommand({ AppInstanceArn: appInstanceArn }));
        assert.equal(flows.ChannelFlows!.filter((f) => f.Name === "rerun-flow").length, 1, "one flow named rerun-flow");
    });

    it("AppInstanceUser: a user with the id made outside the program is adopted when it matches", async () => {
        await pf.fx.identity.send(
            new CreateAppInstanceUserCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceUserId: "dana",
                Name: "Dana",
            }),
        );
        const adopted = await createAs("AppInstanceUser", "dana", {
            appInstanceArn,
            appInstanceUserId: "dana",
            name: "Dana",
        });
        assert.equal(adopted.id, `${appInstanceArn}/user/dana`);
        assert.equal(adopted.outs.arn, adopted.id);
        const error = await errorOf(() =>
            createAs("AppInstanceUser", "dana-2", {
                appInstanceArn,
                appInstanceUserId: "dana",
                name: "Dana",
                tags: { team: "x" },
            }),
        );
        assert.match(
            error.message,
            /AppInstanceUser: the app instance user .*\/user\/dana already exists, but it differs from the program, so it was not taken over: tags: declared \{"team":"x"\}, live \{\}/,
        );
    });

    it("AppInstanceAdmin: a user already promoted is adopted", async () => {
        const adopted = await createAs("AppInstanceAdmin", "admin", { appInstanceArn, appInstanceAdminArn: pf.admin });
        assert.equal(adopted.id, pf.admin);
        assert.ok(adopted.outs.createdTimestamp, "the adopted admin's description is recorded");
    });

    it("Channel with a channelId: the channel holding it is adopted when it matches, refused naming each difference otherwise", async () => {
        await pf.fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: appInstanceArn,
                Name: "ops",
                ChannelId: "ops-1",
                ChimeBearer: pf.admin,
                ClientRequestToken: "outside-1",
            }),
        );
        const adopted = await createAs("Channel", "ops", {
            appInstanceArn,
            name: "ops",
            channelId: "ops-1",
            chimeBearer: pf.admin,
        });
        assert.equal(adopted.id, `${appInstanceArn}/channel/ops-1`);
        const error = await errorOf(() =>
            createAs("Channel", "ops-2", {
                appInstanceArn,
                name: "ops-team",
                mode: "RESTRICTED",
                channelId: "ops-1",
                chimeBearer: pf.admin,
            }),
        );
        assert.match(
            error.message,
            /Channel: the channel .*\/channel\/ops-1 already exists, but it differs from the program, so it was not taken over: name: declared "ops-team", live "ops"; mode: declared "RESTRICTED", live "UNRESTRICTED"$/,
        );
    });

    it("ChannelFlowAssociation: a channel already holding the flow is adopted; another flow is refused", async () => {
        const channel = await createAs("Channel", "flowing", {
            appInstanceArn,
            name: "flowing",
            chimeBearer: pf.admin,
        });
        const processors = [
            {
                Name: "p",
                Configuration: { Lambda: { ResourceArn: flowLambda, InvocationType: "ASYNC" as const } },
                ExecutionOrder: 1,
                FallbackAction: "CONTINUE" as const,
            },
        ];
        const flowArn = async (name: string) =>
            (
                await pf.fx.messaging.send(
                    new CreateChannelFlowCommand({
                        AppInstanceArn: appInstanceArn,
                        Name: name,
                        Processors: processors,
                        ClientRequestToken: `flow-${name}`,
                    }),
                )
            ).ChannelFlowArn!;
        const held = await flowArn("held");
        await pf.fx.messaging.send(
            new AssociateChannelFlowCommand({ ChannelArn: channel.id, ChannelFlowArn: held, ChimeBearer: pf.admin }),
        );
        const adopted = await createAs("ChannelFlowAssociation", "a", {
            channelArn: channel.id,
            channelFlowArn: held,
            chimeBearer: pf.admin,
        });
        assert.equal(adopted.id, `${channel.id}|${held}`);
        const other = await flowArn("other");
        const error = await errorOf(() =>
            createAs("ChannelFlowAssociation", "b", {
                channelArn: channel.id,
                channelFlowArn: other,
                chimeBearer: pf.admin,
            }),
        );
        assert.ok(
            error.message.includes(
                `ChannelFlowAssociation: the channel ${channel.id} already has the channel flow ${held}, but it differs from the program, so it was not taken over: channelFlowArn: declared "arn:`,
            ),
            error.message,
        );
    });

    it("AppInstanceRetentionSettings and MessagingStreamingConfigurations: settings in place are adopted when they match, refused otherwise", async () => {
        const { AppInstanceArn } = await pf.fx.identity.send(
            new CreateAppInstanceCommand({ Name: "settings", ClientRequestToken: "settings-1" }),
        );
        const arn = AppInstanceArn!;
        await pf.fx.identity.send(
            new PutAppInstanceRetentionSettingsCommand({
                AppInstanceArn: arn,
                AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 30 } },
            }),
        );
        const same = await createAs("AppInstanceRetentionSettings", "r", {
            appInstanceArn: arn,
            channelRetentionSettings: { retentionDays: 30 },
        });
        assert.deepEqual(same.calls, {}, "adopted without a write");
        const error = await errorOf(() =>
            createAs("AppInstanceRetentionSettings", "r2", {
                appInstanceArn: arn,
                channelRetentionSettings: { retentionDays: 7 },
            }),
        );
        assert.match(
            error.message,
            /AppInstanceRetentionSettings: the retention of .* is already set, but it differs from the program, so it was not taken over: channelRetentionSettings: declared \{"retentionDays":7\}, live \{"retentionDays":30\}/,
        );

        const stream = (name: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-${name}`;
        await pf.fx.messaging.send(
            new PutMessagingStreamingConfigurationsCommand({
                AppInstanceArn: arn,
                StreamingConfigurations: [{ DataType: "Channel", ResourceArn: stream("a") }],
            }),
        );
        const streaming = {
            appInstanceArn: arn,
            streamingConfigurations: [{ dataType: "Channel", resourceArn: stream("a") }],
        };
        assert.deepEqual((await createAs("MessagingStreamingConfigurations", "s", streaming)).calls, {});
        const differs = await errorOf(() =>
            createAs("MessagingStreamingConfigurations", "s2", {
                appInstanceArn: arn,
                streamingConfigurations: [{ dataType: "Channel", resourceArn: stream("b") }],
            }),
        );
        assert.match(
            differs.message,
            /MessagingStreamingConfigurations: the streaming configurations of .* are already set, but it differs from the program.*streamingConfigurations: declared .*chime-messaging-b.*live .*chime-messaging-a/,
        );
    });

    it("ChannelMembershipPreferences: preferences already set are adopted when they match, refused otherwise", async () => {
        const channel = await createAs("Channel", "prefs", { appInstanceArn, name: "prefs", chimeBearer: pf.admin });
        const alice = pf.world.users.alice;
        await pf.fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channel.id,
                MemberArn: alice,
                Type: "DEFAULT",
                ChimeBearer: pf.admin,
            }),
        );
        await pf.fx.messaging.send(
            new PutChannelMembershipPreferencesCommand({
                ChannelArn: channel.id,
                MemberArn: alice,
                ChimeBearer: alice,
                Preferences: { PushNotifications: { AllowNotifications: "ALL" } },
            }),
        );
        const same = await createAs("ChannelMembershipPreferences", "p", {
            channelArn: channel.id,
            memberArn: alice,
            allowNotifications: "ALL",
            chimeBearer: alice,
        });
        assert.deepEqual(same.calls, {});
        const error = await errorOf(() =>
            createAs("ChannelMembershipPreferences", "p2", {
                channelArn: channel.id,
                memberArn: alice,
                allowNotifications: "NONE",
                chimeBearer: alice,
            }),
        );
        assert.match(
            error.message,
            /ChannelMembershipPreferences: the preferences of .* are already set, but it differs from the program, so it was not taken over: allowNotifications: declared "NONE", live "ALL"/,
        );
    });

    it("__chime is not a property: check returns the recorded one byte for byte, diff never compares it", async () => {
        const provider = pf.provider("AppInstance");
        const first = await checked(provider, { name: "n", __chime: identity("a") });
        assert.deepEqual(first.__chime, identity("a"));
        const again = await checked(provider, { name: "n", __chime: identity("a") }, first);
        assert.equal(JSON.stringify(again), JSON.stringify(first), "an unchanged program: the recorded inputs");
        const legacy = { ...first, __chime: { ...identity("a"), predecessor: "f".repeat(64) } };
        const fromLegacy = await checked(provider, { name: "n", __chime: identity("a") }, legacy);
        assert.deepEqual(fromLegacy.__chime, legacy.__chime, "bookkeeping an earlier version recorded is kept");
        const renamed = await checked(provider, { name: "n", __chime: identity("b") }, first);
        assert.deepEqual(renamed.__chime, identity("b"), "another logical name: the program's identity");
        const diff = await provider.diff!("arn", { ...first, arn: "arn" }, renamed);
        assert.deepEqual([diff.changes, diff.replaces], [false, []]);
    });
});

describe("check refuses inputs that used to reach the service", () => {
    let pf: ProviderFixture;
    before(async () => {
        pf = await startProviderFixture();
    });
    after(() => pf.close());

    it("a ChannelFlowAssociation whose channelFlowArn is a Lambda ARN", async () => {
        const channelArn = `${pf.world.appInstanceArn}/channel/c1`;
        const lambda = "arn:aws:lambda:us-east-1:123456789012:function:proc";
        const failures = await checkFailures(pf, pf.provider("ChannelFlowAssociation"), {
            channelArn,
            channelFlowArn: lambda,
            chimeBearer: pf.admin,
        });
        assertFailure(failures, "channelFlowArn", "channelFlowArn must be a channel flow ARN", lambda);
    });

    it("a channelArn with a bad account is blamed on channelArn, not on memberArn", async () => {
        const badChannel = "arn:aws:chime:us-east-1:12345:app-instance/a1/channel/c1";
        const failures = await checkFailures(pf, pf.provider("ChannelMembership"), {
            channelArn: badChannel,
            memberArn: pf.world.users.alice,
            chimeBearer: pf.admin,
        });
        assertFailure(failures, "channelArn", "channelArn must name a 12-digit AWS account", "12345", badChannel);
        assert.deepEqual(
            failures.filter((f) => f.property === "memberArn"),
            [],
            "memberArn is not to blame",
        );
    });

    for (const [type, inputs] of [
        ["AppInstance", { name: "n" }],
        [
            "AppInstanceUser",
            {
                appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/a1",
                appInstanceUserId: "u",
                name: "u",
            },
        ],
        [
            "Channel",
            {
                appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/a1",
                name: "c",
                chimeBearer: "arn:aws:chime:us-east-1:123456789012:app-instance/a1/user/u",
            },
        ],
        [
            "ChannelFlow",
            { appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/a1", name: "f", processors: [] },
        ],
    ] as const) {
        it(`${type}: tag keys starting with aws: (reserved by AWS)`, async () => {
            const failures = await checkFailures(pf, pf.provider(type), {
                ...inputs,
                tags: { "aws:cloudformation:stack": "x", ok: "y" },
            });
            assertFailure(
                failures,
                "tags",
                'tag key "aws:cloudformation:stack" must not start with "aws:"',
                "AWS reserves",
            );
        });
    }
});
