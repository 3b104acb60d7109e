import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { isUnknown } from "@pulumi/pulumi/output";
import {
    Channel,
    ChannelBan,
    ChannelMembership,
    ChannelMembershipPreferences,
    ChannelMemberships,
    ChannelModerator,
} from "../../sdk/nodejs";
import {
    assertSerializes,
    MAX_PROVIDER_BYTES,
    outputValue,
    runUnderMocks,
    serializedProviderOf,
} from "../helpers/mocks";

const APP_INSTANCE = "arn:aws:chime:us-east-1:123456789012:app-instance/a1";
const user = (id: string) => `${APP_INSTANCE}/user/${id}`;
const ADMIN = user("admin");

/** A channel with its people: what a user writes. */
function program() {
    const channel = new Channel("general", { appInstanceArn: APP_INSTANCE, name: "General", chimeBearer: ADMIN });
    const alice = new ChannelMembership("alice", {
        channelArn: channel.arn,
        memberArn: user("alice"),
        chimeBearer: ADMIN,
    });
    const crowd = new ChannelMemberships("crowd", {
        channelArn: channel.arn,
        memberArns: [user("m2"), user("m1")],
        type: "HIDDEN",
        chimeBearer: ADMIN,
    });
    const preferences = new ChannelMembershipPreferences(
        "alice-quiet",
        {
            channelArn: alice.channelArn,
            memberArn: alice.memberArn,
            allowNotifications: "NONE",
            chimeBearer: user("alice"),
        },
        { dependsOn: [alice] },
    );
    const moderator = new ChannelModerator("bob-moderates", {
        channelArn: channel.arn,
        channelModeratorArn: user("bob"),
        chimeBearer: ADMIN,
    });
    const ban = new ChannelBan("mallory-banned", {
        channelArn: channel.arn,
        memberArn: user("mallory"),
        chimeBearer: ADMIN,
    });
    return { channel, alice, crowd, preferences, moderator, ban };
}

const MY_TYPES = [
    "ChannelBan",
    "ChannelMembership",
    "ChannelMembershipPreferences",
    "ChannelMemberships",
    "ChannelModerator",
];

describe("membership, moderator and ban SDK classes under Pulumi mocks (layer 2)", () => {
    it("register their type tokens and the program's inputs, output-only properties as absent", async () => {
        const run = await runUnderMocks(program);
        for (const type of MY_TYPES) assert.equal(run.ofType(type).length, 1, type);
        const channelArn = (await outputValue(run.result.channel.arn)).value;
        const alice = run.byName("alice");
        assert.equal(alice.type, "pulumi-nodejs:dynamic/chime:ChannelMembership");
        assert.equal(alice.inputs.channelArn, channelArn);
        assert.equal(alice.inputs.memberArn, user("alice"));
        for (const output of ["invitedBy", "createdTimestamp", "lastUpdatedTimestamp", "banned"]) {
            assert.ok(
                !(output in alice.inputs) || alice.inputs[output] === undefined,
                `${output} reached the inputs with a value`,
            );
        }
        assert.deepEqual(
            run.byName("crowd").inputs.memberArns,
            [user("m2"), user("m1")],
            "the program's list, as written",
        );
        assert.equal(run.byName("crowd").inputs.type, "HIDDEN");
        assert.equal(run.byName("alice-quiet").inputs.allowNotifications, "NONE");
        assert.equal(run.byName("bob-moderates").inputs.channelModeratorArn, user("bob"));
        assert.equal(run.byName("mallory-banned").inputs.memberArn, user("mallory"));
        assert.equal((await outputValue(run.result.preferences.memberArn)).value, user("alice"));
    });

    it("in a preview, the channel's ARN is unknown to all of them and the rest stays known", async () => {
        const run = await runUnderMocks(program, { preview: true });
        for (const name of ["alice", "crowd", "alice-quiet", "bob-moderates", "mallory-banned"]) {
            assert.ok(isUnknown(run.byName(name).inputs.channelArn), `${name}.channelArn`);
        }
        assert.equal(run.byName("alice").inputs.chimeBearer, ADMIN);
        assert.equal((await outputValue(run.result.alice.memberArn)).value, user("alice"));
    });

    it("each carries a small serialized __provider that loads, the same text the gRPC host harness sends", async () => {
        const run = await runUnderMocks(program);
        for (const type of MY_TYPES) {
            const [resource] = run.ofType(type);
            const { bytes, text } = await assertSerializes(resource);
            assert.ok(bytes <= MAX_PROVIDER_BYTES, `${type}: ${bytes} bytes`);
            assert.ok(text.includes(`"${type}"`), `${type}'s provider does not name its type`);
            assert.equal(await serializedProviderOf(type), text);
        }
    });
});
