import type * as http from "http";
import { isIP } from "net";

/**
 * Who may talk to the emulator from a browser. The emulator has no authentication, so any web page a developer
 * opens could otherwise drive it (a form posting `text/plain` needs no preflight) or, through DNS rebinding, read
 * it. Three rules:
 *   - When it listens on a loopback address, the Host header must name a loopback host (`localhost`,
 *     `*.localhost`, 127.0.0.0/8, `[::1]`): a page on a rebound name (`evil.example` resolving to 127.0.0.1) is
 *     refused, whatever it asks for.
 *   - The API (the AWS operations) answers cross-origin requests from pages on a loopback host, on any port and
 *     scheme, and from the origins given with `--cors-origin`; a request from any other origin is refused, and a
 *     preflight for it is not granted.
 *   - The admin routes (`/_emulator/`) answer no cross-origin request at all and grant no preflight: a request
 *     whose Origin is not the emulator's own, or that the browser marks as cross-site (`Sec-Fetch-Site`), is
 *     refused before it is handled.
 */
export interface OriginPolicyOptions {
    /** The address the server listens on. */
    listenHost: string;
    /** Exact origins (`https://app.example.com:8443`) allowed to call the API besides those on a loopback host. */
    corsOrigins?: readonly string[];
}

export class OriginPolicy {
    private readonly corsOrigins: ReadonlySet<string>;
    private readonly listensOnLoopback: boolean;

    constructor(options: OriginPolicyOptions) {
        const problems = (options.corsOrigins ?? []).flatMap((o) => {
            const problem = originProblem(o);
            return problem ? [problem] : [];
        });
        if (problems.length > 0) throw new Error(problems.join("; "));
        this.corsOrigins = new Set(options.corsOrigins ?? []);
        this.listensOnLoopback = isLoopbackHost(options.listenHost);
    }

    /** Why a request's Host header is refused (DNS rebinding), or undefined when it is acceptable. */
    hostRefusal(req: http.IncomingMessage): string | undefined {
        if (!this.listensOnLoopback) return undefined;
        const host = req.headers.host;
        if (host !== undefined && isLoopbackHost(hostnameOf(host))) return undefined;
        return (
            `The emulator listens on loopback and answers only requests addressed to a loopback host ` +
            `(localhost, 127.0.0.1, [::1]); the Host header was ${JSON.stringify(host ?? null)}.`
        );
    }

    /** Whether a browser page of this origin may call the API. */
    allowsApiOrigin(origin: string): boolean {
        if (this.corsOrigins.has(origin)) return true;
        const url = parseOrigin(origin);
        return url !== undefined && isLoopbackHost(url.hostname);
    }

    /** Why a request to an admin route is refused as cross-origin, or undefined when it is the emulator's own. */
    adminRefusal(req: http.IncomingMessage): string | undefined {
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${req.headers.host}`) {
            return `The admin routes refuse cross-origin requests; the request came from ${JSON.stringify(origin)}.`;
        }
        const site = req.headers["sec-fetch-site"];
        if (site !== undefined && site !== "same-origin" && site !== "none") {
            return `The admin routes refuse cross-origin requests; the browser marked the request Sec-Fetch-Site: ${site}.`;
        }
        return undefined;
    }
}

/** Loopback names and addresses: localhost and its subdomains, 127.0.0.0/8, ::1 (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
    const name = host
        .toLowerCase()
        .replace(/^\[(.*)\]$/, "$1")
        .replace(/\.$/, "");
    if (name === "localhost" || name.endsWith(".localhost")) return true;
    if (isIP(name) === 4) return name.startsWith("127.");
    if (isIP(name) === 6) return name === "::1" || name === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(name);
    return false;
}

/** The host name of a Host header value (`127.0.0.1:4566`, `[::1]:4566`, `localhost`). */
function hostnameOf(hostHeader: string): string {
    const bracketed = /^\[([^\]]*)\](:\d*)?$/.exec(hostHeader);
    if (bracketed) return bracketed[1];
    return hostHeader.replace(/:\d*$/, "");
}

function parseOrigin(origin: string): URL | undefined {
    try {
        const url = new URL(origin);
        return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
    } catch {
        return undefined;
    }
}

/** What is wrong with a configured CORS origin: it must be exactly scheme://host[:port], as browsers send it. */
export function originProblem(origin: string): string | undefined {
    const url = parseOrigin(origin);
    if (!url || url.origin !== origin) {
        return `${JSON.stringify(origin)} is not an origin (expected scheme://host[:port], e.g. https://app.example.com:8443, with no path or trailing slash)`;
    }
    return undefined;
}
