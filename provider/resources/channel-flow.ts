import {
    ChannelFlow as ApiChannelFlow,
    CreateChannelFlowCommand,
    CreateChannelFlowRequest,
    DeleteChannelFlowCommand,
    DescribeChannelFlowCommand,
    ListChannelsAssociatedWithChannelFlowCommand,
    Processor,
    UpdateChannelFlowCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../api";
import { toApiCase } from "../casing";
import { ApiCallError, isConflict, isNotFound } from "../errors";
import { createWithToken } from "../idempotency-tokens";
import { isoTimestamp, liveStructure, readBackCreated } from "../live-values";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { arnAndTimestampOutputs, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { readLiveTags, tagList, tagsProperty, updateChangedTags } from "../tags";
import { appInstanceArnProperty, appInstanceOfId } from "./shared/chime-arns";
import { unlessGone } from "./shared/gone";
import { channelFlowProcessorFailures } from "./shared/processor-rules";

const shape = members<CreateChannelFlowRequest>("messaging", "CreateChannelFlowRequest");

export const channelFlowSchema = {
    type: "ChannelFlow",
    id: singleId("channel flow ARN"),
    lostWhenRemoved: null,
    inputs: {
        appInstanceArn: appInstanceArnProperty("CreateChannelFlowRequest$AppInstanceArn", "messaging"),
        name: { change: "update", required: true, shape: shape("Name"), defaultsToResourceName: true },
        processors: {
            change: "update",
            required: true,
            shape: shape("Processors"),
            doc:
                "The service allows one processor per flow today. Each processor's Lambda must be in the app instance's " +
                "account and region and needs a ChannelFlowProcessorPermission",
        },
        tags: tagsProperty,
    },
    outputs: ["arn", "createdTimestamp", "lastUpdatedTimestamp", "appInstanceId", "channelFlowId"],
    docs: {
        section: "channel",
        description:
            "A channel flow: Lambda processors that see each message of the channels it is associated with (see " +
            "ChannelFlowAssociation) before it is delivered. ChannelFlowWithPermissions also grants the processors' " +
            "Lambda permissions.",
        outputs: {
            ...arnAndTimestampOutputs("channel flow"),
            appInstanceId: {
                type: "string",
                optional: true,
                doc:
                    "The app instance's id, the last part of its ARN (CloudFormation's AppInstanceId); for a flow made " +
                    "by an earlier version of the package, filled in by the next refresh or update",
            },
            channelFlowId: {
                type: "string",
                optional: true,
                doc:
                    "The flow's own id, the last part of its ARN (CloudFormation's ChannelFlowId); for a flow made by " +
                    "an earlier version of the package, filled in by the next refresh or update",
            },
        },
        typeNames: {
            Processor: "ChannelFlowProcessor",
            ProcessorConfiguration: "ChannelFlowProcessorConfiguration",
            LambdaConfiguration: "ChannelFlowLambdaConfiguration",
        },
        members: {
            LambdaConfiguration$InvocationType: {
                required: false,
                doc: "Filled in with `ASYNC`, the only value, when absent.",
            },
        },
    },
} satisfies ResourceSchema;

type ChannelFlowInputs = InputsOf<typeof channelFlowSchema>;
type ChannelFlowOutputs = OutputsOf<typeof channelFlowSchema>;

/** The only invocation type the API has; filled in so that programs need not spell it. */
const DEFAULT_INVOCATION_TYPE = "ASYNC";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fills each processor's `configuration.lambda.invocationType` when absent (values unknown in preview kept). */
function withInvocationTypes(processors: unknown): unknown {
    if (!Array.isArray(processors)) return processors;
    return processors.map((processor) => {
        if (!isObject(processor) || !isObject(processor.configuration) || !isObject(processor.configuration.lambda)) {
            return processor;
        }
        const lambda = processor.configuration.lambda;
        if (lambda.invocationType !== undefined && lambda.invocationType !== null) return processor;
        return {
            ...processor,
            configuration: {
                ...processor.configuration,
                lambda: { ...lambda, invocationType: DEFAULT_INVOCATION_TYPE },
            },
        };
    });
}

async function describeFlow(api: Api, arn: string): Promise<ApiChannelFlow | undefined> {
    const command = new DescribeChannelFlowCommand({ ChannelFlowArn: arn });
    return (await unlessGone(() => api.send("messaging", command, arn)))?.ChannelFlow;
}

/** `arn:aws:chime:<region>:<account>:app-instance/<app instance id>/channel-flow/<channel flow id>` */
const FLOW_ARN = /:app-instance\/([^/]+)\/channel-flow\/([^/]+)$/;

function flowOutputs(flow: ApiChannelFlow): Props {
    const [, appInstanceId, channelFlowId] = FLOW_ARN.exec(flow.ChannelFlowArn ?? "") ?? [];
    return {
        arn: flow.ChannelFlowArn,
        createdTimestamp: isoTimestamp(flow.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(flow.LastUpdatedTimestamp),
        appInstanceId,
        channelFlowId,
    };
}

async function computedOutputs(api: Api, arn: string): Promise<Props> {
    const flow = await describeFlow(api, arn);
    if (!flow)
        throw new Error(`ChannelFlow ${arn}: DescribeChannelFlow found no channel flow right after it was written`);
    return flowOutputs(flow);
}

/** The channels a flow is associated with, for an error message (a few are enough). */
async function associatedChannels(api: Api, arn: string): Promise<string[]> {
    const out = await api.send(
        "messaging",
        new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: arn, MaxResults: 50 }),
        arn,
    );
    const names = (out.Channels ?? []).map((c) => `${JSON.stringify(c.Name)} (${c.ChannelArn})`);
    return out.NextToken ? [...names, "and more"] : names;
}

export const channelFlowImplementation: ResourceImplementation<ChannelFlowInputs, ChannelFlowOutputs> = {
    schema: channelFlowSchema,

    inputsFromId: (id) => appInstanceOfId("ChannelFlow", id),

    prepare(news) {
        return "processors" in news ? { ...news, processors: withInvocationTypes(news.processors) } : news;
    },

    /** The processor Lambda must be one Chime SDK messaging can invoke for the app instance. */
    checkAcross: channelFlowProcessorFailures,

    /** A rerun of a create cut off after the service made the flow replays its token (see idempotency-tokens.ts). */
    async create(api, inputs, identity) {
        const request = {
            AppInstanceArn: inputs.appInstanceArn,
            Name: inputs.name,
            Processors: toApiCase<Processor[]>(inputs.processors),
            Tags: tagList(inputs.tags),
        };
        const { arn, live } = await createWithToken(identity, "ChannelFlow", request, {
            create: async (ClientRequestToken) => {
                const command = new CreateChannelFlowCommand({ ...request, ClientRequestToken });
                return (await api.send("messaging", command, JSON.stringify(inputs.name))).ChannelFlowArn!;
            },
            // Read back; when that fails, the flow is recorded all the same (see readBackCreated).
            describe: (created) => readBackCreated("ChannelFlow", created, () => describeFlow(api, created)),
        });
        return { id: arn, outs: flowOutputs(live) };
    },

    async read(api, id, state) {
        const flow = await describeFlow(api, id);
        if (!flow) return undefined;
        return {
            ...flowOutputs(flow),
            name: flow.Name,
            processors: liveStructure(flow.Processors),
            tags: await readLiveTags(api, "messaging", id, state.tags),
        };
    },

    async update(api, id, olds, news, changed) {
        if (changed.includes("name") || changed.includes("processors")) {
            // UpdateChannelFlow requires both, whichever changed.
            const command = new UpdateChannelFlowCommand({
                ChannelFlowArn: id,
                Name: news.name,
                Processors: toApiCase<Processor[]>(news.processors),
            });
            await api.send("messaging", command, id);
        }
        await updateChangedTags(api, "messaging", id, olds, news, changed);
        return computedOutputs(api, id);
    },

    async delete(api, id) {
        try {
            await api.send("messaging", new DeleteChannelFlowCommand({ ChannelFlowArn: id }), id);
        } catch (error) {
            if (isNotFound(error)) return;
            if (!isConflict(error)) throw error;
            const channels = await associatedChannels(api, id).catch(() => []);
            if (channels.length === 0) throw error;
            const detail =
                `it is still associated with the channel(s) ${channels.join(", ")}; remove those associations ` +
                `(ChannelFlowAssociation) or channels first. The service said`;
            throw new ApiCallError("ChannelFlow", "DeleteChannelFlow", withDetail(error, detail), id);
        }
    },
};

/** The original service error with our explanation in front of its message. */
function withDetail(error: unknown, detail: string): Error {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    const explained = new Error(`${detail}: ${cause.message}`);
    explained.name = cause.name;
    return explained;
}
