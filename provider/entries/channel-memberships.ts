// pulumi-chime-messaging/providers/channel-memberships: the ChannelMemberships provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelMemberships");
