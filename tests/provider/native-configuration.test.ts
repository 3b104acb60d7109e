import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { checkConfig, diffConfig } from "../../provider/serving/native/configuration";

describe("the native plugin's provider configuration", () => {
    it("replaces the provider's resources when it moves from one region to another", () => {
        assert.deepEqual(diffConfig({ region: "us-east-1" }, { region: "eu-central-1" }), {
            changed: ["region"],
            replaces: ["region"],
        });
    });

    it("updates without a replacement when a region is first set or left out, or the profile or endpoint change", () => {
        assert.deepEqual(diffConfig({}, { region: "eu-central-1" }), { changed: ["region"], replaces: [] });
        assert.deepEqual(diffConfig({ region: "eu-central-1" }, {}), { changed: ["region"], replaces: [] });
        assert.deepEqual(diffConfig({ region: "us-east-1", profile: "a" }, { region: "us-east-1", profile: "b" }), {
            changed: ["profile"],
            replaces: [],
        });
        assert.deepEqual(diffConfig({ endpoint: "http://127.0.0.1:1" }, { endpoint: "http://127.0.0.1:2" }), {
            changed: ["endpoint"],
            replaces: [],
        });
        assert.deepEqual(diffConfig({ region: "us-east-1" }, { region: "us-east-1" }), { changed: [], replaces: [] });
    });

    it("refuses a region that is not a Region code, naming the value", () => {
        const { failures } = checkConfig({ region: "Frankfurt" });
        assert.equal(failures.length, 1);
        assert.equal(failures[0].property, "region");
        assert.match(failures[0].reason, /Frankfurt/);
        assert.deepEqual(checkConfig({ region: "us-gov-west-1" }).failures, []);
    });
});
