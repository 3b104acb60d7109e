/**
 * Benchmark: a large stack through the real Pulumi CLI (file backend) against the emulator, with rate limits and
 * pacing off, served by the dynamic providers and by the native plugin, next to the same graph of resources on a
 * trivial dynamic provider (bench/scale-stack/index.js).
 * The default stack is the 608 resources of one app instance, its admin and 5 users, and 100 channels with 5
 * single ChannelMembership each. The variants run interleaved (each operation of one, then the same of the
 * other), from a project that installed the packed package as a user's does.
 *
 * Prints, for `up`, a second `up`, `preview` and `destroy`, the time of each serving and its ratio to the trivial
 * provider, and the state's bytes per resource; with --batch, the same stack with one ChannelMemberships per
 * channel instead. Targets: `up` and `destroy` at most 1.15x (dynamic) and 1.0x (native), the second `up` and
 * `preview` at most 1.1x (both), and fewer state bytes per resource for the native plugin than the dynamic path.
 *
 *     npm run bench:scale                              # 100 channels of 5 members
 *     npm run bench:scale -- --channels 10 --rounds 2  # a quick run
 *     npm run bench:scale -- --batch                   # also ChannelMemberships, for the speed-up it gives
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { Stack } from "@pulumi/pulumi/automation";
import { startEmulator } from "../emulator";
import { PACING_ENV } from "../provider/pacing";
import { localStack, pulumiBinDir, REPO_ROOT } from "../scripts/local-pulumi";
import { packedBinDir, packedProjectFolder, stagePackedProject } from "../scripts/packed-package";

const STATE_TARGET = 1.1;

/** The most each serving's time may be, as a ratio to the trivial provider's, per operation. */
const TIME_TARGETS: Record<"chime" | "chime-native", Record<string, number>> = {
    chime: { up: 1.15, "second up": 1.1, preview: 1.1, destroy: 1.15 },
    "chime-native": { up: 1.0, "second up": 1.1, preview: 1.1, destroy: 1.0 },
};

const OPERATIONS = ["up", "second up", "preview", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];

type VariantName = "chime" | "trivial" | "chime-native" | "chime-batch";

interface Variant {
    name: VariantName;
    stack: Stack;
    backendDir: string;
    seconds: Record<Operation, number[]>;
    state?: StateSize;
}

interface StateSize {
    resources: number;
    bytesPerResource: number;
    providerBytes: number;
}

/** The stack's checkpoint file as the file backend keeps it (rewritten after every step). */
function stateFile(backendDir: string): string {
    const stacks = path.join(backendDir, ".pulumi", "stacks");
    const found = fs
        .readdirSync(stacks, { recursive: true, withFileTypes: true })
        .find((entry) => entry.isFile() && entry.name.endsWith(".json"));
    if (!found) throw new Error(`no checkpoint under ${stacks}`);
    return path.join(found.parentPath, found.name);
}

function stateSize(backendDir: string): StateSize {
    const file = stateFile(backendDir);
    const checkpoint = JSON.parse(fs.readFileSync(file, "utf8"));
    const resources = (checkpoint.checkpoint?.latest?.resources ?? []) as { inputs?: { __provider?: string } }[];
    const providers = resources
        .map((r) => r.inputs?.__provider)
        .filter((text): text is string => typeof text === "string");
    return {
        resources: resources.length,
        bytesPerResource: fs.statSync(file).size / resources.length,
        providerBytes: providers.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / providers.length,
    };
}

async function run(variant: Variant, operation: Operation): Promise<number> {
    const started = process.hrtime.bigint();
    let result: string;
    let changes: Record<string, number> = {};
    if (operation === "preview") {
        const preview = await variant.stack.preview();
        changes = preview.changeSummary;
        result = "succeeded";
    } else if (operation === "destroy") {
        result = (await variant.stack.destroy()).summary.result;
    } else {
        const up = await variant.stack.up();
        result = up.summary.result;
        changes = up.summary.resourceChanges ?? {};
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result !== "succeeded") throw new Error(`${variant.name}: ${operation} ${result}`);
    const changed = Object.entries(changes).filter(([op, n]) => op !== "same" && op !== "create" && n > 0);
    if (operation !== "up" && operation !== "destroy" && changed.length > 0) {
        throw new Error(`${variant.name}: ${operation} changed ${JSON.stringify(changed)}`);
    }
    if (operation === "up") variant.state = stateSize(variant.backendDir);
    return seconds;
}

const total = (values: number[]) => values.reduce((sum, v) => sum + v, 0);
const fixed = (value: number, digits = 1) => value.toFixed(digits).padStart(8);
const verdict = (ratio: number, target: number) => (ratio <= target ? `meets <= ${target}x` : `MISSES <= ${target}x`);

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            channels: { type: "string", default: "100" },
            members: { type: "string", default: "5" },
            rounds: { type: "string", default: "1" },
            batch: { type: "boolean", default: false },
        },
    });
    const channels = Number(values.channels);
    const members = Number(values.members);
    const rounds = Number(values.rounds);
    const resources = 2 + (1 + members) + channels * (1 + members);

    process.env[PACING_ENV] = "off";
    const binDir = pulumiBinDir();
    // The native plugin as an npm install provides it: the package's executable on PATH.
    process.env.PATH = `${packedBinDir()}${path.delimiter}${process.env.PATH}`;
    const emulator = await startEmulator({ port: 0 });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chime-bench-scale-"));
    const cleanups = [() => fs.rmSync(scratch, { recursive: true, force: true })];
    try {
        const project = packedProjectFolder("bench-scale-");
        cleanups.push(() => fs.rmSync(project, { recursive: true, force: true }));
        const workDir = stagePackedProject(
            path.join(REPO_ROOT, "bench", "scale-stack"),
            ["Pulumi.yaml", "index.js"],
            project,
        );
        const names: VariantName[] = [
            "chime",
            "trivial",
            "chime-native",
            ...(values.batch ? (["chime-batch"] as const) : []),
        ];
        const variants: Variant[] = [];
        for (const name of names) {
            const backendDir = path.join(scratch, `state-${name}`);
            fs.mkdirSync(backendDir);
            const stack = await localStack({ stackName: name, emulatorUrl: emulator.url, backendDir, binDir, workDir });
            await stack.setAllConfig({
                variant: { value: name },
                channels: { value: String(channels) },
                members: { value: String(members) },
            });
            const seconds = Object.fromEntries(OPERATIONS.map((op) => [op, [] as number[]])) as Record<
                Operation,
                number[]
            >;
            variants.push({ name, stack, backendDir, seconds });
        }
        console.log(
            `${resources} resources (1 app instance, ${1 + members} users, 1 admin, ${channels} channels, ` +
                `${channels * members} ChannelMembership), ${rounds} round(s); emulator without rate limits, ${PACING_ENV}=off`,
        );
        for (let round = 0; round < rounds; round++) {
            // Interleaved, and each round starts with another variant, so a slower spell of the machine hits both.
            const order = variants.map((_, i) => variants[(i + round) % variants.length]);
            for (const operation of OPERATIONS) {
                for (const variant of order) {
                    const seconds = await run(variant, operation);
                    variant.seconds[operation].push(seconds);
                    console.log(
                        `  round ${round + 1}  ${variant.name.padEnd(12)} ${operation.padEnd(9)} ${seconds.toFixed(1)} s`,
                    );
                }
            }
        }
        report(variants, resources);
    } finally {
        await emulator.close();
        for (const cleanup of cleanups) cleanup();
    }
}

function report(variants: Variant[], resources: number): void {
    const byName = (name: VariantName) => variants.find((v) => v.name === name)!;
    const [dynamic, native, trivial] = [byName("chime"), byName("chime-native"), byName("trivial")];
    const batch = variants.find((v) => v.name === "chime-batch");
    let missed = false;
    const ratioCell = (served: Variant, operation: Operation) => {
        const ratio = total(served.seconds[operation]) / total(trivial.seconds[operation]);
        const target = TIME_TARGETS[served.name as "chime" | "chime-native"][operation];
        if (ratio > target) missed = true;
        return `${ratio.toFixed(2)}x (${verdict(ratio, target)})`.padEnd(26);
    };
    console.log(
        `\n${"".padEnd(22)}${"dynamic".padStart(8)}${"native".padStart(9)}${"trivial".padStart(9)}   ` +
            `${"dynamic/trivial".padEnd(26)}native/trivial`,
    );
    for (const operation of OPERATIONS) {
        const seconds = [dynamic, native, trivial].map((v) => fixed(total(v.seconds[operation]))).join(" ");
        console.log(
            `${`${operation} (s)`.padEnd(22)}${seconds}   ${ratioCell(dynamic, operation)}${ratioCell(native, operation)}`,
        );
    }
    const [sd, sn, st] = [dynamic.state!, native.state!, trivial.state!];
    const stateRatio = sd.bytesPerResource / st.bytesPerResource;
    if (stateRatio > STATE_TARGET) missed = true;
    const nativeSmaller = sn.bytesPerResource < sd.bytesPerResource;
    if (!nativeSmaller) missed = true;
    console.log(
        `${"state per resource (B)".padEnd(22)}${fixed(sd.bytesPerResource, 0)} ${fixed(sn.bytesPerResource, 0)} ${fixed(st.bytesPerResource, 0)}   ` +
            `${`${stateRatio.toFixed(2)}x (${verdict(stateRatio, STATE_TARGET)})`.padEnd(26)}` +
            `${(sn.bytesPerResource / st.bytesPerResource).toFixed(2)}x (${nativeSmaller ? "meets" : "MISSES"} < dynamic)`,
    );
    console.log(
        `${"__provider (B)".padEnd(22)}${fixed(sd.providerBytes, 0)} ${"-".padStart(8)} ${fixed(st.providerBytes, 0)}`,
    );
    console.log(
        `(${sd.resources} resources in each state, with the stack and its provider; times summed over the rounds)`,
    );
    if (batch) {
        const speedUp = (operation: Operation) =>
            (total(dynamic.seconds[operation]) / total(batch.seconds[operation])).toFixed(1);
        console.log(
            `\nChannelMemberships (one per channel, ${batch.state!.resources} resources in the state): up ${total(batch.seconds.up).toFixed(1)} s, ` +
                `destroy ${total(batch.seconds.destroy).toFixed(1)} s, state ${Math.round(batch.state!.bytesPerResource)} B per resource; ` +
                `single memberships take ${speedUp("up")}x as long to create and ${speedUp("destroy")}x to destroy (${resources} resources)`,
        );
    }
    if (missed) process.exitCode = 1;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
