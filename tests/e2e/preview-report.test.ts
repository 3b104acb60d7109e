import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { openStack, requirePulumiCli, stageProject, temporaryBackend } from "../helpers/e2e";
import { previewJson, Ran, runBin } from "./generated-program";

const stageReviewStack = () =>
    stageProject(path.join(REPO_ROOT, "tests", "e2e", "review-stack"), ["Pulumi.yaml", "index.js"]);

describe("chime-preview-report on real `pulumi preview --json` output", () => {
    let fx: EmulatorFixture;
    let stack: Stack;

    /** The report of a preview with `config` set, from standard input or a file, with --fail-on-data-loss. */
    async function reportWith(config: Record<string, string>): Promise<Ran> {
        for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
        try {
            const json = await previewJson(stack);
            return await runBin("chime-preview-report", ["--fail-on-data-loss"], { input: json });
        } finally {
            for (const key of Object.keys(config)) await stack.removeConfig(key);
        }
    }

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        stack = await openStack(binDir, fx.url, temporaryBackend(), stageReviewStack(), "review");
        assert.equal((await stack.up()).summary.result, "succeeded");
    });
    after(async () => {
        await stack?.destroy();
        await fx?.close();
    });

    it("a rename: one update of name, no data loss, exit 0", async () => {
        const ran = await reportWith({ channelName: "general-chat" });
        assert.equal(ran.status, 0, ran.stderr);
        assert.match(ran.stdout, /No data loss\. 1 to update, 5 unchanged\./);
        assert.match(ran.stdout, /\| `general` \| Channel \| update \| `name` \|/);
        assert.match(ran.stdout, /### Data loss\n\nNone: no change destroys data\./);
    });

    it("a privacy change: the channel is replaced, forced by privacy, and its memberships go with it; exit 2", async () => {
        const ran = await reportWith({ privacy: "PRIVATE" });
        assert.equal(ran.status, 2, ran.stderr);
        assert.match(ran.stdout, /\| `general` \| Channel \| replace \| `privacy` \(forces replacement\) \|/);
        assert.match(
            ran.stdout,
            /- \*\*Channel `general`\*\* \(replace, forced by `privacy`\): loses its messages and memberships\./,
        );
        assert.match(ran.stdout, /- \*\*ChannelMembership `general-carol`\*\* \(replace, forced by `channelArn`\)/);
    });

    it("a removed channel with its membership: both named as data loss; exit 2", async () => {
        const ran = await reportWith({ removeChannel: "true" });
        assert.equal(ran.status, 2, ran.stderr);
        assert.match(ran.stdout, /2 to delete, 4 unchanged/);
        assert.match(ran.stdout, /- \*\*Channel `general`\*\* \(delete\): loses its messages and memberships\./);
        assert.match(ran.stdout, /- \*\*ChannelMembership `general-carol`\*\* \(delete\): loses the membership/);
    });

    it("from a file without --fail-on-data-loss the report exits 0, and bad input exits 1 naming the problem", async () => {
        await stack.setConfig("removeChannel", { value: "true" });
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "chime-preview-")), "preview.json");
        fs.writeFileSync(file, await previewJson(stack));
        await stack.removeConfig("removeChannel");
        const ran = await runBin("chime-preview-report", [file]);
        assert.equal(ran.status, 0);
        assert.match(ran.stdout, /2 change\(s\) destroy data/);
        const bad = await runBin("chime-preview-report", [], { input: '{"steps": 3}' });
        assert.equal(bad.status, 1);
        assert.match(bad.stderr, /not the JSON of `pulumi preview --json`: it has no "steps" list/);
    });
});
