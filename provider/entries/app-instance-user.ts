// pulumi-chime-messaging/providers/app-instance-user: the AppInstanceUser provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("AppInstanceUser");
