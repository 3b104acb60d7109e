import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { diffInputs } from "../../provider/diff";
import { channelSchema } from "../../provider/resources/channel";
import { UNKNOWN } from "../../provider/unknowns";

/**
 * The diff the engine shows per property (`pulumi preview --diff` through the native plugin): what was added,
 * changed or removed, which of those replace the resource, and whether the old one must go first.
 */
describe("the diff of a resource's inputs", () => {
    const recorded = {
        appInstanceArn: "arn:aws:chime:us-east-1:123456789012:app-instance/a",
        name: "general",
        privacy: "PUBLIC",
        chimeBearer: "arn:aws:chime:us-east-1:123456789012:app-instance/a/user/admin",
        channelId: "general",
        metadata: "m",
    };

    it("names each property added, changed or removed in place", () => {
        const { metadata: _removed, ...withoutMetadata } = recorded;
        const outcome = diffInputs(channelSchema, recorded, { ...withoutMetadata, name: "lobby", mode: "RESTRICTED" });
        assert.deepEqual(outcome.detailed, { name: "UPDATE", mode: "ADD", metadata: "DELETE" });
        assert.deepEqual(outcome.replaces, []);
        assert.equal(outcome.changes, true);
        assert.equal(outcome.deleteBeforeReplace, false, "nothing is replaced, so nothing is deleted first");
    });

    it("marks a property that replaces the resource, and deletes first while the channelId stays", () => {
        const kept = diffInputs(channelSchema, recorded, { ...recorded, privacy: "PRIVATE" });
        assert.deepEqual(kept.detailed, { privacy: "UPDATE_REPLACE" });
        assert.deepEqual(kept.replaces, ["privacy"]);
        assert.equal(kept.deleteBeforeReplace, true);

        const { channelId: _dropped, ...withoutChannelId } = recorded;
        const dropped = diffInputs(channelSchema, recorded, { ...withoutChannelId, privacy: "PRIVATE" });
        assert.deepEqual(dropped.detailed, { privacy: "UPDATE_REPLACE", channelId: "DELETE_REPLACE" });
        assert.equal(dropped.deleteBeforeReplace, false, "a new channel id: the two can exist side by side");
    });

    it("counts a value unknown during a preview as a change, and an equal one as none", () => {
        assert.deepEqual(diffInputs(channelSchema, recorded, { ...recorded, name: UNKNOWN }).detailed, {
            name: "UPDATE",
        });
        const same = diffInputs(channelSchema, recorded, { ...recorded });
        assert.deepEqual(same, { changes: false, replaces: [], deleteBeforeReplace: false, detailed: {} });
    });
});
