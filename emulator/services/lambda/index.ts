import { Store } from "../../store";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function createLambdaHandlers(_store: Store, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
