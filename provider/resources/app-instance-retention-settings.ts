import {
    AppInstanceRetentionSettings,
    GetAppInstanceRetentionSettingsCommand,
    PutAppInstanceRetentionSettingsCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { Api } from "../api";
import { Props, ResourceImplementation } from "../resource-provider";
import { singleId } from "../id-form";
import { InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { isoTimestamp } from "../live-values";
import { appInstanceArnProperty } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { sameAsDeclared } from "./shared/natural-key";

/**
 * The message retention of an app instance's channels. There is one per app instance: creating the resource
 * sets it (or adopts the same settings already set, and refuses other ones), deleting it turns retention off, which is what the
 * service does without settings (messages are kept until someone deletes them). The service has no delete call:
 * retention is turned off by putting settings without a retention period.
 */
export const appInstanceRetentionSettingsSchema = {
    type: "AppInstanceRetentionSettings",
    id: singleId("app instance ARN", "appInstanceArn"),
    lostWhenRemoved: null,
    inputs: {
        appInstanceArn: appInstanceArnProperty("PutAppInstanceRetentionSettingsRequest$AppInstanceArn"),
        channelRetentionSettings: {
            change: "update",
            required: true,
            shape: members<AppInstanceRetentionSettings>(
                "identity",
                "AppInstanceRetentionSettings",
            )("ChannelRetentionSettings"),
            validate: (value) =>
                typeof value === "object" && (value as { retentionDays?: unknown }).retentionDays === undefined
                    ? "must have retentionDays (to turn retention off, delete the resource)"
                    : undefined,
        },
    },
    outputs: ["initiateDeletionTimestamp"],
    docs: {
        section: "app-instance",
        description:
            "The message retention of an app instance's channels (one per app instance). Deleting the resource turns " +
            "retention off: from then on messages are kept until someone deletes them.",
        outputs: {
            initiateDeletionTimestamp: {
                type: "string",
                optional: true,
                doc: "When the service started applying the current settings (ISO 8601)",
            },
        },
        typeNames: { ChannelRetentionSettings: "ChannelRetentionSettings" },
        members: {
            ChannelRetentionSettings$RetentionDays: {
                required: true,
                doc: "Channel messages older than this are deleted; to turn retention off, delete the resource.",
            },
        },
    },
} satisfies ResourceSchema;

type AppInstanceRetentionSettingsInputs = InputsOf<typeof appInstanceRetentionSettingsSchema>;
type AppInstanceRetentionSettingsOutputs = OutputsOf<typeof appInstanceRetentionSettingsSchema>;

async function put(api: Api, appInstanceArn: string, retentionDays: number | undefined): Promise<Props> {
    const out = await api.send(
        "identity",
        new PutAppInstanceRetentionSettingsCommand({
            AppInstanceArn: appInstanceArn,
            AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: retentionDays } },
        }),
        appInstanceArn,
    );
    return { initiateDeletionTimestamp: isoTimestamp(out.InitiateDeletionTimestamp) };
}

export const appInstanceRetentionSettingsImplementation: ResourceImplementation<
    AppInstanceRetentionSettingsInputs,
    AppInstanceRetentionSettingsOutputs
> = {
    schema: appInstanceRetentionSettingsSchema,

    /**
     * Settings already in place (an interrupted run) are adopted when they are the declared ones; settings made
     * outside the stack that differ are refused rather than overwritten.
     */
    async create(api, inputs) {
        const appInstanceArn = inputs.appInstanceArn;
        const live = await appInstanceRetentionSettingsImplementation.read(api, appInstanceArn, inputs);
        if (live) {
            sameAsDeclared(
                appInstanceRetentionSettingsSchema,
                inputs,
                live,
                `the retention of ${appInstanceArn}`,
                "is already set",
            );
            return { id: appInstanceArn, outs: { initiateDeletionTimestamp: live.initiateDeletionTimestamp } };
        }
        const days = inputs.channelRetentionSettings.retentionDays;
        return { id: appInstanceArn, outs: await put(api, appInstanceArn, days) };
    },

    /** Gone when the app instance is, or when retention was turned off. */
    async read(api, id) {
        const out = await unlessGone(() =>
            api.send("identity", new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: id }), id),
        );
        const days = out?.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
        if (days === undefined) return undefined;
        return {
            appInstanceArn: id,
            channelRetentionSettings: { retentionDays: days },
            initiateDeletionTimestamp: isoTimestamp(out!.InitiateDeletionTimestamp),
        };
    },

    async update(api, id, _olds, news) {
        return put(api, id, news.channelRetentionSettings.retentionDays);
    },

    async delete(api, id) {
        await deleteUnlessGone(() => put(api, id, undefined));
    },
};
