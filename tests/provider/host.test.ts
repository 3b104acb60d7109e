import { after, before, describe, it } from "mocha";
import assert from "node:assert/strict";
import {
    CreateChannelCommand,
    DescribeChannelCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { HostedResource, Props, ProviderHost, startHostAgainst, UNKNOWN } from "../helpers/provider-host";

/**
 * The lifecycle driven through the Pulumi SDK's own dynamic-provider host over gRPC, request for request as the
 * engine sends them, with the `__provider` text the SDK classes serialize.
 */
let pf: ProviderFixture;
let host: ProviderHost;

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate";

describe("dynamic-provider host against the emulator", () => {
    before(async () => {
        pf = await startProviderFixture();
        const started = await startHostAgainst(pf.fx.url);
        host = started.host;
        assert.equal(started.configured.acceptSecrets, false);
    });
    after(async () => {
        await host?.stop();
        await pf?.close();
    });

    async function checkedBy(resource: HostedResource, news: Props): Promise<Props> {
        const { inputs, failures } = await resource.check({}, news);
        assert.deepEqual(failures, []);
        return inputs;
    }

    async function createdBy(
        resource: HostedResource,
        news: Props,
    ): Promise<{ id: string; properties: Props; inputs: Props }> {
        const inputs = await checkedBy(resource, news);
        return { ...(await resource.create(inputs)), inputs };
    }

    function flowInputs(name: string): Props {
        return {
            appInstanceArn: pf.world.appInstanceArn,
            name,
            processors: [
                {
                    name: "p",
                    configuration: { lambda: { resourceArn: LAMBDA } },
                    executionOrder: 1,
                    fallbackAction: "CONTINUE",
                },
            ],
        };
    }

    describe("through the dynamic-provider host", () => {
        it("Channel: preview, create, no-op diff, update, drift on refresh, delete, gone", async () => {
            const channel = host.resource("Channel", "general");
            const program = {
                appInstanceArn: pf.world.appInstanceArn,
                name: "General",
                chimeBearer: pf.admin,
                tags: { env: "test" },
            };

            // Preview of a new channel whose app instance is created in the same program.
            const preview = await channel.check({}, { ...program, appInstanceArn: UNKNOWN });
            assert.deepEqual(preview.failures, []);
            assert.equal(preview.inputs.appInstanceArn, UNKNOWN);
            assert.equal(preview.inputs.mode, "UNRESTRICTED");
            assert.equal(typeof preview.inputs.__provider, "string");

            const { id, properties, inputs } = await createdBy(channel, program);
            assert.match(id, /\/channel\//);
            assert.equal(properties.arn, id);
            assert.equal(typeof properties.__provider, "string");
            assert.ok(!Number.isNaN(Date.parse(properties.createdTimestamp as string)));

            const unchanged = await pf.counting(async () =>
                channel.diff(id, properties, await checkedBy(channel, program)),
            );
            assert.deepEqual(unchanged.result, { changes: "NONE", replaces: [], deleteBeforeReplace: false });
            assert.deepEqual(mutatingCalls(unchanged.calls), {});

            // A preview where the new name is not known yet: a change, not a replacement.
            const previewDiff = await channel.diff(
                id,
                properties,
                (await channel.check(inputs, { ...program, name: UNKNOWN })).inputs,
            );
            assert.deepEqual(previewDiff, { changes: "SOME", replaces: [], deleteBeforeReplace: false });

            const renamed = await checkedBy(channel, { ...program, name: "Renamed", tags: { env: "prod" } });
            assert.equal((await channel.diff(id, properties, renamed)).changes, "SOME");
            const updated = await pf.counting(() => channel.update(id, properties, renamed));
            assert.deepEqual(mutatingCalls(updated.calls), { UpdateChannel: 1, TagResource: 1 });
            const after = updated.result.properties;
            assert.equal(after.name, "Renamed");
            assert.equal(after.arn, id);
            assert.equal(after.createdTimestamp, properties.createdTimestamp);

            await pf.fx.messaging.send(
                new UpdateChannelCommand({ ChannelArn: id, Name: "Out of band", ChimeBearer: pf.admin }),
            );
            const refreshed = await channel.read(id, after);
            assert.equal(refreshed.id, id);
            assert.equal(refreshed.properties.name, "Out of band");
            assert.equal(refreshed.inputs?.name, "Out of band");
            assert.equal((await channel.diff(id, refreshed.properties, renamed)).changes, "SOME");

            await channel.delete(id, refreshed.properties);
            const gone = await errorOf(() =>
                pf.fx.messaging.send(new DescribeChannelCommand({ ChannelArn: id, ChimeBearer: pf.admin })),
            );
            assert.equal(gone.name, "NotFoundException");
            assert.equal((await channel.read(id, refreshed.properties)).id, "");
        });

        it("Channel: check failures reach the engine with property and reason", async () => {
            const channel = host.resource("Channel", "bad");
            const { failures } = await channel.check(
                {},
                { appInstanceArn: "nope", name: "x", privacy: "HIDDEN", chimeBearer: pf.admin },
            );
            const properties = new Set(failures.map((f) => f.property));
            assert.ok(properties.has("appInstanceArn") && properties.has("privacy"), JSON.stringify(failures));
            assert.ok(failures.some((f) => f.reason.includes("HIDDEN")));
        });

        it("Channel: a replacement property and a bearer change", async () => {
            const channel = host.resource("Channel", "private");
            const program = { appInstanceArn: pf.world.appInstanceArn, name: "Private", chimeBearer: pf.admin };
            const { id, properties } = await createdBy(channel, program);
            const toPrivate = await channel.diff(
                id,
                properties,
                await checkedBy(channel, { ...program, privacy: "PRIVATE" }),
            );
            assert.deepEqual(toPrivate, { changes: "SOME", replaces: ["privacy"], deleteBeforeReplace: false });

            const newBearer = await checkedBy(channel, { ...program, chimeBearer: pf.world.users.bob });
            assert.deepEqual(await channel.diff(id, properties, newBearer), {
                changes: "SOME",
                replaces: [],
                deleteBeforeReplace: false,
            });
            const { result, calls } = await pf.counting(() => channel.update(id, properties, newBearer));
            assert.deepEqual(calls, {});
            assert.equal(result.properties.chimeBearer, pf.world.users.bob);
        });

        it("Channel: an API failure reaches the engine saying which resource, which call and what the service said", async () => {
            const channel = host.resource("Channel", "missing");
            const missing = "arn:aws:chime:us-east-1:123456789012:app-instance/missing";
            const program = { appInstanceArn: missing, name: "Taken", chimeBearer: `${missing}/user/nobody` };
            const error = await errorOf(() => createdBy(channel, program));
            assert.match(error.message, /^Channel "Taken": CreateChannel failed: \w+Exception: .+/);
        });

        it("ChannelFlow and ChannelFlowAssociation: swap a channel's flow, then delete a flow still in use", async () => {
            const flowA = host.resource("ChannelFlow", "flow-a");
            const flowB = host.resource("ChannelFlow", "flow-b");
            const a = await createdBy(flowA, flowInputs("A"));
            const b = await createdBy(flowB, flowInputs("B"));
            assert.equal((a.properties.processors as any)[0].configuration.lambda.invocationType, "ASYNC");
            assert.deepEqual(await flowA.diff(a.id, a.properties, await checkedBy(flowA, flowInputs("A"))), {
                changes: "NONE",
                replaces: [],
                deleteBeforeReplace: false,
            });

            const renamed = await checkedBy(flowA, flowInputs("A, renamed"));
            const update = await pf.counting(() => flowA.update(a.id, a.properties, renamed));
            assert.deepEqual(mutatingCalls(update.calls), { UpdateChannelFlow: 1 });
            assert.equal(update.result.properties.name, "A, renamed");
            a.properties = update.result.properties;

            const { ChannelArn } = await pf.fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: pf.world.appInstanceArn,
                    Name: "Help desk",
                    ChimeBearer: pf.admin,
                }),
            );
            const association = host.resource("ChannelFlowAssociation", "help-desk-flow");
            const first = await createdBy(association, {
                channelArn: ChannelArn,
                channelFlowArn: a.id,
                chimeBearer: pf.admin,
            });

            // Preview of the swap while flow B is still being created: a delete-before-replace.
            const previewSwap = await association.diff(
                first.id,
                first.properties,
                (await association.check(first.inputs, { ...first.inputs, channelFlowArn: UNKNOWN })).inputs,
            );
            assert.deepEqual(previewSwap, { changes: "SOME", replaces: ["channelFlowArn"], deleteBeforeReplace: true });

            const swapped = await checkedBy(association, {
                channelArn: ChannelArn,
                channelFlowArn: b.id,
                chimeBearer: pf.admin,
            });
            assert.deepEqual(await association.diff(first.id, first.properties, swapped), {
                changes: "SOME",
                replaces: ["channelFlowArn"],
                deleteBeforeReplace: true,
            });
            await association.delete(first.id, first.properties);
            const second = await association.create(swapped);
            assert.equal((await association.read(second.id, second.properties)).id, second.id);
            assert.equal((await association.read(first.id, first.properties)).id, "");

            const inUse = await errorOf(() => flowB.delete(b.id, b.properties));
            assert.match(inUse.message, /^ChannelFlow .+: DeleteChannelFlow failed: ConflictException: .*"Help desk"/);
            assert.ok(inUse.message.includes(ChannelArn!), inUse.message);

            await association.delete(second.id, second.properties);
            await flowB.delete(b.id, b.properties);
            await flowA.delete(a.id, a.properties);
            assert.equal((await flowB.read(b.id, b.properties)).id, "");
        });
    });
});
