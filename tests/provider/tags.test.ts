import { describe, it } from "mocha";
import assert from "node:assert/strict";
import type { Api } from "../../provider/api";
import { tagsProperty, updateChangedTags } from "../../provider/tags";

const validate = (value: unknown) => tagsProperty.validate(value);

/** An Api that fails any call: what must make no call is run against it. */
const noCalls = {
    send: () => Promise.reject(new Error("no call was expected")),
} as unknown as Api;

describe("tags", () => {
    it("must be a map of strings", () => {
        for (const value of ["a", 1, null, ["k"], true]) {
            assert.equal(validate(value), "must be a map of strings", JSON.stringify(value));
        }
        assert.equal(validate({}), undefined);
    });

    it("are at most 50, as the service allows", () => {
        const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
        assert.equal(validate(tags(50)), undefined);
        assert.equal(validate(tags(51)), "must have at most 50 tags, has 51");
    });

    it("name the key or the tag whose key or value breaks the API's rules, and the reserved aws: prefix", () => {
        const long = "k".repeat(129);
        assert.match(validate({ [long]: "v" }) ?? "", new RegExp(`^has invalid tags: tag key "${long}": key .*128`));
        assert.match(validate({ k: "v".repeat(257) }) ?? "", /^has invalid tags: tag "k": value .*256/);
        assert.match(validate({ "aws:x": "v" }) ?? "", /tag key "aws:x" must not start with "aws:"/);
        assert.equal(validate({ team: "chat" }), undefined);
    });

    it("an update that did not change them makes no tag call", async () => {
        await updateChangedTags(noCalls, "messaging", "arn", { tags: { a: "1" } }, { tags: { a: "2" } }, ["name"]);
    });
});
