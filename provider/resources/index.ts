import { ResourceImplementation } from "../resource-provider";
import { channelImplementation } from "./channel";
import { channelFlowImplementation } from "./channel-flow";
import { channelFlowAssociationImplementation } from "./channel-flow-association";

/** Every resource type this package provides, by type name (the SDK class name). */
export const resourceImplementations: Record<string, ResourceImplementation> = {
    Channel: channelImplementation,
    ChannelFlow: channelFlowImplementation,
    ChannelFlowAssociation: channelFlowAssociationImplementation,
};
