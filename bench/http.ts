import * as http from "http";

/** Raw keep-alive HTTP to the emulator, as the AWS SDKs send it (JSON bodies, the bearer header, no signing). */
export interface BenchRequest {
    method: string;
    path: string;
    bearer?: string;
    body?: unknown;
}

export interface BenchAnswer {
    status: number;
    body: string;
}

export function request(agent: http.Agent, base: URL, req: BenchRequest): Promise<BenchAnswer> {
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = Buffer.byteLength(payload);
    }
    if (req.bearer) headers["x-amz-chime-bearer"] = req.bearer;
    return new Promise((resolve, reject) => {
        const outgoing = http.request(
            { agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () =>
                    resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
                );
                res.on("error", reject);
            },
        );
        outgoing.on("error", reject);
        outgoing.end(payload);
    });
}

/** Sends and parses the JSON answer; throws on anything but 2xx. */
export async function call<T = Record<string, unknown>>(agent: http.Agent, base: URL, req: BenchRequest): Promise<T> {
    const answer = await request(agent, base, req);
    if (answer.status < 200 || answer.status >= 300) {
        throw new Error(`${req.method} ${req.path} answered ${answer.status}: ${answer.body}`);
    }
    return (answer.body ? JSON.parse(answer.body) : {}) as T;
}

export const enc = encodeURIComponent;
