import {
    ChannelFlowCallbackCommand,
    ChannelMessageType,
    SendChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Stack } from "@pulumi/pulumi/automation";
import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import {
    createProcessorFunction,
    openStack,
    requirePulumiCli,
    stageQuickstart,
    temporaryBackend,
} from "../helpers/e2e";
import { EmulatorFixture, startFixture } from "../helpers/emulator";

/**
 * The emulator's console (/_emulator/console) in a real headless browser, on the quickstart's topology as
 * `pulumi up` made it: what it shows, that it follows an `up` without a reload, that it loads nothing from
 * elsewhere, and that a page of another origin can neither read it nor frame it.
 */
describe("the emulator's console, in a browser, on the quickstart's stack", () => {
    let fx: EmulatorFixture;
    let stack: Stack;
    let workDir: string;
    let browser: Browser;
    let page: Page;
    let outputs: Record<string, unknown>;
    const requested: string[] = [];

    before(async function () {
        const binDir = requirePulumiCli(this);
        browser = await launchBrowser(this);
        fx = await startFixture();
        const processorArn = await createProcessorFunction(fx.url, "profanity-filter");
        workDir = stageQuickstart();
        stack = await openStack(binDir, fx.url, temporaryBackend(), workDir, "console");
        await stack.setConfig("processorLambdaArn", { value: processorArn });
        const up = await stack.up();
        outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
        page = await browser.newPage();
        page.on("request", (request) => requested.push(request.url()));
    });
    after(async () => {
        await browser?.close();
        await stack?.destroy();
        await fx?.close();
    });

    const channels = () => outputs.channels as Record<string, string>;
    const users = () => outputs.userArns as Record<string, string>;
    const channel = (name: string) => page.locator(`[data-channel="${channels()[name]}"]`);

    it("shows the three channels, their members (the hidden one marked), the moderator, the ban and the flow", async () => {
        const answer = await page.goto(`${fx.url}/_emulator/console`);
        assert.match(answer!.headers()["content-security-policy"], /default-src 'none'; script-src 'self'/);
        await page.waitForSelector("[data-channel]");
        for (const name of ["general", "leads", "announcements"]) assert.equal(await channel(name).count(), 1, name);
        assert.match(await channel("leads").locator("h5").innerText(), /private/);
        assert.match(await channel("announcements").locator("h5").innerText(), /restricted/);
        assert.match(await channel("general").locator("h5").innerText(), /flow: /, "the flow associated");
        const member = (name: string, user: string) => channel(name).locator(`[data-member="${users()[user]}"]`);
        assert.match(await member("general", "carol").innerText(), /hidden/);
        assert.doesNotMatch(await member("general", "alice").innerText(), /hidden/);
        assert.match(await member("announcements", "bob").innerText(), /moderator/);
        assert.match(await channel("general").locator(`[data-banned="${users().mallory}"]`).innerText(), /banned/);
        assert.equal(await page.locator(`[data-flow="${outputs.channelFlowArn}"]`).count(), 1);
        const outside = requested.filter((url) => !url.startsWith(`${fx.url}/`));
        assert.deepEqual(outside, [], "the page loads nothing from outside the emulator");
        if (process.env.CHIME_SCREENSHOTS) {
            await page.setViewportSize({ width: 1280, height: 1000 });
            await page.screenshot({ path: process.env.CHIME_SCREENSHOTS, fullPage: true });
        }
    });

    it("shows a channel's recent messages on demand, PENDING and DENIED ones included", async () => {
        const send = (content: string) =>
            fx.messaging.send(
                new SendChannelMessageCommand({
                    ChannelArn: channels().general,
                    ChimeBearer: users().alice,
                    Content: content,
                    Type: ChannelMessageType.STANDARD,
                    Persistence: "PERSISTENT",
                    ClientRequestToken: `console-${content.replace(/\W/g, "-")}`,
                }),
            );
        await send("waiting for the filter");
        const denied = await send("darn it");
        await fx.messaging.send(
            new ChannelFlowCallbackCommand({
                ChannelArn: channels().general,
                CallbackId: "console-deny-0000000000000000000000",
                DeleteResource: true,
                ChannelMessage: { MessageId: denied.MessageId! },
            }),
        );
        await channel("general").locator("button").click();
        const rows = channel("general").locator("table.messages tr");
        await rows.nth(2).waitFor();
        const text = await channel("general").locator("table.messages").innerText();
        assert.match(text, /alice\s+waiting for the filter\s+PENDING/);
        assert.match(text, /alice\s+DENIED/);
    });

    it("shows a channel that an up adds within seconds, without a reload", async () => {
        await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
        const program = path.join(workDir, "quickstart", "index.ts");
        fs.appendFileSync(
            program,
            '\nnew chime.Channel("random", { appInstanceArn: chat.appInstanceArn, chimeBearer: chat.bearerArn });\n',
        );
        assert.equal((await stack.up()).summary.result, "succeeded");
        await page.locator("[data-channel] h5", { hasText: /^random/ }).waitFor({ timeout: 10_000 });
        assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true);
    });

    it("answers no page of another origin: it can neither read the console's data nor frame the console", async () => {
        const other = http.createServer((_req, res) => {
            res.writeHead(200, { "content-type": "text/html" });
            res.end(`<!doctype html><iframe id="frame" src="${fx.url}/_emulator/console"></iframe>`);
        });
        await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
        try {
            const otherPage = await browser.newPage();
            const otherUrl = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}/`;
            await otherPage.goto(otherUrl);
            const read = await otherPage.evaluate(async (url) => {
                try {
                    const answer = await fetch(`${url}/_emulator/console/topology`);
                    return `read ${answer.status}: ${await answer.text()}`;
                } catch (error) {
                    return `refused: ${(error as Error).message}`;
                }
            }, fx.url);
            assert.match(read, /^refused/);
            const framed = otherPage.frames().find((frame) => frame.url().includes("/_emulator/console"));
            const drawn = framed
                ? await framed
                      .locator("[data-channel]")
                      .count()
                      .catch(() => 0)
                : 0;
            assert.equal(drawn, 0, "the console is not drawn in another origin's frame");
            await otherPage.close();
        } finally {
            other.close();
        }
        const direct = await fetch(`${fx.url}/_emulator/console/topology`, {
            headers: { origin: "http://evil.example" },
        });
        assert.equal(direct.status, 403);
        const write = await fetch(`${fx.url}/_emulator/console/topology`, { method: "POST" });
        assert.equal(write.status, 405, "every console route only reads");
    });
});
