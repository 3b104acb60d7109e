import type { Context } from "mocha";

/** Skips the running test or hook, printing why (mocha's reporter shows only the skipped test's title). */
export function skipWithReason(context: Context, reason: string): never {
    console.log(`      skipped: ${reason}`);
    context.skip();
}

/**
 * For a test or hook whose prerequisite (a CLI, a toolchain, a browser) is missing: skips it loudly, or fails it
 * when CHIME_E2E_REQUIRED=1 (as CI sets it), so a missing prerequisite never passes unseen there.
 */
export function skipUnlessRequired(context: Context, message: string): never {
    if (process.env.CHIME_E2E_REQUIRED === "1")
        throw new Error(`${message}; CHIME_E2E_REQUIRED=1 makes this a failure`);
    console.warn(`\n${"!".repeat(100)}\n${message}\n${"!".repeat(100)}\n`);
    context.skip();
}
