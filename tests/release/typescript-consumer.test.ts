import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { packageVersion } from "../../scripts/release/release";
import { CliStack, runCliOk } from "../helpers/cli-run";
import { emulatorResources, requirePulumiCli, temporaryBackend } from "../helpers/e2e";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { installPackedPackage, InstalledProject } from "../helpers/packed-install";
import { releaseFolder } from "../helpers/release";

/**
 * A TypeScript user from the release folder alone: a new project installs the release's npm tarball next to
 * @pulumi/pulumi, and a TypeScript program runs on the dynamic providers (no plugin) through the real CLI.
 */

const PROGRAM = `import * as chime from "pulumi-chime-messaging";

const chat = new chime.AppInstanceWithAdmin("chat", { name: "released-chat" });
const general = new chime.Channel("general", { appInstanceArn: chat.appInstanceArn, chimeBearer: chat.bearerArn });
export const channelArn = general.arn;
`;

describe("a TypeScript program from the release's npm tarball, on the dynamic providers", () => {
    let fx: EmulatorFixture;
    let project: InstalledProject;
    let stack: CliStack;

    before(async function () {
        const binDir = requirePulumiCli(this);
        const release = await releaseFolder();
        project = await installPackedPackage(path.join(release, `pulumi-chime-messaging-${packageVersion()}.tgz`));
        fs.writeFileSync(
            path.join(project.dir, "Pulumi.yaml"),
            "name: chime-released\nruntime: nodejs\nmain: index.ts\n",
        );
        fs.writeFileSync(path.join(project.dir, "index.ts"), PROGRAM);
        fx = await startFixture();
        stack = { binDir, workDir: project.dir, backendDir: temporaryBackend(), emulatorUrl: fx.url, stackName: "dev" };
        await runCliOk(stack, ["stack", "select", "--create"]);
    });
    after(async () => {
        await fx?.close();
        await project?.remove();
    });

    it("up makes the app instance, its admin and a channel; destroy leaves nothing", async () => {
        const up = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.match(up, /\+ 6 created/);
        assert.doesNotMatch(up, /pulumi-resource-chime-messaging/, "no plugin: the dynamic providers serve it");
        const arn = (await runCliOk(stack, ["stack", "output", "channelArn"])).trim();
        assert.match(arn, /^arn:aws:chime:us-east-1:\d{12}:app-instance\/[^/]+\/channel\//);
        await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
