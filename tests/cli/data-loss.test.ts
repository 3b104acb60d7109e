import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { dataLossOf } from "../../cli/preview-report/data-loss";
import { Change, UNKNOWN_VALUE } from "../../cli/preview-report/preview";

const CHANNEL = "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/c";
const user = (id: string) => `arn:aws:chime:us-east-1:123456789012:app-instance/a/user/${id}`;

/** A preview's update of a ChannelMemberships from one member list to another. */
const membershipsUpdate = (olds: unknown[], news: unknown[]): Change => ({
    urn: "urn:pulumi:dev::chat::chime-messaging:index:ChannelMemberships::team",
    name: "team",
    type: "chime-messaging:index:ChannelMemberships",
    chimeType: "ChannelMemberships",
    operation: "update",
    properties: ["memberArns"],
    replaceReasons: [],
    oldInputs: { channelArn: CHANNEL, memberArns: olds },
    newInputs: { channelArn: CHANNEL, memberArns: news },
    parents: [{ property: "channelArn", arn: CHANNEL }],
});

describe("what a preview's ChannelMemberships update loses", () => {
    it("names each member the update takes out of the channel", () => {
        const loss = dataLossOf(
            membershipsUpdate([user("alice"), user("bob"), user("carol")], [user("bob"), user("dave")]),
        );
        assert.equal(loss?.lost, `the memberships of \`${user("alice")}\`, \`${user("carol")}\``);
    });

    it("loses nothing when it only adds members, or when the new list is not known yet", () => {
        assert.equal(dataLossOf(membershipsUpdate([user("alice")], [user("alice"), user("bob")])), undefined);
        assert.equal(dataLossOf(membershipsUpdate([user("alice"), user("bob")], [UNKNOWN_VALUE])), undefined);
    });
});
