import { Identity } from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../../api";
import { makeId } from "../../id-form";
import { isoTimestamp, liveStructure } from "../../live-values";
import { ResourceImplementation } from "../../resource-provider";
import { bearerProperty, ResourceSchema } from "../../schema";
import { deleteUnlessGone, unlessGone } from "./gone";
import {
    ChannelUserKey,
    channelArnProperty,
    channelUserKey,
    ChannelUserInputs,
    createOrAdopt,
    channelMemberId,
    userArnProperty,
} from "./natural-key";

/**
 * A standing that a moderator or admin gives a user on a channel (moderator, ban): granted by a create call,
 * described with who granted it and when, revoked by a delete call. Nothing about it can change in place.
 */
export interface GrantRecord {
    CreatedBy?: Identity;
    CreatedTimestamp?: Date;
}

export interface GrantCalls<User extends string> {
    /** The resource type, e.g. "ChannelModerator". */
    type: string;
    /** The request structure whose members validate the inputs, e.g. "CreateChannelModeratorRequest". */
    requestShape: string;
    /** The input naming the user: the API member camelCased, e.g. "channelModeratorArn". */
    userProperty: User;
    /** What a delete or replacement takes away (see ResourceSchema). */
    lostWhenRemoved: string;
    /** The SDK class's documentation, and what the user input is (see ResourceDocs). */
    description: string;
    userDoc: string;
    grant(api: Api, key: ChannelUserKey): Promise<unknown>;
    /** Throws NotFound when the user does not hold it. */
    describe(api: Api, key: ChannelUserKey): Promise<GrantRecord | undefined>;
    revoke(api: Api, key: ChannelUserKey): Promise<unknown>;
}

export function grantSchema<User extends string>(calls: GrantCalls<User>): ResourceSchema {
    const apiMember = calls.userProperty.charAt(0).toUpperCase() + calls.userProperty.slice(1);
    return {
        type: calls.type,
        id: channelMemberId(`${apiMember === "MemberArn" ? "member" : "moderator"} ARN`, calls.userProperty),
        lostWhenRemoved: calls.lostWhenRemoved,
        inputs: {
            channelArn: channelArnProperty(calls.requestShape),
            [calls.userProperty]: { ...userArnProperty(calls.requestShape, apiMember), doc: calls.userDoc },
            chimeBearer: bearerProperty("An app instance admin or a moderator of the channel"),
        },
        outputs: ["createdBy", "createdTimestamp"],
        deleteBeforeReplace: true,
        docs: {
            section: "membership",
            description: calls.description,
            outputs: {
                createdBy: { type: { service: "messaging", member: `${calls.type}$CreatedBy` }, doc: "Who granted it" },
                createdTimestamp: { type: "string", doc: "When it was granted (ISO 8601)" },
            },
            typeNames: { Identity: "ChimeIdentity" },
        },
    };
}

/** Who granted it and when. */
export interface GrantOutputs {
    createdBy?: Record<string, unknown>;
    createdTimestamp?: string;
}

function grantOutputs(record: GrantRecord): GrantOutputs {
    return { createdBy: liveStructure(record.CreatedBy), createdTimestamp: isoTimestamp(record.CreatedTimestamp) };
}

export function grantImplementation<User extends string>(
    calls: GrantCalls<User>,
): ResourceImplementation<ChannelUserInputs<User>, GrantOutputs> {
    const keyOf = (props: ChannelUserInputs<User>) => channelUserKey(props, calls.userProperty);
    const describe = (api: Api, key: ChannelUserKey) => unlessGone(() => calls.describe(api, key));
    const schema = grantSchema(calls);
    return {
        schema,

        /** Granting what is already granted adopts it, whoever granted it. */
        async create(api, inputs) {
            const key = keyOf(inputs);
            const record = await createOrAdopt(
                async () => {
                    await calls.grant(api, key);
                    return describe(api, key);
                },
                () => describe(api, key),
            );
            if (!record) throw new Error(`${calls.type} ${key.subject}: it was not found right after it was created`);
            return { id: makeId(schema.id, key.channelArn, key.userArn), outs: grantOutputs(record) };
        },

        async read(api, _id, state) {
            const record = await describe(api, keyOf(state));
            // Only the outputs: the inputs are the key itself. (TypeScript cannot see that these outputs are a
            // part of inputs-and-outputs over a user property it knows only as a type parameter.)
            return record && (grantOutputs(record) as Partial<ChannelUserInputs<User> & GrantOutputs>);
        },

        /** Only chimeBearer can change without a replacement, and it changes the state only. */
        async update() {
            return {};
        },

        async delete(api, _id, state) {
            await deleteUnlessGone(() => calls.revoke(api, keyOf(state)));
        },
    };
}
