import {
    Configuration,
    CreateAppInstanceBotCommand,
    CreateAppInstanceBotRequest,
    DeleteAppInstanceBotCommand,
    DescribeAppInstanceBotCommand,
    UpdateAppInstanceBotCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { Api } from "../api";
import { toApiCase } from "../casing";
import { createWithToken } from "../idempotency-tokens";
import {
    arnAndTimestamps,
    isoTimestamp,
    liveOptionalText,
    liveStructure,
    writtenArnAndTimestamps,
} from "../live-values";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { arnAndTimestampOutputs, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { readLiveTags, tagList, tagsProperty, updateChangedTags } from "../tags";
import { appInstanceArnProperty, appInstanceOfId } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { metadataToSend } from "./shared/name-and-metadata";

const shape = members<CreateAppInstanceBotRequest>("identity", "CreateAppInstanceBotRequest");

/** UpdateAppInstanceBot sends these together: the name and metadata on every call, the configuration as it stands. */
const UPDATE_BOT_PROPERTIES = ["name", "metadata", "configuration"];

export const appInstanceBotSchema = {
    type: "AppInstanceBot",
    id: singleId("bot ARN"),
    lostWhenRemoved:
        "the bot with its channel memberships and moderator rights (a new bot has another ARN: channels must take it again)",
    inputs: {
        appInstanceArn: appInstanceArnProperty("CreateAppInstanceBotRequest$AppInstanceArn"),
        name: {
            change: "update",
            required: true,
            shape: shape("Name"),
            defaultsToResourceName: true,
            doc: "UpdateAppInstanceBot requires a name, so the bot always has one",
        },
        metadata: { change: "update", shape: shape("Metadata"), doc: "Removing it clears it" },
        configuration: {
            change: "update",
            required: true,
            shape: shape("Configuration"),
            doc: "The Amazon Lex V2 bot that answers in the channels the bot is a member of",
        },
        tags: tagsProperty,
    },
    outputs: ["arn", "createdTimestamp", "lastUpdatedTimestamp"],
    docs: {
        section: "app-instance",
        description:
            "A bot of an app instance, backed by an Amazon Lex V2 bot: it can be a channel member, a moderator and " +
            "a `chimeBearer`, wherever the API takes an app instance user or bot.",
        outputs: arnAndTimestampOutputs("bot"),
        typeNames: {
            Configuration: "AppInstanceBotConfiguration",
            LexConfiguration: "AppInstanceBotLexConfiguration",
            InvokedBy: "AppInstanceBotInvokedBy",
        },
    },
} satisfies ResourceSchema;

type AppInstanceBotInputs = InputsOf<typeof appInstanceBotSchema>;
type AppInstanceBotOutputs = OutputsOf<typeof appInstanceBotSchema>;

async function describe(api: Api, arn: string, recorded: Props): Promise<Props | undefined> {
    const out = await unlessGone(() =>
        api.send("identity", new DescribeAppInstanceBotCommand({ AppInstanceBotArn: arn }), arn),
    );
    const bot = out?.AppInstanceBot;
    if (!bot) return undefined;
    return {
        arn: bot.AppInstanceBotArn,
        name: bot.Name,
        metadata: liveOptionalText(bot.Metadata, recorded.metadata),
        configuration: liveStructure(bot.Configuration),
        createdTimestamp: isoTimestamp(bot.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(bot.LastUpdatedTimestamp),
    };
}

export const appInstanceBotImplementation: ResourceImplementation<AppInstanceBotInputs, AppInstanceBotOutputs> = {
    schema: appInstanceBotSchema,

    inputsFromId: (id) => appInstanceOfId("AppInstanceBot", id),

    /** A rerun of a create cut off after the service made the bot replays its token (idempotency-tokens.ts). */
    async create(api, inputs, identity) {
        const request = {
            AppInstanceArn: inputs.appInstanceArn,
            Name: inputs.name,
            Metadata: inputs.metadata,
            Configuration: toApiCase<Configuration>(inputs.configuration),
            Tags: tagList(inputs.tags),
        };
        const { arn, live } = await createWithToken(identity, "AppInstanceBot", request, {
            create: async (ClientRequestToken) => {
                const command = new CreateAppInstanceBotCommand({ ...request, ClientRequestToken });
                return (await api.send("identity", command, JSON.stringify(inputs.name))).AppInstanceBotArn!;
            },
            describe: (created) => describe(api, created, inputs),
        });
        return { id: arn, outs: arnAndTimestamps(live) };
    },

    async read(api, id, state) {
        const live = await describe(api, id, state);
        if (!live) return undefined;
        return { ...live, tags: await readLiveTags(api, "identity", id, state.tags) };
    },

    async update(api, id, olds, news, changed) {
        if (changed.some((property) => UPDATE_BOT_PROPERTIES.includes(property))) {
            const command = new UpdateAppInstanceBotCommand({
                AppInstanceBotArn: id,
                Name: news.name,
                Metadata: metadataToSend(news),
                Configuration: toApiCase<Configuration>(news.configuration),
            });
            await api.send("identity", command, id);
        }
        await updateChangedTags(api, "identity", id, olds, news, changed);
        return writtenArnAndTimestamps(
            await describe(api, id, news),
            `AppInstanceBot ${id}: DescribeAppInstanceBot found no bot right after it was written`,
        );
    },

    async delete(api, id) {
        await deleteUnlessGone(() =>
            api.send("identity", new DeleteAppInstanceBotCommand({ AppInstanceBotArn: id }), id),
        );
    },
};
