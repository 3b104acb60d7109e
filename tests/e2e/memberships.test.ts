import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as path from "path";
import { DescribeChannelBanCommand, DescribeChannelMembershipCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { emulatorResources, openStack, requirePulumiCli, stageProject, temporaryBackend } from "../helpers/e2e";

type Outputs = { adminArn: string; bobArn: string; channelArn: string; crowdArns: string[] };

const stageMembershipsStack = () =>
    stageProject(path.join(REPO_ROOT, "tests", "e2e", "memberships-stack"), ["Pulumi.yaml", "index.js"]);

async function configure(stack: Stack, config: Record<string, string>): Promise<void> {
    for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
}

const outputsOf = (result: { outputs: Record<string, { value: unknown }> }) =>
    Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value])) as Outputs;

/** What an operation changed, without the resources left as they were. */
const changed = (changes: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(changes ?? {}).filter(([op, n]) => op !== "same" && n > 0));

function membershipState(
    deployment: { deployment: { resources?: { type: string; urn: string; outputs?: Record<string, unknown> }[] } },
    name: string,
) {
    const resource = deployment.deployment.resources?.find((r) => r.urn.endsWith(`::${name}`));
    assert.ok(resource, `no ${name} in the state`);
    return resource.outputs ?? {};
}

describe("the engine with membership resources: partial batch failures and bans without a loop", () => {
    let fx: EmulatorFixture;
    let stack: Stack;
    let outputs!: Outputs;
    const calls = () => new Map(fx.emulator.callCounts);
    const since = (before: Map<string, number>, operation: string) =>
        (fx.emulator.callCounts.get(operation) ?? 0) - (before.get(operation) ?? 0);
    const isMember = async (o: Outputs, member: string) => {
        try {
            const command = new DescribeChannelMembershipCommand({
                ChannelArn: o.channelArn,
                MemberArn: member,
                ChimeBearer: o.adminArn,
            });
            return (await fx.messaging.send(command)).ChannelMembership !== undefined;
        } catch (error) {
            if ((error as Error).name === "NotFoundException") return false;
            throw error;
        }
    };

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        stack = await openStack(binDir, fx.url, temporaryBackend(), stageMembershipsStack());
    });
    after(() => fx?.close());

    it("a batch with a member that cannot be added fails, naming it, and the state keeps the others", async () => {
        await configure(stack, { ghost: "true" });
        const failure = await errorOf(() => stack.up());
        // The engine shows each failed member under the resource.
        assert.match(
            failure.message,
            /ChannelMemberships \(lobby-crowd\):\s+error: 1 error occurred:\s+\* \S+\/user\/ghost: BadRequest: /,
        );
        const state = membershipState(await stack.exportStack(), "lobby-crowd");
        assert.equal((state.memberArns as string[]).length, 105, "the crowd, without the ghost");
        assert.ok(!(state.memberArns as string[]).some((arn) => arn.endsWith("/user/ghost")));
    });

    it("without the ghost, the next up has nothing left to add", async () => {
        await configure(stack, { ghost: "false" });
        const before = calls();
        // The engine updates a resource whose last operation partly failed; the recorded set is already the
        // program's, so the update calls nothing.
        const result = await stack.up();
        outputs = outputsOf(result);
        assert.deepEqual(changed(result.summary.resourceChanges), { update: 1 });
        assert.equal(since(before, "BatchCreateChannelMembership"), 0);
        assert.equal(since(before, "DeleteChannelMembership"), 0);
        assert.deepEqual(changed((await stack.up()).summary.resourceChanges), {}, "and then nothing at all");
        for (const member of outputs.crowdArns.slice(0, 3)) assert.ok(await isMember(outputs, member));
    });

    it("banning a member that has a ChannelMembership: up, refresh and up again change nothing more", async () => {
        await configure(stack, { banBob: "true" });
        const banned = await stack.up();
        assert.deepEqual(changed(banned.summary.resourceChanges), { create: 1 });
        assert.equal(await isMember(outputs, outputs.bobArn), false, "the service removed the membership");
        const before = calls();
        for (let run = 0; run < 2; run++) {
            const again = await stack.up({ refresh: true });
            assert.equal(again.summary.result, "succeeded");
            assert.deepEqual(changed(again.summary.resourceChanges), {}, `run ${run + 1} changed something`);
        }
        assert.equal(since(before, "CreateChannelMembership"), 0, "no attempt to add the banned member back");
        assert.equal(membershipState(await stack.exportStack(), "lobby-bob").banned, true);
    });

    it("lifting the ban: one up --refresh adds the member back", async () => {
        await configure(stack, { banBob: "false" });
        const lifted = await stack.up();
        assert.deepEqual(changed(lifted.summary.resourceChanges), { delete: 1 });
        const ban = await errorOf(() =>
            fx.messaging.send(
                new DescribeChannelBanCommand({
                    ChannelArn: outputs.channelArn,
                    MemberArn: outputs.bobArn,
                    ChimeBearer: outputs.adminArn,
                }),
            ),
        );
        assert.equal(ban.name, "NotFoundException");
        const restored = await stack.up({ refresh: true });
        assert.deepEqual(changed(restored.summary.resourceChanges), { create: 1 });
        assert.equal(await isMember(outputs, outputs.bobArn), true);
        assert.equal(membershipState(await stack.exportStack(), "lobby-bob").banned, false);
    });

    it("destroy leaves the emulator empty", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
