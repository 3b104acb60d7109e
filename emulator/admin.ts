import type { EmulatorContext } from "./server";
import { FaultSettings } from "./faults";

/**
 * The operator's endpoint, beside the AWS APIs on the same port:
 *   GET  /_emulator/health          {status: "ok"}
 *   GET  /_emulator/state           every table's records
 *   POST /_emulator/reset           empties every table
 *   GET  /_emulator/faults          the fault settings
 *   PUT  /_emulator/faults          changes them (a partial FaultSettings object)
 *   GET  /_emulator/calls           requests answered, by operation
 */
export const ADMIN_PREFIX = "/_emulator/";

export interface AdminAnswer {
    status: number;
    body: unknown;
}

export function handleAdminRequest(context: EmulatorContext, method: string, path: string, body: Buffer): AdminAnswer {
    const route = `${method} ${path.slice(ADMIN_PREFIX.length).replace(/\/$/, "")}`;
    switch (route) {
        case "GET health":
            return { status: 200, body: { status: "ok" } };
        case "GET state":
            return { status: 200, body: context.store.dump() };
        case "POST reset":
            context.reset();
            return { status: 200, body: { reset: true } };
        case "GET faults":
            return { status: 200, body: context.faults.settings };
        case "PUT faults":
        case "POST faults": {
            let settings: Partial<FaultSettings>;
            try {
                settings = body.length ? JSON.parse(body.toString("utf8")) : {};
            } catch {
                return { status: 400, body: { message: "the body must be a JSON object of fault settings" } };
            }
            try {
                return { status: 200, body: context.faults.update(settings) };
            } catch (error) {
                return { status: 400, body: { message: (error as Error).message } };
            }
        }
        case "GET calls":
            return { status: 200, body: Object.fromEntries(context.callCounts) };
        default:
            return { status: 404, body: { message: `no admin route ${method} ${path}` } };
    }
}
