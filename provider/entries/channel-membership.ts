// pulumi-chime-messaging/providers/channel-membership: the ChannelMembership provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelMembership");
