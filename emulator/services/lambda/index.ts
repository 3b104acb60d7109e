import { Store } from "../../store";
import { tablesOf } from "../tables";
import { EmulatorConfig, LambdaHandlers } from "../types";
import { functionsHandlers } from "./functions";
import { permissionsHandlers } from "./permissions";

/** The Lambda subset that channel-flow processors need: functions (stored, never run) and their policies. */
export function createLambdaHandlers(store: Store, _config: EmulatorConfig): Partial<LambdaHandlers> {
    const tables = tablesOf(store);
    return {
        ...functionsHandlers(tables),
        ...permissionsHandlers(tables),
    };
}
