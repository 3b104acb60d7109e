import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { nodeBinaries } from "../scripts/release/node-binaries";
import { archiveName, executableName, hostTarget, PLUGIN_TARGETS } from "../scripts/release/plugin-executables";
import { probePlugin } from "../scripts/release/plugin-probe";
import { buildRelease, packageVersion, RELEASE_DIR } from "../scripts/release/release";
import { REPO_ROOT } from "../scripts/repo-root";

/**
 * Plugin start-up benchmark (not a test): what every `pulumi` command pays for the plugin before it can ask
 * anything. Cold start, from exec to the port line and to the answer of GetSchema, of the self-contained plugin
 * (this machine's executable from the release folder), of the Node-script plugin (bin/, on the machine's Node.js),
 * and of a bare `node -e ''` of the same Node.js the executable is built on, and of the machine's, side by side in
 * one run, median of 10; then the size of each plugin archive. Targets: the self-contained plugin ready in at most
 * 3x a bare Node.js start; archives at most 50 MB.
 *
 *     npm run bench:plugin            # builds the release folder first when it is not there
 */

const RUNS = 10;
const TARGET_RATIO = 3;
const TARGET_ARCHIVE_MB = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds from exec to exit of a command. */
function timeToExit(command: string[]): Promise<number> {
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
        const child = spawn(command[0], command.slice(1), { stdio: "ignore" });
        child.once("error", reject);
        child.once("exit", () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    });
}

interface Row {
    what: string;
    portLine: number;
    schema?: number;
}

async function pluginRow(what: string, command: string[]): Promise<Row> {
    const portLine: number[] = [];
    const schema: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        const probe = await probePlugin(command);
        portLine.push(probe.portLineMs);
        schema.push(probe.schemaMs);
    }
    return { what, portLine: median(portLine), schema: median(schema) };
}

async function bareNodeRow(what: string, node: string): Promise<Row> {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeToExit([node, "-e", ""]));
    return { what, portLine: median(times) };
}

async function main(): Promise<void> {
    const version = packageVersion();
    const host = hostTarget();
    if (!host) throw new Error(`no plugin executable is built for ${process.platform}-${process.arch}`);
    if (!fs.existsSync(path.join(RELEASE_DIR, archiveName(version, host)))) await buildRelease();
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "chime-bench-plugin-"));
    try {
        fs.cpSync(path.join(RELEASE_DIR, archiveName(version, host)), path.join(unpacked, "plugin.tar.gz"));
        await new Promise((resolve) =>
            spawn("tar", ["-xzf", "plugin.tar.gz"], { cwd: unpacked, stdio: "ignore" }).once("exit", resolve),
        );
        const seaNode = path.join(nodeBinaries(), host.nodePackage, host.nodeBinary);
        const nodeScriptPlugin = path.join(REPO_ROOT, "bin", "pulumi-resource-chime-messaging");
        const rows = [
            await bareNodeRow(`bare node -e '' (Node.js ${process.versions.node}, this machine's)`, process.execPath),
            await bareNodeRow("bare node -e '' (Node.js of the executables)", seaNode),
            await pluginRow("self-contained plugin", [path.join(unpacked, executableName(host))]),
            await pluginRow("Node-script plugin", [nodeScriptPlugin]),
        ];
        const bare = rows[1].portLine;
        console.log(
            `\nPlugin start-up, median of ${RUNS} cold starts (ms; ratio to a bare start of the executables' Node.js)\n`,
        );
        console.log("| what | to the port line (bare node: to exit) | to GetSchema's answer | ratio |");
        console.log("|---|---|---|---|");
        for (const row of rows) {
            const schema = row.schema === undefined ? "" : row.schema.toFixed(0);
            console.log(
                `| ${row.what} | ${row.portLine.toFixed(0)} | ${schema} | ${(row.portLine / bare).toFixed(2)}x |`,
            );
        }
        const ratio = rows[2].portLine / bare;
        console.log(
            `\nself-contained plugin ready in ${ratio.toFixed(2)}x a bare Node.js start (target: at most ${TARGET_RATIO}x): ${ratio <= TARGET_RATIO ? "met" : "MISSED"}`,
        );
        console.log("\n| archive | size (MB) |\n|---|---|");
        let largest = 0;
        for (const t of PLUGIN_TARGETS) {
            const size = fs.statSync(path.join(RELEASE_DIR, archiveName(version, t))).size / 1e6;
            largest = Math.max(largest, size);
            console.log(`| ${archiveName(version, t)} | ${size.toFixed(1)} |`);
        }
        console.log(
            `\nlargest archive ${largest.toFixed(1)} MB (target: at most ${TARGET_ARCHIVE_MB} MB): ${largest <= TARGET_ARCHIVE_MB ? "met" : "MISSED"}`,
        );
    } finally {
        fs.rmSync(unpacked, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
