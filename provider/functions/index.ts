import { Api } from "../api";
import type { Props } from "../resource-provider";
import { argumentProblems, FunctionDeclaration } from "./function";
import { listChannels } from "./list-channels";
import { lookupAppInstanceByName } from "./lookup-app-instance-by-name";
import { getMessagingSessionEndpoint } from "./messaging-session-endpoint";
import { getAppInstance, getAppInstanceBot, getAppInstanceUser, getChannel } from "./resource-getters";

export type { FunctionDeclaration } from "./function";

/** Every provider function, by name. */
export const providerFunctions: Record<string, FunctionDeclaration> = Object.fromEntries(
    [
        getAppInstance,
        lookupAppInstanceByName,
        getAppInstanceUser,
        getAppInstanceBot,
        getChannel,
        listChannels,
        getMessagingSessionEndpoint,
    ].map((fn) => [fn.name, fn]),
);

/** Runs a function: its arguments are checked before any call, and nothing it calls writes. */
export async function runFunction(name: string, args: Props): Promise<Props> {
    const fn = providerFunctions[name];
    if (!fn)
        throw new Error(
            `chime-messaging has no function ${name} (it has ${Object.keys(providerFunctions).join(", ")})`,
        );
    const problems = argumentProblems(fn, args);
    if (problems.length > 0) throw new Error(problems.join("; "));
    return fn.run(new Api(name), args);
}
