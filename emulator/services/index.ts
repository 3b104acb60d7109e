import { ServiceName } from "../../smithy/model";
import { Store } from "../store";
import { EmulatorConfig, ServiceHandlers } from "./types";
import { createMessagingHandlers } from "./messaging";
import { createIdentityHandlers } from "./identity";
import { createLambdaHandlers } from "./lambda";

export function createServiceHandlers(store: Store, config: EmulatorConfig): Record<ServiceName, ServiceHandlers> {
    return {
        messaging: createMessagingHandlers(store, config),
        identity: createIdentityHandlers(store, config),
        lambda: createLambdaHandlers(store, config),
    };
}
