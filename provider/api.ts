import { awsClients, AwsService } from "./aws";
import { ApiCallError } from "./errors";
import { paceCall } from "./pacing";
import { regionOfRequest } from "./request-region";

/** The output type of an AWS SDK v3 command instance. */
type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer O }> }
    ? O
    : never;

interface SdkClient {
    send(command: never): Promise<unknown>;
}

/**
 * How providers call AWS: every failure becomes an ApiCallError naming the resource, the API call and what the
 * service said. Calls are paced under the service's rate quotas (see pacing.ts); retries of throttling and
 * transient errors happen in the SDK clients (see aws.ts).
 */
export class Api {
    constructor(readonly resourceType: string) {}

    /**
     * Sends a command to the region of the resource it names (see request-region.ts), or to `region` (a create
     * with no ARN in its request), or else to the configured region; `subject` (an ARN or name) makes the error
     * message say which resource.
     */
    async send<C extends { input: object }>(
        service: AwsService,
        command: C,
        subject?: string,
        region?: string,
    ): Promise<OutputOf<C>> {
        const client: SdkClient = awsClients(regionOfRequest(command.input) ?? region)[service];
        await paceCall(operationName(command), command.input as Record<string, unknown>);
        try {
            return (await (client.send as (c: C) => Promise<unknown>).call(client, command)) as OutputOf<C>;
        } catch (error) {
            throw new ApiCallError(this.resourceType, operationName(command), error, subject);
        }
    }
}

export function operationName(command: object): string {
    return command.constructor.name.replace(/Command$/, "");
}
