import { describe, it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { implementationOf, resourceImplementations } from "../../provider";
import type { ResourceImplementation } from "../../provider/resource-provider";
import { entryModuleName } from "../../provider/entry-names";
// The shim as the package exports it (its built copy), so it returns the very entry modules the package name resolves.
import { providerShim } from "pulumi-chime-messaging";
import { assertSerializes, loadSerializedProvider, MAX_PROVIDER_BYTES, serializedProviderOf } from "../helpers/mocks";

const repoRoot = path.resolve(__dirname, "..", "..");
const { version } = require(path.join(repoRoot, "package.json")) as { version: string };

/**
 * Every resource's `__provider` is written into the state and shown in `preview --json`: it must stay small and
 * must not change when the package is upgraded (or an upgrade would show every resource as changed, and
 * refresh and delete would keep running the old code).
 */
describe("serialized providers of every registered resource type", () => {
    const types = Object.keys(resourceImplementations).sort();

    it("registers the implementation of every resource file in provider/resources, under its schema's type", () => {
        const folder = path.join(repoRoot, "provider", "resources");
        const files = fs.readdirSync(folder).filter((file) => file.endsWith(".ts") && file !== "index.ts");
        const found = files.map((file) => {
            const exports = Object.values(require(path.join(folder, file)) as Record<string, unknown>);
            const implementations = exports.filter(
                (value): value is ResourceImplementation =>
                    typeof value === "object" && value !== null && "schema" in value && "create" in value,
            );
            assert.equal(implementations.length, 1, `${file} exports one resource implementation`);
            const [implementation] = implementations;
            assert.equal(implementationOf(implementation.schema.type), implementation, file);
            return implementation.schema.type;
        });
        assert.deepEqual(found.sort(), types);
    });

    for (const type of types) {
        it(`${type}: small, free of versions and paths, stable, and loading the installed implementation`, async () => {
            const { text, bytes } = await assertSerializes(providerShim(type));
            assert.ok(bytes <= MAX_PROVIDER_BYTES, `${bytes} bytes > ${MAX_PROVIDER_BYTES}`);
            assert.ok(!text.includes(version), `the text contains the package version ${version}`);
            assert.ok(!text.includes(repoRoot), "the text contains a path of this machine");
            assert.ok(
                text.includes('require("pulumi-chime-messaging/provider")'),
                "it does not load the installed package",
            );
            assert.equal(await serializedProviderOf(type), text, "serializing twice gave different texts");
            // What an installed package's __provider loads instead (this repository's own copy is serialized by value).
            assert.equal(
                require(`pulumi-chime-messaging/providers/${entryModuleName(type)}`),
                providerShim(type),
                "no entry module",
            );

            // What the dynamic-provider host does with it: load, then call. Check answers from the implementation.
            const result = await loadSerializedProvider(text).check!({}, { notAProperty: 1 });
            assert.ok(
                result.failures?.some((f) => f.property === "notAProperty" && f.reason.includes(type)),
                JSON.stringify(result.failures),
            );
        });
    }
});
