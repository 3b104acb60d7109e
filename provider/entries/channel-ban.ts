// pulumi-chime-messaging/providers/channel-ban: the ChannelBan provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelBan");
