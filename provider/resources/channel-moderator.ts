import {
    CreateChannelModeratorCommand,
    DeleteChannelModeratorCommand,
    DescribeChannelModeratorCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { grantImplementation } from "./shared/channel-grant";
import { ChannelUserKey } from "./shared/natural-key";

const request = (key: ChannelUserKey) => ({
    ChannelArn: key.channelArn,
    ChannelModeratorArn: key.userArn,
    ChimeBearer: key.bearer,
});

/** A moderator of a channel. The bearer must be an app instance admin or a moderator of the channel. */
export const channelModeratorImplementation = grantImplementation({
    type: "ChannelModerator",
    requestShape: "CreateChannelModeratorRequest",
    lostWhenRemoved: "the moderator's rights in the channel",
    userProperty: "channelModeratorArn",
    description: "A moderator of a channel. Deleting the resource removes the role, not the user.",
    userDoc: "The AppInstanceUser (or bot) ARN to make a moderator",
    grant: (api, key) => api.send("messaging", new CreateChannelModeratorCommand(request(key)), key.subject),
    describe: async (api, key) => {
        const answer = await api.send("messaging", new DescribeChannelModeratorCommand(request(key)), key.subject);
        return answer.ChannelModerator;
    },
    revoke: (api, key) => api.send("messaging", new DeleteChannelModeratorCommand(request(key)), key.subject),
});
