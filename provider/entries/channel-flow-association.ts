// pulumi-chime-messaging/providers/channel-flow-association: the ChannelFlowAssociation provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelFlowAssociation");
