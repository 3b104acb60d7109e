import { Store } from "../../store";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function createIdentityHandlers(_store: Store, _config: EmulatorConfig): ServiceHandlers {
    return {};
}
