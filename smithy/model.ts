import * as fs from "fs";
import * as path from "path";
import { packageRoot, readPackageFile } from "./package-files";

/**
 * A loaded Smithy JSON AST (the format of the official AWS API models). The emulator derives its routing, wire
 * format and input validation from these models, and the provider validates resource inputs against the same
 * shapes, so both agree with the service on every constraint.
 */

export type ServiceName = "messaging" | "identity" | "lambda";

export interface MemberRef {
    target: string;
    traits?: Record<string, unknown>;
}

export interface Shape {
    type: string;
    members?: Record<string, MemberRef>;
    member?: MemberRef;
    key?: MemberRef;
    value?: MemberRef;
    traits?: Record<string, unknown>;
    input?: { target: string };
    output?: { target: string };
    errors?: { target: string }[];
    operations?: { target: string }[];
}

export interface HttpBinding {
    method: string;
    /** Path segments of the URI template, e.g. ["channels", "{ChannelArn}", "memberships"]. */
    segments: string[];
    /** Literal query parameters that are part of the URI template, e.g. {operation: "batch-create"}. */
    literalQuery: Record<string, string>;
    code: number;
}

export interface OperationInfo {
    service: ServiceName;
    name: string;
    http: HttpBinding;
    inputShape?: string;
    outputShape?: string;
    errors: string[];
}

export interface LengthTrait {
    min?: number;
    max?: number;
}
export interface RangeTrait {
    min?: number;
    max?: number;
}

const MODEL_FILES: Record<ServiceName, string> = {
    messaging: "chime-sdk-messaging-2021-05-15.json",
    identity: "chime-sdk-identity-2021-04-20.json",
    lambda: "lambda-2015-03-31-subset.json",
};

/** The folder holding the models shipped with this package (models/). */
export const modelsDirectory = () => path.join(packageRoot(), "models");

export class SmithyModel {
    readonly shapes: Record<string, Shape>;
    readonly operations: OperationInfo[];
    readonly namespace: string;
    private readonly patternCache = new Map<string, RegExp>();

    constructor(
        readonly service: ServiceName,
        ast: { shapes: Record<string, Shape> },
    ) {
        this.shapes = ast.shapes;
        const serviceId = Object.keys(this.shapes).find((id) => this.shapes[id].type === "service");
        if (!serviceId) throw new Error(`model for ${service} has no service shape`);
        this.namespace = serviceId.split("#")[0];
        this.operations = (this.shapes[serviceId].operations ?? []).map(({ target }) => this.operationInfo(target));
    }

    shape(id: string): Shape {
        const shape = this.shapes[id];
        if (!shape) throw new Error(`unknown shape ${id}`);
        return shape;
    }

    /** Resolves a short shape name ("ChimeArn") or a full id to the full id within this model's namespace. */
    shapeId(name: string): string {
        return name.includes("#") ? name : `${this.namespace}#${name}`;
    }

    operation(name: string): OperationInfo {
        const op = this.operations.find((o) => o.name === name);
        if (!op) throw new Error(`unknown operation ${this.service}:${name}`);
        return op;
    }

    /** The compiled pattern trait of a shape, if it has one. */
    pattern(shapeId: string): RegExp | undefined {
        const source = this.shapes[shapeId]?.traits?.["smithy.api#pattern"] as string | undefined;
        if (source === undefined) return undefined;
        let compiled = this.patternCache.get(shapeId);
        if (!compiled) {
            compiled = compileSmithyPattern(source);
            this.patternCache.set(shapeId, compiled);
        }
        return compiled;
    }

    private operationInfo(id: string): OperationInfo {
        const shape = this.shape(id);
        const http = shape.traits?.["smithy.api#http"] as { method: string; uri: string; code?: number };
        if (!http) throw new Error(`operation ${id} has no http trait`);
        const [pathPart, queryPart] = http.uri.split("?");
        const literalQuery: Record<string, string> = {};
        if (queryPart) {
            for (const pair of queryPart.split("&")) {
                const [k, v = ""] = pair.split("=");
                literalQuery[k] = v;
            }
        }
        return {
            service: this.service,
            name: id.split("#")[1],
            http: {
                method: http.method,
                segments: pathPart.split("/").filter((s) => s.length > 0),
                literalQuery,
                code: http.code ?? 200,
            },
            inputShape: withoutUnit(shape.input?.target),
            outputShape: withoutUnit(shape.output?.target),
            errors: (shape.errors ?? []).map((e) => e.target),
        };
    }
}

/** `smithy.api#Unit` (an operation without input or output) is a prelude shape, not in the model's shapes. */
function withoutUnit(target: string | undefined): string | undefined {
    return target === "smithy.api#Unit" ? undefined : target;
}

/**
 * Smithy patterns are ECMAScript regular expressions, but the AWS models write astral code points as `\u10000`,
 * which JavaScript only understands as `\u{10000}` under the `u` flag; the `u` flag in turn rejects needless
 * escapes such as `\:` or `\@`, which the models also use.
 */
export function compileSmithyPattern(source: string): RegExp {
    const converted = source
        .replace(/\\u([0-9A-Fa-f]{5,6})/g, "\\u{$1}")
        .replace(/\\([^A-Za-z0-9\\^$.*+?()[\]{}|/-])/g, "$1");
    return new RegExp(converted, "u");
}

let cache: Partial<Record<ServiceName, SmithyModel>> = {};

/** Loads (once) the model of a service from the package's models (or from another folder's, uncached). */
export function loadModel(service: ServiceName, directory?: string): SmithyModel {
    // Only a folder given is compared with the package's: the self-contained plugin has no package folder.
    if (directory !== undefined && directory !== modelsDirectory()) {
        return new SmithyModel(
            service,
            JSON.parse(fs.readFileSync(path.join(directory, MODEL_FILES[service]), "utf8")),
        );
    }
    let model = cache[service];
    if (!model) {
        model = new SmithyModel(service, JSON.parse(readPackageFile(`models/${MODEL_FILES[service]}`)));
        cache[service] = model;
    }
    return model;
}

export function modelFileName(service: ServiceName): string {
    return MODEL_FILES[service];
}

/** For tests that load models from another folder. */
export function clearModelCache(): void {
    cache = {};
}
