import { EmulatorContext } from "../context";
import { consoleApp } from "./browser/app";
import { INDEX_HTML, STYLE_CSS } from "./page";
import { recentMessages, topologyOf } from "./topology";

/**
 * The console, on the emulator's own port beside the admin routes, and under the same rules (the server applies
 * them first: the Host header, same origin only, no preflight):
 *   GET /_emulator/console                 the page
 *   GET /_emulator/console/app.js, style.css   its script and style
 *   GET /_emulator/console/topology        what the page draws (topology.ts)
 *   GET /_emulator/console/messages?channel=<ARN>   a channel's recent messages
 * Read-only: every route is a GET. The Content-Security-Policy lets the page load and fetch from the emulator
 * alone, run no inline script, and be framed by no page.
 */
export const CONSOLE_PATH = "/_emulator/console";

export const CONSOLE_SECURITY_HEADERS = {
    "content-security-policy":
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
};

export interface ConsoleAnswer {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export const isConsolePath = (path: string) => path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);

const APP_SCRIPT = `(${consoleApp.toString()})();\n`;

function answer(status: number, type: string, body: string): ConsoleAnswer {
    return { status, headers: { "content-type": type, ...CONSOLE_SECURITY_HEADERS }, body };
}
const json = (status: number, body: unknown) => answer(status, "application/json", JSON.stringify(body));

export function handleConsoleRequest(
    context: EmulatorContext,
    method: string,
    path: string,
    query: URLSearchParams,
): ConsoleAnswer {
    if (method !== "GET") return json(405, { message: `${path} answers GET only: the console changes nothing.` });
    switch (path.replace(/\/$/, "")) {
        case CONSOLE_PATH:
            return answer(200, "text/html; charset=utf-8", INDEX_HTML);
        case `${CONSOLE_PATH}/app.js`:
            return answer(200, "text/javascript; charset=utf-8", APP_SCRIPT);
        case `${CONSOLE_PATH}/style.css`:
            return answer(200, "text/css; charset=utf-8", STYLE_CSS);
        case `${CONSOLE_PATH}/topology`:
            return json(200, topologyOf(context.store));
        case `${CONSOLE_PATH}/messages`: {
            const channel = query.get("channel");
            if (!channel) return json(400, { message: "Name the channel: ?channel=<channel ARN>." });
            return json(200, { messages: recentMessages(context.store, channel) });
        }
        default:
            return json(404, { message: `There is no console route ${path}.` });
    }
}
