import { describe, it, beforeEach, afterEach } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceCommand,
    ListAppInstancesCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { clientConfig } from "../helpers/emulator";
import { runCli, startCli, stopCli, EmulatorProcess } from "./cli-process";

/** Starts the command on the folder, creates app instances through the SDK, and stops it with the signal. */
async function fill(dataDir: string, names: string[], signal: NodeJS.Signals): Promise<string[]> {
    const emulator = await startCli(["--data", dataDir]);
    const identity = new ChimeSDKIdentityClient(clientConfig(emulator.url));
    try {
        const arns: string[] = [];
        for (const Name of names)
            arns.push((await identity.send(new CreateAppInstanceCommand({ Name }))).AppInstanceArn!);
        return arns;
    } finally {
        identity.destroy();
        await stopCli(emulator, signal);
    }
}

async function listedNames(emulator: EmulatorProcess): Promise<string[]> {
    const identity = new ChimeSDKIdentityClient(clientConfig(emulator.url));
    try {
        const { AppInstances } = await identity.send(new ListAppInstancesCommand({}));
        return (AppInstances ?? []).map((a) => a.Name!).sort();
    } finally {
        identity.destroy();
    }
}

describe("a damaged data folder", () => {
    let dataDir: string;
    beforeEach(() => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-damaged-"));
    });
    afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("a truncated snapshot.json stops the start with the file's path and what to do, and is left as it is", async () => {
        await fill(dataDir, ["one", "two", "three"], "SIGTERM");
        const snapshotFile = path.join(dataDir, "snapshot.json");
        const whole = fs.readFileSync(snapshotFile, "utf8");
        const truncated = whole.slice(0, Math.floor(whole.length / 2));
        fs.writeFileSync(snapshotFile, truncated);

        const result = await runCli(["--data", dataDir]);
        assert.equal(result.code, 1);
        assert.equal(result.stdout, "", "it never listened");
        assert.ok(result.stderr.includes(`The snapshot ${snapshotFile} is not valid JSON`), result.stderr);
        assert.match(result.stderr, new RegExp(`the file has ${Buffer.byteLength(truncated)} bytes`));
        assert.match(
            result.stderr,
            /Restore it from a backup, or move the data folder .* away to start with an empty state/,
        );
        assert.equal(fs.readFileSync(snapshotFile, "utf8"), truncated, "the damaged snapshot is not overwritten");
        assert.equal(fs.existsSync(path.join(dataDir, "lock")), false, "the folder is not left locked");
    });

    it("valid JSON that is no snapshot is refused the same way", async () => {
        fs.writeFileSync(path.join(dataDir, "snapshot.json"), "[1, 2, 3]");
        const result = await runCli(["--data", dataDir]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /snapshot\.json is not an emulator snapshot/);
    });

    it("moving the damaged files away, as the message says, starts empty", async () => {
        await fill(dataDir, ["one"], "SIGTERM");
        fs.writeFileSync(path.join(dataDir, "snapshot.json"), '{"appInstances": [["arn:aws:chime');
        assert.equal((await runCli(["--data", dataDir])).code, 1);
        fs.renameSync(path.join(dataDir, "snapshot.json"), path.join(dataDir, "snapshot.json.damaged"));
        fs.renameSync(path.join(dataDir, "journal.jsonl"), path.join(dataDir, "journal.jsonl.damaged"));
        const emulator = await startCli(["--data", dataDir]);
        try {
            assert.deepEqual(await listedNames(emulator), []);
        } finally {
            await stopCli(emulator, "SIGTERM");
        }
    });

    it("a torn last journal line is dropped and the log says which file, which line, and why", async () => {
        await fill(dataDir, ["one", "two"], "SIGKILL");
        const journalFile = path.join(dataDir, "journal.jsonl");
        const journal = fs.readFileSync(journalFile, "utf8");
        const lines = journal.trimEnd().split("\n");
        assert.equal(lines.length, 2, "one journal line per acknowledged create");
        // The start of a third transaction whose write was cut short.
        const torn = lines[1].replace('"two"', '"three"').slice(0, 50);
        fs.writeFileSync(journalFile, `${journal}${torn}`);

        const emulator = await startCli(["--data", dataDir]);
        try {
            assert.deepEqual(await listedNames(emulator), ["one", "two"], "everything acknowledged is restored");
            const stderr = emulator.stderr();
            assert.ok(stderr.includes(`${journalFile}: line 3, the last, is incomplete (50 bytes`), stderr);
            assert.match(stderr, /that last request was never answered, so it was dropped/);
        } finally {
            await stopCli(emulator, "SIGTERM");
        }
    });

    it("a whole journal says nothing about dropping", async () => {
        await fill(dataDir, ["one"], "SIGKILL");
        const emulator = await startCli(["--data", dataDir]);
        try {
            assert.deepEqual(await listedNames(emulator), ["one"]);
            assert.doesNotMatch(emulator.stderr(), /incomplete|dropped/);
        } finally {
            await stopCli(emulator, "SIGTERM");
        }
    });

    it("a damaged journal line before others stops the start with the line and what to do", async () => {
        await fill(dataDir, ["one", "two"], "SIGKILL");
        const journalFile = path.join(dataDir, "journal.jsonl");
        const lines = fs.readFileSync(journalFile, "utf8").trimEnd().split("\n");
        fs.writeFileSync(journalFile, `${lines[0]}\n${lines[1].slice(0, 20)}\n${lines[1]}\n`);
        const result = await runCli(["--data", dataDir]);
        assert.equal(result.code, 1);
        assert.ok(result.stderr.includes(`${journalFile} is damaged at line 2 of 3`), result.stderr);
        assert.match(result.stderr, /Restore the data folder from a backup, or move it away/);
    });
});
