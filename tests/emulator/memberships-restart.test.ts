import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    CreateChannelMembershipCommand,
    DeleteChannelMembershipCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelsModeratedByAppInstanceUserCommand,
    SearchChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { createChannelWorld } from "./messages-fixture";

describe("memberships of a persistent emulator", () => {
    it("are still found by member after a restart, and still change", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-memberships-"));
        try {
            const before = await startFixture({ dataDir });
            const world = await createChannelWorld(before);
            await before.close();

            const after = await startFixture({ dataDir });
            const channelsOf = async (fx: EmulatorFixture, bearer: string) =>
                (
                    await fx.messaging.send(
                        new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: bearer }),
                    )
                ).ChannelMemberships!.map((m) => m.ChannelSummary!.ChannelArn);
            try {
                assert.deepEqual(await channelsOf(after, world.users.alice), [world.channelArn]);
                const moderated = await after.messaging.send(
                    new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: world.users.mod }),
                );
                assert.deepEqual(
                    moderated.Channels!.map((c) => c.ChannelSummary!.ChannelArn),
                    [world.channelArn],
                );
                const found = await after.messaging.send(
                    new SearchChannelsCommand({
                        ChimeBearer: world.users.admin,
                        Fields: [
                            { Key: "MEMBERS", Operator: "INCLUDES", Values: [world.users.alice, world.users.bob] },
                        ],
                    }),
                );
                assert.deepEqual(
                    found.Channels!.map((c) => c.ChannelArn),
                    [world.channelArn],
                );

                await after.messaging.send(
                    new DeleteChannelMembershipCommand({
                        ChannelArn: world.channelArn,
                        MemberArn: world.users.alice,
                        ChimeBearer: world.users.alice,
                    }),
                );
                assert.deepEqual(await channelsOf(after, world.users.alice), []);
                await after.messaging.send(
                    new CreateChannelMembershipCommand({
                        ChannelArn: world.channelArn,
                        MemberArn: world.users.carol,
                        Type: "DEFAULT",
                        ChimeBearer: world.users.mod,
                    }),
                );
                assert.deepEqual(await channelsOf(after, world.users.carol), [world.channelArn]);
            } finally {
                await after.close();
            }
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
