import { describe, it, before, after } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { resourceImplementations } from "../../provider";
import { serializedProviderOf } from "../helpers/mocks";
import { installPackedPackage, InstalledProject } from "../helpers/packed-install";
import { ProviderHost } from "../helpers/provider-host";

/**
 * The packed-install guard: from a project that installed the npm tarball (not this repository's self-link),
 * every resource type's provider serializes, stays byte-identical to this repository's (even when the
 * installed version differs), and loads and runs the installed copy's implementation.
 */
const repoRoot = path.resolve(__dirname, "..", "..");

let project: InstalledProject;

interface Report {
    providers: Record<string, { text: string; failures: { property: string; reason: string }[] }>;
    registered: string;
    providerEntry: string;
    loadedImplementation: string[];
}

/** Runs in the installed project: what `pulumi.dynamic.Resource` and the dynamic-provider host do. */
const SCRIPT = `
const path = require("path");
const sdk = require("pulumi-chime-messaging");
const { resourceImplementations } = require("pulumi-chime-messaging/provider");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure");
const requireFromString = require(require.resolve("require-from-string", { paths: [pulumiDir] }));
(async () => {
    const providers = {};
    for (const type of Object.keys(resourceImplementations)) {
        const provider = sdk.providerShim(type);
        const { text } = await serializeFunction(() => provider, { allowSecrets: true });
        const loaded = requireFromString(text).handler();
        const { failures } = await loaded.check({}, { notAProperty: 1 });
        providers[type] = { text, failures };
    }
    // The SDK class itself, as a program registers it.
    const pulumi = require("@pulumi/pulumi");
    let registered;
    await pulumi.runtime.setMocks({
        newResource(args) { registered = args.inputs.__provider; return { id: "id", state: args.inputs }; },
        call: (args) => args.inputs,
    });
    new sdk.Channel("c", { appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/a", name: "C", chimeBearer: "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u" });
    await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
    const loadedImplementation = Object.keys(require.cache).filter((f) => f.includes(path.join("dist", "provider", "resources")));
    console.log(JSON.stringify({ providers, registered, providerEntry: require.resolve("pulumi-chime-messaging/provider"), loadedImplementation }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe("serialized providers in a project that installed the packed package", () => {
    before(async () => {
        project = await installPackedPackage();
    });
    after(() => project?.remove());

    it("each resource type's provider, serialized in a project that installed the packed package", async () => {
        // Another version installed: the serialized text must not change with it.
        const manifestPath = path.join(project.packageDir, "package.json");
        const manifest = JSON.parse(await fs.promises.readFile(manifestPath, "utf8"));
        await fs.promises.writeFile(manifestPath, JSON.stringify({ ...manifest, version: "99.1.2" }, null, 2));

        const report = JSON.parse(await project.runNode(SCRIPT)) as Report;

        assert.ok(!fs.lstatSync(project.packageDir).isSymbolicLink(), "the package was linked, not installed");
        assert.ok(report.providerEntry.startsWith(fs.realpathSync(project.dir)) || report.providerEntry.startsWith(project.dir), report.providerEntry);
        assert.ok(report.loadedImplementation.length > 0, "no implementation module was loaded");
        for (const file of report.loadedImplementation) {
            assert.ok(!file.startsWith(repoRoot + path.sep), `loaded from this repository, not the installed copy: ${file}`);
        }

        assert.deepEqual(Object.keys(report.providers).sort(), Object.keys(resourceImplementations).sort());
        for (const [type, { text, failures }] of Object.entries(report.providers)) {
            assert.equal(text, await serializedProviderOf(type), `${type}: the serialized provider differs from this repository's`);
            assert.ok(!text.includes("99.1.2"), `${type}: the serialized provider holds the installed version`);
            assert.ok(
                failures?.some((f) => f.property === "notAProperty" && f.reason.includes(type)),
                `${type}: check did not answer from the installed implementation: ${JSON.stringify(failures)}`,
            );
        }
        assert.equal(report.registered, report.providers.Channel.text, "the Channel class registers another __provider");
    });

    it("the installed project's own dynamic-provider host runs the installed provider", async () => {
        const host = await ProviderHost.start({ projectDir: project.dir });
        try {
            await host.configure({});
            const channel = host.resource("Channel", "c");
            const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/a";
            const good = await channel.check({}, { appInstanceArn, name: "C", chimeBearer: `${appInstanceArn}/user/u` });
            assert.deepEqual(good.failures, []);
            assert.equal(good.inputs.privacy, "PUBLIC");
            const bad = await channel.check({}, { appInstanceArn, name: "C", mode: "OPEN", chimeBearer: `${appInstanceArn}/user/u` });
            assert.deepEqual(bad.failures.map((f) => f.property), ["mode"]);
        } finally {
            await host.stop();
        }
    });
});
