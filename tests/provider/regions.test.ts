import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { ChimeSDKIdentityClient, ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import {
    ChimeSDKMessagingClient,
    DescribeChannelCommand,
    ListChannelMembershipsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { CreateFunctionCommand, GetPolicyCommand, LambdaClient } from "@aws-sdk/client-lambda";
import * as pulumi from "@pulumi/pulumi";
import { clientConfig, errorOf } from "../helpers/emulator";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checked, checkFailures, Created, created, diffWith, refreshed } from "./app-instance-steps";

/**
 * An app instance declared in eu-central-1 while the configured region is us-east-1: it is made there, and every
 * call on it and on what it holds (users, admins, channels, memberships) goes to the region in its ARN.
 */
describe("regions: every call goes to the region of the resource it acts on", () => {
    let pf: ProviderFixture;
    let eu: { identity: ChimeSDKIdentityClient; messaging: ChimeSDKMessagingClient };
    const provider = (type: string): pulumi.dynamic.ResourceProvider => pf.provider(type);
    let instance: Created;
    let admin: Created;
    let alice: Created;
    let promotion: Created;
    let channel: Created;
    let membership: Created;

    before(async () => {
        pf = await startProviderFixture();
        const config = { ...clientConfig(pf.fx.url), region: "eu-central-1" };
        eu = { identity: new ChimeSDKIdentityClient(config), messaging: new ChimeSDKMessagingClient(config) };
    });
    after(async () => {
        eu?.identity.destroy();
        eu?.messaging.destroy();
        await pf?.close();
    });

    it("makes an app instance and what it holds in the app instance's region, not the configured one", async () => {
        assert.equal(process.env.AWS_REGION, "us-east-1");
        instance = await created(provider("AppInstance"), { name: "eu-chat", region: "eu-central-1" });
        assert.match(instance.id, /^arn:aws:chime:eu-central-1:123456789012:app-instance\//);
        const appInstanceArn = instance.id;
        admin = await created(provider("AppInstanceUser"), {
            appInstanceArn,
            appInstanceUserId: "admin",
            name: "admin",
        });
        alice = await created(provider("AppInstanceUser"), {
            appInstanceArn,
            appInstanceUserId: "alice",
            name: "alice",
        });
        promotion = await created(provider("AppInstanceAdmin"), { appInstanceArn, appInstanceAdminArn: admin.id });
        channel = await created(provider("Channel"), { appInstanceArn, name: "general", chimeBearer: admin.id });
        membership = await created(provider("ChannelMembership"), {
            channelArn: channel.id,
            memberArn: alice.id,
            chimeBearer: admin.id,
        });
        for (const arn of [admin.id, alice.id, channel.id]) assert.match(arn, /^arn:aws:chime:eu-central-1:/);

        const members = await eu.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: channel.id, ChimeBearer: admin.id }),
        );
        const memberArns = (members.ChannelMemberships ?? []).map((m) => m.Member?.Arn);
        assert.ok(memberArns.includes(alice.id), "alice's membership is in eu-central-1");
        const inUs = await errorOf(() =>
            pf.fx.messaging.send(new DescribeChannelCommand({ ChannelArn: channel.id, ChimeBearer: admin.id })),
        );
        assert.equal(inUs.name, "NotFoundException", "us-east-1 does not hold the eu-central-1 channel");
    });

    it("adds a processor permission in the function's region, and a channel flow in the instance's", async () => {
        const lambda = new LambdaClient({ ...clientConfig(pf.fx.url), region: "eu-central-1" });
        try {
            const { FunctionArn: functionArn } = await lambda.send(
                new CreateFunctionCommand({
                    FunctionName: "eu-filter",
                    Runtime: "nodejs20.x",
                    Role: "arn:aws:iam::123456789012:role/processor",
                    Handler: "index.handler",
                    Code: { ZipFile: Buffer.from("exports.handler = async (event) => event;") },
                }),
            );
            assert.match(functionArn!, /^arn:aws:lambda:eu-central-1:/);
            // By ARN, the call goes to the function's region; by name, to the app instance's (its SourceArn).
            const byArn = await created(provider("ChannelFlowProcessorPermission"), {
                functionName: functionArn,
                appInstanceArn: instance.id,
            });
            const byName = await created(provider("ChannelFlowProcessorPermission"), {
                functionName: "eu-filter",
                appInstanceArn: instance.id,
                statementId: "by-name",
            });
            const policy = await lambda.send(new GetPolicyCommand({ FunctionName: "eu-filter" }));
            const sids = (JSON.parse(policy.Policy!).Statement as { Sid: string }[]).map((s) => s.Sid);
            assert.deepEqual(sids.sort(), [byArn.inputs.statementId, "by-name"].sort());

            for (const permission of [byArn, byName]) {
                const refresh = await refreshed(provider("ChannelFlowProcessorPermission"), permission);
                assert.equal(refresh.id, permission.id, `${permission.id} is read in eu-central-1`);
            }

            const flow = await created(provider("ChannelFlow"), {
                appInstanceArn: instance.id,
                name: "eu-flow",
                processors: [
                    {
                        name: "filter",
                        configuration: { lambda: { resourceArn: functionArn, invocationType: "ASYNC" } },
                        executionOrder: 1,
                        fallbackAction: "CONTINUE",
                    },
                ],
            });
            assert.match(flow.id, /^arn:aws:chime:eu-central-1:/);
            await provider("ChannelFlow").delete!(flow.id, flow.outs);
            await provider("ChannelFlowProcessorPermission").delete!(byName.id, byName.outs);
            await provider("ChannelFlowProcessorPermission").delete!(byArn.id, byArn.outs);
            const after = await errorOf(() => lambda.send(new GetPolicyCommand({ FunctionName: "eu-filter" })));
            assert.equal(after.name, "ResourceNotFoundException", "both statements removed from the eu function");
        } finally {
            lambda.destroy();
        }
    });

    it("refreshes each resource from its region", async () => {
        for (const [type, resource] of [
            ["AppInstance", instance],
            ["AppInstanceUser", alice],
            ["AppInstanceAdmin", promotion],
            ["Channel", channel],
            ["ChannelMembership", membership],
        ] as const) {
            assert.equal((await refreshed(provider(type), resource)).id, resource.id, `${type} is found`);
        }
    });

    it("diffs the region against the one in the ARN: the same or left out is no change, another replaces", async () => {
        const appInstance = provider("AppInstance");
        assert.equal((await diffWith(appInstance, instance, { region: "eu-central-1" })).changes, false);
        const leftOut = await checked(appInstance, { ...instance.inputs, region: undefined }, instance.inputs);
        assert.equal((await appInstance.diff!(instance.id, instance.outs, leftOut)).changes, false);
        const madeBefore = { ...instance.outs };
        delete madeBefore.region;
        const declared = await checked(appInstance, { ...instance.inputs }, madeBefore);
        assert.equal(
            (await appInstance.diff!(instance.id, madeBefore, declared)).changes,
            false,
            "a state that never recorded the region (made before it existed) is not replaced",
        );
        const moved = await diffWith(appInstance, instance, { region: "ap-southeast-2" });
        assert.deepEqual(moved.replaces, ["region"]);
    });

    it("stops a malformed region at check, naming the rule and the value, with no API call", async () => {
        const failures = await checkFailures(pf, provider("AppInstance"), { name: "x", region: "Frankfurt" });
        assertFailure(failures, "region", "AWS Region code", "Frankfurt");
    });

    it("deletes everything in its region", async () => {
        await provider("ChannelMembership").delete!(membership.id, membership.outs);
        await provider("Channel").delete!(channel.id, channel.outs);
        await provider("AppInstanceAdmin").delete!(promotion.id, promotion.outs);
        await provider("AppInstanceUser").delete!(alice.id, alice.outs);
        await provider("AppInstanceUser").delete!(admin.id, admin.outs);
        await provider("AppInstance").delete!(instance.id, instance.outs);
        const listed = await eu.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(listed.AppInstances ?? [], []);
    });
});
