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

/**
 * Every resource type this package provides, by type name (the SDK class name): the one list of types. The SDK's
 * classes and exports, the entry modules, the schema, the docs' lists, the preview report's data-loss rules and
 * chime-import's discovery all follow from it (`ResourceTypeName`: a type missing from any of them fails tsc).
 */
const registry = {
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
} satisfies Record<string, ResourceImplementation>;

export type ResourceTypeName = keyof typeof registry;

/** The registry as the generic code sees it: each implementation over string-keyed inputs and outputs. */
export const resourceImplementations: Record<ResourceTypeName, ResourceImplementation> = registry;

export const resourceTypeNames = Object.keys(resourceImplementations) as ResourceTypeName[];

export function isResourceTypeName(type: string): type is ResourceTypeName {
    return Object.hasOwn(resourceImplementations, type);
}

/** The implementation of a type named at run time (a token, a state's type), if this package has the type. */
export function implementationOf(type: string): ResourceImplementation | undefined {
    return isResourceTypeName(type) ? resourceImplementations[type] : undefined;
}
