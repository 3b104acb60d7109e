import { createHash } from "crypto";
import { badRequest, notFound } from "../../protocol/errors";
import { requireAppInstance, Tables } from "../tables";
import { EmulatorConfig, MessagingHandlers, MessagingInput } from "../types";

type StreamingConfiguration = MessagingInput<"PutMessagingStreamingConfigurations">["StreamingConfigurations"][number];

const KINESIS_STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z]{2}(-[a-z]+)+-\d:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;

function validateConfigurations(configurations: StreamingConfiguration[]): void {
    const seen = new Set<string>();
    configurations.forEach((configuration, index) => {
        if (!KINESIS_STREAM_ARN.test(configuration.ResourceArn)) {
            throw badRequest(
                `StreamingConfigurations[${index}].ResourceArn must be the ARN of a Kinesis data stream ` +
                    `(arn:aws:kinesis:<region>:<account>:stream/<name>), got ${configuration.ResourceArn}.`,
            );
        }
        if (seen.has(configuration.DataType)) {
            throw badRequest(`StreamingConfigurations has more than one configuration for ${configuration.DataType}.`);
        }
        seen.add(configuration.DataType);
    });
}

/**
 * Messaging data streaming (a developer API: no bearer) and the messaging session endpoint. The emulator does not
 * serve WebSocket sessions; the endpoint has the service's shape for the caller's region.
 */
export function streamingHandlers(tables: Tables, config: EmulatorConfig): Partial<MessagingHandlers> {
    const endpointHost = createHash("sha256").update(config.accountId).digest("hex").slice(0, 10);
    return {
        GetMessagingStreamingConfigurations(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const stored = tables.streamingConfigurations.get(instance) as
                { StreamingConfigurations: StreamingConfiguration[] } | undefined;
            if (!stored) throw notFound(`The app instance ${instance} has no streaming configurations.`);
            return { StreamingConfigurations: stored.StreamingConfigurations };
        },

        PutMessagingStreamingConfigurations(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            validateConfigurations(input.StreamingConfigurations);
            const stored = { StreamingConfigurations: input.StreamingConfigurations };
            tables.streamingConfigurations.set(instance, "", stored);
            return { StreamingConfigurations: input.StreamingConfigurations };
        },

        DeleteMessagingStreamingConfigurations(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            tables.streamingConfigurations.delete(instance);
            return {};
        },

        GetMessagingSessionEndpoint(_input: unknown, context) {
            return { Endpoint: { Url: `wss://${endpointHost}.ns.messaging.chime.${context.region}.amazonaws.com` } };
        },
    };
}
