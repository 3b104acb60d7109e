// pulumi-chime-messaging/providers/channel-membership-preferences: the ChannelMembershipPreferences provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("ChannelMembershipPreferences");
