import type * as Identity from "@aws-sdk/client-chime-sdk-identity";
import type * as Lambda from "@aws-sdk/client-lambda";
import type * as Messaging from "@aws-sdk/client-chime-sdk-messaging";
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
 * transaction of the store; they throw ServiceError (see protocol/errors) to answer with an error. This is the
 * shape the server dispatches to; each service's handlers are typed by the SDK below.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any, context: CallContext) => unknown;

export type ServiceHandlers = Record<string, Handler>;

/**
 * The operations of an AWS SDK client package: the names of its exported `<Operation>Command` classes (not
 * `$Command`, the base class the packages export too).
 */
type OperationsOf<Sdk> = {
    [K in keyof Sdk]: K extends `${infer Operation}Command`
        ? Operation extends "$"
            ? never
            : Sdk[K] extends abstract new (input: never) => { input: unknown }
              ? Operation
              : never
        : never;
}[keyof Sdk];

/** The request and response types of a Command class, from its `input` and what its middleware resolves to. */
type CommandInput<C> = C extends abstract new (input: never) => { input: infer I } ? I : never;
type CommandOutput<C> = C extends abstract new (input: never) => {
    resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }>;
}
    ? O
    : never;

/**
 * A request as a handler receives it: decoded and validated against the model, so every required member is
 * there; timestamps are epoch milliseconds rather than the SDK's Date, and blobs the base64 text of the wire.
 */
export type Received<T> = T extends Date
    ? number
    : T extends Uint8Array
      ? string
      : T extends readonly (infer E)[]
        ? Received<E>[]
        : T extends object
          ? { [K in keyof T]: object extends Pick<T, K> ? Received<T[K]> : Received<Exclude<T[K], undefined>> }
          : T;

/**
 * A response as a handler returns it: the SDK's output members (without the client's `$metadata`), timestamps in
 * epoch milliseconds; any member may be left out (the encoder skips it). Enum members are plain strings, as the
 * store keeps them. A handler that returns undefined answers with no body (Lambda's RemovePermission, 204).
 */
export type Answer<T> = T extends Date
    ? number
    : T extends Uint8Array
      ? string
      : T extends string
        ? string
        : T extends readonly (infer E)[]
          ? Answer<E>[]
          : T extends object
            ? { [K in keyof T as K extends "$metadata" ? never : K]?: Answer<Exclude<T[K], undefined>> }
            : T;

type HandlersOf<Sdk> = {
    [Operation in OperationsOf<Sdk>]: (
        input: Received<CommandInput<Sdk[`${Operation}Command` & keyof Sdk]>>,
        context: CallContext,
    ) => Answer<CommandOutput<Sdk[`${Operation}Command` & keyof Sdk]>> | undefined;
};

/**
 * Every operation of each service, typed by its AWS SDK client: an area's handlers are a `Partial` of these, so a
 * misspelt operation name, a misspelt input member, an output member of the wrong type, or an answer none of whose
 * members the API has fails to compile.
 */
export type MessagingHandlers = HandlersOf<typeof Messaging>;
export type IdentityHandlers = HandlersOf<typeof Identity>;
export type LambdaHandlers = HandlersOf<typeof Lambda>;

export type MessagingInput<Operation extends keyof MessagingHandlers> = Parameters<MessagingHandlers[Operation]>[0];
export type IdentityInput<Operation extends keyof IdentityHandlers> = Parameters<IdentityHandlers[Operation]>[0];
export type LambdaInput<Operation extends keyof LambdaHandlers> = Parameters<LambdaHandlers[Operation]>[0];

export interface EmulatorConfig {
    accountId: string;
}

/** Builds the handlers of one service over the shared store. */
export type ServiceFactory = (store: Store, config: EmulatorConfig) => ServiceHandlers;
