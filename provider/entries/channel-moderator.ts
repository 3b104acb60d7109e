// pulumi-chime-messaging/providers/channel-moderator: the ChannelModerator provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelModerator");
