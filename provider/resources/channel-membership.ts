import {
    ChannelMembership as ApiChannelMembership,
    CreateChannelMembershipCommand,
    CreateChannelMembershipRequest,
    DeleteChannelMembershipCommand,
    DescribeChannelBanCommand,
    DescribeChannelMembershipCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../api";
import { errorName } from "../errors";
import { makeId } from "../id-form";
import { isoTimestamp, liveStructure } from "../live-values";
import { Props, ResourceImplementation } from "../resource-provider";
import { bearerProperty, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import {
    ChannelUserKey,
    channelArnProperty,
    channelMemberRequest,
    channelUserKey,
    ChannelUserInputs,
    createOrAdopt,
    channelMemberId,
    userArnProperty,
} from "./shared/natural-key";

const REQUEST = "CreateChannelMembershipRequest";

/**
 * One member of a channel. The API cannot change a membership's type, so a type change is a replacement, and
 * since the member is the key, the old membership is deleted first.
 *
 * Bans: banning a member removes its membership on the service side. When a refresh finds the membership gone
 * and the member banned, the resource stays in the state with `banned: true` instead of disappearing, so the next
 * `pulumi up` does not try to add a banned member back (and fail) on every run; deleting it then has nothing to
 * remove. Creating a membership for a member who is banned fails with a message that says so.
 */
export const channelMembershipSchema = {
    type: "ChannelMembership",
    id: channelMemberId("member ARN", "memberArn"),
    lostWhenRemoved: "the membership (the member leaves the channel)",
    inputs: {
        channelArn: channelArnProperty(REQUEST),
        memberArn: userArnProperty(REQUEST, "MemberArn"),
        type: {
            change: "replace",
            default: "DEFAULT",
            shape: members<CreateChannelMembershipRequest>("messaging", REQUEST)("Type"),
            doc: "HIDDEN needs an admin or moderator bearer. The API cannot change a membership's type",
        },
        chimeBearer: bearerProperty(
            "The AppInstanceUser (or bot) ARN the calls are made as: an app instance admin, a moderator of the " +
                "channel, a member of an UNRESTRICTED channel, or the member itself",
        ),
    },
    outputs: ["invitedBy", "createdTimestamp", "lastUpdatedTimestamp", "banned"],
    deleteBeforeReplace: true,
    docs: {
        section: "membership",
        description:
            "One member of a channel. For many members of one channel, ChannelMemberships is much faster. If the member " +
            "is banned (ChannelBan), the service removes the membership: the resource then stays in the state with " +
            "`banned: true` and is not added back.",
        outputs: {
            invitedBy: {
                type: members<ApiChannelMembership>("messaging", "ChannelMembership")("InvitedBy"),
                optional: true,
                doc: "Who added the member, as last read (filled in by refresh: the create call does not answer it)",
            },
            createdTimestamp: {
                type: "string",
                optional: true,
                doc: "When the member joined (ISO 8601), filled in by refresh",
            },
            lastUpdatedTimestamp: {
                type: "string",
                optional: true,
                doc: "When the membership was last updated (ISO 8601), filled in by refresh",
            },
            banned: {
                type: "boolean",
                doc: "True when the last refresh found the member banned from the channel (and so no longer a member)",
            },
        },
        typeNames: { Identity: "ChimeIdentity" },
    },
} satisfies ResourceSchema;

type ChannelMembershipInputs = InputsOf<typeof channelMembershipSchema>;
type ChannelMembershipOutputs = OutputsOf<typeof channelMembershipSchema>;

const keyOf = (props: ChannelUserInputs<"memberArn">) => channelUserKey(props, "memberArn");

function membershipOutputs(membership: ApiChannelMembership): Props {
    return {
        type: membership.Type,
        invitedBy: liveStructure(membership.InvitedBy),
        createdTimestamp: isoTimestamp(membership.CreatedTimestamp),
        lastUpdatedTimestamp: isoTimestamp(membership.LastUpdatedTimestamp),
        banned: false,
    };
}

async function describeMembership(api: Api, key: ChannelUserKey): Promise<ApiChannelMembership | undefined> {
    const command = new DescribeChannelMembershipCommand(channelMemberRequest(key));
    return unlessGone(async () => (await api.send("messaging", command, key.subject)).ChannelMembership);
}

/**
 * Whether the member is banned from the channel. Only admins and moderators may look; for another bearer the
 * answer is "not known to be banned".
 */
async function isBanned(api: Api, key: ChannelUserKey): Promise<boolean> {
    const command = new DescribeChannelBanCommand(channelMemberRequest(key));
    try {
        return (await unlessGone(() => api.send("messaging", command, key.subject))) !== undefined;
    } catch (error) {
        if (errorName(error) === "ForbiddenException") return false;
        throw error;
    }
}

/** What holds the key when a create is refused: the same membership (adopted), or a clear error. */
async function existingMembership(api: Api, key: ChannelUserKey, type: string): Promise<Props | undefined> {
    const live = await describeMembership(api, key);
    if (live && live.Type === type) return membershipOutputs(live);
    if (live) {
        throw new Error(
            `ChannelMembership ${key.subject}: the member already belongs to the channel with the type ${live.Type}, ` +
                `not ${type}. The type of a membership cannot be changed in place: declare it with type ` +
                `${live.Type}, or delete the existing membership first.`,
        );
    }
    if (await isBanned(api, key)) {
        throw new Error(
            `ChannelMembership ${key.subject}: the member is banned from the channel, and a banned user cannot be ` +
                `a member. Remove this ChannelMembership from the program (the ban removed the membership), or ` +
                `delete the ChannelBan first.`,
        );
    }
    return undefined;
}

export const channelMembershipImplementation: ResourceImplementation<
    ChannelMembershipInputs,
    ChannelMembershipOutputs
> = {
    schema: channelMembershipSchema,

    /**
     * One call: the service answers an existing identical membership as created, so that is adopted as well.
     * CreateChannelMembership does not answer who invited the member or when; refresh fills those in (a
     * DescribeChannelMembership per create would halve what the 10 TPS bearer quota allows).
     */
    async create(api, inputs) {
        const key = keyOf(inputs);
        const type = inputs.type;
        const outs = await createOrAdopt(
            async () => {
                const command = new CreateChannelMembershipCommand({ ...channelMemberRequest(key), Type: type });
                await api.send("messaging", command, key.subject);
                return { banned: false } as Props;
            },
            () => existingMembership(api, key, type),
        );
        return { id: makeId(channelMembershipSchema.id, key.channelArn, key.userArn), outs };
    },

    async read(api, _id, state) {
        const key = keyOf(state);
        const live = await describeMembership(api, key);
        if (live) return membershipOutputs(live);
        if (await isBanned(api, key)) return { banned: true };
        return undefined;
    },

    /** Only chimeBearer can change without a replacement, and it changes the state only. */
    async update() {
        return {};
    },

    async delete(api, _id, state) {
        const key = keyOf(state);
        const command = new DeleteChannelMembershipCommand(channelMemberRequest(key));
        await deleteUnlessGone(() => api.send("messaging", command, key.subject));
    },
};
