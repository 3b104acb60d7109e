import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    AssociateChannelFlowCommand,
    CreateChannelFlowCommand,
    DeleteChannelFlowCommand,
    DescribeChannelCommand,
    DescribeChannelFlowCommand,
    DisassociateChannelFlowCommand,
    ListChannelFlowsCommand,
    ListChannelsAssociatedWithChannelFlowCommand,
    ListTagsForResourceCommand,
    UpdateChannelFlowCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld } from "../helpers/world";
import { createChannel, createChannelWorld, createFlow, processor, sleep } from "./messages-fixture";

describe("channel flows", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const describeFlow = (arn: string) => fx.messaging.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn }));
    const listFlows = async (appInstanceArn: string) =>
        (await fx.messaging.send(new ListChannelFlowsCommand({ AppInstanceArn: appInstanceArn }))).ChannelFlows ?? [];

    describe("CreateChannelFlow, DescribeChannelFlow", () => {
        it("creates a flow under the app instance, with its processor and tags", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const { ChannelFlowArn } = await fx.messaging.send(
                new CreateChannelFlowCommand({
                    AppInstanceArn: appInstanceArn,
                    Name: "moderation",
                    Processors: [processor("filter")],
                    Tags: [{ Key: "team", Value: "chat" }],
                }),
            );
            assert.match(ChannelFlowArn!, new RegExp(`^${appInstanceArn}/channel-flow/[0-9a-f-]{36}$`));

            const { ChannelFlow } = await describeFlow(ChannelFlowArn!);
            assert.equal(ChannelFlow?.ChannelFlowArn, ChannelFlowArn);
            assert.equal(ChannelFlow?.Name, "moderation");
            assert.deepEqual(ChannelFlow?.Processors, [processor("filter")]);
            assert.ok(ChannelFlow?.CreatedTimestamp instanceof Date);
            assert.equal(ChannelFlow?.LastUpdatedTimestamp?.getTime(), ChannelFlow?.CreatedTimestamp?.getTime());

            const { Tags } = await fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: ChannelFlowArn }));
            assert.deepEqual(Tags, [{ Key: "team", Value: "chat" }]);
        });

        it("refuses more than one processor per flow with ResourceLimitExceeded and creates nothing", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const error = await errorOf(() =>
                fx.messaging.send(
                    new CreateChannelFlowCommand({
                        AppInstanceArn: appInstanceArn,
                        Name: "two",
                        Processors: [processor("a"), { ...processor("b"), ExecutionOrder: 2 }],
                    }),
                ),
            );
            assert.equal(error.name, "ResourceLimitExceededException");
            assert.equal(error.$metadata?.httpStatusCode, 400);
            assert.match(error.message, /at most 1 processor/);
            assert.deepEqual(await listFlows(appInstanceArn), []);
        });

        it("validates the processor's Lambda ARN and names the field", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const error = await errorOf(() =>
                fx.messaging.send(
                    new CreateChannelFlowCommand({
                        AppInstanceArn: appInstanceArn,
                        Name: "bad",
                        Processors: [processor("filter", "arn:aws:s3:::bucket")],
                    }),
                ),
            );
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /processors\[0\]\.configuration\.lambda\.resourceArn/);
            assert.deepEqual(await listFlows(appInstanceArn), []);
        });

        it("needs an existing app instance", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const missing = appInstanceArn.replace(/[0-9a-f-]{36}$/, "00000000-0000-0000-0000-000000000000");
            const error = await errorOf(() =>
                fx.messaging.send(
                    new CreateChannelFlowCommand({ AppInstanceArn: missing, Name: "x", Processors: [processor()] }),
                ),
            );
            assert.equal(error.name, "NotFoundException");
            assert.match(error.message, new RegExp(missing));
        });

        it("allows 100 flows per app instance", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            for (let i = 0; i < 100; i++) await createFlow(fx, appInstanceArn, `flow-${i}`);
            const error = await errorOf(() => createFlow(fx, appInstanceArn, "one-too-many"));
            assert.equal(error.name, "ResourceLimitExceededException");
            const { ChannelFlows } = await fx.messaging.send(
                new ListChannelFlowsCommand({ AppInstanceArn: appInstanceArn, MaxResults: 50 }),
            );
            assert.equal(ChannelFlows?.length, 50);
        });

        it("answers a repeated ClientRequestToken with the first flow, and a changed request with Conflict", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const input = {
                AppInstanceArn: appInstanceArn,
                Name: "once",
                Processors: [processor()],
                ClientRequestToken: "flow-token-1",
            };
            const first = await fx.messaging.send(new CreateChannelFlowCommand(input));
            const again = await fx.messaging.send(new CreateChannelFlowCommand(input));
            assert.equal(again.ChannelFlowArn, first.ChannelFlowArn);
            const changed = await errorOf(() =>
                fx.messaging.send(new CreateChannelFlowCommand({ ...input, Name: "twice" })),
            );
            assert.equal(changed.name, "ConflictException");
            assert.deepEqual(
                (await listFlows(appInstanceArn)).map((f) => f.Name),
                ["once"],
            );
        });

        it("answers NotFound for a flow that does not exist", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const error = await errorOf(() => describeFlow(`${appInstanceArn}/channel-flow/nope`));
            assert.equal(error.name, "NotFoundException");
            assert.equal(error.$metadata?.httpStatusCode, 404);
        });
    });

    describe("UpdateChannelFlow", () => {
        it("replaces the name and processors and moves LastUpdatedTimestamp", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const arn = await createFlow(fx, appInstanceArn, "before");
            await sleep(5);
            const updatedProcessor = {
                ...processor("after", "arn:aws:lambda:us-east-1:123456789012:function:other:$LATEST"),
                FallbackAction: "ABORT" as const,
            };
            const { ChannelFlowArn } = await fx.messaging.send(
                new UpdateChannelFlowCommand({ ChannelFlowArn: arn, Name: "after", Processors: [updatedProcessor] }),
            );
            assert.equal(ChannelFlowArn, arn);
            const { ChannelFlow } = await describeFlow(arn);
            assert.equal(ChannelFlow?.Name, "after");
            assert.deepEqual(ChannelFlow?.Processors, [updatedProcessor]);
            assert.ok(ChannelFlow!.LastUpdatedTimestamp!.getTime() > ChannelFlow!.CreatedTimestamp!.getTime());
        });

        it("requires both Name and Processors and keeps the flow as it was on bad input", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const arn = await createFlow(fx, appInstanceArn, "kept");
            const missingName = await errorOf(() =>
                fx.messaging.send(
                    new UpdateChannelFlowCommand({ ChannelFlowArn: arn, Processors: [processor()] } as never),
                ),
            );
            assert.equal(missingName.name, "BadRequestException");
            assert.match(missingName.message, /name is required/);
            const tooMany = await errorOf(() =>
                fx.messaging.send(
                    new UpdateChannelFlowCommand({
                        ChannelFlowArn: arn,
                        Name: "changed",
                        Processors: [processor("a"), { ...processor("b"), ExecutionOrder: 2 }],
                    }),
                ),
            );
            assert.equal(tooMany.name, "ResourceLimitExceededException");
            const { ChannelFlow } = await describeFlow(arn);
            assert.equal(ChannelFlow?.Name, "kept");
            assert.equal(ChannelFlow?.Processors?.length, 1);
        });

        it("answers NotFound for a missing flow", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const error = await errorOf(() =>
                fx.messaging.send(
                    new UpdateChannelFlowCommand({
                        ChannelFlowArn: `${appInstanceArn}/channel-flow/gone`,
                        Name: "x",
                        Processors: [processor()],
                    }),
                ),
            );
            assert.equal(error.name, "NotFoundException");
        });
    });

    describe("ListChannelFlows", () => {
        it("pages through the flows of one app instance with NextToken", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const other = await createWorld(fx, { users: [] });
            const created = [];
            for (const name of ["a", "b", "c"]) created.push(await createFlow(fx, appInstanceArn, name));
            await createFlow(fx, other.appInstanceArn, "elsewhere");

            const first = await fx.messaging.send(
                new ListChannelFlowsCommand({ AppInstanceArn: appInstanceArn, MaxResults: 2 }),
            );
            assert.equal(first.ChannelFlows?.length, 2);
            assert.ok(first.NextToken);
            const second = await fx.messaging.send(
                new ListChannelFlowsCommand({
                    AppInstanceArn: appInstanceArn,
                    MaxResults: 2,
                    NextToken: first.NextToken,
                }),
            );
            assert.equal(second.NextToken, undefined);
            const all = [...first.ChannelFlows!, ...second.ChannelFlows!];
            assert.deepEqual(
                all.map((f) => f.ChannelFlowArn),
                created,
            );
            assert.deepEqual(
                all.map((f) => f.Name),
                ["a", "b", "c"],
            );
            assert.deepEqual(all[0].Processors, [processor()]);

            const foreign = await errorOf(() =>
                fx.messaging.send(
                    new ListChannelFlowsCommand({ AppInstanceArn: other.appInstanceArn, NextToken: first.NextToken }),
                ),
            );
            assert.equal(foreign.name, "BadRequestException");
        });

        it("answers NotFound for an app instance that does not exist", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const missing = appInstanceArn.replace(/[0-9a-f-]{36}$/, "00000000-0000-0000-0000-000000000000");
            const error = await errorOf(() => listFlows(missing));
            assert.equal(error.name, "NotFoundException");
        });

        it("rejects MaxResults outside 1-50, naming the field", async () => {
            const { appInstanceArn } = await createWorld(fx, { users: [] });
            const error = await errorOf(() =>
                fx.messaging.send(new ListChannelFlowsCommand({ AppInstanceArn: appInstanceArn, MaxResults: 51 })),
            );
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /maxResults/);
        });
    });

    describe("association", () => {
        const associate = (channelArn: string, flowArn: string, bearer: string) =>
            fx.messaging.send(
                new AssociateChannelFlowCommand({
                    ChannelArn: channelArn,
                    ChannelFlowArn: flowArn,
                    ChimeBearer: bearer,
                }),
            );
        const disassociate = (channelArn: string, flowArn: string, bearer: string) =>
            fx.messaging.send(
                new DisassociateChannelFlowCommand({
                    ChannelArn: channelArn,
                    ChannelFlowArn: flowArn,
                    ChimeBearer: bearer,
                }),
            );
        const flowOf = async (channelArn: string, bearer: string) =>
            (await fx.messaging.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer })))
                .Channel?.ChannelFlowArn;

        it("lets an admin associate a flow, shows it on the channel and in the flow's channel list", async () => {
            const world = await createChannelWorld(fx, { privacy: "PRIVATE" });
            const flowArn = await createFlow(fx, world.appInstanceArn);
            await associate(world.channelArn, flowArn, world.users.admin);
            assert.equal(await flowOf(world.channelArn, world.users.admin), flowArn);

            const { Channels, NextToken } = await fx.messaging.send(
                new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: flowArn }),
            );
            assert.equal(NextToken, undefined);
            assert.deepEqual(Channels, [
                { Name: "general", ChannelArn: world.channelArn, Mode: "UNRESTRICTED", Privacy: "PRIVATE" },
            ]);
        });

        it("lets a moderator associate and disassociate, but not a member or an outsider", async () => {
            const world = await createChannelWorld(fx);
            const flowArn = await createFlow(fx, world.appInstanceArn);
            for (const who of ["alice", "carol"] as const) {
                const error = await errorOf(() => associate(world.channelArn, flowArn, world.users[who]));
                assert.equal(error.name, "ForbiddenException");
                assert.equal(error.$metadata?.httpStatusCode, 403);
                assert.match(error.message, new RegExp(`${world.users[who]}.*AssociateChannelFlow`));
            }
            assert.equal(await flowOf(world.channelArn, world.users.mod), undefined);

            await associate(world.channelArn, flowArn, world.users.mod);
            assert.equal(await flowOf(world.channelArn, world.users.mod), flowArn);

            const memberError = await errorOf(() => disassociate(world.channelArn, flowArn, world.users.alice));
            assert.equal(memberError.name, "ForbiddenException");
            assert.match(memberError.message, /DisassociateChannelFlow/);
            assert.equal(await flowOf(world.channelArn, world.users.mod), flowArn);

            await disassociate(world.channelArn, flowArn, world.users.mod);
            assert.equal(await flowOf(world.channelArn, world.users.mod), undefined);
        });

        it("holds one flow per channel: another flow conflicts, the same flow again is accepted", async () => {
            const world = await createChannelWorld(fx);
            const first = await createFlow(fx, world.appInstanceArn, "first");
            const second = await createFlow(fx, world.appInstanceArn, "second");
            await associate(world.channelArn, first, world.users.owner);

            const error = await errorOf(() => associate(world.channelArn, second, world.users.owner));
            assert.equal(error.name, "ConflictException");
            assert.equal(error.$metadata?.httpStatusCode, 409);
            assert.match(error.message, new RegExp(first));
            assert.equal(await flowOf(world.channelArn, world.users.owner), first);

            await associate(world.channelArn, first, world.users.owner);
            assert.equal(await flowOf(world.channelArn, world.users.owner), first);
        });

        it("refuses to associate a flow that does not exist or belongs to another app instance", async () => {
            const world = await createChannelWorld(fx);
            const other = await createWorld(fx, { users: [] });
            const foreignFlow = await createFlow(fx, other.appInstanceArn);
            const missing = await errorOf(() =>
                associate(world.channelArn, `${world.appInstanceArn}/channel-flow/none`, world.users.admin),
            );
            assert.equal(missing.name, "NotFoundException");
            const foreign = await errorOf(() => associate(world.channelArn, foreignFlow, world.users.admin));
            assert.equal(foreign.name, "BadRequestException");
            assert.equal(await flowOf(world.channelArn, world.users.admin), undefined);
        });

        it("answers NotFound when disassociating a flow the channel does not have", async () => {
            const world = await createChannelWorld(fx);
            const associated = await createFlow(fx, world.appInstanceArn, "on");
            const other = await createFlow(fx, world.appInstanceArn, "off");
            await associate(world.channelArn, associated, world.users.admin);
            const error = await errorOf(() => disassociate(world.channelArn, other, world.users.admin));
            assert.equal(error.name, "NotFoundException");
            assert.equal(await flowOf(world.channelArn, world.users.admin), associated);
        });

        it("refuses to delete a flow while a channel uses it, naming the channel; deletes it once disassociated", async () => {
            const world = await createChannelWorld(fx);
            const flowArn = await createFlow(fx, world.appInstanceArn);
            await associate(world.channelArn, flowArn, world.users.admin);

            const error = await errorOf(() =>
                fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: flowArn })),
            );
            assert.equal(error.name, "ConflictException");
            assert.equal(error.$metadata?.httpStatusCode, 409);
            assert.ok(error.message.includes(world.channelArn), error.message);
            assert.equal((await describeFlow(flowArn)).ChannelFlow?.ChannelFlowArn, flowArn);

            await disassociate(world.channelArn, flowArn, world.users.admin);
            await fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: flowArn }));
            const gone = await errorOf(() => describeFlow(flowArn));
            assert.equal(gone.name, "NotFoundException");
            assert.deepEqual(await listFlows(world.appInstanceArn), []);
        });

        it("lists every channel of a flow, page by page", async () => {
            const world = await createChannelWorld(fx);
            const flowArn = await createFlow(fx, world.appInstanceArn);
            const channels = [world.channelArn];
            for (const name of ["two", "three"]) channels.push(await createChannel(fx, world, { name }));
            await createChannel(fx, world, { name: "without-flow" });
            for (const channelArn of channels) await associate(channelArn, flowArn, world.users.owner);

            const first = await fx.messaging.send(
                new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: flowArn, MaxResults: 2 }),
            );
            assert.equal(first.Channels?.length, 2);
            const second = await fx.messaging.send(
                new ListChannelsAssociatedWithChannelFlowCommand({
                    ChannelFlowArn: flowArn,
                    MaxResults: 2,
                    NextToken: first.NextToken,
                }),
            );
            assert.equal(second.NextToken, undefined);
            assert.deepEqual(
                [...first.Channels!, ...second.Channels!].map((c) => c.ChannelArn),
                channels,
            );
        });
    });
});
