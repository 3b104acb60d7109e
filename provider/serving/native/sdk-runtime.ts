/* eslint-disable @typescript-eslint/no-require-imports */
import type * as pulumi from "@pulumi/pulumi";
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";

/**
 * The parts of @pulumi/pulumi's own provider host (provider/server.js) that a component's Construct needs: pointing
 * the SDK's runtime at the engine's resource monitor for the duration of one call, and turning the request's
 * inputs, with their dependencies and secrets, into Outputs. The SDK marks them internal, so they are reached here,
 * in one place, with the types this module declares; the tests run them on the oldest and the newest SDK the
 * package supports.
 */

interface Settings {
    resetOptions(
        project: string,
        stack: string,
        parallel: number,
        engineAddr: string,
        monitorAddr: string,
        preview: boolean,
        organization: string,
    ): void;
    awaitFeatureSupport(): Promise<void>;
    waitForRPCs(): Promise<void>;
}

const settings = require("@pulumi/pulumi/runtime/settings") as Settings;
const config = require("@pulumi/pulumi/runtime/config") as {
    setAllConfig(c: Record<string, string>, secretKeys?: string[]): void;
};
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
    serializeResourceProperties(
        label: string,
        props: pulumi.Inputs,
    ): Promise<[Record<string, unknown>, Map<string, Set<pulumi.Resource>>]>;
};
const state = require("@pulumi/pulumi/runtime/state") as { withLocalStorage<T>(fn: () => Promise<T>): Promise<T> };
const server = require("@pulumi/pulumi/provider/server") as {
    deserializeInputs(
        inputs: unknown,
        dependencies: ReturnType<provproto.ConstructRequest["getInputdependenciesMap"]>,
    ): Promise<pulumi.Inputs>;
};

/** Runs `fn` with the SDK's runtime pointed at the monitor and configuration of a Construct request. */
export function withConstructRuntime<T>(
    request: provproto.ConstructRequest,
    engineAddress: string,
    fn: (inputs: pulumi.Inputs) => Promise<T>,
): Promise<T> {
    return state.withLocalStorage(async () => {
        settings.resetOptions(
            request.getProject(),
            request.getStack(),
            request.getParallel(),
            engineAddress,
            request.getMonitorendpoint(),
            request.getDryrun(),
            request.getOrganization(),
        );
        await settings.awaitFeatureSupport();
        config.setAllConfig(Object.fromEntries(request.getConfigMap().entries()), request.getConfigsecretkeysList());
        const inputs = await server.deserializeInputs(request.getInputs(), request.getInputdependenciesMap());
        const result = await fn(inputs);
        await settings.waitForRPCs();
        return result;
    });
}

export const serializeResourceProperties = rpc.serializeResourceProperties;
