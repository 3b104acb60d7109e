import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { fromApiCase, sameValue, toApiCase } from "../../provider/casing";

describe("casing: resource properties (camelCase) and API members (PascalCase)", () => {
    it("converts the keys of nested structures and lists, leaving out absent members, and keeps dates as they are", () => {
        const when = new Date(0);
        assert.deepEqual(
            toApiCase({
                elasticConfig: { maximumSubChannels: 2, gone: undefined, none: null },
                list: [{ aB: 1 }],
                when,
            }),
            { ElasticConfig: { MaximumSubChannels: 2 }, List: [{ AB: 1 }], When: when },
        );
        assert.deepEqual(fromApiCase({ RetentionDays: 3, Inner: [{ X: null, Y: "y" }] }), {
            retentionDays: 3,
            inner: [{ y: "y" }],
        });
        assert.equal(toApiCase("text"), "text");
    });

    it("compares values structurally, with an absent member, undefined and null the same and nothing else", () => {
        assert.ok(sameValue(undefined, null));
        assert.ok(sameValue(null, undefined));
        assert.ok(sameValue({ a: 1, b: undefined }, { a: 1, c: null }));
        assert.ok(sameValue([1, { x: [2] }], [1, { x: [2] }]));
        assert.ok(sameValue(1, 1));

        assert.ok(!sameValue(undefined, 0));
        assert.ok(!sameValue(0, undefined));
        assert.ok(!sameValue({}, null));
        assert.ok(!sameValue(null, {}));
        assert.ok(!sameValue(1, 2));
        assert.ok(!sameValue("", {}));
        assert.ok(!sameValue({}, ""));
        assert.ok(!sameValue([1], { 0: 1 }));
        assert.ok(!sameValue({ 0: 1 }, [1]));
        assert.ok(!sameValue([1], [2]));
        assert.ok(!sameValue([1], [1, 2]));
        assert.ok(!sameValue({ a: 1 }, { a: 2 }));
    });
});
