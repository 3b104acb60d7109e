import { it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    ChimeSDKIdentityClient,
    CreateAppInstanceAdminCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceCommand,
    ListAppInstancesCommand,
    ListAppInstanceUsersCommand,
    UpdateAppInstanceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    ChimeSDKMessagingClient,
    CreateChannelCommand,
    DescribeChannelCommand,
    ListChannelMembershipsCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelMessagesCommand,
    ListChannelsCommand,
    SendChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { clientConfig, errorOf } from "../helpers/emulator";
import { Store } from "../../emulator/store";
import { EmulatorProcess, startCli, stopCli } from "./cli-process";

const JOURNAL = "journal.jsonl";
const SNAPSHOT = "snapshot.json";

interface Clients {
    identity: ChimeSDKIdentityClient;
    messaging: ChimeSDKMessagingClient;
    destroy(): void;
}

function clientsFor(emulator: EmulatorProcess): Clients {
    const identity = new ChimeSDKIdentityClient(clientConfig(emulator.url));
    const messaging = new ChimeSDKMessagingClient(clientConfig(emulator.url));
    return { identity, messaging, destroy: () => (identity.destroy(), messaging.destroy()) };
}

function tempDataDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "chime-data-"));
}

const readData = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

/** What a user built: an app instance with users, an admin, channels with members and messages. */
interface Built {
    appInstanceArn: string;
    users: string[];
    channels: { arn: string; name: string; members: string[]; messages: string[] }[];
}

async function build(clients: Clients): Promise<Built> {
    const { identity, messaging } = clients;
    const { AppInstanceArn } = await identity.send(
        new CreateAppInstanceCommand({ Name: "durable", ClientRequestToken: "durable-app-instance" }),
    );
    const appInstanceArn = AppInstanceArn!;
    await identity.send(
        new UpdateAppInstanceCommand({ AppInstanceArn: appInstanceArn, Name: "durable", Metadata: "v2" }),
    );
    const users: string[] = [];
    for (const id of ["admin", "alice", "bob", "carol"]) {
        const { AppInstanceUserArn } = await identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: id, Name: id }),
        );
        users.push(AppInstanceUserArn!);
    }
    const [admin, ...others] = users;
    await identity.send(
        new CreateAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: admin }),
    );
    const channels: Built["channels"] = [];
    for (const [i, name] of ["general", "random"].entries()) {
        const members = others.slice(0, 2 + i);
        const { ChannelArn } = await messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: appInstanceArn,
                Name: name,
                ChimeBearer: admin,
                MemberArns: members,
                ClientRequestToken: `channel-${name}`,
            }),
        );
        const messages: string[] = [];
        for (const member of members) {
            const content = `hello from ${member.split("/").pop()} in ${name}`;
            await messaging.send(
                new SendChannelMessageCommand({
                    ChannelArn,
                    ChimeBearer: member,
                    Content: content,
                    Type: "STANDARD",
                    Persistence: "PERSISTENT",
                }),
            );
            messages.push(content);
        }
        channels.push({ arn: ChannelArn!, name, members, messages });
    }
    return { appInstanceArn, users, channels };
}

/** Reads everything back through the SDK and compares it with what was built. */
async function assertAllThere(clients: Clients, built: Built): Promise<void> {
    const { identity, messaging } = clients;
    const [admin] = built.users;
    const { AppInstance } = await identity.send(
        new DescribeAppInstanceCommand({ AppInstanceArn: built.appInstanceArn }),
    );
    assert.equal(AppInstance?.Name, "durable");
    assert.equal(AppInstance?.Metadata, "v2", "the update after the create is kept too");
    const { AppInstanceUsers } = await identity.send(
        new ListAppInstanceUsersCommand({ AppInstanceArn: built.appInstanceArn }),
    );
    assert.deepEqual(AppInstanceUsers?.map((u) => u.AppInstanceUserArn).sort(), [...built.users].sort());
    const { AppInstanceAdmin } = await identity.send(
        new DescribeAppInstanceAdminCommand({ AppInstanceArn: built.appInstanceArn, AppInstanceAdminArn: admin }),
    );
    assert.equal(AppInstanceAdmin?.Admin?.Arn, admin);
    const { Channels } = await messaging.send(
        new ListChannelsCommand({ AppInstanceArn: built.appInstanceArn, ChimeBearer: admin }),
    );
    assert.deepEqual(Channels?.map((c) => c.ChannelArn).sort(), built.channels.map((c) => c.arn).sort());
    for (const channel of built.channels) {
        const { Channel } = await messaging.send(
            new DescribeChannelCommand({ ChannelArn: channel.arn, ChimeBearer: admin }),
        );
        assert.equal(Channel?.Name, channel.name);
        const { ChannelMemberships } = await messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: channel.arn, ChimeBearer: admin }),
        );
        // The creator is a member too.
        assert.deepEqual(ChannelMemberships?.map((m) => m.Member?.Arn).sort(), [admin, ...channel.members].sort());
        const { ChannelMessages } = await messaging.send(
            new ListChannelMessagesCommand({
                ChannelArn: channel.arn,
                ChimeBearer: channel.members[0],
                SortOrder: "ASCENDING",
            }),
        );
        assert.deepEqual(
            ChannelMessages?.map((m) => m.Content),
            channel.messages,
        );
    }
    // Indexes survive too: a user's memberships across channels.
    const alice = built.users[1];
    const { ChannelMemberships } = await messaging.send(
        new ListChannelMembershipsForAppInstanceUserCommand({ AppInstanceUserArn: alice, ChimeBearer: alice }),
    );
    const expected = built.channels.filter((c) => c.members.includes(alice)).map((c) => c.arn);
    assert.deepEqual(ChannelMemberships?.map((m) => m.ChannelSummary?.ChannelArn).sort(), expected.sort());
    // The idempotency tokens survive as well: the same request answers the same ARN instead of creating another.
    const again = await identity.send(
        new CreateAppInstanceCommand({ Name: "durable", ClientRequestToken: "durable-app-instance" }),
    );
    assert.equal(again.AppInstanceArn, built.appInstanceArn);
    const { AppInstances } = await identity.send(new ListAppInstancesCommand({}));
    assert.equal(AppInstances?.length, 1);
}

it("after kill -9, nothing acknowledged is lost (the journal is replayed)", async () => {
    const dataDir = tempDataDir();
    const first = await startCli(["--port", "0", "--data", dataDir]);
    let clients = clientsFor(first);
    const built = await build(clients);
    clients.destroy();
    // Until a snapshot is written, everything acknowledged is in the journal only.
    assert.equal(readData(dataDir, SNAPSHOT), "{}");
    assert.ok(readData(dataDir, JOURNAL).split("\n").filter(Boolean).length >= 10);
    assert.deepEqual(await stopCli(first, "SIGKILL"), { code: null, signal: "SIGKILL" });

    const second = await startCli(["--port", "0", "--data", dataDir]);
    clients = clientsFor(second);
    try {
        await assertAllThere(clients, built);
    } finally {
        clients.destroy();
        await stopCli(second, "SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("after a clean restart, nothing is lost (the snapshot is read)", async () => {
    const dataDir = tempDataDir();
    const first = await startCli(["--port", "0", "--data", dataDir]);
    let clients = clientsFor(first);
    const built = await build(clients);
    clients.destroy();
    assert.equal((await stopCli(first, "SIGTERM")).code, 0);
    assert.equal(readData(dataDir, JOURNAL), "");

    const second = await startCli(["--port", "0", "--data", dataDir]);
    clients = clientsFor(second);
    try {
        await assertAllThere(clients, built);
    } finally {
        clients.destroy();
        await stopCli(second, "SIGTERM");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("a failed request writes nothing to the journal", async () => {
    const dataDir = tempDataDir();
    const emulator = await startCli(["--port", "0", "--data", dataDir]);
    const clients = clientsFor(emulator);
    try {
        await clients.identity.send(new CreateAppInstanceCommand({ Name: "one" }));
        const before = readData(dataDir, JOURNAL);
        const error = await errorOf(() => clients.identity.send(new CreateAppInstanceCommand({ Name: "" })));
        assert.equal(error.name, "BadRequestException");
        assert.equal(readData(dataDir, JOURNAL), before);
    } finally {
        clients.destroy();
        await stopCli(emulator, "SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("a torn last journal line (a crash mid-write) is ignored; a damaged line before others is refused", async () => {
    const dataDir = tempDataDir();
    const first = await startCli(["--port", "0", "--data", dataDir]);
    let clients = clientsFor(first);
    const { AppInstanceArn } = await clients.identity.send(new CreateAppInstanceCommand({ Name: "kept" }));
    clients.destroy();
    await stopCli(first, "SIGKILL");
    const journal = readData(dataDir, JOURNAL);
    const lastLine = journal.trimEnd().split("\n").pop()!;
    // The beginning of a transaction whose write was cut short: it was never acknowledged.
    const torn = lastLine.replace(AppInstanceArn!, `${AppInstanceArn!.slice(0, -4)}torn`).slice(0, 60);
    fs.writeFileSync(path.join(dataDir, JOURNAL), journal + torn);

    const second = await startCli(["--port", "0", "--data", dataDir]);
    clients = clientsFor(second);
    try {
        const { AppInstances } = await clients.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(
            AppInstances?.map((a) => a.AppInstanceArn),
            [AppInstanceArn],
        );
    } finally {
        clients.destroy();
        await stopCli(second, "SIGKILL");
    }

    // A damaged line followed by good ones is not a torn write: refusing to start beats losing data silently.
    fs.writeFileSync(path.join(dataDir, SNAPSHOT), "{}");
    fs.writeFileSync(path.join(dataDir, JOURNAL), `${torn}\n${journal}`);
    await assert.rejects(startCli(["--port", "0", "--data", dataDir]), /journal\.jsonl is damaged at line 1/);
    fs.rmSync(dataDir, { recursive: true, force: true });
});

it("a reset empties the data folder's files too", async () => {
    const dataDir = tempDataDir();
    const first = await startCli(["--port", "0", "--data", dataDir]);
    let clients = clientsFor(first);
    await clients.identity.send(new CreateAppInstanceCommand({ Name: "forgotten" }));
    const reset = await fetch(`${first.url}/_emulator/reset`, { method: "POST" });
    assert.equal(reset.status, 200);
    assert.equal(readData(dataDir, SNAPSHOT), "{}");
    assert.equal(readData(dataDir, JOURNAL), "");
    clients.destroy();
    await stopCli(first, "SIGKILL");

    const second = await startCli(["--port", "0", "--data", dataDir]);
    clients = clientsFor(second);
    try {
        const { AppInstances } = await clients.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(AppInstances, []);
    } finally {
        clients.destroy();
        await stopCli(second, "SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

it("every compactEvery commits the journal is folded into a new snapshot", () => {
    const dataDir = tempDataDir();
    const store = new Store({ dataDir, compactEvery: 3 });
    const notes = store.table<{ text: string }>("notes");
    for (let i = 1; i <= 4; i++) store.transaction(() => notes.set("p", `n${i}`, { text: `note ${i}` }));
    const snapshot = JSON.parse(readData(dataDir, SNAPSHOT)) as Record<string, [string, string, { text: string }][]>;
    assert.deepEqual(
        snapshot.notes.map(([, sort]) => sort),
        ["n1", "n2", "n3"],
    );
    assert.equal(readData(dataDir, JOURNAL).trim().split("\n").length, 1, "only the fourth commit is in the journal");
    store.close();

    const reopened = new Store({ dataDir });
    assert.deepEqual([...reopened.table<{ text: string }>("notes").partition("p").keys()], ["n1", "n2", "n3", "n4"]);
    reopened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
});

it("a transaction that throws leaves neither the tables nor the journal changed", () => {
    const dataDir = tempDataDir();
    const store = new Store({ dataDir });
    const notes = store.table<{ text: string }>("notes");
    store.transaction(() => notes.set("p", "kept", { text: "kept" }));
    const journal = readData(dataDir, JOURNAL);
    assert.throws(() =>
        store.transaction(() => {
            notes.set("p", "kept", { text: "overwritten" });
            notes.set("p", "new", { text: "new" });
            throw new Error("the handler failed");
        }),
    );
    assert.deepEqual(notes.get("p", "kept"), { text: "kept" });
    assert.equal(notes.get("p", "new"), undefined);
    assert.equal(readData(dataDir, JOURNAL), journal);
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
});

it("with --fsync, acknowledged changes survive kill -9 as well", async () => {
    const dataDir = tempDataDir();
    const first = await startCli(["--port", "0", "--data", dataDir, "--fsync"]);
    let clients = clientsFor(first);
    const { AppInstanceArn } = await clients.identity.send(new CreateAppInstanceCommand({ Name: "synced" }));
    clients.destroy();
    await stopCli(first, "SIGKILL");

    const second = await startCli(["--port", "0", "--data", dataDir, "--fsync"]);
    clients = clientsFor(second);
    try {
        const { AppInstance } = await clients.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn }));
        assert.equal(AppInstance?.Name, "synced");
    } finally {
        clients.destroy();
        await stopCli(second, "SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
