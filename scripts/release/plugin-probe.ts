import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import { spawn } from "child_process";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as net from "net";

/**
 * Starts a plugin executable as the engine does (its address as the last argument), and asks it what the engine
 * asks first: GetPluginInfo and GetSchema. For the release tests (an executable of another architecture runs
 * under qemu-user) and the start-up benchmark. A loopback listener stands for the engine, so that the plugin's
 * watch on the engine's address finds it alive.
 */

export interface PluginProbe {
    version: string;
    schema: string;
    /** Milliseconds from the start of the process to its port line, and to GetSchema's answer. */
    portLineMs: number;
    schemaMs: number;
    stderr: string;
}

export async function probePlugin(command: string[], env: NodeJS.ProcessEnv = process.env): Promise<PluginProbe> {
    const engine = net.createServer((socket) => socket.on("error", () => undefined));
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;
    const started = process.hrtime.bigint();
    const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(command[0], [...command.slice(1), engineAddress], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    let client: provrpc.ResourceProviderClient | undefined;
    try {
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const line = /^(\d+)\r?\n/.exec(stdout);
                if (line) resolve(Number(line[1]));
            });
            child.once("error", reject);
            child.once("exit", (code, signal) =>
                reject(new Error(`${command.join(" ")} exited (${code ?? signal}) before its port line:\n${stderr}`)),
            );
        });
        const portLineMs = elapsedMs();
        client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const ask = <T>(call: (callback: (error: grpc.ServiceError | null, value: T) => void) => void) =>
            new Promise<T>((resolve, reject) => call((error, value) => (error ? reject(error) : resolve(value))));
        const schemaResponse = await ask<provproto.GetSchemaResponse>((cb) =>
            client!.getSchema(new provproto.GetSchemaRequest(), cb),
        );
        const schemaMs = elapsedMs();
        const info = await ask<plugproto.PluginInfo>((cb) => client!.getPluginInfo(new emptyproto.Empty(), cb));
        return { version: info.getVersion(), schema: schemaResponse.getSchema(), portLineMs, schemaMs, stderr };
    } finally {
        client?.close();
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGKILL");
            await exited;
        }
        engine.close();
    }
}
