// pulumi-chime-messaging/providers/app-instance-retention-settings: the AppInstanceRetentionSettings provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("AppInstanceRetentionSettings");
