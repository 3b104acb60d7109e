import { after, before, describe, it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { resourceImplementations } from "../../provider";
import { entryModuleName } from "../../provider/entry-names";
import { legacyProviderText } from "../helpers/legacy-provider";
import { installPackedPackage, InstalledProject } from "../helpers/packed-install";
import { ProviderHost } from "../helpers/provider-host";
import { REPO_ROOT } from "../../scripts/repo-root";

/**
 * The packed-install guard: from a project that installed the npm tarball (not this repository's self-link),
 * every resource type's provider serializes as a `require` of its entry module, within MAX_INSTALLED_PROVIDER_BYTES,
 * byte-identical for every resource of a type and whatever version is installed, and loads and runs the installed
 * copy's implementation; so does the `__provider` that version 0.1.0 wrote into its stacks' state.
 */
const repoRoot = REPO_ROOT;

/** The ceiling for a resource's `__provider` in a user's install (the README's "Large stacks" figure). */
const MAX_INSTALLED_PROVIDER_BYTES = 400;

let project: InstalledProject;

interface Checked {
    failures: { property: string; reason: string }[];
}

interface Report {
    providers: Record<string, { text: string } & Checked>;
    legacy: Record<string, Checked>;
    registered: string[];
    providerEntry: string;
    loadedImplementation: string[];
}

/** Runs in the installed project: what `pulumi.dynamic.Resource` and the dynamic-provider host do. */
const script = (legacyTexts: Record<string, string>) => `
const path = require("path");
const sdk = require("pulumi-chime-messaging");
const { resourceImplementations } = require("pulumi-chime-messaging/provider");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure");
const requireFromString = require(require.resolve("require-from-string", { paths: [pulumiDir] }));
const legacyTexts = ${JSON.stringify(legacyTexts)};
(async () => {
    const providers = {};
    const legacy = {};
    for (const type of Object.keys(resourceImplementations)) {
        const provider = sdk.providerShim(type);
        const { text } = await serializeFunction(() => provider, { allowSecrets: true });
        const loaded = requireFromString(text).handler();
        const { failures } = await loaded.check({}, { notAProperty: 1 });
        providers[type] = { text, failures };
        legacy[type] = { failures: (await requireFromString(legacyTexts[type]).handler().check({}, { notAProperty: 1 })).failures };
    }
    // The SDK class itself, as a program registers it.
    const pulumi = require("@pulumi/pulumi");
    const registered = [];
    await pulumi.runtime.setMocks({
        newResource(args) { registered.push(args.inputs.__provider); return { id: "id", state: args.inputs }; },
        call: (args) => args.inputs,
    });
    const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/a";
    for (const name of ["C", "D"]) new sdk.Channel(name, { appInstanceArn, name, chimeBearer: appInstanceArn + "/user/u" });
    await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
    const loadedImplementation = Object.keys(require.cache).filter((f) => f.includes(path.join("dist", "provider", "resources")));
    console.log(JSON.stringify({ providers, legacy, registered, providerEntry: require.resolve("pulumi-chime-messaging/provider"), loadedImplementation }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

const answeredByImplementation = (type: string, { failures }: Checked) =>
    failures?.some((f) => f.property === "notAProperty" && f.reason.includes(type));

describe("serialized providers in a project that installed the packed package", () => {
    before(async () => {
        project = await installPackedPackage();
    });
    after(() => project?.remove());

    it("each resource type's provider, serialized in a project that installed the packed package", async () => {
        const types = Object.keys(resourceImplementations).sort();
        const legacyTexts = Object.fromEntries(types.map((type) => [type, legacyProviderText(type)]));
        const asInstalled = JSON.parse(await project.runNode(script(legacyTexts))) as Report;
        // Another version installed: the serialized text must not change with it.
        const manifestPath = path.join(project.packageDir, "package.json");
        const manifest = JSON.parse(await fs.promises.readFile(manifestPath, "utf8"));
        await fs.promises.writeFile(manifestPath, JSON.stringify({ ...manifest, version: "99.1.2" }, null, 2));
        const report = JSON.parse(await project.runNode(script(legacyTexts))) as Report;

        assert.ok(!fs.lstatSync(project.packageDir).isSymbolicLink(), "the package was linked, not installed");
        assert.ok(
            report.providerEntry.startsWith(fs.realpathSync(project.dir)) ||
                report.providerEntry.startsWith(project.dir),
            report.providerEntry,
        );
        assert.ok(report.loadedImplementation.length > 0, "no implementation module was loaded");
        for (const file of report.loadedImplementation) {
            assert.ok(
                !file.startsWith(repoRoot + path.sep),
                `loaded from this repository, not the installed copy: ${file}`,
            );
        }

        assert.deepEqual(Object.keys(report.providers).sort(), types);
        for (const [type, serialized] of Object.entries(report.providers)) {
            const { text } = serialized;
            const bytes = Buffer.byteLength(text);
            assert.ok(
                bytes <= MAX_INSTALLED_PROVIDER_BYTES,
                `${type}: ${bytes} bytes > ${MAX_INSTALLED_PROVIDER_BYTES}:\n${text}`,
            );
            assert.ok(
                text.includes(`require("pulumi-chime-messaging/providers/${entryModuleName(type)}")`),
                `${type}: ${text}`,
            );
            assert.equal(
                text,
                asInstalled.providers[type].text,
                `${type}: the serialized provider changed with the installed version`,
            );
            assert.ok(!text.includes("99.1.2"), `${type}: the serialized provider holds the installed version`);
            assert.ok(
                answeredByImplementation(type, serialized),
                `${type}: check did not answer from the installed implementation: ${JSON.stringify(serialized.failures)}`,
            );
            const legacy = report.legacy[type];
            assert.ok(
                answeredByImplementation(type, legacy),
                `${type}: the 0.1.0 __provider did not reach the installed implementation: ${JSON.stringify(legacy.failures)}`,
            );
        }
        assert.deepEqual(
            report.registered,
            [report.providers.Channel.text, report.providers.Channel.text],
            "the Channel class registers another __provider",
        );
    });

    it("the installed project's own dynamic-provider host runs the installed provider", async () => {
        const host = await ProviderHost.start({ projectDir: project.dir });
        try {
            await host.configure({});
            const channel = host.resource("Channel", "c");
            const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/a";
            const good = await channel.check(
                {},
                { appInstanceArn, name: "C", chimeBearer: `${appInstanceArn}/user/u` },
            );
            assert.deepEqual(good.failures, []);
            assert.equal(good.inputs.privacy, "PUBLIC");
            const bad = await channel.check(
                {},
                { appInstanceArn, name: "C", mode: "OPEN", chimeBearer: `${appInstanceArn}/user/u` },
            );
            assert.deepEqual(
                bad.failures.map((f) => f.property),
                ["mode"],
            );
        } finally {
            await host.stop();
        }
    });
});
