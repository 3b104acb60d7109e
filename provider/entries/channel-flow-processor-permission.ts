// pulumi-chime-messaging/providers/channel-flow-processor-permission: the ChannelFlowProcessorPermission provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelFlowProcessorPermission");
