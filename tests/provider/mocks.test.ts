import { describe, it } from "mocha";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import { Channel, ChannelFlow, ChannelFlowAssociation } from "../../sdk/nodejs";
import {
    assertSerializes,
    MAX_PROVIDER_BYTES,
    outputValue,
    runUnderMocks,
    serializedProviderOf,
} from "../helpers/mocks";

const APP_INSTANCE = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
const ADMIN = `${APP_INSTANCE}/user/admin`;
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:moderate";

/** A channel with a moderation flow: what a user writes. */
function program() {
    const channel = new Channel("support", {
        appInstanceArn: APP_INSTANCE,
        name: "Support",
        mode: "RESTRICTED",
        tags: { team: "care" },
        expirationSettings: { expirationDays: 30, expirationCriterion: "LAST_MESSAGE_TIMESTAMP" },
        chimeBearer: ADMIN,
    });
    const flow = new ChannelFlow("moderation", {
        appInstanceArn: APP_INSTANCE,
        name: "Moderation",
        processors: [
            {
                name: "moderate",
                configuration: { lambda: { resourceArn: LAMBDA } },
                executionOrder: 1,
                fallbackAction: "ABORT",
            },
        ],
    });
    const association = new ChannelFlowAssociation("support-moderation", {
        channelArn: channel.arn,
        channelFlowArn: flow.arn,
        chimeBearer: ADMIN,
    });
    return { channel, flow, association };
}

class Broken extends pulumi.dynamic.Resource {
    constructor(provider: pulumi.dynamic.ResourceProvider) {
        super(provider, "broken", {}, undefined, "chime", "Broken");
    }
}

describe("SDK classes under Pulumi mocks", () => {
    it("register their type tokens and the program's inputs, output-only properties included as absent", async () => {
        const run = await runUnderMocks(program);
        assert.deepEqual(run.resources.map((r) => r.type).sort(), [
            "pulumi-nodejs:dynamic/chime:Channel",
            "pulumi-nodejs:dynamic/chime:ChannelFlow",
            "pulumi-nodejs:dynamic/chime:ChannelFlowAssociation",
        ]);
        const channel = run.byName("support").inputs;
        assert.equal(channel.name, "Support");
        assert.equal(channel.mode, "RESTRICTED");
        assert.deepEqual(channel.tags, { team: "care" });
        assert.deepEqual(channel.expirationSettings, {
            expirationDays: 30,
            expirationCriterion: "LAST_MESSAGE_TIMESTAMP",
        });
        assert.ok(!("arn" in channel), "an output-only property reached the inputs with a value");
        assert.deepEqual(run.byName("moderation").inputs.processors, [
            {
                name: "moderate",
                configuration: { lambda: { resourceArn: LAMBDA } },
                executionOrder: 1,
                fallbackAction: "ABORT",
            },
        ]);
        // Outside a preview, the association receives the channel's and the flow's ARNs.
        const association = run.byName("support-moderation").inputs;
        assert.equal(association.channelArn, (await outputValue(run.result.channel.arn)).value);
        assert.equal(association.channelFlowArn, (await outputValue(run.result.flow.arn)).value);
        assert.match(association.channelArn as string, /^arn:aws:chime:/);
    });

    it("registering leaves Error.stackTraceLimit as it was, and a registration error keeps the program's stack", async () => {
        const limit = Error.stackTraceLimit;
        await runUnderMocks(() => {
            program();
            assert.equal(Error.stackTraceLimit, limit, "the limit is restored after each registration");
            const thrown = (() => {
                try {
                    new Channel("", { appInstanceArn: APP_INSTANCE, name: "x", chimeBearer: ADMIN });
                } catch (error) {
                    return error as Error;
                }
                throw new Error("expected the registration to throw");
            })();
            assert.match(thrown.message, /name/i);
            assert.match(thrown.stack ?? "", /mocks\.test\.ts/, "the stack leads to the program's line");
            assert.equal(Error.stackTraceLimit, limit, "and restored after an error too");
        });
    });

    it("in a preview, ARNs of resources not created yet are unknown", async () => {
        const run = await runUnderMocks(program, { preview: true });
        assert.equal((await outputValue(run.result.channel.arn)).known, false);
        const association = run.byName("support-moderation").inputs;
        assert.ok(isUnknown(association.channelArn), `channelArn: ${String(association.channelArn)}`);
        assert.ok(isUnknown(association.channelFlowArn));
        assert.equal(association.chimeBearer, ADMIN);
        // Inputs the program knows stay known.
        assert.equal((await outputValue(run.result.channel.name)).value, "Support");
    });

    it("each resource carries a serialized __provider that loads and stays small", async () => {
        const run = await runUnderMocks(program);
        for (const resource of run.resources) {
            const { bytes, text } = await assertSerializes(resource);
            assert.ok(bytes <= MAX_PROVIDER_BYTES, `${resource.name}: ${bytes} bytes`);
            const typeName = resource.type.split(":").pop()!;
            assert.ok(text.includes(`"${typeName}"`), `${resource.name}'s provider does not name its type`);
            // The gRPC host harness sends the same text the SDK class registers.
            assert.equal(await serializedProviderOf(typeName), text);
        }
    });

    it("the serialization guard catches a provider that cannot be serialized (which mocks alone hide)", async () => {
        const nativeCode = Math.max.bind(null);
        const broken: pulumi.dynamic.ResourceProvider = {
            async create() {
                return { id: String(nativeCode(1, 2)), outs: {} };
            },
        };
        await assert.rejects(assertSerializes(broken), /does not serialize/);
        await assert.rejects(
            runUnderMocks(() => new Broken(broken)),
            /error serializing|Error serializing/i,
        );
    });
});
