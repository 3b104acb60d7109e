import { it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startFixture } from "../helpers/emulator";
import { ProviderHost } from "../helpers/provider-host";

// The emulator takes the region from each request's SigV4 credential scope, and puts it in the ARNs it makes,
// so an ARN shows which region the provider's clients used.

const SECRET = "wJalrXUtnFEMI-not-a-real-secret";

async function createAppInstance(host: ProviderHost, name: string) {
    const instance = host.resource("AppInstance", name);
    const { inputs } = await instance.check({}, { name });
    return instance.create(inputs);
}

it("stack config aws:region overrides the environment's region; no credential reaches the state", async () => {
    const fx = await startFixture();
    const host = await ProviderHost.start({
        env: {
            AWS_ENDPOINT_URL: fx.url,
            AWS_REGION: "us-east-1",
            AWS_ACCESS_KEY_ID: "AKIDSTACKCONFIG",
            AWS_SECRET_ACCESS_KEY: SECRET,
            AWS_MAX_ATTEMPTS: "1",
        },
    });
    try {
        await host.configure({ "aws:region": "eu-central-1" });
        const { id, properties } = await createAppInstance(host, "regional");
        assert.match(id, /^arn:aws:chime:eu-central-1:/);
        const state = JSON.stringify(properties);
        assert.ok(
            !state.includes(SECRET) && !state.includes("AKIDSTACKCONFIG"),
            "credentials must not be in the state",
        );
    } finally {
        await host.stop();
        await fx.close();
    }
});

it("stack config aws:profile selects a profile of the shared config files, its region included", async () => {
    const fx = await startFixture();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-aws-config-"));
    fs.writeFileSync(path.join(dir, "config"), "[profile chat-admin]\nregion = ap-southeast-2\n");
    fs.writeFileSync(
        path.join(dir, "credentials"),
        `[chat-admin]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = ${SECRET}\n`,
    );
    const host = await ProviderHost.start({
        env: {
            AWS_ENDPOINT_URL: fx.url,
            AWS_CONFIG_FILE: path.join(dir, "config"),
            AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
            AWS_REGION: undefined,
            AWS_DEFAULT_REGION: undefined,
            AWS_PROFILE: undefined,
            AWS_ACCESS_KEY_ID: undefined,
            AWS_SECRET_ACCESS_KEY: undefined,
            AWS_MAX_ATTEMPTS: "1",
        },
    });
    try {
        await host.configure({ "aws:profile": "chat-admin" });
        const { id, properties } = await createAppInstance(host, "profiled");
        assert.match(id, /^arn:aws:chime:ap-southeast-2:/);
        assert.ok(!JSON.stringify(properties).includes(SECRET));
    } finally {
        await host.stop();
        await fx.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
