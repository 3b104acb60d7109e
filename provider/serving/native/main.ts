import { readPackageFile } from "../../../smithy/package-files";
import { watchEngine } from "../../engine-watchdog";
import { enableReplacementGuard } from "../../replacement-guard";
import { resourceProviderService, serve } from "./server";
import { PLUGIN_EXECUTABLE } from "./tokens";

/**
 * `pulumi-resource-chime-messaging`: the engine starts it with its own address as the last argument, reads the
 * port of the provider's gRPC server from the first line of stdout, and talks to it for as long as it lives. The
 * plugin ends itself within seconds when the engine is gone (a killed `pulumi up`), as the dynamic-provider hosts
 * do (see engine-watchdog.ts).
 */

async function main(args: string[]): Promise<void> {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const engineAddress = args.filter((arg) => !arg.startsWith("-")).pop();
    if (!engineAddress) {
        console.error(
            `${PLUGIN_EXECUTABLE}: the Pulumi engine starts this plugin with its address as the last argument`,
        );
        process.exit(2);
    }
    const { version } = JSON.parse(readPackageFile("package.json")) as { version: string };
    let schema: string | undefined;
    const readSchema = () => (schema ??= readPackageFile("schema.json"));
    const { port } = await serve(resourceProviderService(version, readSchema, engineAddress));
    watchEngine(engineAddress);
    enableReplacementGuard();
    // The engine reads the port from the first line; a string, so that Node does not colorize it.
    console.log(String(port));
}

main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`${PLUGIN_EXECUTABLE}: ${(error as Error).stack ?? error}`);
    process.exit(1);
});
