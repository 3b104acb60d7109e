import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BatchCreateChannelMembershipCommand,
    CreateChannelCommand,
    CreateChannelMembershipCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";
import { INDEX_ENTRY, tablesOf } from "../../emulator/services/tables";

/**
 * The membership quotas need thousands of users and channels: the users (and, for the per-user quota, the
 * channels) are written straight into the emulator's store, the way a restored snapshot would hold them, and
 * every membership counted by the quota is made through the API or the channel's creation.
 */
describe("membership quotas", () => {
    let fx: EmulatorFixture;
    let w: World;
    before(async () => {
        fx = await startFixture();
        w = await createWorld(fx, { users: ["owner", "late", "busy"] });
    });
    after(() => fx.close());

    function seedUsers(count: number): string[] {
        const tables = tablesOf(fx.emulator.store);
        const now = Date.now();
        return fx.emulator.store.transaction(() =>
            Array.from({ length: count }, (_, i) => {
                const arn = `${w.appInstanceArn}/user/seed-${i}`;
                tables.appInstanceUsers.set(w.appInstanceArn, arn, {
                    AppInstanceUserArn: arn,
                    Name: `seed-${i}`,
                    CreatedTimestamp: now,
                    LastUpdatedTimestamp: now,
                });
                return arn;
            }),
        );
    }

    it("holds 10,000 memberships per channel", async () => {
        const users = seedUsers(9_999);
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({ AppInstanceArn: w.appInstanceArn, Name: "big", ChimeBearer: w.users.owner }),
        );
        for (let i = 0; i < users.length; i += 100) {
            const out = await fx.messaging.send(
                new BatchCreateChannelMembershipCommand({
                    ChannelArn,
                    ChimeBearer: w.users.owner,
                    MemberArns: users.slice(i, i + 100),
                }),
            );
            assert.deepEqual(out.Errors, [], `batch ${i}`);
        }
        const error = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn,
                    MemberArn: w.users.late,
                    Type: "DEFAULT",
                    ChimeBearer: w.users.owner,
                }),
            ),
        );
        assert.equal(error.name, "ResourceLimitExceededException");
        assert.equal(error.$metadata?.httpStatusCode, 400);
        const batch = await fx.messaging.send(
            new BatchCreateChannelMembershipCommand({
                ChannelArn,
                ChimeBearer: w.users.owner,
                MemberArns: [w.users.late],
            }),
        );
        assert.deepEqual(batch.BatchChannelMemberships?.Members, []);
        assert.equal(batch.Errors?.[0].ErrorCode, "ResourceLimitExceeded");
    });

    it("holds 20,000 memberships per user", async () => {
        const tables = tablesOf(fx.emulator.store);
        const now = Date.now();
        const busy = w.users.busy;
        // 19,999 channels created by `busy` (so it is a member of each), as CreateChannel would leave them.
        fx.emulator.store.transaction(() => {
            for (let i = 0; i < 19_999; i++) {
                const arn = `${w.appInstanceArn}/channel/seed-${i}`;
                tables.channels.set(w.appInstanceArn, arn, {
                    ChannelArn: arn,
                    AppInstanceArn: w.appInstanceArn,
                    Name: `seed-${i}`,
                    Mode: "UNRESTRICTED",
                    Privacy: "PUBLIC",
                    CreatedBy: busy,
                    CreatedTimestamp: now,
                    LastUpdatedTimestamp: now,
                });
                const membership = {
                    ChannelArn: arn,
                    MemberArn: busy,
                    Type: "DEFAULT",
                    InvitedBy: busy,
                    CreatedTimestamp: now,
                    LastUpdatedTimestamp: now,
                };
                tables.memberships.set(arn, busy, membership);
                tables.membershipsByMember.set(busy, arn, INDEX_ENTRY);
            }
        });
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: w.appInstanceArn,
                Name: "the-20000th",
                ChimeBearer: w.users.owner,
                MemberArns: [busy],
            }),
        );
        const channelCount = fx.emulator.store.table("channels").size;
        const error = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelCommand({ AppInstanceArn: w.appInstanceArn, Name: "one-too-many", ChimeBearer: busy }),
            ),
        );
        assert.equal(error.name, "ResourceLimitExceededException");
        assert.ok(error.message.includes(busy));
        assert.equal(fx.emulator.store.table("channels").size, channelCount);
        const { ChannelArn: other } = await fx.messaging.send(
            new CreateChannelCommand({ AppInstanceArn: w.appInstanceArn, Name: "other", ChimeBearer: w.users.owner }),
        );
        const add = await errorOf(() =>
            fx.messaging.send(
                new CreateChannelMembershipCommand({
                    ChannelArn: other,
                    MemberArn: busy,
                    Type: "DEFAULT",
                    ChimeBearer: w.users.owner,
                }),
            ),
        );
        assert.equal(add.name, "ResourceLimitExceededException");

        const started = Date.now();
        const page = await fx.messaging.send(
            new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: busy, MaxResults: 50 }),
        );
        assert.equal(page.ChannelMemberships!.length, 50);
        assert.ok(page.NextToken);
        assert.ok(Date.now() - started < 1000);
        assert.ok(ChannelArn);
    });
});
