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
import { CreateAppInstanceUserCommand } from "@aws-sdk/client-chime-sdk-identity";

/**
 * The membership quotas need thousands of users and channels, all made through the API (CreateAppInstanceUser,
 * CreateChannel, BatchCreateChannelMembership), many calls at a time, as a client would make them.
 */
describe("membership quotas", () => {
    let fx: EmulatorFixture;
    let w: World;
    before(async () => {
        fx = await startFixture();
        w = await createWorld(fx, { users: ["owner", "late", "busy"] });
    });
    after(() => fx.close());

    /** Runs `call(i)` for i from 0 to count - 1, 32 at a time; answers the results in order. */
    async function manyCalls<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
        const results: T[] = new Array(count);
        let next = 0;
        const worker = async () => {
            for (let i = next++; i < count; i = next++) results[i] = await call(i);
        };
        await Promise.all(Array.from({ length: 32 }, worker));
        return results;
    }

    const seedUsers = (count: number) =>
        manyCalls(count, async (i) => {
            const { AppInstanceUserArn } = await fx.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: w.appInstanceArn,
                    AppInstanceUserId: `seed-${i}`,
                    Name: `seed-${i}`,
                }),
            );
            return AppInstanceUserArn!;
        });

    it("holds 10,000 memberships per channel", async () => {
        const users = await seedUsers(9_999);
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
        const busy = w.users.busy;
        // 19,999 channels created by `busy`, who is a member of each of them.
        await manyCalls(19_999, (i) =>
            fx.messaging.send(
                new CreateChannelCommand({ AppInstanceArn: w.appInstanceArn, Name: `seed-${i}`, ChimeBearer: busy }),
            ),
        );
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

        // Its 20,000 memberships are listed a page at a time.
        const page = await fx.messaging.send(
            new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: busy, MaxResults: 50 }),
        );
        assert.equal(page.ChannelMemberships!.length, 50);
        const next = await fx.messaging.send(
            new ListChannelMembershipsForAppInstanceUserCommand({
                ChimeBearer: busy,
                MaxResults: 50,
                NextToken: page.NextToken,
            }),
        );
        assert.equal(next.ChannelMemberships!.length, 50);
        const arnsOf = (p: typeof page) => p.ChannelMemberships!.map((m) => m.ChannelSummary!.ChannelArn);
        assert.equal(new Set([...arnsOf(page), ...arnsOf(next)]).size, 100, "the second page goes on from the first");
        assert.ok(ChannelArn);
    });
});
