import { Store } from "../../store";
import { tablesOf } from "../tables";
import { tagHandlers } from "../tags";
import { EmulatorConfig, ServiceHandlers } from "../types";

export function createIdentityHandlers(store: Store, _config: EmulatorConfig): ServiceHandlers {
    const tables = tablesOf(store);
    return {
        ...tagHandlers(tables),
    };
}
