import { Tables } from "../tables";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function channelsHandlers(_tables: Tables, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
