import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { openStack, requirePulumiCli, stageProject, temporaryBackend } from "../helpers/e2e";
import { launchBrowser } from "../helpers/browser";
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

    it("a privacy change's diagram names each changed resource under what it hangs from, and renders in a browser", async function () {
        await stack.setConfig("privacy", { value: "PRIVATE" });
        const json = await previewJson(stack);
        await stack.removeConfig("privacy");
        const ran = await runBin("chime-preview-report", [], { input: json });
        const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(ran.stdout)?.[1];
        assert.ok(diagram, `a mermaid block:\n${ran.stdout}`);
        assert.match(diagram, /\["Channel general<br\/>replace<br\/>⚠ loses data"\]:::replace/);
        assert.match(diagram, /\["ChannelMembership general-carol<br\/>replace<br\/>⚠ loses data"\]:::replace/);
        assert.match(diagram, /\["AppInstance app"\]:::unchanged/, "the unchanged app instance the channel hangs from");
        const node = (text: string) => /(n\d+)\["/.exec(diagram.split("\n").find((line) => line.includes(text))!)![1];
        assert.ok(diagram.includes(`${node("AppInstance app")} --> ${node("Channel general")}`));
        assert.ok(diagram.includes(`${node("Channel general")} --> ${node("ChannelMembership general-carol")}`));
        assert.doesNotMatch(
            diagram,
            /carol"\]:::unchanged|AppInstanceUser/,
            "an unchanged user connects nothing changed",
        );

        const browser = await launchBrowser(this);
        try {
            const page = await browser.newPage();
            await page.setContent("<!doctype html><html><body></body></html>");
            await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
            const svg = await page.evaluate(async (source) => {
                const { mermaid } = window as unknown as {
                    mermaid: {
                        initialize(o: object): void;
                        render(id: string, text: string): Promise<{ svg: string }>;
                    };
                };
                mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
                const { svg } = await mermaid.render("diagram", source);
                document.body.innerHTML = svg;
                return svg;
            }, diagram);
            assert.match(svg, /general-carol/);
            assert.doesNotMatch(svg, /Syntax error/i);
            assert.equal(await page.locator("svg g.node").count(), 3, "three nodes drawn");
            if (process.env.CHIME_SCREENSHOTS)
                await page.locator("svg").screenshot({ path: process.env.CHIME_SCREENSHOTS });
        } finally {
            await browser.close();
        }

        const plain = await runBin("chime-preview-report", ["--no-diagram"], { input: json });
        assert.doesNotMatch(plain.stdout, /```mermaid/);
        assert.match(plain.stdout, /\| `general` \| Channel \| replace \|/);
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
