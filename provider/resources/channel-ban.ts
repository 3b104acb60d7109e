import {
    CreateChannelBanCommand,
    DeleteChannelBanCommand,
    DescribeChannelBanCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { grantImplementation } from "./shared/channel-grant";
import { channelMemberRequest } from "./shared/natural-key";

/**
 * A ban of a user from a channel. Banning a member removes its membership on the service side (see
 * channel-membership.ts for how a ChannelMembership of a banned user behaves); deleting the ban lifts it, and the
 * service does not add the user back. The bearer must be an app instance admin or a moderator of the channel.
 */
export const channelBanImplementation = grantImplementation({
    type: "ChannelBan",
    requestShape: "CreateChannelBanRequest",
    userProperty: "memberArn",
    lostWhenRemoved: "the ban (the user may join the channel again)",
    description:
        "Bans a user from a channel; the service removes its membership. Remove the user's ChannelMembership (or drop " +
        "it from ChannelMemberships) in the same change. Deleting the ban lifts it; the user is not added back.",
    userDoc: "The AppInstanceUser (or bot) ARN to ban",
    grant: (api, key) => api.send("messaging", new CreateChannelBanCommand(channelMemberRequest(key)), key.subject),
    describe: async (api, key) =>
        (await api.send("messaging", new DescribeChannelBanCommand(channelMemberRequest(key)), key.subject)).ChannelBan,
    revoke: (api, key) => api.send("messaging", new DeleteChannelBanCommand(channelMemberRequest(key)), key.subject),
});
