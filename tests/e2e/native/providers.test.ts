import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { EmulatorFixture, startFixture } from "../../helpers/emulator";
import { emulatorResources, requirePulumiCli } from "../../helpers/e2e";
import { CliStack, runCli, runCliOk } from "../../helpers/cli-run";
import { nativeStack, yamlProject } from "../../helpers/native";

/**
 * Provider configuration of the native plugin: two explicit providers, one per region, manage an app instance
 * each in one program; the default provider takes `chime-messaging:region` from the stack's config; a bad region
 * is refused naming the setting; and no credential reaches the state.
 */

const TWO_REGIONS = `name: chime-two-regions
runtime: yaml
resources:
  us:
    type: pulumi:providers:chime-messaging
    properties:
      region: us-east-1
  eu:
    type: pulumi:providers:chime-messaging
    properties:
      region: eu-central-1
  us-chat:
    type: chime-messaging:index:AppInstance
    options:
      provider: \${us}
  eu-chat:
    type: chime-messaging:index:AppInstance
    options:
      provider: \${eu}
  eu-alice:
    type: chime-messaging:index:AppInstanceUser
    properties:
      appInstanceArn: \${eu-chat.arn}
      appInstanceUserId: alice
    options:
      provider: \${eu}
  default-chat:
    type: chime-messaging:index:AppInstance
outputs:
  us: \${us-chat.arn}
  eu: \${eu-chat.arn}
  euAlice: \${eu-alice.arn}
  default: \${default-chat.arn}
`;

/** A secret access key no state may ever hold. */
const SECRET_KEY = "never-in-the-state-0f3c9a";

describe("native plugin configuration: explicit providers per region, stack config, no credentials in the state", () => {
    let fx: EmulatorFixture;
    let stack: CliStack;

    before(async function () {
        const binDir = requirePulumiCli(this);
        fx = await startFixture();
        stack = await nativeStack(binDir, fx.url, yamlProject(TWO_REGIONS), "regions", {
            "chime-messaging:region": "ap-southeast-2",
        });
        stack.env = { AWS_SECRET_ACCESS_KEY: SECRET_KEY };
    });
    after(() => fx?.close());

    it("makes each app instance in its provider's region, and the default provider's in the configured one", async () => {
        await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        const outputs = JSON.parse(await runCliOk(stack, ["stack", "output", "--json"])) as Record<string, string>;
        assert.match(outputs.us, /^arn:aws:chime:us-east-1:\d{12}:app-instance\//);
        assert.match(outputs.eu, /^arn:aws:chime:eu-central-1:\d{12}:app-instance\//);
        assert.match(outputs.euAlice, /^arn:aws:chime:eu-central-1:\d{12}:app-instance\/.+\/user\/alice$/);
        assert.match(outputs.default, /^arn:aws:chime:ap-southeast-2:\d{12}:app-instance\//);

        const again = await runCliOk(stack, ["up", "--yes", "--skip-preview"]);
        assert.doesNotMatch(again, /(created|updated|replaced|deleted)\b/, "a second up changes nothing");
    });

    it("keeps credentials out of the state", async () => {
        const state = await runCliOk(stack, ["stack", "export"]);
        assert.doesNotMatch(state, new RegExp(SECRET_KEY));
        assert.match(state, /"region": "eu-central-1"/, "the provider's own settings are recorded");
    });

    it("refuses a malformed region, naming the setting and how to set it, before any call", async () => {
        await runCliOk(stack, ["config", "set", "chime-messaging:region", "Europe"]);
        const before = new Map(fx.emulator.callCounts);
        const preview = await runCli(stack, ["preview"]);
        assert.notEqual(preview.code, 0);
        assert.match(preview.output, /region must be an AWS region such as us-east-1 \(got "Europe"\)/);
        assert.match(preview.output, /pulumi config set chime-messaging:region/);
        assert.deepEqual(new Map(fx.emulator.callCounts), before, "no API call");
        await runCliOk(stack, ["config", "set", "chime-messaging:region", "ap-southeast-2"]);
    });

    it("destroy removes what each provider made", async () => {
        await runCliOk(stack, ["destroy", "--yes", "--skip-preview"]);
        assert.deepEqual(await emulatorResources(fx.url), {});
    });
});
