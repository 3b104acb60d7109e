// pulumi-chime-messaging/providers/app-instance-admin: the AppInstanceAdmin provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("AppInstanceAdmin");
