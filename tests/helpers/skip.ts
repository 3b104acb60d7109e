import type { Context } from "mocha";

/** Skips the running test or hook, printing why (mocha's reporter shows only the skipped test's title). */
export function skipWithReason(context: Context, reason: string): never {
    console.log(`      skipped: ${reason}`);
    context.skip();
}
