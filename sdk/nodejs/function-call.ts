import * as pulumi from "@pulumi/pulumi";

/**
 * Runs a provider function (provider/functions/) in the program's own process, with the core the dynamic
 * providers run and no plugin, and the stack's `aws:region` and `aws:profile` as the dynamic providers take them.
 * The core is loaded on the first call, so that a program that calls no function loads none of it. The invoke
 * options (a provider, a parent) have nothing to choose on this path.
 */
export async function callFunction<T>(name: string, args: object, _opts?: pulumi.InvokeOptions): Promise<T> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { applyStackConfig } = require("../../provider/aws") as typeof import("../../provider/aws");
    const { runFunction } = require("../../provider/functions") as typeof import("../../provider/functions");
    /* eslint-enable @typescript-eslint/no-require-imports */
    applyStackConfig({
        get(key: string) {
            const [namespace, name] = key.split(":");
            return new pulumi.Config(namespace).get(name);
        },
    });
    return (await runFunction(name, args as Record<string, unknown>)) as T;
}
