import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { DescribeChannelCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { Stack } from "@pulumi/pulumi/automation";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { emulatorResources, openStack, requirePulumiCli, temporaryBackend } from "../helpers/e2e";
import { createExistingBackend, ExistingBackend } from "./existing-backend";
import { chimeImport, mutatingCallsSince, rewriteProgram, typeCheck, typescriptProject } from "./generated-program";

/** What an operation changed, without the resources left as they were. */
const changed = (changes: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(changes ?? {}).filter(([op, n]) => op !== "same" && n > 0));

const withoutImportOptions = (program: string) => program.replace(/, \{ import: "[^"]*" \}\)/g, ")");

describe("bringing a backend made out of band under management", () => {
    let binDir: string;
    let fx: EmulatorFixture;
    let backend: ExistingBackend;
    let program: string;
    const calls = () => new Map(fx.emulator.callCounts);

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
        backend = await createExistingBackend(fx);
    });
    after(async () => {
        await fx?.close();
    });

    it("chime-import prints a program that declares everything and type-checks, saying what it found", async () => {
        const before = calls();
        const ran = await chimeImport(fx.url, backend.appInstanceArn, backend.adminArn);
        assert.equal(ran.status, 0, ran.stderr);
        assert.deepEqual(mutatingCallsSince(before, calls()), {}, "reading the backend changes nothing");
        program = ran.stdout;
        assert.match(ran.stderr, /found 4 users, 1 bots, 1 admins, 1 channel flows/);
        assert.match(ran.stderr, /found 2 channels with 7 memberships, 3 moderators, 1 bans, 1 flow associations/);
        const count = (type: string) => program.split(`new chime.${type}(`).length - 1;
        const expected = {
            AppInstance: 1,
            AppInstanceUser: 4,
            AppInstanceBot: 1,
            AppInstanceAdmin: 1,
            AppInstanceRetentionSettings: 1,
            MessagingStreamingConfigurations: 1,
            ChannelFlow: 1,
            Channel: 2,
            ChannelFlowAssociation: 1,
            // The creator of each channel is a member and moderator too.
            ChannelMembership: 7,
            ChannelModerator: 3,
            ChannelBan: 1,
        };
        assert.deepEqual(Object.fromEntries(Object.keys(expected).map((t) => [t, count(t)])), expected);
        assert.equal(program.split("{ import: ").length - 1, 24, "every resource has its import option");
        assert.match(
            program,
            /leadsRoomBobMembership = new chime.ChannelMembership\("leads-room-bob-membership", \{\n {4}channelArn: leadsRoom.arn,\n {4}memberArn: bob.arn,\n {4}type: "HIDDEN",/,
        );
        assert.match(program, /channelFlowArn: profanityFilter.arn/);
        assert.match(program, /new chime\.AppInstanceBot\("helper", \{\n {4}name: "Helper",/);
        assert.match(
            program,
            /generalHelperMembership = [^;]*memberArn: helper\.arn,/,
            "the bot's membership refers to it",
        );
        assert.ok(!/channelArn: "arn:/.test(program), "channels are referred to by the program's own resources");
        const checked = await typeCheck(typescriptProject(program));
        assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    });

    it("an import whose mode differs from the live channel fails, naming mode with both values, and changes nothing", async () => {
        const mismatched = program.replace(
            /(new chime\.Channel\("general", \{\n {4}name: "general",\n {4}mode: )"UNRESTRICTED"/,
            '$1"RESTRICTED"',
        );
        assert.notEqual(mismatched, program);
        const stack = await openStack(binDir, fx.url, temporaryBackend(), typescriptProject(mismatched), "mismatch");
        const before = calls();
        const failure = await stack.up().then(
            () => assert.fail("the up must fail"),
            (error: Error) => error,
        );
        assert.match(
            failure.message,
            /Channel: .*channel\/\w+ is named by the import option, but it differs from the program, so it was not taken over: mode: declared "RESTRICTED", live "UNRESTRICTED"/,
        );
        assert.deepEqual(mutatingCallsSince(before, calls()), {});
        const live = await fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: backend.general, ChimeBearer: backend.adminArn }),
        );
        assert.equal(live.Channel?.Mode, "UNRESTRICTED");
    });

    describe("the generated program's stack", () => {
        let stack: Stack;
        let project: string;

        it("up takes over all 24 resources with no mutating call", async () => {
            project = typescriptProject(program);
            stack = await openStack(binDir, fx.url, temporaryBackend(), project, "imported");
            const before = calls();
            const up = await stack.up();
            assert.equal(up.summary.result, "succeeded");
            assert.deepEqual(changed(up.summary.resourceChanges), { create: 25 }, "24 resources and the stack");
            assert.deepEqual(mutatingCallsSince(before, calls()), {});
            assert.equal(up.outputs.appInstanceArn.value, backend.appInstanceArn);
        });

        it("a preview then shows no change, also after the import options are removed", async () => {
            assert.deepEqual(changed((await stack.preview()).changeSummary), {});
            rewriteProgram(project, withoutImportOptions);
            assert.deepEqual(changed((await stack.preview()).changeSummary), {});
            const before = calls();
            assert.deepEqual(changed((await stack.up()).summary.resourceChanges), {});
            assert.deepEqual(mutatingCallsSince(before, calls()), {});
        });

        it("renaming an adopted channel is one UpdateChannel", async () => {
            rewriteProgram(project, (p) => p.replace('name: "general",', 'name: "general-chat",'));
            const before = calls();
            const up = await stack.up();
            assert.deepEqual(changed(up.summary.resourceChanges), { update: 1 });
            assert.deepEqual(mutatingCallsSince(before, calls()), { UpdateChannel: 1 });
            const live = await fx.messaging.send(
                new DescribeChannelCommand({ ChannelArn: backend.general, ChimeBearer: backend.adminArn }),
            );
            assert.equal(live.Channel?.Name, "general-chat");
        });

        it("destroy removes everything", async () => {
            const destroy = await stack.destroy();
            assert.equal(destroy.summary.result, "succeeded");
            assert.deepEqual(await emulatorResources(fx.url), {});
        });
    });
});
