import type * as pulumi from "@pulumi/pulumi";
import { isConflict } from "../../errors";
import { Props } from "../../resource-provider";
import { AdoptionMismatch, differencesFromLive } from "../../adoption";
import { RequiredString, ResourceSchema } from "../../schema";
import { isUnknown } from "../../unknowns";
import { IdForm, joinedId } from "../../id-form";
import { accountProblem, appInstanceOfChannel, parentAppInstanceArn } from "./chime-arns";

/**
 * Resources that the service identifies by a channel and a user (memberships, moderators, bans, preferences)
 * rather than by an ARN of their own. Two such resources with the same key are the same thing on the service:
 * a replacement must delete the old one before it creates the new one (otherwise the create finds the old one
 * and the delete that follows removes what was just made), and a create that finds its key already taken with
 * the same settings adopts it (e.g. after an interrupted `pulumi up`).
 */

/** The id of a resource keyed by a channel and a user: `<channel ARN>|<user ARN>`. The state keeps each part. */
export function channelMemberId(name: string, input: string): IdForm {
    return joinedId("|", { name: "channel ARN", input: "channelArn" }, { name, input });
}

/** A channel-and-user key as the calls need it, with how errors name it. */
export interface ChannelUserKey {
    channelArn: string;
    userArn: string;
    bearer: string;
    /** "<user ARN> in <channel ARN>", for error messages. */
    subject: string;
}

/** The inputs of a resource keyed by a channel and the user its `User` input names. */
export type ChannelUserInputs<User extends string> = { channelArn: string; chimeBearer: string } & Record<User, string>;

export function channelUserKey<User extends string>(
    props: ChannelUserInputs<User>,
    userProperty: User,
): ChannelUserKey {
    const { channelArn, chimeBearer } = props;
    const userArn = props[userProperty];
    return { channelArn, userArn, bearer: chimeBearer, subject: `${userArn} in ${channelArn}` };
}

/** The members every call about one member of one channel takes. */
export function channelMemberRequest(key: ChannelUserKey): {
    ChannelArn: string;
    MemberArn: string;
    ChimeBearer: string;
} {
    return { ChannelArn: key.channelArn, MemberArn: key.userArn, ChimeBearer: key.bearer };
}

/** The rule a channel ARN breaks, if it breaks one. */
export function channelArnProblem(arn: string): string | undefined {
    if (!appInstanceOfChannel(arn))
        return "must be a channel ARN (arn:aws:chime:<region>:<account>:app-instance/<id>/channel/<id>)";
    return accountProblem(arn);
}

/** The `channelArn` input: replaced when changed, a channel ARN per the API model and in form. */
export function channelArnProperty(structure: string): RequiredString {
    return {
        change: "replace",
        required: true,
        shape: { service: "messaging", member: `${structure}$ChannelArn` },
        validate: (value) => (typeof value === "string" ? channelArnProblem(value) : undefined),
    };
}

/** A user's ARN that makes the key (member, moderator): an app instance user or bot of the channel's app instance. */
export function userArnProperty(structure: string, member: string): RequiredString {
    return {
        change: "replace",
        required: true,
        shape: { service: "messaging", member: `${structure}$${member}` },
        validate: (value, inputs) => userArnProblem(value, inputs.channelArn),
    };
}

/** Why `value` cannot be a user of the channel's app instance, or undefined when it can (or cannot be known yet). */
export function userArnProblem(value: unknown, channelArn: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const instance = parentAppInstanceArn(value);
    if (!instance) return "must be an app instance user or bot ARN (.../app-instance/<id>/user/<id> or .../bot/<id>)";
    const account = accountProblem(value);
    if (account) return account;
    // A channel ARN that is wrong itself is reported on channelArn, not blamed on the user.
    if (typeof channelArn !== "string" || isUnknown(channelArn) || channelArnProblem(channelArn)) return undefined;
    const channelInstance = appInstanceOfChannel(channelArn);
    if (channelInstance && channelInstance !== instance) {
        return `must belong to the channel's app instance ${channelInstance}`;
    }
    return undefined;
}

/** A check failure when the bearer must be the user of the key itself (e.g. only members set their preferences). */
export function bearerMustBe(inputs: Props, property: string, why: string): pulumi.dynamic.CheckFailure[] {
    const bearer = inputs.chimeBearer;
    const user = inputs[property];
    if (typeof bearer !== "string" || typeof user !== "string" || isUnknown(bearer) || isUnknown(user)) return [];
    if (bearer === user) return [];
    return [{ property: "chimeBearer", reason: `chimeBearer must be ${property} (${user}): ${why} (got ${bearer})` }];
}

/**
 * Creates a natural-key resource, adopting what already exists: when the create is refused as a conflict,
 * `existing` looks at what holds the key. It returns the outputs to adopt, throws a clearer error (e.g. the key is
 * taken with other settings), or returns undefined to report the original conflict.
 */
export async function createOrAdopt<T>(create: () => Promise<T>, existing: () => Promise<T | undefined>): Promise<T> {
    try {
        return await create();
    } catch (error) {
        if (!isConflict(error)) throw error;
        const adopted = await existing();
        if (adopted === undefined) throw error;
        return adopted;
    }
}

/**
 * What a create adopts when it finds its natural key taken: the live resource, when it is what the program
 * declares. Otherwise an AdoptionMismatch names each difference, and nothing is taken over.
 */
export function sameAsDeclared(
    schema: ResourceSchema,
    declared: Props,
    live: Props,
    subject: string,
    why = "already exists",
): Props {
    const differences = differencesFromLive(schema, declared, live);
    if (differences.length > 0) throw new AdoptionMismatch(schema.type, subject, differences, why);
    return live;
}
