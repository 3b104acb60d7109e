import { Tables } from "../tables";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function flowsHandlers(_tables: Tables, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
