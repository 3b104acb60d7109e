import { ResourceImplementation } from "../resource-provider";
import { appInstanceImplementation } from "./app-instance";
import { appInstanceAdminImplementation } from "./app-instance-admin";
import { appInstanceBotImplementation } from "./app-instance-bot";
import { appInstanceRetentionSettingsImplementation } from "./app-instance-retention-settings";
import { appInstanceUserImplementation } from "./app-instance-user";
import { channelFlowProcessorPermissionImplementation } from "./channel-flow-processor-permission";
import { messagingStreamingConfigurationsImplementation } from "./messaging-streaming-configurations";
import { channelImplementation } from "./channel";
import { channelFlowImplementation } from "./channel-flow";
import { channelFlowAssociationImplementation } from "./channel-flow-association";
import { channelMembershipImplementation } from "./channel-membership";
import { channelMembershipsImplementation } from "./channel-memberships";
import { channelMembershipPreferencesImplementation } from "./channel-membership-preferences";
import { channelModeratorImplementation } from "./channel-moderator";
import { channelBanImplementation } from "./channel-ban";

/** Every resource type this package provides, by type name (the SDK class name). */
export const resourceImplementations: Record<string, ResourceImplementation> = {
    AppInstance: appInstanceImplementation,
    AppInstanceUser: appInstanceUserImplementation,
    AppInstanceAdmin: appInstanceAdminImplementation,
    AppInstanceBot: appInstanceBotImplementation,
    AppInstanceRetentionSettings: appInstanceRetentionSettingsImplementation,
    MessagingStreamingConfigurations: messagingStreamingConfigurationsImplementation,
    ChannelFlowProcessorPermission: channelFlowProcessorPermissionImplementation,
    Channel: channelImplementation,
    ChannelFlow: channelFlowImplementation,
    ChannelFlowAssociation: channelFlowAssociationImplementation,
    ChannelMembership: channelMembershipImplementation,
    ChannelMemberships: channelMembershipsImplementation,
    ChannelMembershipPreferences: channelMembershipPreferencesImplementation,
    ChannelModerator: channelModeratorImplementation,
    ChannelBan: channelBanImplementation,
};
