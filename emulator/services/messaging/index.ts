import { Store } from "../../store";
import { tablesOf } from "../tables";
import { tagHandlers } from "../tags";
import { EmulatorConfig, MessagingHandlers } from "../types";
import { channelsHandlers } from "./channels";
import { membershipsHandlers } from "./memberships";
import { moderationHandlers } from "./moderation";
import { streamingHandlers } from "./streaming";
import { flowsHandlers } from "./flows";
import { messagesHandlers } from "./messages";

export function createMessagingHandlers(store: Store, config: EmulatorConfig): Partial<MessagingHandlers> {
    const tables = tablesOf(store);
    return {
        ...channelsHandlers(tables, config),
        ...membershipsHandlers(tables, config),
        ...moderationHandlers(tables, config),
        ...streamingHandlers(tables, config),
        ...flowsHandlers(tables, config),
        ...messagesHandlers(tables, config),
        ...tagHandlers(tables),
    };
}
