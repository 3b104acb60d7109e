import { OperationInfo, SmithyModel } from "../../smithy/model";

export interface RouteMatch {
    operation: OperationInfo;
    model: SmithyModel;
    /** Path labels, percent-decoded. */
    labels: Record<string, string>;
}

interface Route {
    operation: OperationInfo;
    model: SmithyModel;
    literalQueryCount: number;
    literalQuery: [string, string][];
    /** Positions and texts of the fixed path segments, checked before any label is decoded. */
    fixedSegments: [number, string][];
    /** Positions and names of the labels. */
    labelSegments: [number, string][];
}

/**
 * Matches a request to an operation from the models' http traits. Routing must happen on the raw path: ARNs in
 * labels are percent-encoded in full (`/` as `%2F`), so a label is one raw segment. Operations that share a path
 * are told apart by the literal query of their URI (`?operation=batch-create`, `?scope=...`); the most specific
 * match wins. A general-purpose router does not route on query parameters, hence this small one.
 */
export class Router {
    private readonly routes = new Map<string, Route[]>();

    constructor(models: SmithyModel[]) {
        for (const model of models) {
            for (const operation of model.operations) {
                const key = `${operation.http.method} ${operation.http.segments.length}`;
                const list = this.routes.get(key) ?? [];
                const literalQuery = Object.entries(operation.http.literalQuery);
                const fixedSegments: [number, string][] = [];
                const labelSegments: [number, string][] = [];
                operation.http.segments.forEach((t, i) => {
                    const isLabel = t.startsWith("{") && t.endsWith("}");
                    if (isLabel) labelSegments.push([i, t.slice(1, -1).replace(/\+$/, "")]);
                    else fixedSegments.push([i, t]);
                });
                list.push({
                    operation,
                    model,
                    literalQueryCount: literalQuery.length,
                    literalQuery,
                    fixedSegments,
                    labelSegments,
                });
                this.routes.set(key, list);
            }
        }
        for (const list of this.routes.values()) list.sort((a, b) => b.literalQueryCount - a.literalQueryCount);
    }

    /**
     * All operations matching the request, most specific first. Several services can define the same route
     * (both Chime services serve `/tags`); the caller picks among them.
     */
    match(method: string, rawPath: string, query: URLSearchParams): RouteMatch[] {
        // An empty segment inside the path is an empty label (`/messages/` for an empty MessageId), which the
        // validator then refuses by name; empty segments at the start come from an endpoint with a trailing slash.
        const segments = rawPath.split("/");
        let start = 0;
        while (start < segments.length && segments[start] === "") start++;
        segments.splice(0, start);
        const candidates = this.routes.get(`${method} ${segments.length}`) ?? [];
        const found: RouteMatch[] = [];
        let bestSpecificity = -1;
        for (const route of candidates) {
            if (route.literalQueryCount < bestSpecificity) break;
            if (!route.fixedSegments.every(([i, text]) => segments[i] === text)) continue;
            if (!route.literalQuery.every(([k, v]) => query.get(k) === v)) continue;
            const labels = decodeLabels(route.labelSegments, segments);
            if (!labels) continue;
            bestSpecificity = route.literalQueryCount;
            found.push({ operation: route.operation, model: route.model, labels });
        }
        return found;
    }
}

function decodeLabels(labelSegments: [number, string][], segments: string[]): Record<string, string> | undefined {
    const labels: Record<string, string> = {};
    for (const [i, name] of labelSegments) {
        try {
            labels[name] = decodeURIComponent(segments[i]);
        } catch {
            return undefined;
        }
    }
    return labels;
}
