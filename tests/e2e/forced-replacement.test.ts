import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as path from "path";
import { GetAppInstanceRetentionSettingsCommand, ListAppInstancesCommand } from "@aws-sdk/client-chime-sdk-identity";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { requirePulumiCli } from "../helpers/e2e";
import { CliStack, dynamicStack, runCliOk } from "../helpers/cli-run";
import { nativeStack, yamlProject } from "../helpers/native";

/**
 * Through the real CLI, for both servings: a second `pulumi up` of an unchanged program leaves every resource's
 * state byte for byte as the first wrote it, and `pulumi up --replace` of a resource whose inputs are unchanged
 * loses nothing: the engine calls no diff and checks without the old inputs, so the create is answered with the
 * resource being replaced (an app instance by its token within the idempotency window, an app instance's
 * settings by being the same again), and the plugin process keeps it instead of deleting what it has just been
 * answered with. Declared `deleteBeforeReplace`, the old one goes first and `--replace` makes a new one.
 */

const YAML = `name: chime-replace
runtime: yaml
resources:
  chat:
    type: chime-messaging:index:AppInstance
    properties:
      name: replace-e2e
  alice:
    type: chime-messaging:index:AppInstanceUser
    properties:
      appInstanceArn: \${chat.arn}
      appInstanceUserId: alice
  retention:
    type: chime-messaging:index:AppInstanceRetentionSettings
    properties:
      appInstanceArn: \${chat.arn}
      channelRetentionSettings:
        retentionDays: 30
  fresh:
    type: chime-messaging:index:AppInstance
    properties:
      name: replace-e2e-fresh
    options:
      deleteBeforeReplace: true
outputs:
  freshArn: \${fresh.arn}
  chatArn: \${chat.arn}
  aliceArn: \${alice.arn}
`;

interface Serving {
    name: string;
    appInstanceType: string;
    project: string;
    open(binDir: string, emulatorUrl: string): Promise<CliStack>;
}

const SERVINGS: Serving[] = [
    {
        name: "dynamic providers",
        appInstanceType: "pulumi-nodejs:dynamic/chime:AppInstance",
        project: "chime-e2e-replace",
        open: (binDir, emulatorUrl) =>
            dynamicStack(binDir, emulatorUrl, path.join(REPO_ROOT, "tests", "e2e", "replace-stack"), "replace"),
    },
    {
        name: "the native plugin",
        appInstanceType: "chime-messaging:index:AppInstance",
        project: "chime-replace",
        open: (binDir, emulatorUrl) => nativeStack(binDir, emulatorUrl, yamlProject(YAML), "replace"),
    },
];

type Exported = { deployment: { resources: { urn: string; type: string }[] } };

/** The resources' recorded states, without the stack's own (its outputs are rewritten by every update). */
async function resourceStates(stack: CliStack): Promise<string[]> {
    const exported = JSON.parse(await runCliOk(stack, ["stack", "export"])) as Exported;
    // By URN: siblings registered concurrently may be checkpointed in another order, each byte for byte the same.
    return exported.deployment.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .sort((a, b) => a.urn.localeCompare(b.urn))
        .map((r) => JSON.stringify(r));
}

for (const serving of SERVINGS)
    describe(`second up and forced replacement through ${serving.name}`, () => {
        let fx: EmulatorFixture;
        let stack: CliStack;

        before(async function () {
            const binDir = requirePulumiCli(this);
            fx = await startFixture();
            stack = await serving.open(binDir, fx.url);
        });
        after(async () => {
            if (stack) await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
            await fx?.close();
        });

        const appInstances = async (name: string) =>
            (await fx.identity.send(new ListAppInstancesCommand({})))
                .AppInstances!.filter((a) => a.Name === name)
                .map((a) => a.AppInstanceArn);

        it("a second up, and a third, leave every resource's state byte for byte as the first wrote it", async () => {
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            const first = await resourceStates(stack);
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.deepEqual(await resourceStates(stack), first);
            await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
            assert.deepEqual(await resourceStates(stack), first);
        });

        it("up --replace of an unchanged resource within the idempotency window keeps it: nothing is lost", async () => {
            const { chatArn } = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as {
                chatArn: string;
            };
            const urn = `urn:pulumi:replace::${serving.project}::${serving.appInstanceType}::chat`;
            const replaced = await runCliOk(stack, ["up", "--yes", "--skip-preview", "--replace", urn]);
            assert.match(replaced, /1 replaced/);
            assert.deepEqual(
                await appInstances("replace-e2e"),
                [chatArn],
                "the app instance still exists, and no other",
            );
            const outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as { chatArn: string };
            assert.equal(outputs.chatArn, chatArn, "the state records the resource that exists");
            await runCliOk(stack, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        });

        it("up --replace of a resource declared deleteBeforeReplace makes a new one and deletes the old", async () => {
            const before = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as { freshArn: string };
            const urn = `urn:pulumi:replace::${serving.project}::${serving.appInstanceType}::fresh`;
            const replaced = await runCliOk(stack, ["up", "--yes", "--skip-preview", "--replace", urn]);
            assert.match(replaced, /1 replaced/);
            const after = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as { freshArn: string };
            assert.notEqual(after.freshArn, before.freshArn, "a new app instance");
            assert.deepEqual(await appInstances("replace-e2e-fresh"), [after.freshArn], "the old one is gone");
            await runCliOk(stack, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        });

        it("up --replace of a resource that is the same again (an app instance's settings) keeps it", async () => {
            const { chatArn } = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as {
                chatArn: string;
            };
            const retentionType = serving.appInstanceType.replace(/AppInstance$/, "AppInstanceRetentionSettings");
            const urn = `urn:pulumi:replace::${serving.project}::${retentionType}::retention`;
            const replaced = await runCliOk(stack, ["up", "--yes", "--skip-preview", "--replace", urn]);
            assert.match(replaced, /1 replaced/);
            const live = await fx.identity.send(
                new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: chatArn }),
            );
            assert.equal(live.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays, 30);
            await runCliOk(stack, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        });
    });
