import { Store } from "../../store";
import { tablesOf } from "../tables";
import { tagHandlers } from "../tags";
import { EmulatorConfig, IdentityHandlers } from "../types";
import { adminsHandlers } from "./admins";
import { appInstancesHandlers } from "./app-instances";
import { botsHandlers } from "./bots";
import { endpointsHandlers } from "./endpoints";
import { retentionHandlers } from "./retention";
import { usersHandlers } from "./users";

export function createIdentityHandlers(store: Store, _config: EmulatorConfig): Partial<IdentityHandlers> {
    const tables = tablesOf(store);
    return {
        ...appInstancesHandlers(tables),
        ...retentionHandlers(tables),
        ...usersHandlers(tables),
        ...adminsHandlers(tables),
        ...botsHandlers(tables),
        ...endpointsHandlers(tables),
        ...tagHandlers(tables),
    };
}
