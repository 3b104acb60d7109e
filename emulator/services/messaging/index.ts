import { Store } from "../../store";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function createMessagingHandlers(_store: Store, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
