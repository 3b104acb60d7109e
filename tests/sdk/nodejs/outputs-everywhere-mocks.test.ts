import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    AppInstance,
    AppInstanceUser,
    AppInstanceWithAdmin,
    Channel,
    ChannelFlow,
    ChannelFlowWithPermissions,
    ChannelMembershipPreferences,
    MessagingStreamingConfigurations,
} from "../../../sdk/nodejs";
import { outputValue, runUnderMocks } from "../../helpers/mocks";

const APP = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
const ADMIN = `${APP}/user/admin`;
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate";

/** A value that reaches the program only as an Output, as another resource's or a stack reference's would. */
const later = <T>(value: T, milliseconds = 0): pulumi.Output<T> =>
    pulumi.output(
        new Promise<T>((resolve) => setTimeout(() => resolve(value), milliseconds)),
    ) as unknown as pulumi.Output<T>;

describe("Outputs at every level of the arguments", () => {
    it("arrive resolved in the inputs the provider receives", async () => {
        const run = await runUnderMocks(() => {
            new ChannelFlow("flow", {
                appInstanceArn: later(APP),
                processors: [
                    {
                        name: later("moderate"),
                        configuration: later({
                            lambda: { resourceArn: later(LAMBDA), invocationType: later("ASYNC" as const) },
                        }),
                        executionOrder: later(1),
                        fallbackAction: later("ABORT" as const),
                    },
                ],
                tags: { team: later("care") },
            });
            new Channel("room", {
                appInstanceArn: APP,
                elasticChannelConfiguration: {
                    maximumSubChannels: later(10),
                    targetMembershipsPerSubChannel: later(100),
                    minimumMembershipPercentage: later(25),
                },
                expirationSettings: {
                    expirationDays: later(30),
                    expirationCriterion: later("LAST_MESSAGE_TIMESTAMP" as const),
                },
                chimeBearer: later(ADMIN),
            });
            new AppInstanceUser("user", {
                appInstanceArn: APP,
                appInstanceUserId: "u1",
                expirationSettings: later({
                    expirationDays: later(7),
                    expirationCriterion: "CREATED_TIMESTAMP" as const,
                }),
            });
            new ChannelMembershipPreferences("prefs", {
                channelArn: `${APP}/channel/c1`,
                memberArn: ADMIN,
                allowNotifications: later("FILTERED" as const),
                filterRule: later('{"mention":["admin"]}'),
                chimeBearer: ADMIN,
            });
            new MessagingStreamingConfigurations("stream", {
                appInstanceArn: APP,
                streamingConfigurations: later([
                    {
                        dataType: later("ChannelMessage" as const),
                        resourceArn: later("arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-x"),
                    },
                ]),
            });
        });
        assert.deepEqual(run.byName("flow").inputs.processors, [
            {
                name: "moderate",
                configuration: { lambda: { resourceArn: LAMBDA, invocationType: "ASYNC" } },
                executionOrder: 1,
                fallbackAction: "ABORT",
            },
        ]);
        assert.deepEqual(run.byName("flow").inputs.tags, { team: "care" });
        const room = run.byName("room").inputs;
        assert.deepEqual(room.elasticChannelConfiguration, {
            maximumSubChannels: 10,
            targetMembershipsPerSubChannel: 100,
            minimumMembershipPercentage: 25,
        });
        assert.deepEqual(room.expirationSettings, {
            expirationDays: 30,
            expirationCriterion: "LAST_MESSAGE_TIMESTAMP",
        });
        assert.equal(room.chimeBearer, ADMIN);
        assert.deepEqual(run.byName("user").inputs.expirationSettings, {
            expirationDays: 7,
            expirationCriterion: "CREATED_TIMESTAMP",
        });
        assert.equal(run.byName("prefs").inputs.allowNotifications, "FILTERED");
        assert.equal(run.byName("prefs").inputs.filterRule, '{"mention":["admin"]}');
        assert.deepEqual(run.byName("stream").inputs.streamingConfigurations, [
            {
                dataType: "ChannelMessage",
                resourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/chime-messaging-x",
            },
        ]);
    });
});

describe("name", () => {
    it("defaults to the logical resource name for AppInstance, AppInstanceUser, Channel and ChannelFlow", async () => {
        const run = await runUnderMocks(() => {
            new AppInstance("chat");
            new AppInstanceUser("operator", { appInstanceArn: APP, appInstanceUserId: "op" });
            new Channel("lobby", { appInstanceArn: APP, chimeBearer: ADMIN });
            new ChannelFlow("filter", {
                appInstanceArn: APP,
                processors: [
                    {
                        name: "p",
                        configuration: { lambda: { resourceArn: LAMBDA } },
                        executionOrder: 1,
                        fallbackAction: "CONTINUE",
                    },
                ],
            });
            new Channel("named", { appInstanceArn: APP, name: "Help desk", chimeBearer: ADMIN });
        });
        for (const name of ["chat", "operator", "lobby", "filter"]) assert.equal(run.byName(name).inputs.name, name);
        assert.equal(run.byName("named").inputs.name, "Help desk", "a name the program gives wins");
    });

    it("is an output of the resource either way", async () => {
        const run = await runUnderMocks(() => ({ name: new AppInstance("chat").name }));
        assert.deepEqual(await outputValue(run.result.name), { known: true, value: "chat" });
    });
});

describe("AppInstanceWithAdmin", () => {
    it("makes the app instance, the admin user and the AppInstanceAdmin, and bears channels with no dependsOn", async () => {
        const run = await runUnderMocks(() => {
            const chat = new AppInstanceWithAdmin("chat", {
                name: "Chat",
                tags: { team: "care" },
                admin: { appInstanceUserId: "ops", name: "Ops" },
            });
            const lobby = new Channel("lobby", { appInstanceArn: chat.appInstanceArn, chimeBearer: chat.bearerArn });
            return { chat, lobby };
        });
        const [app] = run.ofType("AppInstance");
        const [user] = run.ofType("AppInstanceUser");
        const [admin] = run.ofType("AppInstanceAdmin");
        assert.equal(app.inputs.name, "Chat");
        assert.deepEqual(app.inputs.tags, { team: "care" });
        assert.deepEqual(
            [user.name, user.inputs.appInstanceUserId, user.inputs.name, user.inputs.appInstanceArn],
            ["chat-admin", "ops", "Ops", app.id],
        );
        assert.deepEqual([admin.inputs.appInstanceArn, admin.inputs.appInstanceAdminArn], [app.id, user.id]);
        assert.equal(run.byName("lobby").inputs.chimeBearer, user.id);
        // The bearer Output carries the AppInstanceAdmin, so whatever takes it waits for the promotion.
        const dependencies = await (
            run.result.chat.bearerArn as unknown as { allResources(): Promise<Set<pulumi.Resource>> }
        ).allResources();
        assert.ok(dependencies.has(run.result.chat.admin));
    });

    it("defaults the admin user to id admin, named after the component", async () => {
        const run = await runUnderMocks(() => new AppInstanceWithAdmin("chat"));
        const [user] = run.ofType("AppInstanceUser");
        assert.deepEqual([user.inputs.appInstanceUserId, user.inputs.name], ["admin", "chat-admin"]);
        assert.equal(run.ofType("AppInstance")[0].inputs.name, "chat");
    });
});

describe("ChannelFlowWithPermissions", () => {
    it("grants each processor's Lambda, an Output, and creates the flow after the permissions", async () => {
        const run = await runUnderMocks(
            () =>
                new ChannelFlowWithPermissions("filter", {
                    appInstanceArn: later(APP),
                    processors: [
                        {
                            name: "p",
                            configuration: { lambda: { resourceArn: later(LAMBDA) } },
                            executionOrder: 1,
                            fallbackAction: "ABORT",
                        },
                    ],
                    // Known only after the flow's own inputs: the flow still registers after the permission.
                    statementId: later("mine", 300),
                }),
        );
        const [permission] = run.ofType("ChannelFlowProcessorPermission");
        assert.equal(permission.name, "filter-0");
        assert.deepEqual(
            {
                functionName: permission.inputs.functionName,
                appInstanceArn: permission.inputs.appInstanceArn,
                statementId: permission.inputs.statementId,
            },
            { functionName: LAMBDA, appInstanceArn: APP, statementId: "mine" },
        );
        const [flow] = run.ofType("ChannelFlow");
        assert.equal(flow.inputs.name, "filter");
        assert.equal(
            (flow.inputs.processors as { configuration: { lambda: { resourceArn: string } } }[])[0].configuration.lambda
                .resourceArn,
            LAMBDA,
        );
        assert.ok(
            run.resources.indexOf(permission) < run.resources.indexOf(flow),
            "the flow registers after its permission",
        );
        assert.equal(await outputValue(run.result.arn).then((v) => v.value), flow.id);
    });
});
