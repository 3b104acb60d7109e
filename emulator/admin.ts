import { EmulatorContext } from "./context";
import { FaultSettings } from "./faults";

/**
 * The operator's endpoint, beside the AWS APIs on the same port. Answers are JSON; a bad request gets 400
 * {message}, an unknown route 404, a known route with another method 405. The server refuses cross-origin
 * requests to these routes (403) before they get here, and grants them no preflight (origin-policy.ts).
 *   GET    /_emulator/health   {status: "ok", records: <number of records held>}
 *   GET    /_emulator/state    every table's records: {table: [[partition, sort, record], ...]}
 *   POST   /_emulator/reset    empties every table (and the data folder's files), the call counts and rate quotas
 *   GET    /_emulator/faults   the fault settings
 *   PUT    /_emulator/faults   changes some of them: a partial FaultSettings object, e.g. {"unavailableRate": 0.5};
 *                              the change applies to the next request
 *   DELETE /_emulator/faults   turns every fault off
 *   GET    /_emulator/calls    requests received, by operation: {"CreateChannel": 3, ...}
 *   DELETE /_emulator/calls    sets the call counts back to zero
 */
export const ADMIN_PREFIX = "/_emulator/";

export interface AdminAnswer {
    status: number;
    body: unknown;
}

type AdminHandler = (context: EmulatorContext, body: Buffer) => AdminAnswer;

const ok = (body: unknown): AdminAnswer => ({ status: 200, body });
const problem = (status: number, message: string): AdminAnswer => ({ status, body: { message } });

const ROUTES: Record<string, Record<string, AdminHandler>> = {
    health: {
        GET: (context) => ok({ status: "ok", records: context.store.recordCount() }),
    },
    state: {
        GET: (context) => ok(context.store.dump()),
    },
    reset: {
        POST: (context) => {
            context.reset();
            return ok({ reset: true });
        },
    },
    faults: {
        GET: (context) => ok(context.faults.settings),
        PUT: (context, body) => {
            let settings: Partial<FaultSettings>;
            try {
                settings = body.length ? (JSON.parse(body.toString("utf8")) as Partial<FaultSettings>) : {};
            } catch {
                return problem(400, "The body must be a JSON object of fault settings.");
            }
            try {
                return ok(context.faults.update(settings));
            } catch (error) {
                return problem(400, (error as Error).message);
            }
        },
        DELETE: (context) => ok(context.faults.clear()),
    },
    calls: {
        GET: (context) => ok(Object.fromEntries(context.callCounts)),
        DELETE: (context) => {
            context.callCounts.clear();
            return ok({});
        },
    },
};
// Accepted for compatibility with clients that cannot send PUT.
ROUTES.faults.POST = ROUTES.faults.PUT;

export function handleAdminRequest(context: EmulatorContext, method: string, path: string, body: Buffer): AdminAnswer {
    const name = path.slice(ADMIN_PREFIX.length).replace(/\/$/, "");
    const route = Object.prototype.hasOwnProperty.call(ROUTES, name) ? ROUTES[name] : undefined;
    if (!route) return problem(404, `There is no admin route ${path}.`);
    const handler = route[method];
    if (!handler) return problem(405, `${path} answers ${Object.keys(route).join(", ")}, not ${method}.`);
    return handler(context, body);
}
