import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { mermaidDiagram } from "../../cli/preview-report/diagram";
import { Change } from "../../cli/preview-report/preview";

const APP_URN = "urn:pulumi:dev::chat::chime-messaging:index:AppInstance::chat";

const membership = (i: number, operation = "create"): Change => ({
    urn: `urn:pulumi:dev::chat::chime-messaging:index:ChannelMembership::member-${i}`,
    name: `member-${i}`,
    type: "chime-messaging:index:ChannelMembership",
    chimeType: "ChannelMembership",
    operation,
    properties: [],
    replaceReasons: [],
    oldInputs: {},
    newInputs: {},
    parents: [{ property: "channelArn", arn: "arn:aws:chime:us-east-1:123456789012:app-instance/a/channel/lobby" }],
});

describe("the preview report's diagram", () => {
    it("draws at most 40 changes and counts the rest in one node", () => {
        const lines = mermaidDiagram(
            Array.from({ length: 55 }, (_, i) => membership(i)),
            [],
        );
        assert.equal(lines.filter((line) => /:::create$/.test(line)).length, 40);
        assert.ok(lines.includes('  more["… and 15 more changes (see the table)"]:::more'));
        assert.equal(lines.filter((line) => /:::unchanged$/.test(line)).length, 1, "the one channel they hang from");
    });

    it("draws a name as it is, whatever characters it holds", () => {
        const change = { ...membership(0, "delete"), name: 'say "hi" <b>#1</b> & more', urn: `${APP_URN}-x` };
        const [node] = mermaidDiagram([change], []).filter((line) => line.includes(":::delete"));
        assert.equal(
            node,
            '  n0["ChannelMembership say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; more<br/>delete"]:::delete',
        );
    });
});
