import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import { PartialFailure } from "../../errors";
import type { Props } from "../../resource-provider";
import { fromStruct, plainProperties, toStruct, withSecrets } from "./struct-values";
import { typeOfToken } from "./tokens";

/*
 * The resource semantics, the configuration and the components are loaded on the first call that needs them, not
 * at start: the engine waits for the port line of every plugin it starts, and GetPluginInfo and GetSchema (all
 * that `pulumi plugin install`, `pulumi package get-schema` and a YAML program's type check ask) need none of
 * the AWS SDK or @pulumi/pulumi's runtime.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const semantics = once(() => require("./semantics") as typeof import("./semantics"));
const components = once(() => require("./construct") as typeof import("./construct"));
/* eslint-enable @typescript-eslint/no-require-imports */

function once<T>(load: () => T): () => T {
    let loaded: T | undefined;
    return () => (loaded ??= load());
}

/**
 * The options of @pulumi/pulumi's own provider servers (`grpcChannelOptions` in runtime/settings.js, which loads
 * the SDK's whole runtime): messages up to 400 MiB, and half an hour before an unanswered call is cancelled.
 */
const GRPC_SERVER_OPTIONS = {
    "grpc.max_receive_message_length": 1024 * 1024 * 400,
    "grpc.server_max_unrequested_time_in_server": 30 * 60,
};

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
            return checkResponse(news, semantics().checkConfig(news).failures);
        }),

        diffConfig: answer<provproto.DiffRequest, provproto.DiffResponse>((request) => {
            const olds = request.hasOldInputs() ? fromStruct(request.getOldInputs()) : fromStruct(request.getOlds());
            const { changed, replaces } = semantics().diffConfig(olds, fromStruct(request.getNews()));
            return diffResponse(Object.fromEntries(changed.map((key) => [key, "UPDATE"])), replaces, false);
        }),

        configure: answer<provproto.ConfigureRequest, provproto.ConfigureResponse>((request) => {
            const args = request.hasArgs() ? fromStruct(request.getArgs()) : {};
            semantics().configure(args, Object.fromEntries(request.getVariablesMap().entries()));
            const response = new provproto.ConfigureResponse();
            response.setAcceptsecrets(true);
            response.setAcceptresources(false);
            response.setSupportspreview(true);
            return response;
        }),

        check: answer<provproto.CheckRequest, provproto.CheckResponse>((request) => {
            const news = plainProperties(request.getNews());
            const { inputs, failures } = semantics().nativeProvider.check(request.getUrn(), news.props);
            return checkResponse(withSecrets(inputs, news.secrets), failures);
        }),

        diff: answer<provproto.DiffRequest, provproto.DiffResponse>((request) => {
            const { detailed, replaces, deleteBeforeReplace } = semantics().nativeProvider.diff(
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
            const { id, outs } = await semantics().nativeProvider.create(request.getUrn(), inputs);
            response.setId(id);
            response.setProperties(toStruct(withSecrets(outs, secrets)));
            return response;
        }),

        read: answer<provproto.ReadRequest, provproto.ReadResponse>(async (request) => {
            const live = await semantics().nativeProvider.read(
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
                : await semantics().nativeProvider.update(request.getUrn(), request.getId(), olds, news);
            response.setProperties(toStruct(withSecrets(outs, secrets)));
            return response;
        }),

        delete: answer<provproto.DeleteRequest, emptyproto.Empty>(async (request) => {
            await semantics().nativeProvider.delete(
                request.getUrn(),
                request.getId(),
                fromStruct(request.getProperties()),
            );
            return new emptyproto.Empty();
        }),

        construct: answer<provproto.ConstructRequest, provproto.ConstructResponse>((request) =>
            components().construct(request, engineAddress),
        ),

        invoke: answer<provproto.InvokeRequest, provproto.InvokeResponse>(async (request) => {
            const name = typeOfToken(request.getTok());
            if (!name) throw new Error(`chime-messaging has no function ${request.getTok()}`);
            const response = new provproto.InvokeResponse();
            response.setReturn(toStruct(await semantics().runFunction(name, fromStruct(request.getArgs()))));
            return response;
        }),

        cancel: answer<emptyproto.Empty, emptyproto.Empty>(() => new emptyproto.Empty()),
    };
}

/** Serves the service on a port of 127.0.0.1; returns the server and the port. */
export async function serve(
    implementation: ReturnType<typeof resourceProviderService>,
): Promise<{ server: grpc.Server; port: number }> {
    const server = new grpc.Server(GRPC_SERVER_OPTIONS);
    server.addService(provrpc.ResourceProviderService, implementation as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return { server, port };
}
