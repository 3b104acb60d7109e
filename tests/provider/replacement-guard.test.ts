import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { ReplacementGuard } from "../../provider/replacement-guard";

describe("the replacement guard of a process that serves one deployment", () => {
    it("keeps on delete exactly what a create of the process returned once it is on, and says why", () => {
        const said: string[] = [];
        const guard = new ReplacementGuard((message) => said.push(message));
        guard.noteCreated("before");
        guard.enable();
        guard.noteCreated("made");

        assert.equal(guard.keepsOnDelete("Channel", "made"), true);
        assert.equal(said.length, 1);
        assert.match(said[0], /^Channel made: not deleted: it is also the resource the replacement was answered with/);
        assert.equal(guard.keepsOnDelete("Channel", "other"), false, "an id no create returned is deleted");
        assert.equal(
            guard.keepsOnDelete("Channel", "before"),
            false,
            "a create before the guard was on counts for nothing",
        );
        assert.equal(said.length, 1);
    });

    it("keeps nothing while it is off (a process that plays several deployments, such as the tests)", () => {
        const said: string[] = [];
        const guard = new ReplacementGuard((message) => said.push(message));
        guard.noteCreated("made");
        assert.equal(guard.keepsOnDelete("Channel", "made"), false);
        assert.deepEqual(said, []);
    });
});
