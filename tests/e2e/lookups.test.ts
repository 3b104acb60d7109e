import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliStack, runCliOk } from "../helpers/cli-run";
import { emulatorResources, requirePulumiCli, stageProject, temporaryBackend } from "../helpers/e2e";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { nativeStack, yamlProject } from "../helpers/native";
import { isReadOnlyOperation } from "../helpers/provider-fixture";
import { createExistingBackend, ExistingBackend, withEveryType } from "./existing-backend";

/**
 * What a stack does not own, looked up through the real CLI: `get` of every resource type (TypeScript classes on
 * the dynamic path; YAML `get:` through the plugin) and every provider function (TypeScript functions in the
 * program's process; YAML `fn::invoke` through the plugin's Invoke), on a backend made out of band. Nothing is
 * written, and removing the lookups from the program deletes nothing.
 */

const tsProgram = (
    ids: Record<string, string>,
    backend: ExistingBackend,
) => `import * as chime from "pulumi-chime-messaging";

const ids: Record<string, string> = ${JSON.stringify(ids)};
const got = Object.fromEntries(
    Object.entries(ids).map(([type, id]) => [type, (chime as any)[type].get(\`got-\${type}\`, id)]),
);
export const gotIds = Object.values(got).map((resource) => resource.id);
export const channelPrivacy = (got.Channel as chime.Channel).privacy;
export const banned = (got.ChannelBan as chime.ChannelBan).memberArn;

const instance = chime.lookupAppInstanceByNameOutput({ name: "acme-chat" });
export const lookedUp = instance.arn;
export const appName = chime.getAppInstance({ arn: "${backend.appInstanceArn}" }).then((app) => app.name);
export const userName = chime.getAppInstanceUserOutput({ arn: "${backend.users.alice}" }).name;
export const botName = chime.getAppInstanceBotOutput({ arn: "${backend.botArn}" }).name;
export const leadsMode = chime.getChannelOutput({ arn: "${backend.leads}", chimeBearer: "${backend.adminArn}" }).mode;
export const privateChannels = chime
    .listChannelsOutput({ appInstanceArn: instance.arn, chimeBearer: "${backend.adminArn}", privacy: "PRIVATE" })
    .channels.apply((channels) => channels.map((c) => c.name));
export const endpoint = chime.getMessagingSessionEndpointOutput({}).url;
`;

function yamlProgram(ids: Record<string, string>, backend: ExistingBackend): string {
    const invoke = (fn: string, args: Record<string, string>, ret: string) =>
        [
            `    fn::invoke:`,
            `      function: chime-messaging:index:${fn}`,
            `      arguments:`,
            ...Object.entries(args).map(([k, v]) => `        ${k}: ${v}`),
            `      return: ${ret}`,
        ].join("\n");
    return [
        "name: chime-lookups",
        "runtime: yaml",
        "resources:",
        ...Object.entries(ids).flatMap(([type, id]) => [
            `  got-${type}:`,
            `    type: chime-messaging:index:${type}`,
            `    get:`,
            `      id: "${id}"`,
        ]),
        "variables:",
        "  lookedUp:",
        invoke("lookupAppInstanceByName", { name: "acme-chat" }, "arn"),
        "  appName:",
        invoke("getAppInstance", { arn: backend.appInstanceArn }, "name"),
        "  userName:",
        invoke("getAppInstanceUser", { arn: backend.users.alice }, "name"),
        "  botName:",
        invoke("getAppInstanceBot", { arn: backend.botArn }, "name"),
        "  leadsMode:",
        invoke("getChannel", { arn: backend.leads, chimeBearer: backend.adminArn }, "mode"),
        "  privateChannels:",
        invoke(
            "listChannels",
            { appInstanceArn: backend.appInstanceArn, chimeBearer: backend.adminArn, privacy: "PRIVATE" },
            "channels",
        ),
        "  endpoint:",
        "    fn::invoke:",
        "      function: chime-messaging:index:getMessagingSessionEndpoint",
        "      return: url",
        "outputs:",
        "  gotIds:",
        ...Object.keys(ids).map((type) => `    - \${got-${type}.id}`),
        "  channelPrivacy: ${got-Channel.privacy}",
        "  banned: ${got-ChannelBan.memberArn}",
        "  lookedUp: ${lookedUp}",
        "  appName: ${appName}",
        "  userName: ${userName}",
        "  botName: ${botName}",
        "  leadsMode: ${leadsMode}",
        "  privateChannelNames: ${privateChannels[0].name}",
        "  endpoint: ${endpoint}",
        "",
    ].join("\n");
}

describe("looking up what a stack does not own, through the CLI: get of every type and every function", () => {
    let binDir: string;
    let fx: EmulatorFixture;
    let backend: ExistingBackend;
    let ids: Record<string, string>;

    before(async function () {
        binDir = requirePulumiCli(this);
        fx = await startFixture();
        backend = await createExistingBackend(fx);
        ids = await withEveryType(fx, backend);
    });
    after(() => fx?.close());

    /** The operations the emulator received while `fn` ran that change something. */
    async function mutatingCallsDuring(fn: () => Promise<unknown>): Promise<string[]> {
        const before = new Map(fx.emulator.callCounts);
        await fn();
        return [...fx.emulator.callCounts]
            .filter(([operation, count]) => count > (before.get(operation) ?? 0) && !isReadOnlyOperation(operation))
            .map(([operation]) => operation);
    }

    const SERVINGS: Record<string, () => Promise<{ stack: CliStack; empty: () => void }>> = {
        async "TypeScript on the dynamic providers"() {
            const source = fs.mkdtempSync(path.join(os.tmpdir(), "chime-lookups-ts-"));
            fs.writeFileSync(
                path.join(source, "Pulumi.yaml"),
                "name: chime-lookups\nruntime: nodejs\nmain: index.ts\n",
            );
            fs.writeFileSync(path.join(source, "index.ts"), tsProgram(ids, backend));
            const workDir = stageProject(source, ["Pulumi.yaml", "index.ts"]);
            const stack = {
                binDir,
                workDir,
                backendDir: temporaryBackend(),
                emulatorUrl: fx.url,
                stackName: "lookups",
            };
            await runCliOk(stack, ["stack", "select", "--create"]);
            return { stack, empty: () => fs.writeFileSync(path.join(workDir, "index.ts"), "export {};\n") };
        },
        async "YAML through the plugin"() {
            const workDir = yamlProject(yamlProgram(ids, backend));
            const stack = await nativeStack(binDir, fx.url, workDir, "lookups");
            return {
                stack,
                empty: () =>
                    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), "name: chime-lookups\nruntime: yaml\n"),
            };
        },
    };

    for (const [serving, open] of Object.entries(SERVINGS)) {
        it(`${serving}: every type's get and every function answer, with no mutating call; dropping them deletes nothing`, async () => {
            const { stack, empty } = await open();
            const held = await emulatorResources(fx.url);
            let outputs: Record<string, unknown> = {};
            const written = await mutatingCallsDuring(async () => {
                await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
                outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"]));
            });
            assert.deepEqual(written, [], "no mutating call");
            assert.deepEqual(outputs.gotIds, Object.values(ids));
            assert.equal(outputs.channelPrivacy, "PUBLIC");
            assert.equal(outputs.banned, backend.users.mallory);
            assert.equal(outputs.lookedUp, backend.appInstanceArn);
            assert.equal(outputs.appName, "acme-chat");
            assert.equal(outputs.userName, "Alice");
            assert.equal(outputs.botName, "Helper");
            assert.equal(outputs.leadsMode, "RESTRICTED");
            const privateNames = outputs.privateChannels ?? [outputs.privateChannelNames];
            assert.deepEqual(privateNames, ["Leads Room"]);
            assert.match(String(outputs.endpoint), /^wss?:\/\//);

            empty();
            const removed = await mutatingCallsDuring(() => runCliOk(stack, ["up", "--yes", "--skip-preview"]));
            assert.deepEqual(removed, [], "removing the lookups calls nothing that changes");
            await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
            assert.deepEqual(await emulatorResources(fx.url), held, "the looked-up resources are all still there");
        });
    }
});
