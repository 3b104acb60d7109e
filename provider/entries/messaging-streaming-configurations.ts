// pulumi-chime-messaging/providers/messaging-streaming-configurations: the MessagingStreamingConfigurations provider (a stable path; see provider/entry-names.ts).
import { lazyProvider } from "../lazy-provider";

export = lazyProvider("MessagingStreamingConfigurations");
