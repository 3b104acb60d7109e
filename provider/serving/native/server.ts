import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as pulumi from "@pulumi/pulumi";
import { PartialFailure } from "../../errors";
import type { Props } from "../../resource-provider";
import { constructComponent } from "./components";
import { checkConfig, configure, diffConfig } from "./configuration";
import { nativeProvider } from "./provider";
import { grpcChannelOptions, serializeResourceProperties, withConstructRuntime } from "./sdk-runtime";
import { typeOfToken } from "./tokens";

/**
 * The wire of the native plugin: the engine's pulumirpc.ResourceProvider gRPC service, served with the stubs that
 * @pulumi/pulumi ships, over the plugin's resource semantics (provider.ts). Only protobuf lives here: Structs in and
 * out, check failures, detailed diffs, and errors (a partly done create or update is reported as the engine's
 * ErrorResourceInitFailed, so the engine records what exists).
 *
 * It is served by hand rather than through @pulumi/pulumi's own `provider.main`, which sends no detailed diff,
 * never passes the provider its configuration, and cannot read a resource for `pulumi import`.
 */

type Callback<T> = grpc.sendUnaryData<T>;
type Call<T> = grpc.ServerUnaryCall<T, unknown>;

/** A Struct of plain JSON values (undefined members dropped: a Struct cannot hold them). */
const toStruct = (value: Props) => structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));

/** How the engine marks a secret value in a Struct (the plugin accepts secrets: component Construct requires it). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function unwrapSecrets(value: unknown, found: { secret: boolean }): unknown {
    if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, found));
    if (value && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SIG_KEY] === SECRET_SIG) {
            found.secret = true;
            return unwrapSecrets(record.value, found);
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v, found)]));
    }
    return value;
}

/** A request's properties as plain values. */
function fromStruct(struct: structproto.Struct | undefined): Props {
    return plainProperties(struct).props;
}

/** A request's properties as plain values, and which of them held a secret anywhere inside. */
function plainProperties(struct: structproto.Struct | undefined): { props: Props; secrets: Set<string> } {
    const secrets = new Set<string>();
    const props: Props = {};
    for (const [key, value] of Object.entries((struct?.toJavaScript() as Props) ?? {})) {
        const found = { secret: false };
        props[key] = unwrapSecrets(value, found);
        if (found.secret) secrets.add(key);
    }
    return { props, secrets };
}

/** Outputs whose inputs were secret are secret too (the engine would otherwise show and store them in the clear). */
function withSecrets(props: Props, secrets: Set<string>): Props {
    return Object.fromEntries(
        Object.entries(props).map(([key, value]) => [
            key,
            secrets.has(key) && value !== undefined ? { [SIG_KEY]: SECRET_SIG, value } : value,
        ]),
    );
}

function errorResponse(error: unknown): grpc.ServiceError {
    const message = (error as Error)?.message ?? String(error);
    const metadata = new grpc.Metadata();
    if (error instanceof PartialFailure) {
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(error.id);
        detail.setProperties(toStruct(error.properties));
        detail.setReasonsList(error.reasons);
        const any = new anyproto.Any();
        any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        status.addDetails(any);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

/** The value of an Output that is always known (a URN). */
const known = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((value) => resolve(value)));

/** Answers a unary call with what `work` returns, or with its error. */
function answer<Req, Res>(work: (request: Req) => Res | Promise<Res>) {
    return async (call: Call<Req>, callback: Callback<Res>) => {
        try {
            callback(null, await work(call.request));
        } catch (error) {
            callback(errorResponse(error), null);
        }
    };
}

function checkResponse(inputs: Props, failures: { property: string; reason: string }[]): provproto.CheckResponse {
    const response = new provproto.CheckResponse();
    response.setInputs(toStruct(inputs));
    response.setFailuresList(
        failures.map((f) => {
            const failure = new provproto.CheckFailure();
            failure.setProperty(f.property);
            failure.setReason(f.reason);
            return failure;
        }),
    );
    return response;
}

const PROPERTY_CHANGE: Record<string, provproto.PropertyDiff.Kind> = {
    ADD: provproto.PropertyDiff.Kind.ADD,
    ADD_REPLACE: provproto.PropertyDiff.Kind.ADD_REPLACE,
    DELETE: provproto.PropertyDiff.Kind.DELETE,
    DELETE_REPLACE: provproto.PropertyDiff.Kind.DELETE_REPLACE,
    UPDATE: provproto.PropertyDiff.Kind.UPDATE,
    UPDATE_REPLACE: provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

function diffResponse(
    detailed: Record<string, string>,
    replaces: string[],
    deleteBeforeReplace: boolean,
): provproto.DiffResponse {
    const response = new provproto.DiffResponse();
    const changed = Object.keys(detailed);
    response.setChanges(
        changed.length > 0
            ? provproto.DiffResponse.DiffChanges.DIFF_SOME
            : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
    response.setDiffsList(changed);
    response.setReplacesList(replaces);
    response.setDeletebeforereplace(deleteBeforeReplace);
    response.setHasdetaileddiff(true);
    const map = response.getDetaileddiffMap();
    for (const [property, kind] of Object.entries(detailed)) {
        const diff = new provproto.PropertyDiff();
        diff.setKind(PROPERTY_CHANGE[kind]);
        diff.setInputdiff(true);
        map.set(property, diff);
    }
    return response;
}

export function resourceProviderService(version: string, schema: () => string, engineAddress: string) {
    return {
        getPluginInfo: answer<emptyproto.Empty, plugproto.PluginInfo>(() => {
            const info = new plugproto.PluginInfo();
            info.setVersion(version);
            return info;
        }),

        getSchema: answer<provproto.GetSchemaRequest, provproto.GetSchemaResponse>((request) => {
            if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
            const response = new provproto.GetSchemaResponse();
            response.setSchema(schema());
            return response;
        }),

        checkConfig: answer<provproto.CheckRequest, provproto.CheckResponse>((request) => {
            const news = fromStruct(request.getNews());
            return checkResponse(news, checkConfig(news).failures);
        }),

        diffConfig: answer<provproto.DiffRequest, provproto.DiffResponse>((request) => {
            const olds = request.hasOldInputs() ? fromStruct(request.getOldInputs()) : fromStruct(request.getOlds());
            const { changed, replaces } = diffConfig(olds, fromStruct(request.getNews()));
            return diffResponse(Object.fromEntries(changed.map((key) => [key, "UPDATE"])), replaces, false);
        }),

        configure: answer<provproto.ConfigureRequest, provproto.ConfigureResponse>((request) => {
            const args = request.hasArgs() ? fromStruct(request.getArgs()) : {};
            configure(args, Object.fromEntries(request.getVariablesMap().entries()));
            const response = new provproto.ConfigureResponse();
            response.setAcceptsecrets(true);
            response.setAcceptresources(false);
            response.setSupportspreview(true);
            return response;
        }),

        check: answer<provproto.CheckRequest, provproto.CheckResponse>((request) => {
            const news = plainProperties(request.getNews());
            const { inputs, failures } = nativeProvider.check(request.getUrn(), news.props);
            return checkResponse(withSecrets(inputs, news.secrets), failures);
        }),

        diff: answer<provproto.DiffRequest, provproto.DiffResponse>((request) => {
            const { detailed, replaces, deleteBeforeReplace } = nativeProvider.diff(
                request.getUrn(),
                fromStruct(request.getOlds()),
                fromStruct(request.getNews()),
            );
            return diffResponse(detailed, replaces, deleteBeforeReplace);
        }),

        create: answer<provproto.CreateRequest, provproto.CreateResponse>(async (request) => {
            const { props: inputs, secrets } = plainProperties(request.getProperties());
            const response = new provproto.CreateResponse();
            if (request.getPreview()) {
                // The outputs the service fills in are unknown until it has made the resource.
                response.setProperties(toStruct(withSecrets(inputs, secrets)));
                return response;
            }
            const { id, outs } = await nativeProvider.create(request.getUrn(), inputs);
            response.setId(id);
            response.setProperties(toStruct(withSecrets(outs, secrets)));
            return response;
        }),

        read: answer<provproto.ReadRequest, provproto.ReadResponse>(async (request) => {
            const live = await nativeProvider.read(
                request.getUrn(),
                request.getId(),
                fromStruct(request.getProperties()),
            );
            const response = new provproto.ReadResponse();
            if (!live) return response; // no id: the resource is gone
            response.setId(request.getId());
            response.setProperties(toStruct(live.props));
            response.setInputs(toStruct(live.inputs));
            return response;
        }),

        update: answer<provproto.UpdateRequest, provproto.UpdateResponse>(async (request) => {
            const olds = fromStruct(request.getOlds());
            const { props: news, secrets } = plainProperties(request.getNews());
            const response = new provproto.UpdateResponse();
            const outs = request.getPreview()
                ? { ...olds, ...news }
                : await nativeProvider.update(request.getUrn(), request.getId(), olds, news);
            response.setProperties(toStruct(withSecrets(outs, secrets)));
            return response;
        }),

        delete: answer<provproto.DeleteRequest, emptyproto.Empty>(async (request) => {
            await nativeProvider.delete(request.getUrn(), request.getId(), fromStruct(request.getProperties()));
            return new emptyproto.Empty();
        }),

        construct: answer<provproto.ConstructRequest, provproto.ConstructResponse>((request) => {
            const type = typeOfToken(request.getType());
            if (!type) throw new Error(`chime-messaging has no component ${request.getType()}`);
            return withConstructRuntime(request, engineAddress, async (inputs) => {
                const opts: pulumi.ComponentResourceOptions = {
                    parent: request.getParent() ? new pulumi.DependencyResource(request.getParent()) : undefined,
                    dependsOn: request.getDependenciesList().map((urn) => new pulumi.DependencyResource(urn)),
                    protect: request.getProtect(),
                };
                const { urn, state } = constructComponent(type, request.getName(), inputs, opts);
                const response = new provproto.ConstructResponse();
                response.setUrn(await known(urn));
                const [serialized, dependencies] = await serializeResourceProperties(
                    `construct(${request.getType()}, ${request.getName()})`,
                    state,
                );
                response.setState(toStruct(serialized));
                for (const [key, resources] of dependencies) {
                    const deps = new provproto.ConstructResponse.PropertyDependencies();
                    deps.setUrnsList(await Promise.all([...resources].map((r) => known(r.urn))));
                    response.getStatedependenciesMap().set(key, deps);
                }
                return response;
            });
        }),

        cancel: answer<emptyproto.Empty, emptyproto.Empty>(() => new emptyproto.Empty()),
    };
}

/** Serves the service on a port of 127.0.0.1; returns the server and the port. */
export async function serve(
    implementation: ReturnType<typeof resourceProviderService>,
): Promise<{ server: grpc.Server; port: number }> {
    const server = new grpc.Server(grpcChannelOptions);
    server.addService(provrpc.ResourceProviderService, implementation as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return { server, port };
}
