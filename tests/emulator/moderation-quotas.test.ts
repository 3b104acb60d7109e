import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { CreateChannelModeratorCommand, ListChannelModeratorsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { CreateAppInstanceUserCommand } from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createChannelWorld, ChannelWorld } from "./messages-fixture";

describe("moderator quota", () => {
    let fx: EmulatorFixture;
    let w: ChannelWorld;
    before(async () => {
        fx = await startFixture();
        w = await createChannelWorld(fx);
    });
    after(() => fx.close());

    it("holds 1,000 moderators per channel", async () => {
        // The channel has two moderators (owner and mod); 998 more reach the quota.
        const extra: string[] = [];
        for (let i = 0; i < 999; i++) {
            const { AppInstanceUserArn } = await fx.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: w.appInstanceArn,
                    AppInstanceUserId: `m${i}`,
                    Name: `m${i}`,
                }),
            );
            extra.push(AppInstanceUserArn!);
        }
        const add = (arn: string) =>
            fx.messaging.send(
                new CreateChannelModeratorCommand({
                    ChannelArn: w.channelArn,
                    ChannelModeratorArn: arn,
                    ChimeBearer: w.users.owner,
                }),
            );
        for (const arn of extra.slice(0, 998)) await add(arn);
        const error = await errorOf(() => add(extra[998]));
        assert.equal(error.name, "ResourceLimitExceededException");
        assert.equal(error.$metadata?.httpStatusCode, 400);

        let count = 0;
        let token: string | undefined;
        do {
            const page = await fx.messaging.send(
                new ListChannelModeratorsCommand({
                    ChannelArn: w.channelArn,
                    ChimeBearer: w.users.owner,
                    MaxResults: 50,
                    NextToken: token,
                }),
            );
            count += page.ChannelModerators!.length;
            token = page.NextToken;
        } while (token);
        assert.equal(count, 1000);
    });
});
