import {
    GetChannelMembershipPreferencesCommand,
    PushNotificationPreferences,
    PutChannelMembershipPreferencesCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../api";
import { makeId } from "../id-form";
import { Props, ResourceImplementation } from "../resource-provider";
import { bearerProperty, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { isUnknown } from "../unknowns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import {
    bearerMustBe,
    channelArnProperty,
    channelMemberRequest,
    channelUserKey,
    ChannelUserInputs,
    channelMemberId,
    sameAsDeclared,
    userArnProperty,
} from "./shared/natural-key";

/**
 * A member's push-notification preferences for one channel. The API lets only the member itself read or set
 * them, so chimeBearer must be memberArn. The membership must exist first (declare the ChannelMembership and
 * make this depend on it). There is no API to delete preferences: delete sets them back to none, the state of a
 * membership that never had any.
 */
const pushShape = members<PushNotificationPreferences>("messaging", "PushNotificationPreferences");
const REQUEST = "PutChannelMembershipPreferencesRequest";

function filterRuleProblem(value: unknown, inputs: Props): string | undefined {
    const allow = inputs.allowNotifications;
    if (allow !== "FILTERED" && !isUnknown(allow)) return "applies only when allowNotifications is FILTERED";
    let rule: unknown;
    try {
        rule = JSON.parse(value as string);
    } catch {
        return "must be a JSON object";
    }
    return typeof rule === "object" && rule !== null && !Array.isArray(rule) ? undefined : "must be a JSON object";
}

export const channelMembershipPreferencesSchema = {
    type: "ChannelMembershipPreferences",
    id: channelMemberId("member ARN", "memberArn"),
    lostWhenRemoved: null,
    inputs: {
        channelArn: channelArnProperty(REQUEST),
        memberArn: userArnProperty(REQUEST, "MemberArn"),
        allowNotifications: {
            change: "update",
            required: true,
            shape: pushShape("AllowNotifications"),
            validate: (value, inputs) =>
                value === "FILTERED" && (inputs.filterRule === undefined || inputs.filterRule === null)
                    ? "FILTERED needs a filterRule"
                    : undefined,
        },
        filterRule: {
            change: "update",
            shape: pushShape("FilterRule"),
            validate: filterRuleProblem,
            doc: "A JSON object (as text); only with FILTERED",
        },
        chimeBearer: bearerProperty("Must be `memberArn`: only the member itself may set its preferences"),
    },
    outputs: [],
    deleteBeforeReplace: true,
    docs: {
        section: "membership",
        description:
            "A member's push-notification preferences for a channel. The membership must exist first: make this " +
            "resource depend on the ChannelMembership (or ChannelMemberships). Deleting it sets the preferences back to none.",
        outputs: {},
    },
} satisfies ResourceSchema;

type ChannelMembershipPreferencesInputs = InputsOf<typeof channelMembershipPreferencesSchema>;
type ChannelMembershipPreferencesOutputs = OutputsOf<typeof channelMembershipPreferencesSchema>;

const keyOf = (props: ChannelUserInputs<"memberArn">) => channelUserKey(props, "memberArn");

async function putPreferences(
    api: Api,
    props: ChannelMembershipPreferencesInputs,
    pushNotifications: boolean,
): Promise<void> {
    const key = keyOf(props);
    const command = new PutChannelMembershipPreferencesCommand({
        ...channelMemberRequest(key),
        Preferences: pushNotifications
            ? {
                  PushNotifications: {
                      AllowNotifications: props.allowNotifications,
                      FilterRule: props.filterRule,
                  },
              }
            : {},
    });
    await api.send("messaging", command, key.subject);
}

export const channelMembershipPreferencesImplementation: ResourceImplementation<
    ChannelMembershipPreferencesInputs,
    ChannelMembershipPreferencesOutputs
> = {
    schema: channelMembershipPreferencesSchema,

    /** The id names the member, and so the bearer: only the member itself may read and set its preferences. */
    inputsFromId: (_id, named) => ({ chimeBearer: named.memberArn }),

    checkAcross: (inputs) => bearerMustBe(inputs, "memberArn", "only a member may set its own preferences"),

    /** Preferences already set (an interrupted run) are adopted when they are the declared ones, and refused otherwise. */
    async create(api, inputs) {
        const key = keyOf(inputs);
        const live = await channelMembershipPreferencesImplementation.read(api, "", inputs);
        if (live?.allowNotifications !== undefined) {
            const subject = `the preferences of ${key.subject}`;
            sameAsDeclared(
                channelMembershipPreferencesSchema,
                inputs,
                { ...inputs, ...live },
                subject,
                "are already set",
            );
        } else {
            await putPreferences(api, inputs, true);
        }
        return { id: makeId(channelMembershipPreferencesSchema.id, key.channelArn, key.userArn), outs: {} };
    },

    /** Gone with the membership (or the channel). */
    async read(api, _id, state) {
        const key = keyOf(state);
        const command = new GetChannelMembershipPreferencesCommand(channelMemberRequest(key));
        const answer = await unlessGone(() => api.send("messaging", command, key.subject));
        if (!answer) return undefined;
        const push = answer.Preferences?.PushNotifications;
        return { allowNotifications: push?.AllowNotifications, filterRule: push?.FilterRule };
    },

    async update(api, _id, _olds, news) {
        await putPreferences(api, news, true);
        return {};
    },

    async delete(api, _id, state) {
        await deleteUnlessGone(() => putPreferences(api, state, false));
    },
};
