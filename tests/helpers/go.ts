import type { Context } from "mocha";
import { clientAvailable } from "./clients";
import { skipUnlessRequired } from "./skip";

/** The go command's environment for a test's module: this machine's toolchain, go.sum updated as needed, no workspace. */
export const GO_ENV = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod", GOWORK: "off" };

/** Skips loudly (or fails, under CHIME_E2E_REQUIRED=1) the test or hook named `what` when no go is on PATH. */
export function requireGo(context: Context, what: string): void {
    if (!clientAvailable("go", ["version"])) skipUnlessRequired(context, `${what} SKIPPED: no Go toolchain on PATH`);
}
