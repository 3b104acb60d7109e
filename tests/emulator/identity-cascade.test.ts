import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    DeleteAppInstanceCommand,
    DeleteAppInstanceUserCommand,
    ListAppInstancesCommand,
    PutAppInstanceRetentionSettingsCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    CreateChannelBanCommand,
    CreateChannelCommand,
    CreateChannelFlowCommand,
    CreateChannelMembershipCommand,
    CreateChannelModeratorCommand,
    DescribeChannelCommand,
    ListChannelBansCommand,
    ListChannelMembershipsCommand,
    ListChannelModeratorsCommand,
    PutMessagingStreamingConfigurationsCommand,
    SendChannelMessageCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";

const PROCESSOR_ARN = `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:processor`;
const KINESIS_ARN = `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/chime`;

/** A channel owned by `owner` with the given members, moderators and bans. */
async function channelWith(
    fx: EmulatorFixture,
    world: World,
    owner: string,
    parts: { members?: string[]; moderators?: string[]; bans?: string[] },
): Promise<string> {
    const bearer = world.users[owner];
    const { ChannelArn } = await fx.messaging.send(
        new CreateChannelCommand({
            AppInstanceArn: world.appInstanceArn,
            Name: "c",
            ChimeBearer: bearer,
            Tags: [{ Key: "k", Value: "v" }],
        }),
    );
    for (const id of parts.members ?? []) {
        await fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn,
                MemberArn: world.users[id],
                Type: "DEFAULT",
                ChimeBearer: bearer,
            }),
        );
    }
    for (const id of parts.moderators ?? []) {
        await fx.messaging.send(
            new CreateChannelModeratorCommand({
                ChannelArn,
                ChannelModeratorArn: world.users[id],
                ChimeBearer: bearer,
            }),
        );
    }
    for (const id of parts.bans ?? []) {
        await fx.messaging.send(
            new CreateChannelBanCommand({ ChannelArn, MemberArn: world.users[id], ChimeBearer: bearer }),
        );
    }
    return ChannelArn!;
}

/** How many records a table holds under the given partition keys. */
function countIn(fx: EmulatorFixture, table: string, partitions: string[]): number {
    const t = fx.emulator.store.table(table);
    return partitions.reduce((n, p) => n + t.partitionSize(p), 0);
}

describe("identity: cascading deletes", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    it("deleting an app instance deletes its channels and everything under them, flows, users and settings", async () => {
        const world = await createWorld(fx, { users: ["owner", "m1", "mod", "banned"], admins: ["owner"] });
        const survivor = await createWorld(fx, { users: ["owner", "m1"] });
        const channelArn = await channelWith(fx, world, "owner", {
            members: ["m1"],
            moderators: ["mod"],
            bans: ["banned"],
        });
        const otherChannel = await channelWith(fx, survivor, "owner", { members: ["m1"] });
        await fx.messaging.send(
            new SendChannelMessageCommand({
                ChannelArn: channelArn,
                Content: "hello",
                Type: "STANDARD",
                Persistence: "PERSISTENT",
                ChimeBearer: world.users.owner,
            }),
        );
        const { ChannelFlowArn } = await fx.messaging.send(
            new CreateChannelFlowCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "flow",
                Processors: [
                    {
                        Name: "p",
                        Configuration: { Lambda: { ResourceArn: PROCESSOR_ARN, InvocationType: "ASYNC" } },
                        ExecutionOrder: 1,
                        FallbackAction: "CONTINUE",
                    },
                ],
                Tags: [{ Key: "flow", Value: "tag" }],
            }),
        );
        await fx.messaging.send(
            new PutMessagingStreamingConfigurationsCommand({
                AppInstanceArn: world.appInstanceArn,
                StreamingConfigurations: [{ DataType: "Channel", ResourceArn: KINESIS_ARN }],
            }),
        );
        await fx.identity.send(
            new PutAppInstanceRetentionSettingsCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 10 } },
            }),
        );
        const userArns = Object.values(world.users);
        assert.ok(countIn(fx, "memberships", [channelArn]) > 0);
        assert.equal(countIn(fx, "messages", [channelArn]), 1);

        await fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: world.appInstanceArn }));

        const channel = await errorOf(() =>
            fx.messaging.send(new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: world.users.owner })),
        );
        assert.ok(channel.name === "NotFoundException" || channel.name === "BadRequestException", channel.name);
        for (const table of ["memberships", "moderators", "bans", "messages", "membershipPreferences", "readMarkers"]) {
            assert.equal(countIn(fx, table, [channelArn]), 0, table);
        }
        for (const table of ["membershipsByMember", "moderatorsByUser", "userEndpoints"]) {
            assert.equal(countIn(fx, table, userArns), 0, table);
        }
        for (const table of ["channels", "channelFlows", "appInstanceUsers", "appInstanceAdmins", "appInstanceBots"]) {
            assert.equal(countIn(fx, table, [world.appInstanceArn]), 0, table);
        }
        assert.equal(countIn(fx, "retentionSettings", [world.appInstanceArn]), 0);
        assert.equal(countIn(fx, "streamingConfigurations", [world.appInstanceArn]), 0);
        assert.equal(countIn(fx, "tags", [channelArn, ChannelFlowArn!, world.appInstanceArn]), 0);

        // The other app instance is untouched.
        const listed = await fx.identity.send(new ListAppInstancesCommand({}));
        assert.deepEqual(
            listed.AppInstances!.map((a) => a.AppInstanceArn),
            [survivor.appInstanceArn],
        );
        const members = await fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: otherChannel, ChimeBearer: survivor.users.owner }),
        );
        assert.ok(members.ChannelMemberships!.some((m) => m.Member?.Arn === survivor.users.m1));
        assert.equal(countIn(fx, "tags", [otherChannel]), 1);
    });

    it("deleting a user removes its memberships, moderator roles and bans in every channel", async () => {
        const world = await createWorld(fx, { users: ["owner", "leaver", "stayer"] });
        const joined = await channelWith(fx, world, "owner", { members: ["leaver", "stayer"], moderators: ["leaver"] });
        const banned = await channelWith(fx, world, "owner", { members: ["stayer"], bans: ["leaver"] });

        await fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: world.users.leaver }));

        const bearer = world.users.owner;
        const members = await fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: joined, ChimeBearer: bearer }),
        );
        const memberArns = members.ChannelMemberships!.map((m) => m.Member?.Arn);
        assert.ok(!memberArns.includes(world.users.leaver));
        assert.ok(memberArns.includes(world.users.stayer));
        const moderators = await fx.messaging.send(
            new ListChannelModeratorsCommand({ ChannelArn: joined, ChimeBearer: bearer }),
        );
        assert.ok(!moderators.ChannelModerators!.some((m) => m.Moderator?.Arn === world.users.leaver));
        const bans = await fx.messaging.send(new ListChannelBansCommand({ ChannelArn: banned, ChimeBearer: bearer }));
        assert.deepEqual(bans.ChannelBans, []);
        assert.equal(countIn(fx, "membershipsByMember", [world.users.leaver]), 0);
        assert.equal(countIn(fx, "moderatorsByUser", [world.users.leaver]), 0);
        assert.equal(countIn(fx, "membershipsByMember", [world.users.stayer]), 2);
    });
});
