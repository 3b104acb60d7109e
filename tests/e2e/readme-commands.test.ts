import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { ChimeSDKMessagingClient, ListChannelsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { awsCliCommand, requireClient, run } from "../helpers/clients";
import { requirePulumiCli } from "../helpers/e2e";
import { clientConfig } from "../helpers/emulator";
import { allProcesses, descendantsOf, ProcessInfo, stopProcesses } from "../helpers/processes";

/**
 * Every command that the README's "Quickstart" section shows (its subsections included), run in the README's
 * order from a fresh copy of the repository (the files git would clone), as a newcomer types them. The commands
 * are read from the README itself: a command this test has no expectation for fails it, so the test keeps up as
 * the README changes.
 */

const QUICKSTART_SECTION = "## Quickstart";

/** The shell commands of the README's quickstart section, in order, without their trailing comments. */
function readmeCommands(): string[] {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf(`\n${QUICKSTART_SECTION}\n`);
    assert.ok(start >= 0, `the README has a "${QUICKSTART_SECTION}" section`);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const commands: string[] = [];
    for (const block of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
        for (const line of block[1].split("\n")) {
            const command = line.replace(/\s+#\s.*$/, "").trim();
            if (command) commands.push(command);
        }
    }
    return commands;
}

/** The files a clone of this repository holds (tracked, and new files git does not ignore), copied to `into`. */
function freshCopy(into: string): void {
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    })
        .split("\0")
        .filter(Boolean);
    for (const file of files) {
        const from = path.join(REPO_ROOT, file);
        if (!fs.existsSync(from)) continue; // deleted in the working tree
        fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
        fs.copyFileSync(from, path.join(into, file));
        fs.chmodSync(path.join(into, file), fs.statSync(from).mode);
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

interface Shell {
    code: number | null;
    output: string;
}

describe("every command the README's quickstart shows works as written, from a fresh clone", () => {
    let checkout: string;
    let env: NodeJS.ProcessEnv;
    /** Every process a command started, for the cleanup (by pid). */
    const started: ProcessInfo[] = [];

    before(async function () {
        requirePulumiCli(this);
        checkout = fs.mkdtempSync(path.join(os.tmpdir(), "chime-readme-"));
        freshCopy(checkout);
        // A newcomer's shell: nothing of the AWS settings of this run, the emulator on a port of its own.
        env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")));
        env.CHIME_EMULATOR_PORT = String(await freePort());
        delete env.npm_config_prefix;
    });

    after(async () => {
        // A failed run leaves the quickstart's emulator (detached by design) and whatever else it started.
        const emulatorInfo = path.join(checkout ?? "", ".quickstart", "emulator.json");
        if (checkout && fs.existsSync(emulatorInfo)) {
            const { pid } = JSON.parse(fs.readFileSync(emulatorInfo, "utf8")) as { pid: number };
            started.push(...allProcesses().filter((p) => p.pid === pid), ...descendantsOf(pid));
        }
        await stopProcesses(started);
        if (checkout) fs.rmSync(checkout, { recursive: true, force: true });
    });

    /** Runs a command line in the checkout as `bash -c` would in a terminal. */
    function shell(command: string): { child: ChildProcess; done: Promise<Shell> } {
        const child = spawn("bash", ["-c", command], { cwd: checkout, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout!.on("data", (d) => (output += d));
        child.stderr!.on("data", (d) => (output += d));
        const done = new Promise<Shell>((resolve) => child.on("close", (code) => resolve({ code, output })));
        return { child, done };
    }

    async function shellOk(command: string): Promise<string> {
        const { code, output } = await shell(command).done;
        assert.equal(code, 0, `\`${command}\` exited ${code}:\n${output.slice(-6000)}`);
        return output;
    }

    it("runs each command of the Quickstart section in order, and each does what the README says", async function () {
        const commands = readmeCommands();
        assert.ok(commands.length >= 10, `the quickstart shows its commands (found ${commands.length})`);
        const ran: string[] = [];
        let outputs: Record<string, string> = {};
        let emulatorUrl = "";
        let previews = 0;
        let starts = 0;
        let cancels = 0;
        const awsEnv: Record<string, string> = {};
        const quickstartProgram = path.join(checkout, "quickstart", "index.ts");

        const channelsByName = async (privacy: "PUBLIC" | "PRIVATE") => {
            const client = new ChimeSDKMessagingClient(clientConfig(emulatorUrl));
            try {
                const listed = await client.send(
                    new ListChannelsCommand({
                        AppInstanceArn: outputs.appInstanceArn,
                        ChimeBearer: outputs.adminArn,
                        Privacy: privacy,
                    }),
                );
                return (listed.Channels ?? []).map((c) => c.Name).sort();
            } finally {
                client.destroy();
            }
        };

        /** `npm start`: the stack is up; its outputs and the emulator's address are in what it printed. */
        const start = async (command: string) => {
            const output = await shellOk(command);
            assert.match(output, /Resources:[\s\S]*\d+ (created|unchanged)/, "pulumi up ran");
            emulatorUrl = /running at (http:\S+)/.exec(output)![1];
            const made = /== What was made\n(\{[\s\S]*?\n\})/.exec(output);
            assert.ok(made, `npm start prints the stack outputs:\n${output.slice(-3000)}`);
            outputs = JSON.parse(made[1]);
            assert.match(outputs.adminArn, /^arn:aws:chime:us-east-1:\d{12}:app-instance\/.+\/user\/admin$/);
            return output;
        };

        /** The README's instruction before its second preview: rename `general`, make `announcements` private. */
        const editProgram = () => {
            const program = fs.readFileSync(quickstartProgram, "utf8");
            const edited = program
                .replace('name: "general",', 'name: "general-chat",')
                .replace('name: "announcements",', 'name: "announcements",\n    privacy: "PRIVATE",');
            assert.notEqual(edited, program);
            fs.writeFileSync(quickstartProgram, edited);
        };

        /**
         * The README's "interrupted npm start": a deploy in progress (a change, with the emulator slowed down) is
         * killed with SIGKILL, the CLI and everything it started, as a closed terminal or a CI timeout does.
         */
        const interruptStart = async () => {
            await fetch(`${emulatorUrl}/_emulator/faults`, {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ latencyMs: 2_000 }),
            });
            fs.writeFileSync(
                quickstartProgram,
                fs.readFileSync(quickstartProgram, "utf8").replace('name: "general-chat",', 'name: "general",'),
            );
            const { child, done } = shell("npm start");
            let output = "";
            child.stdout!.on("data", (d) => (output += d));
            // Cut once a resource's step is under way (each call takes 2 s now), as Ctrl-C twice mid-run does.
            const underWay = /(updating|creating|replacing|deleting) \(/;
            for (let waited = 0; !underWay.test(output) && waited < 120_000; waited += 100) {
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            assert.match(output, underWay, `the up never got under way:\n${output.slice(-3000)}`);
            const tree = descendantsOf(child.pid!).filter((p) => !/chime-emulator/.test(p.command));
            started.push(...tree);
            process.kill(child.pid!, "SIGKILL");
            await stopProcesses(tree);
            await done;
            await fetch(`${emulatorUrl}/_emulator/faults`, { method: "DELETE" });
            assert.doesNotMatch(output, /Resources:/, "the up was cut before it finished");
        };

        /** The update locks the file backend of the quickstart's stack holds. */
        const stackLocks = () => {
            const locks = path.join(checkout, ".quickstart", "pulumi-state", ".pulumi", "locks");
            if (!fs.existsSync(locks)) return [];
            return fs
                .readdirSync(locks, { recursive: true, withFileTypes: true })
                .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
                .map((entry) => entry.name);
        };

        /** A handler returns a note when it deliberately does not run the command. */
        const expectations: [RegExp, (command: string) => Promise<string | void>][] = [
            [
                /^npm ci && npm start$/,
                async (command) => {
                    await start(command);
                    starts++;
                    const channels = [...(await channelsByName("PUBLIC")), ...(await channelsByName("PRIVATE"))];
                    assert.deepEqual(channels.sort(), ["announcements", "general", "leads"]);
                },
            ],
            [/^npm test$/, async () => "not run here: it is the command that runs this very test"],
            [
                /^export /,
                async (command) => {
                    for (const [, key, value] of command.matchAll(/(\w+)=(\S+)/g)) awsEnv[key] = value;
                    assert.deepEqual(Object.keys(awsEnv).sort(), [
                        "AWS_ACCESS_KEY_ID",
                        "AWS_DEFAULT_REGION",
                        "AWS_ENDPOINT_URL",
                        "AWS_REGION",
                        "AWS_SECRET_ACCESS_KEY",
                    ]);
                    // The README's example names the default port; this run's emulator has a port of its own.
                    assert.equal(awsEnv.AWS_ENDPOINT_URL, "http://127.0.0.1:4590");
                    awsEnv.AWS_ENDPOINT_URL = emulatorUrl;
                },
            ],
            [
                /^aws chime-sdk-messaging list-channels /,
                async (command) => {
                    const [cli, ...cliArgs] = awsCliCommand() ?? [];
                    requireClient(this, cli !== undefined, "the AWS CLI (aws)", "python3 -m pip install awscli");
                    const args = command
                        .replace("<appInstanceArn>", outputs.appInstanceArn)
                        .replace("<adminArn>", outputs.adminArn)
                        .split(/\s+/)
                        .slice(1);
                    const listed = await run(cli!, [...cliArgs, ...args, "--output", "json"], {
                        ...env,
                        ...awsEnv,
                        AWS_CONFIG_FILE: os.devNull,
                        AWS_SHARED_CREDENTIALS_FILE: os.devNull,
                    });
                    assert.equal(listed.status, 0, listed.stderr);
                    const names = (JSON.parse(listed.stdout).Channels as { Name: string }[]).map((c) => c.Name);
                    assert.deepEqual(names.sort(), ["announcements", "general"], "2 of the 3: the public ones");
                },
            ],
            [
                /^npm run pulumi -- preview --diff$/,
                async (command) => {
                    previews++;
                    if (previews === 1) {
                        const output = await shellOk(command);
                        assert.match(output, /\d+ unchanged/);
                        assert.doesNotMatch(output, /to (create|update|replace|delete)/, "nothing to change");
                        return;
                    }
                    editProgram();
                    const output = await shellOk(command);
                    assert.match(output, /~ name\s*: "general" => "general-chat"/, "the rename, shown");
                    assert.match(output, /\+-\s*pulumi-nodejs:dynamic\/chime:Channel: \(replace\)/, "a replacement");
                    assert.match(output, /[-+~]+ privacy\s*: "PUBLIC" => "PRIVATE"/, "the privacy change, shown");
                    // The replaced channel's membership and moderator are replaced with it.
                    assert.match(output, /~ 1 to update/);
                    assert.match(output, /\+-3 to replace/);
                },
            ],
            [
                /^npm start$/,
                async (command) => {
                    starts++;
                    if (cancels > 0) {
                        // After the interrupted run: it carries on and converges to the program.
                        await start(command);
                        assert.deepEqual(await channelsByName("PUBLIC"), ["general"]);
                        return;
                    }
                    const output = await start(command);
                    assert.match(output, /1 updated/);
                    assert.match(output, /3 replaced/);
                    assert.deepEqual(await channelsByName("PUBLIC"), ["general-chat"]);
                    assert.deepEqual(await channelsByName("PRIVATE"), ["announcements", "leads"]);
                },
            ],
            [
                /^npm run pulumi -- stack$/,
                async (command) => {
                    const output = await shellOk(command);
                    assert.match(output, /Current stack is dev/);
                    assert.match(output, /pulumi-nodejs:dynamic\/chime:Channel/);
                    assert.match(output, /adminArn/);
                },
            ],
            [
                /^npm run pulumi -- stack output adminArn$/,
                async (command) => {
                    const output = await shellOk(command);
                    assert.equal(output.trim().split("\n").pop(), outputs.adminArn);
                },
            ],
            [
                /^npm run pulumi -- config$/,
                async (command) => {
                    const output = await shellOk(command);
                    assert.match(
                        output,
                        /processorLambdaArn\s+arn:aws:lambda:us-east-1:\d{12}:function:profanity-filter/,
                    );
                },
            ],
            [
                /^npm run pulumi -- refresh --yes$/,
                async (command) => {
                    const output = await shellOk(command);
                    assert.match(output, /Refreshing \(dev\)/);
                    assert.match(output, /\d+ unchanged/);
                },
            ],
            [
                /^npm run pulumi -- cancel --yes$/,
                async (command) => {
                    cancels++;
                    await interruptStart();
                    assert.equal(stackLocks().length, 1, "the interrupted run left the stack locked");
                    await shellOk(command);
                    assert.deepEqual(stackLocks(), [], "cancel released the lock");
                },
            ],
            [
                /^npm run emulator -- --port \d+$/,
                async (command) => {
                    const port = await freePort();
                    const { child, done } = shell(command.replace(/--port \d+$/, `--port ${port}`));
                    let output = "";
                    child.stdout!.on("data", (d) => (output += d));
                    for (let waited = 0; !/listening on/.test(output) && waited < 60_000; waited += 100) {
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                    const tree = descendantsOf(child.pid!);
                    started.push(...tree);
                    try {
                        assert.match(output, new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));
                        const health = await fetch(`http://127.0.0.1:${port}/_emulator/health`);
                        assert.equal(health.status, 200);
                    } finally {
                        // Ctrl-C in a terminal reaches the whole foreground group: each process here, by pid.
                        for (const p of tree) process.kill(p.pid, "SIGINT");
                        child.kill("SIGINT");
                        await done;
                    }
                },
            ],
            [
                /^npm run destroy$/,
                async (command) => {
                    const emulatorInfo = path.join(checkout, ".quickstart", "emulator.json");
                    const { pid } = JSON.parse(fs.readFileSync(emulatorInfo, "utf8")) as { pid: number };
                    const output = await shellOk(command);
                    assert.match(output, /Resources:[\s\S]*\d+ deleted/);
                    assert.match(output, /the stack dev, its history and its configuration are removed/);
                    assert.equal(fs.existsSync(path.join(checkout, ".quickstart")), false, ".quickstart/ removed");
                    assert.throws(() => process.kill(pid, 0), "the emulator stopped");
                },
            ],
        ];

        for (const command of commands) {
            const expectation = expectations.find(([pattern]) => pattern.test(command));
            assert.ok(expectation, `the README shows \`${command}\`, which this test does not know what to expect of`);
            const note = await expectation[1](command);
            ran.push(note ? `${command}   (${note})` : command);
        }
        console.log(`      README commands run, in order:\n${ran.map((c) => `        ${c}`).join("\n")}`);
        assert.ok(starts >= 2 && previews >= 2 && cancels >= 1, "the README shows the edit and the recovery");
    });
});
