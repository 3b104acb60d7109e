// pulumi-chime-messaging/providers/app-instance: the AppInstance provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("AppInstance");
