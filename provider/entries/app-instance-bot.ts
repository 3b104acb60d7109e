// pulumi-chime-messaging/providers/app-instance-bot: the AppInstanceBot provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("AppInstanceBot");
