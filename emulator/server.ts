import * as http from "http";
import { createHash, randomUUID } from "crypto";
import { AddressInfo } from "net";
import { loadModel, OperationInfo, ServiceName, SmithyModel } from "../smithy/model";
import { decodeInput, encodeOutput, validateInput } from "./protocol/codec";
import { encodeError, faultError, ServiceError } from "./protocol/errors";
import { RouteMatch, Router } from "./protocol/router";
import { FaultInjector, FaultSettings } from "./faults";
import { DOCUMENTED_RATE_RULES, RateLimiter, RateRule } from "./rate-limits";
import { Store } from "./store";
import { createServiceHandlers } from "./services";
import { ServiceHandlers } from "./services/types";
import { tablesOf } from "./services/tables";
import { handleAdminRequest, ADMIN_PREFIX } from "./admin";

export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    host?: string;
    /** Persist state in this folder (snapshot + journal); in memory only when absent. */
    dataDir?: string;
    /** fsync every commit (survives power loss; slower). */
    fsync?: boolean;
    /** Enforce the documented TPS quotas (or the given rules). Off by default. */
    rateLimits?: boolean | RateRule[];
    faults?: Partial<FaultSettings>;
    /** The account of every ARN the emulator makes. */
    accountId?: string;
}

export interface RunningEmulator {
    /** http://127.0.0.1:<port>, the value for AWS_ENDPOINT_URL. */
    url: string;
    port: number;
    store: Store;
    faults: FaultInjector;
    /** Requests answered, by operation name (admin requests excluded). */
    callCounts: Map<string, number>;
    close(): Promise<void>;
}

export const DEFAULT_ACCOUNT_ID = "123456789012";

interface Context {
    router: Router;
    handlers: Record<ServiceName, ServiceHandlers>;
    store: Store;
    faults: FaultInjector;
    rateLimiter: RateLimiter | undefined;
    accountId: string;
    callCounts: Map<string, number>;
    reset(): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    const models = (["messaging", "identity", "lambda"] as ServiceName[]).map((s) => loadModel(s));
    const store = new Store({ dataDir: options.dataDir, fsync: options.fsync });
    tablesOf(store);
    const rules = options.rateLimits === true ? DOCUMENTED_RATE_RULES : options.rateLimits || undefined;
    const context: Context = {
        router: new Router(models),
        handlers: createServiceHandlers(store, { accountId }),
        store,
        faults: new FaultInjector(options.faults),
        rateLimiter: rules ? new RateLimiter(rules) : undefined,
        accountId,
        callCounts: new Map(),
        reset() {
            store.reset();
            this.callCounts.clear();
            if (rules) this.rateLimiter = new RateLimiter(rules);
        },
    };

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            handleRequest(context, req, res, Buffer.concat(chunks)).catch((error: unknown) => {
                if (!res.headersSent) {
                    res.writeHead(500, { "content-type": "text/plain" });
                    res.end(String(error));
                }
            });
        });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
    return {
        url: `http://${host}:${port}`,
        port,
        store,
        faults: context.faults,
        callCounts: context.callCounts,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => {
                    store.close();
                    resolve();
                });
                server.closeAllConnections();
            }),
    };
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

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    res.writeHead(status, { ...headers, "x-amzn-requestid": randomUUID(), "content-length": Buffer.byteLength(body) });
    res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleRequest(
    context: Context,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const rawPath = (req.url ?? "/").split("?")[0];
    if (rawPath.startsWith(ADMIN_PREFIX)) {
        const answer = handleAdminRequest(context, req.method ?? "GET", rawPath, body);
        send(res, answer.status, { "content-type": "application/json" }, JSON.stringify(answer.body));
        return;
    }
    const matches = context.router.match(req.method ?? "GET", rawPath, url.searchParams);
    if (matches.length === 0) {
        const error = new ServiceError("UnknownOperationException", `No operation matches ${req.method} ${rawPath}`, 404);
        const encoded = encodeError(undefined, error);
        send(res, encoded.status, encoded.headers, encoded.body);
        return;
    }
    const route = pickRoute(matches, req);
    const { operation, model } = route;
    const fault = context.faults.decide(operation.name);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.kind === "drop") {
        req.socket.destroy();
        return;
    }
    try {
        if (fault.kind === "error") throw faultError(operation.service, fault.status);
        const input = decodeInput(model, operation, {
            labels: route.labels,
            query: url.searchParams,
            headers: req.headers,
            body,
        });
        validateInput(model, operation, input);
        if (context.rateLimiter && !context.rateLimiter.tryAcquire(operation.name, input)) {
            throw faultError(operation.service, 429);
        }
        const output = invoke(context, model, operation, input, req);
        context.callCounts.set(operation.name, (context.callCounts.get(operation.name) ?? 0) + 1);
        const encoded = encodeOutput(model, operation, output);
        send(res, encoded.status, encoded.headers, encoded.body);
    } catch (error) {
        const serviceError =
            error instanceof ServiceError
                ? error
                : new ServiceError("ServiceFailureException", `Internal error: ${(error as Error).message}`, 500);
        if (!(error instanceof ServiceError)) console.error(error);
        const encoded = encodeError(operation.service, serviceError);
        send(res, encoded.status, encoded.headers, encoded.body);
    }
}

/** Runs the handler as one store transaction, answering a repeated idempotency token with the first answer. */
function invoke(
    context: Context,
    model: SmithyModel,
    operation: OperationInfo,
    input: Record<string, unknown>,
    req: http.IncomingMessage,
): unknown {
    const handler = context.handlers[operation.service][operation.name];
    if (!handler) {
        throw new ServiceError("UnknownOperationException", `${operation.name} is not implemented.`, 501);
    }
    const callContext = {
        service: operation.service,
        operation: operation.name,
        region: regionOf(req),
        accountId: context.accountId,
        now: Date.now(),
        requestId: randomUUID(),
    };
    const tokenMember = idempotencyTokenMember(model, operation);
    return context.store.transaction(() => {
        if (!tokenMember || typeof input[tokenMember] !== "string") return handler(input, callContext);
        const { idempotency } = tablesOf(context.store);
        const key = `${operation.service}:${operation.name}`;
        const token = input[tokenMember] as string;
        const { [tokenMember]: _token, ...rest } = input;
        const digest = createHash("sha256").update(JSON.stringify(rest)).digest("hex");
        const earlier = idempotency.get(key, token);
        if (earlier) {
            if (earlier.inputDigest !== digest) {
                throw new ServiceError(
                    "ConflictException",
                    `The ${tokenMember} ${token} was already used with a different request.`,
                    409,
                );
            }
            return earlier.output;
        }
        const output = handler(input, callContext);
        idempotency.set(key, token, { inputDigest: digest, output: output ?? null });
        return output;
    });
}

const tokenMembers = new Map<string, string | undefined>();

function idempotencyTokenMember(model: SmithyModel, operation: OperationInfo): string | undefined {
    const key = `${operation.service}:${operation.name}`;
    if (!tokenMembers.has(key)) {
        const members = operation.inputShape ? model.shape(operation.inputShape).members ?? {} : {};
        const name = Object.keys(members).find(
            (m) => members[m].traits?.["smithy.api#idempotencyToken"] !== undefined,
        );
        tokenMembers.set(key, name);
    }
    return tokenMembers.get(key);
}

export type EmulatorContext = Context;
