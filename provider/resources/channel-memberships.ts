import { randomUUID } from "crypto";
import {
    BatchCreateChannelMembershipCommand,
    BatchCreateChannelMembershipRequest,
    ChannelMembershipType,
    DeleteChannelMembershipCommand,
    ListChannelMembershipsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { loadModel } from "../../smithy/model";
import { describeViolation, validateShape } from "../../smithy/validate";
import { Api } from "../api";
import { settleEach } from "../concurrency";
import { PartialFailure } from "../errors";
import { joinedId, makeId } from "../id-form";
import { Props, ResourceImplementation } from "../resource-provider";
import { bearerProperty, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { containsUnknown } from "../unknowns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { channelArnProperty, userArnProblem } from "./shared/natural-key";

/**
 * A set of members of one channel, all with one type, owned by one resource: added with
 * BatchCreateChannelMembership in chunks of 100, changed by adding and removing only the difference, and read
 * back with ListChannelMemberships (members of the channel that are not in the set are none of its business).
 * When some members cannot be added or removed, the others still are; the error names each failed member and
 * the state records exactly the members that exist, so the next `pulumi up` retries only the rest.
 */

/** BatchCreateChannelMembership takes at most this many members. */
export const BATCH_SIZE = 100;
/** The service's quota of memberships per channel. */
const MAX_MEMBERS = 10_000;
/** DeleteChannelMembership calls in flight at once (pacing spaces them under the bearer's quota). */
const PARALLEL_DELETES = 10;
/** ListChannelMemberships pages hold at most this many. */
const PAGE_SIZE = 50;

function memberArnsProblem(value: unknown, inputs: Props): string | undefined {
    if (!Array.isArray(value)) return "must be a list of member ARNs";
    if (value.length > MAX_MEMBERS) {
        return `must have at most ${MAX_MEMBERS} members (a channel's quota), has ${value.length}`;
    }
    const model = loadModel("messaging");
    const problems: string[] = [];
    const seen = new Set<unknown>();
    value.forEach((arn, index) => {
        const path = `memberArns[${index}]`;
        const violations = validateShape(model, model.shapeId("ChimeArn"), arn, path);
        if (typeof arn !== "string") problems.push(`${path} must be a string`);
        else if (violations.length > 0) problems.push(...violations.map(describeViolation));
        else {
            const problem = userArnProblem(arn, inputs.channelArn);
            if (problem) problems.push(`${path} ${problem} (got ${arn})`);
        }
        if (seen.has(arn)) problems.push(`${path} repeats ${arn}`);
        seen.add(arn);
    });
    if (problems.length === 0) return undefined;
    const shown = problems.slice(0, 10).join("; ");
    return `has invalid members: ${shown}${problems.length > 10 ? `; and ${problems.length - 10} more` : ""}`;
}

export const channelMembershipsSchema = {
    type: "ChannelMemberships",
    // The last part only tells sets of the same channel and type apart: an import may name any.
    id: joinedId("|", { name: "channel ARN", input: "channelArn" }, { name: "type", input: "type" }, { name: "uuid" }),
    lostWhenRemoved: "every membership of the set",
    inputs: {
        channelArn: channelArnProperty("BatchCreateChannelMembershipRequest"),
        type: {
            change: "replace",
            default: "DEFAULT",
            shape: members<BatchCreateChannelMembershipRequest>(
                "messaging",
                "BatchCreateChannelMembershipRequest",
            )("Type"),
        },
        memberArns: {
            change: "update",
            required: true,
            validate: memberArnsProblem,
            type: { list: "string" },
            doc:
                "The AppInstanceUser (or bot) ARNs of the members, at most 10,000, in any order; a change adds and removes " +
                "only the difference. The state holds the members of the set that exist (sorted)",
        },
        chimeBearer: bearerProperty("An app instance admin or a moderator of the channel"),
    },
    outputs: [],
    docs: {
        section: "membership",
        description:
            "A set of members of one channel, with one type, managed together: added 100 at a time with " +
            "BatchCreateChannelMembership. Members of the channel outside the set are left alone. When some members " +
            "cannot be added, the others are, the error names each failed member, and the state records the members " +
            "that exist.",
        outputs: {},
    },
    // The members are natural keys: a replacement that created first would adopt them, and its delete of the
    // old set would then remove them.
    deleteBeforeReplace: true,
} satisfies ResourceSchema;

type ChannelMembershipsInputs = InputsOf<typeof channelMembershipsSchema>;
type ChannelMembershipsOutputs = OutputsOf<typeof channelMembershipsSchema>;

interface Target {
    channelArn: string;
    type: ChannelMembershipType;
    bearer: string;
    /** How errors name the resource. */
    subject: string;
}

function targetOf(props: Pick<ChannelMembershipsInputs, "channelArn" | "type" | "chimeBearer">): Target {
    const { channelArn, type } = props;
    return { channelArn, type, bearer: props.chimeBearer, subject: `${channelArn} (${type})` };
}

interface MemberFailure {
    memberArn: string;
    reason: string;
}

interface Outcome {
    /** The members the calls did what was asked for. */
    done: string[];
    failures: MemberFailure[];
}

const NOT_ATTEMPTED = "not attempted after an earlier BatchCreateChannelMembership failed";
const UNANSWERED = "the service neither added it nor reported why";

const errorText = (error: unknown) => (error as Error)?.message ?? String(error);

/** Adds members in chunks of BATCH_SIZE; a call that fails as a whole stops the rest, reported as not attempted. */
async function addMembers(api: Api, target: Target, memberArns: string[]): Promise<Outcome> {
    const outcome: Outcome = { done: [], failures: [] };
    for (let start = 0; start < memberArns.length; start += BATCH_SIZE) {
        const chunk = memberArns.slice(start, start + BATCH_SIZE);
        const command = new BatchCreateChannelMembershipCommand({
            ChannelArn: target.channelArn,
            Type: target.type,
            MemberArns: chunk,
            ChimeBearer: target.bearer,
        });
        let answer;
        try {
            answer = await api.send("messaging", command, target.subject);
        } catch (error) {
            for (const memberArn of chunk) outcome.failures.push({ memberArn, reason: errorText(error) });
            for (const memberArn of memberArns.slice(start + BATCH_SIZE)) {
                outcome.failures.push({ memberArn, reason: NOT_ATTEMPTED });
            }
            break;
        }
        const added = new Set((answer.BatchChannelMemberships?.Members ?? []).map((member) => member.Arn));
        const refused = new Map((answer.Errors ?? []).map((e) => [e.MemberArn, `${e.ErrorCode}: ${e.ErrorMessage}`]));
        for (const memberArn of chunk) {
            if (added.has(memberArn)) outcome.done.push(memberArn);
            else outcome.failures.push({ memberArn, reason: refused.get(memberArn) ?? UNANSWERED });
        }
    }
    return outcome;
}

/** Removes members, a few calls at a time; a member already gone counts as removed. */
async function removeMembers(api: Api, target: Target, memberArns: string[]): Promise<Outcome> {
    const settled = await settleEach(memberArns, PARALLEL_DELETES, (memberArn) => {
        const command = new DeleteChannelMembershipCommand({
            ChannelArn: target.channelArn,
            MemberArn: memberArn,
            ChimeBearer: target.bearer,
        });
        return deleteUnlessGone(() => api.send("messaging", command, `${memberArn} in ${target.channelArn}`));
    });
    const outcome: Outcome = { done: [], failures: [] };
    settled.forEach((result, index) => {
        if (result.status === "fulfilled") outcome.done.push(memberArns[index]);
        else outcome.failures.push({ memberArn: memberArns[index], reason: errorText(result.reason) });
    });
    return outcome;
}

/** Every member of the channel with the target's type, or undefined when the channel is gone. */
async function listMembers(api: Api, target: Target): Promise<Set<string> | undefined> {
    return unlessGone(async () => {
        const members = new Set<string>();
        let NextToken: string | undefined;
        do {
            const command = new ListChannelMembershipsCommand({
                ChannelArn: target.channelArn,
                Type: target.type,
                MaxResults: PAGE_SIZE,
                NextToken,
                ChimeBearer: target.bearer,
            });
            const page = await api.send("messaging", command, target.subject);
            for (const membership of page.ChannelMemberships ?? []) {
                if (membership.Member?.Arn) members.add(membership.Member.Arn);
            }
            NextToken = page.NextToken;
        } while (NextToken);
        return members;
    });
}

function difference(from: string[], remove: string[]): string[] {
    const removed = new Set(remove);
    return from.filter((arn) => !removed.has(arn));
}

const sorted = (arns: string[]) => [...arns].sort();

/** One line per reason, naming its members ("<arn>: <reason>", or "<n> members (<arns>): <reason>"). */
function reasonsOf(failures: MemberFailure[]): string[] {
    const byReason = new Map<string, string[]>();
    for (const { memberArn, reason } of failures) byReason.set(reason, [...(byReason.get(reason) ?? []), memberArn]);
    return [...byReason].map(([reason, arns]) =>
        arns.length === 1 ? `${arns[0]}: ${reason}` : `${arns.length} members (${arns.join(", ")}): ${reason}`,
    );
}

/** What went wrong with the members an outcome failed, or undefined when none failed. */
function failureMessage(target: Target, verb: "added" | "removed", outcome: Outcome): string | undefined {
    const { done, failures } = outcome;
    if (failures.length === 0) return undefined;
    const total = done.length + failures.length;
    const list = reasonsOf(failures).join("; ");
    return `ChannelMemberships ${target.subject}: ${failures.length} of ${total} members could not be ${verb}: ${list}`;
}

export const channelMembershipsImplementation: ResourceImplementation<
    ChannelMembershipsInputs,
    ChannelMembershipsOutputs
> = {
    schema: channelMembershipsSchema,

    /** A set: the order of the program's list does not matter. */
    prepare(news) {
        const { memberArns } = news;
        const sortable =
            Array.isArray(memberArns) && !containsUnknown(memberArns) && memberArns.every((a) => typeof a === "string");
        return sortable ? { ...news, memberArns: sorted(memberArns) } : news;
    },

    async create(api, inputs) {
        const target = targetOf(inputs);
        const wanted = inputs.memberArns;
        const id = makeId(channelMembershipsSchema.id, target.channelArn, target.type, randomUUID());
        const added = await addMembers(api, target, wanted);
        const message = failureMessage(target, "added", added);
        if (!message) return { id, outs: {} };
        if (added.done.length === 0) throw new Error(message);
        throw new PartialFailure(message, id, { memberArns: sorted(added.done) }, reasonsOf(added.failures));
    },

    /** The members of the set that still belong to the channel with this type. */
    async read(api, _id, state) {
        const target = targetOf(state);
        const listed = await listMembers(api, target);
        if (!listed) return undefined;
        // The set is the members the program declared; imported by id alone, it is every member of its type.
        const managed: string[] | undefined = state.memberArns;
        return { memberArns: managed ? managed.filter((arn) => listed.has(arn)) : sorted([...listed]) };
    },

    async update(api, id, olds, news) {
        const target = targetOf(news);
        const before = olds.memberArns;
        const wanted = news.memberArns;
        const removed = await removeMembers(api, target, difference(before, wanted));
        const added = await addMembers(api, target, difference(wanted, before));
        const now = sorted([...difference(before, removed.done), ...added.done]);
        const messages = [failureMessage(target, "removed", removed), failureMessage(target, "added", added)].filter(
            Boolean,
        );
        if (messages.length === 0) return { memberArns: now };
        const failures = [...removed.failures, ...added.failures];
        throw new PartialFailure(messages.join("\n"), id, { memberArns: now }, reasonsOf(failures));
    },

    async delete(api, _id, state) {
        const target = targetOf(state);
        const message = failureMessage(target, "removed", await removeMembers(api, target, state.memberArns));
        if (message) throw new Error(message);
    },
};
