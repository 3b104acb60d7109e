import { ServiceName } from "../../smithy/model";
import { Store } from "../store";

/** What a handler knows about the call besides its input. */
export interface CallContext {
    service: ServiceName;
    operation: string;
    /** From the SigV4 credential scope of the request (us-east-1 when unsigned). */
    region: string;
    accountId: string;
    /** Epoch milliseconds, fixed for the whole request. */
    now: number;
    requestId: string;
}

/**
 * An operation's domain logic: takes the decoded, validated input (members named as in the model, timestamps in
 * epoch milliseconds) and returns the output members. Handlers are synchronous, so each request is one
 * transaction of the store; they throw ServiceError (see protocol/errors) to answer with an error.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any, context: CallContext) => unknown;

export type ServiceHandlers = Record<string, Handler>;

export interface EmulatorConfig {
    accountId: string;
}

/** Builds the handlers of one service over the shared store. */
export type ServiceFactory = (store: Store, config: EmulatorConfig) => ServiceHandlers;
