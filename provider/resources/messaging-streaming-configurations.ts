import type * as pulumi from "@pulumi/pulumi";
import {
    DeleteMessagingStreamingConfigurationsCommand,
    GetMessagingStreamingConfigurationsCommand,
    PutMessagingStreamingConfigurationsCommand,
    PutMessagingStreamingConfigurationsRequest,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../api";
import { fromApiCase, toApiCase } from "../casing";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { containsUnknown } from "../unknowns";
import { appInstanceArnProperty, parseArn } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { sameAsDeclared } from "./shared/natural-key";

/**
 * Where an app instance streams its messaging data (Channel and ChannelMessage events): Kinesis data streams
 * in the app instance's account and region whose names start with `chime-messaging-`. One set per app instance.
 */
export const messagingStreamingConfigurationsSchema = {
    type: "MessagingStreamingConfigurations",
    id: singleId("app instance ARN", "appInstanceArn"),
    lostWhenRemoved: null,
    inputs: {
        appInstanceArn: appInstanceArnProperty(
            "PutMessagingStreamingConfigurationsRequest$AppInstanceArn",
            "messaging",
        ),
        streamingConfigurations: {
            change: "update",
            required: true,
            shape: members<PutMessagingStreamingConfigurationsRequest>(
                "messaging",
                "PutMessagingStreamingConfigurationsRequest",
            )("StreamingConfigurations"),
            doc:
                "One or two configurations, one per data type; each target must be a Kinesis data stream in the app " +
                "instance's account and region whose name starts with `chime-messaging-`",
        },
    },
    outputs: [],
    docs: {
        section: "app-instance",
        description:
            "Streams an app instance's messaging data (channel and message events) to Kinesis (one per app instance).",
        outputs: {},
        typeNames: { StreamingConfiguration: "StreamingConfiguration" },
    },
} satisfies ResourceSchema;

type MessagingStreamingConfigurationsInputs = InputsOf<typeof messagingStreamingConfigurationsSchema>;
type MessagingStreamingConfigurationsOutputs = OutputsOf<typeof messagingStreamingConfigurationsSchema>;

interface StreamingConfiguration {
    dataType: string;
    resourceArn: string;
}

const STREAM_NAME_PREFIX = "chime-messaging-";

/** Why a configuration's stream cannot receive the app instance's data, if it cannot. */
function streamProblem(streamArn: string, appInstanceArn: string): string | undefined {
    const stream = parseArn(streamArn);
    const instance = parseArn(appInstanceArn);
    if (!stream || stream.service !== "kinesis" || !stream.resource.startsWith("stream/")) {
        return "must be the ARN of a Kinesis data stream (arn:aws:kinesis:<region>:<account>:stream/<name>)";
    }
    if (!stream.resource.startsWith(`stream/${STREAM_NAME_PREFIX}`)) {
        return `must name a stream whose name starts with ${STREAM_NAME_PREFIX}`;
    }
    if (instance && (stream.region !== instance.region || stream.account !== instance.account)) {
        return `must be in the app instance's account and region (${instance.account}, ${instance.region}), like the app instance ${appInstanceArn}`;
    }
    return undefined;
}

function checkAcross(inputs: Props): pulumi.dynamic.CheckFailure[] {
    const appInstanceArn = inputs.appInstanceArn;
    const configurations = inputs.streamingConfigurations as StreamingConfiguration[];
    if (containsUnknown(configurations)) return [];
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const seen = new Set<string>();
    configurations.forEach((configuration, index) => {
        const path = `streamingConfigurations[${index}]`;
        if (seen.has(configuration.dataType)) {
            failures.push({
                property: "streamingConfigurations",
                reason: `${path}.dataType must be different in each configuration: ${configuration.dataType} appears more than once`,
            });
        }
        seen.add(configuration.dataType);
        const problem =
            typeof appInstanceArn !== "string" || containsUnknown(appInstanceArn)
                ? undefined
                : streamProblem(configuration.resourceArn, appInstanceArn);
        if (problem) {
            failures.push({
                property: "streamingConfigurations",
                reason: `${path}.resourceArn ${problem} (got ${JSON.stringify(configuration.resourceArn)})`,
            });
        }
    });
    return failures;
}

async function put(api: Api, appInstanceArn: string, configurations: unknown): Promise<void> {
    await api.send(
        "messaging",
        new PutMessagingStreamingConfigurationsCommand({
            AppInstanceArn: appInstanceArn,
            StreamingConfigurations: toApiCase(configurations),
        }),
        appInstanceArn,
    );
}

export const messagingStreamingConfigurationsImplementation: ResourceImplementation<
    MessagingStreamingConfigurationsInputs,
    MessagingStreamingConfigurationsOutputs
> = {
    schema: messagingStreamingConfigurationsSchema,

    checkAcross,

    /** Configurations already in place are adopted when they are the declared ones, and refused otherwise. */
    async create(api, inputs) {
        const appInstanceArn = inputs.appInstanceArn;
        const live = await messagingStreamingConfigurationsImplementation.read(api, appInstanceArn, inputs);
        if (live) {
            const subject = `the streaming configurations of ${appInstanceArn}`;
            sameAsDeclared(messagingStreamingConfigurationsSchema, inputs, live, subject, "are already set");
            return { id: appInstanceArn, outs: {} };
        }
        await put(api, appInstanceArn, inputs.streamingConfigurations);
        return { id: appInstanceArn, outs: {} };
    },

    /** Gone when the app instance is, or when it streams nothing. */
    async read(api, id) {
        const out = await unlessGone(() =>
            api.send("messaging", new GetMessagingStreamingConfigurationsCommand({ AppInstanceArn: id }), id),
        );
        const configurations = out?.StreamingConfigurations ?? [];
        if (configurations.length === 0) return undefined;
        return { appInstanceArn: id, streamingConfigurations: fromApiCase(configurations) };
    },

    async update(api, id, _olds, news) {
        await put(api, id, news.streamingConfigurations);
        return {};
    },

    async delete(api, id) {
        await deleteUnlessGone(() =>
            api.send("messaging", new DeleteMessagingStreamingConfigurationsCommand({ AppInstanceArn: id }), id),
        );
    },
};
