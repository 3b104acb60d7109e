// pulumi-chime-messaging/providers/channel-flow: the ChannelFlow provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelFlow");
