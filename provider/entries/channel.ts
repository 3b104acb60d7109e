// pulumi-chime-messaging/providers/channel: the Channel provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("Channel");
