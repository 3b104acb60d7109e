import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ListChannelMessagesCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { startFixture } from "../helpers/emulator";
import { createChannelWorld, sendMessage } from "./messages-fixture";

describe("messages of a persistent emulator", () => {
    it("keep their order after a restart, with new messages after the old ones", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "chime-messages-"));
        try {
            const before = await startFixture({ dataDir });
            const world = await createChannelWorld(before);
            const ids = [];
            for (const content of ["one", "two", "three"]) {
                ids.push((await sendMessage(before, world.channelArn, world.users.alice, content)).MessageId);
            }
            await before.close();

            const after = await startFixture({ dataDir });
            try {
                ids.push((await sendMessage(after, world.channelArn, world.users.bob, "four")).MessageId);
                const { ChannelMessages } = await after.messaging.send(
                    new ListChannelMessagesCommand({
                        ChannelArn: world.channelArn,
                        ChimeBearer: world.users.bob,
                        SortOrder: "ASCENDING",
                    }),
                );
                assert.deepEqual(
                    ChannelMessages?.map((m) => m.MessageId),
                    ids,
                );
                assert.deepEqual(
                    ChannelMessages?.map((m) => m.Content),
                    ["one", "two", "three", "four"],
                );
            } finally {
                await after.close();
            }
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
