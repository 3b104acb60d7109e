import { describe, it, before, after } from "mocha";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    AssociateChannelFlowCommand,
    CreateChannelCommand,
    DeleteChannelFlowCommand,
    DescribeChannelFlowCommand,
    DisassociateChannelFlowCommand,
    ListTagsForResourceCommand,
    UpdateChannelFlowCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { UNKNOWN } from "../../provider/unknowns";

type Props = Record<string, any>;

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate";

function processor(overrides: Props = {}, lambda: Props = { resourceArn: LAMBDA }): Props {
    return { name: "moderate", configuration: { lambda }, executionOrder: 1, fallbackAction: "CONTINUE", ...overrides };
}

let pf: ProviderFixture;
let flow: pulumi.dynamic.ResourceProvider;
let baseInputs: Props;

async function checked(news: Props): Promise<Props> {
    const result = await flow.check!({}, news);
    assert.deepEqual(result.failures ?? [], [], "check failed");
    return result.inputs!;
}

async function created(news: Props = baseInputs): Promise<{ id: string; outs: Props }> {
    const { id, outs } = await flow.create(await checked(news));
    return { id, outs: outs as Props };
}

async function applied(state: { id: string; outs: Props }, news: Props) {
    const inputs = await checked(news);
    const diff = await flow.diff!(state.id, state.outs, inputs);
    const { result, calls } = await pf.counting(() => flow.update!(state.id, state.outs, inputs));
    return { diff, outs: result.outs as Props, calls };
}

async function live(arn: string) {
    return (await pf.fx.messaging.send(new DescribeChannelFlowCommand({ ChannelFlowArn: arn }))).ChannelFlow!;
}

async function newChannel(name: string): Promise<string> {
    const { ChannelArn } = await pf.fx.messaging.send(
        new CreateChannelCommand({ AppInstanceArn: pf.world.appInstanceArn, Name: name, ChimeBearer: pf.admin }),
    );
    return ChannelArn!;
}

describe("ChannelFlow provider against the emulator", () => {
    before(async () => {
        pf = await startProviderFixture();
        flow = pf.provider("ChannelFlow");
        baseInputs = { appInstanceArn: pf.world.appInstanceArn, name: "Moderation", processors: [processor()] };
    });
    after(() => pf.close());

    describe("ChannelFlow check", () => {
        it("fills each processor's invocation type (ASYNC, the only one)", async () => {
            const inputs = await checked(baseInputs);
            assert.equal(inputs.processors[0].configuration.lambda.invocationType, "ASYNC");
        });

        it("also when the Lambda ARN is unknown during a preview", async () => {
            const inputs = await checked({ ...baseInputs, processors: [processor({}, { resourceArn: UNKNOWN })] });
            assert.deepEqual(inputs.processors[0].configuration.lambda, {
                resourceArn: UNKNOWN,
                invocationType: "ASYNC",
            });
        });

        it("rejects a processor that is not a Lambda function ARN, naming the property and the rule", async () => {
            const result = await flow.check!(
                {},
                {
                    ...baseInputs,
                    processors: [processor({}, { resourceArn: "arn:aws:sqs:us-east-1:123456789012:queue" })],
                },
            );
            assert.equal(result.failures!.length, 1);
            assert.equal(result.failures![0].property, "processors");
            assert.match(result.failures![0].reason, /ResourceArn|resourceArn/);
            assert.match(result.failures![0].reason, /pattern/);
        });

        it("rejects bad processor fields and a missing name", async () => {
            const result = await flow.check!(
                {},
                {
                    appInstanceArn: pf.world.appInstanceArn,
                    processors: [processor({ executionOrder: 4, fallbackAction: "RETRY" })],
                },
            );
            const reasons = result.failures!.map((f) => `${f.property}: ${f.reason}`).join("\n");
            assert.match(reasons, /^name: name is required/m);
            assert.match(reasons, /ExecutionOrder|executionOrder/);
            assert.match(reasons, /RETRY/);
        });

        for (const [where, arn] of [
            ["another region", "arn:aws:lambda:eu-west-1:123456789012:function:moderate"],
            ["another account", "arn:aws:lambda:us-east-1:210987654321:function:moderate"],
        ]) {
            it(`rejects a processor Lambda in ${where} than the app instance`, async () => {
                const { result, calls } = await pf.counting(() =>
                    flow.check!({}, { ...baseInputs, processors: [processor({}, { resourceArn: arn })] }),
                );
                assert.deepEqual(calls, {});
                assert.equal(result.failures!.length, 1);
                assert.equal(result.failures![0].property, "processors");
                assert.match(result.failures![0].reason, /us-east-1/);
                assert.match(result.failures![0].reason, /123456789012/);
                assert.ok(result.failures![0].reason.includes(arn));
            });
        }
    });

    describe("ChannelFlow lifecycle", () => {
        it("create makes the flow with its processors and tags", async () => {
            const { result, calls } = await pf.counting(() => created({ ...baseInputs, tags: { team: "trust" } }));
            assert.equal(calls.CreateChannelFlow, 1);
            const flowNow = await live(result.id);
            assert.equal(result.outs.arn, result.id);
            const [, appInstanceId, channelFlowId] = /app-instance\/([^/]+)\/channel-flow\/([^/]+)$/.exec(result.id)!;
            assert.deepEqual(
                [result.outs.appInstanceId, result.outs.channelFlowId],
                [appInstanceId, channelFlowId],
                "the read-only identifiers CloudFormation gives a ChannelFlow",
            );
            assert.equal(flowNow.Name, "Moderation");
            assert.deepEqual(flowNow.Processors, [
                {
                    Name: "moderate",
                    Configuration: { Lambda: { ResourceArn: LAMBDA, InvocationType: "ASYNC" } },
                    ExecutionOrder: 1,
                    FallbackAction: "CONTINUE",
                },
            ]);
            assert.equal(result.outs.createdTimestamp, flowNow.CreatedTimestamp!.toISOString());
            const { Tags } = await pf.fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: result.id }));
            assert.deepEqual(Tags, [{ Key: "team", Value: "trust" }]);
        });

        it("a second diff reports no change, and a refresh without drift keeps it so", async () => {
            const state = await created({ ...baseInputs, tags: { a: "1" } });
            const inputs = await checked({ ...baseInputs, tags: { a: "1" } });
            assert.equal((await flow.diff!(state.id, state.outs, inputs)).changes, false);
            const { calls } = await pf.counting(() => flow.update!(state.id, state.outs, inputs));
            assert.deepEqual(mutatingCalls(calls), {});
            const refreshed = await flow.read!(state.id, state.outs);
            assert.equal((await flow.diff!(state.id, refreshed.props!, inputs)).changes, false);
        });

        it("a new name is one UpdateChannelFlow, which carries the processors too", async () => {
            const state = await created();
            const { diff, calls, outs } = await applied(state, { ...baseInputs, name: "Renamed" });
            assert.deepEqual(diff.replaces, []);
            assert.deepEqual(mutatingCalls(calls), { UpdateChannelFlow: 1 });
            const flowNow = await live(state.id);
            assert.equal(flowNow.Name, "Renamed");
            assert.equal(flowNow.Processors!.length, 1);
            assert.equal(outs.lastUpdatedTimestamp, flowNow.LastUpdatedTimestamp!.toISOString());
        });

        it("new processors are updated in place", async () => {
            const state = await created();
            const other = "arn:aws:lambda:us-east-1:123456789012:function:other";
            const { diff, calls } = await applied(state, {
                ...baseInputs,
                processors: [processor({ fallbackAction: "ABORT" }, { resourceArn: other })],
            });
            assert.deepEqual(diff.replaces, []);
            assert.deepEqual(mutatingCalls(calls), { UpdateChannelFlow: 1 });
            const [p] = (await live(state.id)).Processors!;
            assert.equal(p.Configuration!.Lambda!.ResourceArn, other);
            assert.equal(p.FallbackAction, "ABORT");
            assert.equal((await live(state.id)).Name, "Moderation");
        });

        it("tags: each added, changed or removed key is one precise call", async () => {
            const state = await created({ ...baseInputs, tags: { a: "1", b: "2" } });
            const changed = await applied(state, { ...baseInputs, tags: { a: "1", b: "3" } });
            assert.deepEqual(mutatingCalls(changed.calls), { TagResource: 1 });
            const removed = await applied({ id: state.id, outs: changed.outs }, { ...baseInputs, tags: { b: "3" } });
            assert.deepEqual(mutatingCalls(removed.calls), { UntagResource: 1 });
            const { Tags } = await pf.fx.messaging.send(new ListTagsForResourceCommand({ ResourceARN: state.id }));
            assert.deepEqual(Tags, [{ Key: "b", Value: "3" }]);
        });

        it("a new app instance is a replacement", async () => {
            const state = await created();
            const diff = await flow.diff!(
                state.id,
                state.outs,
                await checked({
                    ...baseInputs,
                    appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/other",
                }),
            );
            assert.deepEqual(diff.replaces, ["appInstanceArn"]);
            assert.equal(diff.deleteBeforeReplace, false);
        });

        it("refresh shows drift made out of band, and a flow deleted out of band is gone", async () => {
            const state = await created();
            await pf.fx.messaging.send(
                new UpdateChannelFlowCommand({
                    ChannelFlowArn: state.id,
                    Name: "Edited in the console",
                    Processors: [
                        {
                            Name: "moderate",
                            Configuration: { Lambda: { ResourceArn: LAMBDA, InvocationType: "ASYNC" } },
                            ExecutionOrder: 1,
                            FallbackAction: "ABORT",
                        },
                    ],
                }),
            );
            const refreshed = await flow.read!(state.id, state.outs);
            assert.equal(refreshed.props!.name, "Edited in the console");
            assert.equal(refreshed.props!.processors[0].fallbackAction, "ABORT");
            const diff = await flow.diff!(state.id, refreshed.props!, await checked(baseInputs));
            assert.equal(diff.changes, true);
            assert.deepEqual(diff.replaces, []);

            await pf.fx.messaging.send(new DeleteChannelFlowCommand({ ChannelFlowArn: state.id }));
            assert.ok(!(await flow.read!(state.id, state.outs)).id);
        });

        it("deleting a flow that channels still use fails with a message that names them", async () => {
            const state = await created();
            const channelArn = await newChannel("Support desk");
            await pf.fx.messaging.send(
                new AssociateChannelFlowCommand({
                    ChannelArn: channelArn,
                    ChannelFlowArn: state.id,
                    ChimeBearer: pf.admin,
                }),
            );
            const error = await errorOf(() => flow.delete!(state.id, state.outs));
            assert.match(
                error.message,
                new RegExp(
                    `^ChannelFlow ${state.id.replace(/[./]/g, "\\$&")}: DeleteChannelFlow failed: ConflictException: `,
                ),
            );
            assert.ok(error.message.includes('"Support desk"'), error.message);
            assert.ok(error.message.includes(channelArn), error.message);
            assert.ok((await live(state.id)).ChannelFlowArn, "the flow was deleted");

            await pf.fx.messaging.send(
                new DisassociateChannelFlowCommand({
                    ChannelArn: channelArn,
                    ChannelFlowArn: state.id,
                    ChimeBearer: pf.admin,
                }),
            );
            const { calls } = await pf.counting(() => flow.delete!(state.id, state.outs));
            assert.deepEqual(calls, { DeleteChannelFlow: 1 });
            assert.equal((await errorOf(() => live(state.id))).name, "NotFoundException");
            await flow.delete!(state.id, state.outs); // already gone
        });
    });
});
