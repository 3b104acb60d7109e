import {
    CreateAppInstanceCommand,
    CreateAppInstanceRequest,
    DeleteAppInstanceCommand,
    DescribeAppInstanceCommand,
    UpdateAppInstanceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { Api } from "../api";
import { arnAndTimestamps, isoTimestamp, liveOptionalText, writtenArnAndTimestamps } from "../live-values";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { arnAndTimestampOutputs, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { readLiveTags, tagList, tagsProperty, updateChangedTags } from "../tags";
import { createWithToken } from "../idempotency-tokens";
import { REGION_PATTERN, regionOfArn } from "../request-region";
import { describeRemaining, remainingContents } from "./shared/app-instance-contents";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { metadataToSend, nameOrMetadataChanged } from "./shared/name-and-metadata";

const shape = members<CreateAppInstanceRequest>("identity", "CreateAppInstanceRequest");

export const appInstanceSchema = {
    type: "AppInstance",
    id: singleId("app instance ARN"),
    lostWhenRemoved: "the app instance with all of its users, channels, messages and memberships",
    inputs: {
        name: { change: "update", required: true, shape: shape("Name"), defaultsToResourceName: true },
        metadata: { change: "update", shape: shape("Metadata") },
        tags: tagsProperty,
        region: {
            change: "replace",
            type: "string",
            validate: (value) =>
                typeof value === "string" && REGION_PATTERN.test(value)
                    ? undefined
                    : "must be an AWS Region code such as eu-central-1",
            currentValue: (state) => regionOfArn(state.arn),
            doc:
                "The AWS Region the app instance is made in, e.g. `eu-central-1`; left out, the provider's region. " +
                "Every call on the instance and on what it holds goes to the region in its ARN, so one stack can hold " +
                "app instances in several regions. Changing it replaces the app instance; leaving it out (or setting " +
                "the region it is in) changes nothing, whatever the provider's region later is",
        },
        forceDestroy: {
            change: "state",
            default: false,
            validate: (value) => (typeof value === "boolean" ? undefined : "must be true or false"),
            type: "boolean",
            doc:
                "Deleting an app instance deletes everything in it. By default the delete fails, naming them, when the " +
                "instance still holds users, bots or channel flows that the stack does not manage; `true` deletes it anyway",
        },
    },
    outputs: ["arn", "createdTimestamp", "lastUpdatedTimestamp"],
    docs: {
        section: "app-instance",
        description: "An Amazon Chime SDK AppInstance: the container of users, bots, channels and channel flows.",
        outputs: arnAndTimestampOutputs("app instance"),
    },
} satisfies ResourceSchema;

type AppInstanceInputs = InputsOf<typeof appInstanceSchema>;
type AppInstanceOutputs = OutputsOf<typeof appInstanceSchema>;

async function describe(api: Api, arn: string, recorded: Props): Promise<Props | undefined> {
    const out = await unlessGone(() =>
        api.send("identity", new DescribeAppInstanceCommand({ AppInstanceArn: arn }), arn),
    );
    const instance = out?.AppInstance;
    if (!instance) return undefined;
    return {
        arn: instance.AppInstanceArn,
        name: instance.Name,
        metadata: liveOptionalText(instance.Metadata, recorded.metadata),
        createdTimestamp: isoTimestamp(instance.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(instance.LastUpdatedTimestamp),
    };
}

/** The computed outputs after a write. */
async function computedOutputs(api: Api, arn: string): Promise<Props> {
    return writtenArnAndTimestamps(
        await describe(api, arn, {}),
        `AppInstance ${arn}: DescribeAppInstance found no app instance right after it was written`,
    );
}

export const appInstanceImplementation: ResourceImplementation<AppInstanceInputs, AppInstanceOutputs> = {
    schema: appInstanceSchema,

    /** A rerun of a create cut off after the service made the instance finds it again (see idempotency-tokens.ts). */
    async create(api, inputs, identity) {
        const request = {
            Name: inputs.name,
            Metadata: inputs.metadata,
            Tags: tagList(inputs.tags),
        };
        const { arn, live } = await createWithToken(identity, "AppInstance", request, {
            create: async (ClientRequestToken) => {
                const command = new CreateAppInstanceCommand({ ...request, ClientRequestToken });
                const region = inputs.region;
                return (await api.send("identity", command, JSON.stringify(inputs.name), region)).AppInstanceArn!;
            },
            describe: (created) => describe(api, created, {}),
        });
        return { id: arn, outs: arnAndTimestamps(live) };
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
                new UpdateAppInstanceCommand({
                    AppInstanceArn: id,
                    Name: news.name,
                    Metadata: metadataToSend(news),
                }),
                id,
            );
        }
        await updateChangedTags(api, "identity", id, olds, news, changed);
        return computedOutputs(api, id);
    },

    /**
     * The stack deletes what it manages in the app instance first; anything left was made elsewhere, and the
     * service would delete it with the instance. So the delete fails and names it, unless forceDestroy is set.
     */
    async delete(api, id, state) {
        if (state.forceDestroy !== true) {
            const remaining = await remainingContents(api, id);
            if (remaining) throw new Error(describeRemaining(id, remaining));
        }
        await deleteUnlessGone(() => api.send("identity", new DeleteAppInstanceCommand({ AppInstanceArn: id }), id));
    },
};
