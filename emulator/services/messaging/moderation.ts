import { Tables } from "../tables";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function moderationHandlers(_tables: Tables, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
