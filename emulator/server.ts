import * as http from "http";
import { createHash, randomUUID } from "crypto";
import { AddressInfo } from "net";
import cors from "cors";
import { loadModel, OperationInfo, ServiceName, SmithyModel } from "../smithy/model";
import { decodeInput, encodeOutput, validateInput } from "./protocol/codec";
import { encodeError, EncodedError, faultError, ServiceError, throttled } from "./protocol/errors";
import { RouteMatch, Router } from "./protocol/router";
import { FaultInjector, FaultSettings } from "./faults";
import { describeExceeded, DOCUMENTED_RATE_RULES, RateLimiter, RateRule } from "./rate-limits";
import { Store } from "./store";
import { createServiceHandlers } from "./services";
import { tablesOf } from "./services/tables";
import { refuseOtherRegions } from "./services/regions";
import { answerIdempotently } from "./idempotency";
import { handleAdminRequest, ADMIN_PREFIX } from "./admin";
import { handleConsoleRequest, isConsolePath } from "./console/routes";
import { OriginPolicy } from "./origin-policy";
import { EmulatorContext } from "./context";

/**
 * The emulator's HTTP server: the Chime SDK Messaging, Chime SDK Identity and Lambda APIs and the admin endpoint
 * (see admin.ts) on one port. A request goes through, in order:
 *   0. the origin policy (origin-policy.ts): the Host header, then the admin routes' same-origin rule or the API's
 *      CORS rules;
 *   1. routing by the models' http traits (no match: 404 UnknownOperationException);
 *   2. fault injection (faults.ts), so a faulted request never changes anything (except the lost-answer fault,
 *      which is decided here and applied after step 5);
 *   3. decoding and validation against the model (400 BadRequestException naming each broken member);
 *   4. the documented rate limits, when on (rate-limits.ts; 429 ThrottledClientException);
 *   5. the handler, as one store transaction, behind the idempotency-token check; the transaction is journaled
 *      (with --data) before the answer is sent.
 */
export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    /** The interface to listen on; 127.0.0.1 by default. */
    host?: string;
    /**
     * Origins whose pages may call the API from a browser, besides pages on a loopback host (which always may);
     * exact origins such as `https://app.example.com:8443`. The admin routes answer no cross-origin request.
     */
    corsOrigins?: readonly string[];
    /** Persist state in this folder (snapshot + journal); in memory only when absent. */
    dataDir?: string;
    /** fsync every commit (survives power loss; slower). */
    fsync?: boolean;
    /** Enforce the documented TPS quotas (or the given rules). Off by default. */
    rateLimits?: boolean | readonly RateRule[];
    /**
     * The time, in milliseconds, the rate quotas refill by: the wall clock by default. A test passes a clock it
     * moves itself, so that what a burst gets does not depend on how fast the machine sends it.
     */
    rateClock?: () => number;
    faults?: Partial<FaultSettings>;
    /** The account of every ARN the emulator makes. */
    accountId?: string;
    /** Called with one line per answered request: operation, status, milliseconds (e.g. for a request log). */
    log?: (line: string) => void;
}

export interface RunningEmulator {
    /** http://127.0.0.1:<port>, the value for AWS_ENDPOINT_URL. */
    url: string;
    port: number;
    store: Store;
    faults: FaultInjector;
    /** Requests received, by operation name, whatever their answer (admin requests excluded). */
    callCounts: Map<string, number>;
    /** Stops listening, ends open connections and writes the snapshot. */
    close(): Promise<void>;
}

export const DEFAULT_ACCOUNT_ID = "123456789012";

/** Request bodies larger than this are refused; the largest legitimate Chime request is well under it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    const models = (["messaging", "identity", "lambda"] as ServiceName[]).map((s) => loadModel(s));
    // Everything that can refuse the options comes before the store, which locks its data folder.
    const faults = new FaultInjector(options.faults);
    const listenHost = options.host ?? "127.0.0.1";
    const originPolicy = new OriginPolicy({ listenHost, corsOrigins: options.corsOrigins });
    const rules = options.rateLimits === true ? DOCUMENTED_RATE_RULES : options.rateLimits || undefined;
    const rateLimiter = rules ? new RateLimiter(rules, options.rateClock) : undefined;
    const router = new Router(models);
    const store = new Store({ dataDir: options.dataDir, fsync: options.fsync });
    let context: EmulatorContext;
    const server = http.createServer((req, res) => receive(context, req, res));
    server.keepAliveTimeout = 65_000;
    try {
        tablesOf(store);
        context = {
            router,
            handlers: createServiceHandlers(store, { accountId }),
            store,
            faults,
            originPolicy,
            rateLimiter,
            accountId,
            callCounts: new Map(),
            closing: false,
            log: options.log,
            reset() {
                store.reset();
                this.callCounts.clear();
                this.rateLimiter?.reset();
            },
        };
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(options.port ?? 0, listenHost, () => {
                server.off("error", reject);
                resolve();
            });
        });
    } catch (error) {
        store.close();
        throw error;
    }
    const port = (server.address() as AddressInfo).port;
    let closed: Promise<void> | undefined;
    return {
        url: `http://${urlHost(options.host)}:${port}`,
        port,
        store,
        faults,
        callCounts: context.callCounts,
        close() {
            closed ??= new Promise<void>((resolve) => {
                context.closing = true;
                server.close(() => {
                    store.close();
                    resolve();
                });
                server.closeAllConnections();
            });
            return closed;
        },
    };
}

/** The host to put in the URL: a wildcard address is reached through loopback, an IPv6 address needs brackets. */
function urlHost(host: string | undefined): string {
    if (!host || host === "0.0.0.0") return "127.0.0.1";
    if (host === "::") return "[::1]";
    return host.includes(":") ? `[${host}]` : host;
}

function receive(context: EmulatorContext, req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    // A client that goes away mid-request must not bring the emulator down.
    req.on("error", () => req.socket.destroy());
    res.on("error", () => req.socket.destroy());
    req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
            if (!refused) {
                refused = true;
                const error = new ServiceError("BadRequestException", "The request body is too large.", 413);
                sendError(res, undefined, error, { connection: "close" });
            }
            return;
        }
        chunks.push(chunk);
    });
    req.on("end", () => {
        if (refused) return;
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        handleRequest(context, req, res, body).catch((error: unknown) => {
            console.error(error);
            if (!res.headersSent) sendError(res, undefined, internalError(error));
        });
    });
}

function regionOf(req: http.IncomingMessage): string {
    const auth = req.headers.authorization;
    const m = auth ? /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth) : null;
    return m?.[1] ?? "us-east-1";
}

/** Both Chime services serve `/tags`; the SDK's User-Agent names the client, and the tag store is shared. */
function pickRoute(matches: RouteMatch[], req: http.IncomingMessage): RouteMatch {
    if (matches.length === 1) return matches[0];
    const agent = String(req.headers["user-agent"] ?? "") + String(req.headers["x-amz-user-agent"] ?? "");
    return matches.find((m) => agent.includes(`chime-sdk-${m.operation.service}`)) ?? matches[0];
}

/**
 * Browser apps call the messaging API directly (the Chime SDK for JavaScript does): the API answers pages of the
 * origins the policy allows, and grants their preflights for any method and header.
 */
function apiCors(policy: OriginPolicy) {
    return cors({
        origin: (origin, callback) => callback(null, origin !== undefined && policy.allowsApiOrigin(origin)),
        methods: ["GET", "POST", "PUT", "DELETE", "PATCH"],
        exposedHeaders: ["x-amzn-requestid", "x-amzn-errortype", "date"],
        maxAge: 86400,
    });
}

const corsMiddlewares = new WeakMap<OriginPolicy, ReturnType<typeof apiCors>>();

/**
 * Adds the CORS headers an allowed origin gets and answers its preflight; true when the request goes on to the
 * API. A request without an Origin header is no CORS request and goes on untouched.
 */
function applyCors(context: EmulatorContext, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    let middleware = corsMiddlewares.get(context.originPolicy);
    if (!middleware) {
        middleware = apiCors(context.originPolicy);
        corsMiddlewares.set(context.originPolicy, middleware);
    }
    let goesOn = false;
    // With an origin callback that answers at once, the middleware finishes before it returns.
    middleware(req as cors.CorsRequest, res, () => (goesOn = true));
    return goesOn;
}

function refuse(res: http.ServerResponse, message: string, admin: boolean): void {
    if (admin) {
        send(res, 403, { "content-type": "application/json" }, JSON.stringify({ message }));
        return;
    }
    sendError(res, undefined, new ServiceError("ForbiddenException", message, 403));
}

function send(
    res: http.ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
    requestId: string = randomUUID(),
): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
        ...headers,
        "x-amzn-requestid": requestId,
        "content-length": Buffer.byteLength(body),
    });
    res.end(body);
}

function sendError(
    res: http.ServerResponse,
    service: ServiceName | undefined,
    error: ServiceError,
    extraHeaders: Record<string, string> = {},
    requestId?: string,
): void {
    const encoded: EncodedError = encodeError(service, error);
    errorTypes.set(res, error.type);
    send(res, encoded.status, { ...encoded.headers, ...extraHeaders }, encoded.body, requestId);
}

function internalError(error: unknown): ServiceError {
    return new ServiceError("ServiceFailureException", `Internal error: ${(error as Error)?.message ?? error}`, 500);
}

/** The error each failed answer carried, for the request log. */
const errorTypes = new WeakMap<http.ServerResponse, string>();
/** Requests carried out whose answer the lost-answer fault threw away, for the request log. */
const lostAnswers = new WeakSet<http.ServerResponse>();

function logAnswer(
    log: (line: string) => void,
    operation: string,
    req: http.IncomingMessage,
    res: http.ServerResponse,
): void {
    const started = process.hrtime.bigint();
    res.once("close", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const status = res.headersSent ? String(res.statusCode) : lostAnswers.has(res) ? "answer-lost" : "dropped";
        const errorType = errorTypes.get(res);
        log(`${operation} ${status}${errorType ? ` ${errorType}` : ""} ${ms.toFixed(1)} ms  ${req.method} ${req.url}`);
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleRequest(
    context: EmulatorContext,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
): Promise<void> {
    const target = req.url ?? "/";
    const queryStart = target.indexOf("?");
    const rawPath = queryStart < 0 ? target : target.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? "" : target.slice(queryStart + 1));
    const method = req.method ?? "GET";
    const admin = rawPath.startsWith(ADMIN_PREFIX);
    const preflight = method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
    const hostRefusal = context.originPolicy.hostRefusal(req);
    if (hostRefusal) return refuse(res, hostRefusal, admin);
    if (admin) {
        // Never granted by a preflight, never answered to another origin.
        if (preflight) return refuse(res, "The admin routes grant no cross-origin preflight.", true);
        const adminRefusal = context.originPolicy.adminRefusal(req);
        if (adminRefusal) return refuse(res, adminRefusal, true);
        if (isConsolePath(rawPath)) {
            const page = handleConsoleRequest(context, method, rawPath, query);
            send(res, page.status, page.headers, page.body);
            return;
        }
        const answer = handleAdminRequest(context, method, rawPath, body);
        send(res, answer.status, { "content-type": "application/json" }, JSON.stringify(answer.body));
        return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !context.originPolicy.allowsApiOrigin(origin)) {
        const message =
            `Requests from the origin ${JSON.stringify(origin)} are refused: the API answers pages on localhost, ` +
            `127.0.0.1 or [::1] and the origins given with --cors-origin.`;
        return refuse(res, message, false);
    }
    if (!applyCors(context, req, res)) return;
    const matches = context.router.match(method, rawPath, query);
    if (matches.length === 0) {
        if (context.log) logAnswer(context.log, "-", req, res);
        const error = new ServiceError("UnknownOperationException", `No operation matches ${method} ${rawPath}.`, 404);
        sendError(res, undefined, error);
        return;
    }
    const route = pickRoute(matches, req);
    const { operation, model } = route;
    context.callCounts.set(operation.name, (context.callCounts.get(operation.name) ?? 0) + 1);
    const requestId = randomUUID();
    if (context.log) logAnswer(context.log, operation.name, req, res);

    // Faults come first, so a faulted request never changes anything (a lost answer is lost after the handler).
    const fault = context.faults.decide(operation.name);
    if (fault.delayMs > 0) {
        await sleep(fault.delayMs);
        if (context.closing || res.destroyed) return;
    }
    if (fault.kind === "drop") {
        req.socket.destroy();
        return;
    }
    try {
        if (fault.kind === "error") throw faultError(operation.service, fault.status);
        const input = decodeInput(model, operation, { labels: route.labels, query, headers: req.headers, body });
        validateInput(model, operation, input);
        const exceeded = context.rateLimiter?.acquire(operation.name, input);
        if (exceeded) throw throttled(describeExceeded(exceeded, operation.name));
        const output = invoke(context, model, operation, input, regionOf(req), requestId);
        const encoded = encodeOutput(model, operation, output);
        // The transaction has committed (and been journaled): losing the answer now is the fault.
        if (fault.kind === "loseAnswer") return loseAnswer(req, res);
        send(res, encoded.status, encoded.headers, encoded.body, requestId);
    } catch (error) {
        if (!(error instanceof ServiceError)) console.error(error);
        if (fault.kind === "loseAnswer") return loseAnswer(req, res);
        const serviceError = error instanceof ServiceError ? error : internalError(error);
        sendError(res, operation.service, serviceError, {}, requestId);
    }
}

/** Closes the connection without a byte of the answer, as a network failure after the service acted would. */
function loseAnswer(req: http.IncomingMessage, res: http.ServerResponse): void {
    lostAnswers.add(res);
    req.socket.destroy();
}

/** Runs the handler as one store transaction, answering a repeated idempotency token with the first answer. */
function invoke(
    context: EmulatorContext,
    model: SmithyModel,
    operation: OperationInfo,
    input: Record<string, unknown>,
    region: string,
    requestId: string,
): unknown {
    const handler = context.handlers[operation.service][operation.name];
    if (!handler) {
        throw new ServiceError("UnknownOperationException", `${operation.name} is not implemented.`, 501);
    }
    const callContext = {
        service: operation.service,
        operation: operation.name,
        region,
        accountId: context.accountId,
        now: Date.now(),
        requestId,
    };
    if (operation.service !== "lambda") refuseOtherRegions(input, callContext);
    const tokenMember = idempotencyTokenMember(model, operation);
    return context.store.transaction(() => {
        if (!tokenMember || typeof input[tokenMember] !== "string") return handler(input, callContext);
        const { [tokenMember]: _token, ...rest } = input;
        const digest = createHash("sha256").update(JSON.stringify(rest)).digest("hex");
        return answerIdempotently(
            tablesOf(context.store),
            // A token is the region's own: the same one sent to another region is a request that region never saw.
            `${region}:${operation.service}:${operation.name}`,
            tokenMember,
            input[tokenMember] as string,
            digest,
            callContext.now,
            () => handler(input, callContext),
        );
    });
}

const tokenMembers = new Map<string, string | undefined>();

function idempotencyTokenMember(model: SmithyModel, operation: OperationInfo): string | undefined {
    const key = `${operation.service}:${operation.name}`;
    if (!tokenMembers.has(key)) {
        const members = operation.inputShape ? (model.shape(operation.inputShape).members ?? {}) : {};
        const name = Object.keys(members).find((m) => members[m].traits?.["smithy.api#idempotencyToken"] !== undefined);
        tokenMembers.set(key, name);
    }
    return tokenMembers.get(key);
}
