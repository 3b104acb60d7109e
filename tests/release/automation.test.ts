import {
    ChimeSDKMessagingClient,
    DescribeChannelCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { execFileSync } from "child_process";
import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureEmulatorProcessorFunction, localPulumiEnv } from "../../scripts/local-pulumi";
import { archiveName, hostTarget } from "../../scripts/release/plugin-executables";
import { goModulePath, packageVersion } from "../../scripts/release/release";
import { REPO_ROOT } from "../../scripts/repo-root";
import { runOk } from "../helpers/clients";
import { emulatorResources, requirePulumiCli, temporaryBackend } from "../helpers/e2e";
import { clientConfig, EmulatorFixture, startFixture } from "../helpers/emulator";
import { releaseFolder, serveFolder, ServedFolder, withoutNode } from "../helpers/release";

/**
 * A Python and a Go user, from the release folder alone: in a temporary folder with no checkout, the Python
 * program installs the wheel into a new virtual environment, the Go program takes the module from the folder's
 * GOPROXY; each runs the quickstart's topology through the real engine with Pulumi's Automation API (an inline
 * program: no language host), with no Node.js to be had, and the engine installs the self-contained plugin by
 * itself on the first use, from the release folder served on loopback (PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, as
 * a mirror of the SDKs' pluginDownloadURL). The steps are the programs' (sdk/python/tests/automation.py,
 * sdk/go/tests/main.go); this test checks each against the emulator.
 */

interface StepResult {
    changes: Record<string, number>;
    steps?: Record<string, { ops: string[]; diffs: string[] }>;
    outputs?: Record<string, unknown>;
}

type Runner = (step: string, edited: boolean) => Promise<StepResult>;

const version = packageVersion();

/** The usual Go module proxy of this machine (the one `go` would use), after the release folder's. */
const usualGoProxy = () => execFileSync("go", ["env", "GOPROXY"], { encoding: "utf8" }).trim();

const ok = async (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
    (await runOk(command, args, env, cwd)).stdout;

/** The consumer's folder, made from the release folder and the program's files only; returns its command line. */
/**
 * The Pulumi SDK a consumer installs beside ours: the oldest this repository supports (the lockfile's). PyPI may
 * not have the newest CLI's version yet, and an older SDK runs with a newer CLI.
 */
const OLDEST_PULUMI_SDK = (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
        packages: Record<string, { version: string }>;
    }
).packages["node_modules/@pulumi/pulumi"].version;

const CONSUMERS: Record<string, (release: string, dir: string) => Promise<string[]>> = {
    async python(release, dir) {
        for (const file of ["quickstart_program.py", "automation.py"])
            fs.copyFileSync(path.join(REPO_ROOT, "sdk", "python", "tests", file), path.join(dir, file));
        await ok("python3", ["-m", "venv", path.join(dir, "venv")], dir);
        const python = path.join(dir, "venv", "bin", "python");
        const wheel = path.join(release, `pulumi_chime_messaging-${version}-py3-none-any.whl`);
        await ok(
            python,
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, `pulumi==${OLDEST_PULUMI_SDK}`],
            dir,
        );
        return [python, path.join(dir, "automation.py")];
    },
    async go(release, dir) {
        for (const file of ["quickstart.go", "main.go"])
            fs.copyFileSync(path.join(REPO_ROOT, "sdk", "go", "tests", file), path.join(dir, file));
        const modulePath = goModulePath();
        fs.writeFileSync(
            path.join(dir, "go.mod"),
            `module chime-quickstart-automation\n\ngo 1.25\n\nrequire ${modulePath} v${version}\n`,
        );
        const env = {
            ...process.env,
            GOPROXY: `file://${path.join(release, "goproxy")},${usualGoProxy()}`,
            GONOSUMDB: modulePath,
            GOFLAGS: "-mod=mod",
            GOWORK: "off",
            // The go command indexes a module version's files once (it takes a version as immutable): without the
            // index, the copy taken from this folder is read as it is.
            GODEBUG: "goindex=0",
        };
        // A module version is immutable in Go's module cache: an earlier release folder's copy of this version
        // (a build of another commit) is dropped, so that the one in this folder is what the program gets.
        const cache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
        for (const kept of [
            path.join(cache, `${modulePath}@v${version}`),
            path.join(cache, "cache", "download", modulePath),
        ]) {
            if (fs.existsSync(kept)) execFileSync("chmod", ["-R", "u+w", kept]);
            fs.rmSync(kept, { recursive: true, force: true });
        }
        await ok("go", ["mod", "tidy"], dir, env);
        assert.match(fs.readFileSync(path.join(dir, "go.sum"), "utf8"), new RegExp(`${modulePath} v${version} h1:`));
        await ok("go", ["build", "-o", "automation", "."], dir, env);
        return [path.join(dir, "automation")];
    },
};

for (const language of Object.keys(CONSUMERS)) {
    describe(`a ${language} program from the release folder, through the engine and the self-contained plugin`, () => {
        let fx: EmulatorFixture;
        let served: ServedFolder;
        let runStep: Runner;
        let messaging: ChimeSDKMessagingClient;
        const steps: Record<string, StepResult> = {};

        before(async function () {
            const binDir = requirePulumiCli(this);
            const release = await releaseFolder();
            served = await serveFolder(release);
            fx = await startFixture();
            messaging = new ChimeSDKMessagingClient(clientConfig(fx.url));
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chime-${language}-consumer-`));
            const command = await CONSUMERS[language](release, dir);
            const env: NodeJS.ProcessEnv = {
                ...process.env,
                ...localPulumiEnv({ emulatorUrl: fx.url, backendDir: temporaryBackend(), binDir }),
                PULUMI_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "chime-pulumi-home-")),
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
                PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
                PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `.*=${served.url}`,
                CHIME_PROCESSOR_LAMBDA_ARN: await ensureEmulatorProcessorFunction(fx.url, "profanity-filter"),
            };
            runStep = async (step, edited) => {
                const [cmd, ...args] = withoutNode([...command, step], env);
                const out = await ok(cmd, args, dir, { ...env, CHIME_EDITED: String(edited) });
                return JSON.parse(out.trim().split("\n").pop()!) as StepResult;
            };
        });
        after(async () => {
            await served?.close();
            await fx?.close();
        });

        const channelOf = async (arn: string, bearer: string) =>
            (await messaging.send(new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: bearer }))).Channel!;

        it("preview plans the topology, and the engine installs the plugin from the release on first use", async () => {
            const preview = (steps.preview = await runStep("preview", false));
            assert.deepEqual(Object.keys(preview.changes), ["create"]);
            for (const name of ["general", "leads", "announcements", "general-carol", "general-profanity-filter"])
                assert.deepEqual(preview.steps![name]?.ops, ["create"], `${name} is created`);
            assert.ok(served.requests.includes(archiveName(version, hostTarget()!)), `${served.requests}`);
            assert.deepEqual(await emulatorResources(fx.url), {}, "a preview changes nothing");
        });

        it("up makes it, with no Node.js: three channels, the hidden membership, the moderator, the ban, the flow", async () => {
            const up = (steps.up = await runStep("up", false));
            assert.deepEqual(Object.keys(up.changes), ["create"]);
            assert.equal(up.changes.create, steps.preview.changes.create);
            const { adminArn, channels, channelFlowArn } = up.outputs as {
                adminArn: string;
                channels: Record<string, string>;
                channelFlowArn: string;
            };
            assert.deepEqual(Object.keys(channels).sort(), ["announcements", "general", "leads"]);
            const general = await channelOf(channels.general, adminArn);
            assert.equal(general.Name, "general");
            assert.equal(general.ChannelFlowArn, channelFlowArn);
            assert.equal((await channelOf(channels.leads, adminArn)).Privacy, "PRIVATE");
            const live = await emulatorResources(fx.url);
            const count = (table: string) => Object.entries(live).find(([name]) => name === table)?.[1].length;
            assert.equal(count("channels"), 3, JSON.stringify(Object.keys(live)));
            // get, through the plugin's Read; the program's functions, through its Invoke.
            assert.equal(up.outputs!.aliceAsRead, "Alice");
            assert.equal(up.outputs!.generalPrivacy, "PUBLIC");
            assert.match(String(up.outputs!.messagingEndpoint), /^wss?:\/\//);
        });

        it("a second up changes nothing", async () => {
            const again = await runStep("up", false);
            assert.deepEqual(Object.keys(again.changes), ["same"]);
            assert.equal(again.changes.same, steps.up.changes.create);
        });

        it("an edit previews as a rename in place and a privacy change that replaces, named in the detailed diff", async () => {
            const preview = await runStep("preview", true);
            assert.deepEqual(preview.steps!.general, { ops: ["update"], diffs: ["name"] });
            assert.ok(
                preview.steps!.announcements.ops.includes("replace"),
                JSON.stringify(preview.steps!.announcements),
            );
            assert.deepEqual(preview.steps!.announcements.diffs, ["privacy"]);
            const up = await runStep("up", true);
            assert.equal(up.changes.update, 1, JSON.stringify(up.changes));
            // announcements, and its membership and moderator (both announcements-bob), whose channelArn changes
            assert.equal(up.changes.replace, 3, JSON.stringify(up.changes));
            assert.deepEqual(preview.steps!["announcements-bob"].diffs, ["channelArn"]);
            const { adminArn, channels } = up.outputs as { adminArn: string; channels: Record<string, string> };
            const before = steps.up.outputs!.channels as Record<string, string>;
            assert.equal(channels.general, before.general, "renamed in place");
            assert.equal((await channelOf(channels.general, adminArn)).Name, "general-renamed");
            assert.notEqual(channels.announcements, before.announcements, "a new channel");
            assert.equal((await channelOf(channels.announcements, adminArn)).Privacy, "PRIVATE");
        });

        it("refresh finds a change made out of band, and up puts it back", async () => {
            const { adminArn, channels } = steps.up.outputs as { adminArn: string; channels: Record<string, string> };
            await messaging.send(
                new UpdateChannelCommand({
                    ChannelArn: channels.leads,
                    Name: "leads-renamed-by-hand",
                    ChimeBearer: adminArn,
                }),
            );
            const refreshed = await runStep("refresh", true);
            assert.equal(refreshed.changes.update, 1, JSON.stringify(refreshed.changes));
            const up = await runStep("up", true);
            assert.equal(up.changes.update, 1, JSON.stringify(up.changes));
            assert.equal((await channelOf(channels.leads, adminArn)).Name, "leads");
        });

        it("destroy leaves nothing", async () => {
            const destroyed = await runStep("destroy", true);
            assert.equal(destroyed.changes.delete, steps.up.changes.create);
            assert.deepEqual(await emulatorResources(fx.url), {});
        });
    });
}
