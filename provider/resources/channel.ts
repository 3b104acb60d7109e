import {
    Channel as ApiChannel,
    CreateChannelCommand,
    CreateChannelRequest,
    DeleteChannelCommand,
    DescribeChannelCommand,
    ElasticChannelConfiguration,
    ExpirationSettings,
    PutChannelExpirationSettingsCommand,
    UpdateChannelCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../api";
import { toApiCase } from "../casing";
import { createWithToken } from "../idempotency-tokens";
import { isoTimestamp, liveOptionalText, liveStructure, readBackCreated } from "../live-values";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { arnAndTimestampOutputs, bearerProperty, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { readLiveTags, tagList, tagsProperty, updateChangedTags } from "../tags";
import { isUnknown } from "../unknowns";
import { bearerOutsideAppInstance } from "./shared/bearer-rules";
import { appInstanceArnProperty, appInstanceOfId } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { metadataToSend } from "./shared/name-and-metadata";
import { createOrAdopt, sameAsDeclared } from "./shared/natural-key";

const shape = members<CreateChannelRequest>("messaging", "CreateChannelRequest");

export const channelSchema = {
    type: "Channel",
    id: singleId("channel ARN"),
    lostWhenRemoved: "its messages and memberships",
    inputs: {
        appInstanceArn: appInstanceArnProperty("CreateChannelRequest$AppInstanceArn", "messaging"),
        name: { change: "update", required: true, shape: shape("Name"), defaultsToResourceName: true },
        mode: { change: "update", default: "UNRESTRICTED", shape: shape("Mode") },
        privacy: { change: "replace", default: "PUBLIC", shape: shape("Privacy"), doc: "The service cannot change it" },
        metadata: { change: "update", shape: shape("Metadata"), doc: "Removing it clears it" },
        channelId: {
            change: "replace",
            shape: shape("ChannelId"),
            doc: "The channel's own id in its ARN; generated when absent",
        },
        elasticChannelConfiguration: {
            change: "replace",
            shape: shape("ElasticChannelConfiguration"),
            doc: "Makes an elastic channel; the service cannot change it",
        },
        expirationSettings: {
            change: "update",
            shape: shape("ExpirationSettings"),
            doc: "Removing them removes the expiration",
        },
        tags: tagsProperty,
        chimeBearer: bearerProperty(
            "The AppInstanceUser (or bot) ARN the calls are made as, usually an AppInstanceAdmin's " +
                "`appInstanceAdminArn`; it becomes the channel's creator and first moderator",
        ),
    },
    outputs: ["arn", "createdTimestamp", "lastUpdatedTimestamp", "lastMessageTimestamp", "createdBy", "channelFlowArn"],
    deleteBeforeReplace: keepsChannelId,
    deleteBeforeReplaceWhen: "while a `channelId` the program sets stays the same",
    docs: {
        section: "channel",
        description: "An Amazon Chime SDK messaging channel.",
        outputs: {
            ...arnAndTimestampOutputs("channel"),
            lastMessageTimestamp: { type: "string", optional: true, doc: "When the last message was sent (ISO 8601)" },
            createdBy: {
                type: members<ApiChannel>("messaging", "Channel")("CreatedBy"),
                doc: "Who created the channel",
            },
            channelFlowArn: {
                type: "string",
                optional: true,
                doc: "The flow associated with the channel when it was last read (see ChannelFlowAssociation)",
            },
        },
        typeNames: {
            ElasticChannelConfiguration: "ElasticChannelConfiguration",
            ExpirationSettings: "ChannelExpirationSettings",
            Identity: "ChannelCreator",
        },
    },
} satisfies ResourceSchema;

type ChannelInputs = InputsOf<typeof channelSchema>;
type ChannelOutputs = OutputsOf<typeof channelSchema>;

/**
 * A channel whose program sets `channelId` keeps its ARN through a replacement: the old channel must go first,
 * or the new one is refused as a duplicate. (Unknown during a preview: it may be the same.)
 */
function keepsChannelId(olds: Props, news: Props): boolean {
    const channelId = news.channelId;
    if (channelId === undefined || channelId === null) return false;
    return isUnknown(channelId) || channelId === olds.channelId;
}

/** UpdateChannel changes these three together. */
const UPDATE_CHANNEL_PROPERTIES = ["name", "mode", "metadata"];

async function describeChannel(api: Api, arn: string, bearer: string): Promise<ApiChannel | undefined> {
    const command = new DescribeChannelCommand({ ChannelArn: arn, ChimeBearer: bearer });
    return (await unlessGone(() => api.send("messaging", command, arn)))?.Channel;
}

function computedOutputs(channel: ApiChannel): Partial<ChannelOutputs> {
    return {
        arn: channel.ChannelArn,
        createdTimestamp: isoTimestamp(channel.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(channel.LastUpdatedTimestamp),
        lastMessageTimestamp: isoTimestamp(channel.LastMessageTimestamp),
        createdBy: liveStructure(channel.CreatedBy),
        channelFlowArn: channel.ChannelFlowArn,
    };
}

async function requireChannel(api: Api, arn: string, bearer: string): Promise<ApiChannel> {
    const channel = await describeChannel(api, arn, bearer);
    if (!channel) throw new Error(`Channel ${arn}: DescribeChannel found no channel right after it was written`);
    return channel;
}

/** The channel that holds the declared `channelId`, when it is the one declared. */
async function existingChannel(api: Api, inputs: ChannelInputs): Promise<ApiChannel | undefined> {
    const arn = `${inputs.appInstanceArn}/channel/${inputs.channelId}`;
    const channel = await describeChannel(api, arn, inputs.chimeBearer);
    if (!channel) return undefined;
    const live = {
        ...liveProperties(channel, inputs),
        appInstanceArn: inputs.appInstanceArn,
        channelId: inputs.channelId,
        tags: await readLiveTags(api, "messaging", arn, inputs.tags),
    };
    sameAsDeclared(channelSchema, inputs, live, `the channel ${arn}`);
    return channel;
}

/** The declared properties as the channel holds them. */
function liveProperties(channel: ApiChannel, recorded: Partial<ChannelInputs>): Partial<ChannelInputs> {
    return {
        name: channel.Name,
        mode: channel.Mode,
        privacy: channel.Privacy,
        metadata: liveOptionalText(channel.Metadata, recorded.metadata),
        elasticChannelConfiguration: liveStructure(channel.ElasticChannelConfiguration),
        expirationSettings: liveStructure(channel.ExpirationSettings),
    };
}

export const channelImplementation: ResourceImplementation<ChannelInputs, ChannelOutputs> = {
    schema: channelSchema,

    checkAcross: (inputs) => bearerOutsideAppInstance(inputs.appInstanceArn, inputs.chimeBearer),

    inputsFromId: (id) => appInstanceOfId("Channel", id),

    /**
     * A rerun of a create cut off after the service made the channel replays its token (see
     * idempotency-tokens.ts). A `channelId` is a natural key besides: a channel with it made otherwise is adopted
     * when it is the one declared.
     */
    async create(api, inputs, identity) {
        const bearer = inputs.chimeBearer;
        const request = {
            AppInstanceArn: inputs.appInstanceArn,
            Name: inputs.name,
            Mode: inputs.mode,
            Privacy: inputs.privacy,
            Metadata: inputs.metadata,
            ChannelId: inputs.channelId,
            ElasticChannelConfiguration: toApiCase<ElasticChannelConfiguration>(inputs.elasticChannelConfiguration),
            ExpirationSettings: toApiCase<ExpirationSettings>(inputs.expirationSettings),
            Tags: tagList(inputs.tags),
            ChimeBearer: bearer,
        };
        const created = () =>
            createWithToken(identity, "Channel", request, {
                create: async (ClientRequestToken) => {
                    const command = new CreateChannelCommand({ ...request, ClientRequestToken });
                    return (await api.send("messaging", command, JSON.stringify(inputs.name))).ChannelArn!;
                },
                // Read back; when that fails, the channel is recorded all the same (see readBackCreated).
                describe: (arn) => readBackCreated("Channel", arn, () => describeChannel(api, arn, bearer)),
            });
        const channel =
            inputs.channelId === undefined
                ? (await created()).live
                : await createOrAdopt(
                      async () => (await created()).live,
                      () => existingChannel(api, inputs),
                  );
        return { id: channel.ChannelArn!, outs: computedOutputs(channel) };
    },

    async read(api, id, state) {
        const channel = await describeChannel(api, id, state.chimeBearer);
        if (!channel) return undefined;
        return {
            ...computedOutputs(channel),
            ...liveProperties(channel, state),
            tags: await readLiveTags(api, "messaging", id, state.tags),
        };
    },

    async update(api, id, olds, news, changed) {
        const bearer = news.chimeBearer;
        if (changed.some((name) => UPDATE_CHANNEL_PROPERTIES.includes(name))) {
            const command = new UpdateChannelCommand({
                ChannelArn: id,
                Name: news.name,
                Mode: news.mode,
                Metadata: metadataToSend(news),
                ChimeBearer: bearer,
            });
            await api.send("messaging", command, id);
        }
        if (changed.includes("expirationSettings")) {
            // Without settings, the call removes them.
            const command = new PutChannelExpirationSettingsCommand({
                ChannelArn: id,
                ExpirationSettings: toApiCase(news.expirationSettings),
                ChimeBearer: bearer,
            });
            await api.send("messaging", command, id);
        }
        await updateChangedTags(api, "messaging", id, olds, news, changed);
        return computedOutputs(await requireChannel(api, id, bearer));
    },

    async delete(api, id, state) {
        const command = new DeleteChannelCommand({ ChannelArn: id, ChimeBearer: state.chimeBearer });
        await deleteUnlessGone(() => api.send("messaging", command, id));
    },
};
