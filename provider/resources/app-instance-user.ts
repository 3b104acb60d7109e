import {
    CreateAppInstanceUserCommand,
    CreateAppInstanceUserRequest,
    DeleteAppInstanceUserCommand,
    DescribeAppInstanceUserCommand,
    PutAppInstanceUserExpirationSettingsCommand,
    UpdateAppInstanceUserCommand,
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
import { createOrAdopt, sameAsDeclared } from "./shared/natural-key";
import { metadataToSend, nameOrMetadataChanged } from "./shared/name-and-metadata";

const shape = members<CreateAppInstanceUserRequest>("identity", "CreateAppInstanceUserRequest");

export const appInstanceUserSchema = {
    type: "AppInstanceUser",
    id: singleId("user ARN"),
    lostWhenRemoved: "the user with its channel memberships (its ARN stops naming it in every channel)",
    inputs: {
        appInstanceArn: appInstanceArnProperty("CreateAppInstanceUserRequest$AppInstanceArn"),
        appInstanceUserId: {
            change: "replace",
            required: true,
            shape: shape("AppInstanceUserId"),
            doc: "The user's id in its ARN (`<appInstanceArn>/user/<id>`)",
        },
        name: { change: "update", required: true, shape: shape("Name"), defaultsToResourceName: true },
        metadata: { change: "update", shape: shape("Metadata") },
        expirationSettings: {
            change: "update",
            shape: shape("ExpirationSettings"),
            doc: "Removing them means the user no longer expires",
        },
        tags: tagsProperty,
    },
    outputs: ["arn", "createdTimestamp", "lastUpdatedTimestamp"],
    docs: {
        section: "app-instance",
        description: "A user of an app instance: the identity channel members, moderators and bearers are.",
        outputs: arnAndTimestampOutputs("user"),
        typeNames: { ExpirationSettings: "AppInstanceUserExpirationSettings" },
    },
} satisfies ResourceSchema;

type AppInstanceUserInputs = InputsOf<typeof appInstanceUserSchema>;
type AppInstanceUserOutputs = OutputsOf<typeof appInstanceUserSchema>;

type ApiExpirationSettings = { ExpirationDays: number; ExpirationCriterion: "CREATED_TIMESTAMP" };

async function describe(api: Api, arn: string, recorded: Props): Promise<Props | undefined> {
    const out = await unlessGone(() =>
        api.send("identity", new DescribeAppInstanceUserCommand({ AppInstanceUserArn: arn }), arn),
    );
    const user = out?.AppInstanceUser;
    if (!user) return undefined;
    return {
        arn: user.AppInstanceUserArn,
        name: user.Name,
        metadata: liveOptionalText(user.Metadata, recorded.metadata),
        expirationSettings: liveStructure(user.ExpirationSettings),
        createdTimestamp: isoTimestamp(user.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(user.LastUpdatedTimestamp),
    };
}

/** The computed outputs after a write. */
async function computedOutputs(api: Api, arn: string): Promise<Props> {
    return writtenArnAndTimestamps(
        await describe(api, arn, {}),
        `AppInstanceUser ${arn}: DescribeAppInstanceUser found no user right after it was written`,
    );
}

export const appInstanceUserImplementation: ResourceImplementation<AppInstanceUserInputs, AppInstanceUserOutputs> = {
    schema: appInstanceUserSchema,

    inputsFromId: (id) => ({
        ...appInstanceOfId("AppInstanceUser", id),
        appInstanceUserId: id.slice(id.lastIndexOf("/") + 1),
    }),

    /**
     * The user id is a natural key: a rerun of a create cut off after the service made the user replays its
     * token, and a user with this id made otherwise is adopted when it is the one declared (see shared/natural-key.ts).
     */
    async create(api, inputs, identity) {
        const request = {
            AppInstanceArn: inputs.appInstanceArn,
            AppInstanceUserId: inputs.appInstanceUserId,
            Name: inputs.name,
            Metadata: inputs.metadata,
            ExpirationSettings: toApiCase<ApiExpirationSettings | undefined>(inputs.expirationSettings),
            Tags: tagList(inputs.tags),
        };
        const keyArn = `${inputs.appInstanceArn}/user/${inputs.appInstanceUserId}`;
        const outs = await createOrAdopt(
            async () => {
                const { live } = await createWithToken(identity, "AppInstanceUser", request, {
                    create: async (ClientRequestToken) => {
                        const command = new CreateAppInstanceUserCommand({ ...request, ClientRequestToken });
                        return (await api.send("identity", command, keyArn)).AppInstanceUserArn!;
                    },
                    describe: (arn) => describe(api, arn, inputs),
                });
                return live;
            },
            async () => {
                const live = await describe(api, keyArn, inputs);
                if (!live) return undefined;
                const tags = await readLiveTags(api, "identity", keyArn, inputs.tags);
                const key = { appInstanceArn: inputs.appInstanceArn, appInstanceUserId: inputs.appInstanceUserId };
                return sameAsDeclared(
                    appInstanceUserSchema,
                    inputs,
                    { ...live, ...key, tags },
                    `the app instance user ${keyArn}`,
                );
            },
        );
        return { id: String(outs.arn), outs: arnAndTimestamps(outs) };
    },

    async read(api, id, state) {
        const live = await describe(api, id, state);
        if (!live) return undefined;
        return { ...live, tags: await readLiveTags(api, "identity", id, state.tags) };
    },

    async update(api, id, olds, news, changed) {
        if (nameOrMetadataChanged(changed)) {
            await api.send(
                "identity",
                new UpdateAppInstanceUserCommand({
                    AppInstanceUserArn: id,
                    Name: news.name,
                    Metadata: metadataToSend(news),
                }),
                id,
            );
        }
        if (changed.includes("expirationSettings")) {
            // Without settings, the user no longer expires.
            await api.send(
                "identity",
                new PutAppInstanceUserExpirationSettingsCommand({
                    AppInstanceUserArn: id,
                    ExpirationSettings: toApiCase<ApiExpirationSettings | undefined>(news.expirationSettings),
                }),
                id,
            );
        }
        await updateChangedTags(api, "identity", id, olds, news, changed);
        return computedOutputs(api, id);
    },

    async delete(api, id) {
        await deleteUnlessGone(() =>
            api.send("identity", new DeleteAppInstanceUserCommand({ AppInstanceUserArn: id }), id),
        );
    },
};
