import type { Context } from "mocha";
import * as fs from "fs";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";
import { skipUnlessRequired } from "./skip";

/**
 * A real headless browser for the tests of what people look at (the emulator's console, the report's diagram):
 * Debian's Chromium (.ci/run installs it), driven by playwright-core, which downloads no browser of its own.
 * Chromium's own background connections are off: this machine reaches no other host.
 */
const CHROMIUM = process.env.CHIME_CHROMIUM ?? "/usr/bin/chromium";

export async function launchBrowser(context: Context): Promise<Browser> {
    if (!fs.existsSync(CHROMIUM)) {
        skipUnlessRequired(
            context,
            `BROWSER TEST SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or CHIME_CHROMIUM)`,
        );
    }
    return chromium.launch({
        executablePath: CHROMIUM,
        args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    });
}
