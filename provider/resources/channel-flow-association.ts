import {
    AssociateChannelFlowCommand,
    AssociateChannelFlowRequest,
    DescribeChannelCommand,
    DisassociateChannelFlowCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import type * as pulumi from "@pulumi/pulumi";
import { joinedId, makeId } from "../id-form";
import { Api } from "../api";
import { Props, ResourceImplementation } from "../resource-provider";
import { bearerProperty, InputsOf, members, OutputsOf, ResourceSchema } from "../schema";
import { isUnknown } from "../unknowns";
import { bearerOutsideAppInstance } from "./shared/bearer-rules";
import { accountProblem, appInstanceOfArn, isChannelFlowArn } from "./shared/chime-arns";
import { deleteUnlessGone, unlessGone } from "./shared/gone";
import { channelArnProperty, createOrAdopt, sameAsDeclared } from "./shared/natural-key";

const shape = members<AssociateChannelFlowRequest>("messaging", "AssociateChannelFlowRequest");

/**
 * A channel holds at most one flow, so a replacement (another flow, another channel) must disassociate the old
 * pair before it associates the new one.
 */
export const channelFlowAssociationSchema = {
    type: "ChannelFlowAssociation",
    id: joinedId(
        "|",
        { name: "channel ARN", input: "channelArn" },
        { name: "channel flow ARN", input: "channelFlowArn" },
    ),
    lostWhenRemoved: "the flow's processing of the channel's messages",
    inputs: {
        channelArn: channelArnProperty("AssociateChannelFlowRequest"),
        channelFlowArn: {
            change: "replace",
            required: true,
            shape: shape("ChannelFlowArn"),
            validate: (value) => {
                if (typeof value !== "string") return undefined;
                if (!isChannelFlowArn(value)) {
                    return "must be a channel flow ARN (arn:aws:chime:<region>:<account>:app-instance/<id>/channel-flow/<id>), the arn of a ChannelFlow";
                }
                return accountProblem(value);
            },
            doc: "A channel flow of the channel's app instance",
        },
        chimeBearer: bearerProperty("An app instance admin or a moderator of the channel"),
    },
    outputs: [],
    deleteBeforeReplace: true,
    docs: {
        section: "channel",
        description:
            "Associates a channel flow with a channel. A channel holds one flow at a time; a flow serves many channels.",
        outputs: {},
    },
} satisfies ResourceSchema;

type ChannelFlowAssociationInputs = InputsOf<typeof channelFlowAssociationSchema>;
type ChannelFlowAssociationOutputs = OutputsOf<typeof channelFlowAssociationSchema>;

export function associationId(channelArn: string, channelFlowArn: string): string {
    return makeId(channelFlowAssociationSchema.id, channelArn, channelFlowArn);
}

/** The flow and the bearer must belong to the channel's app instance. */
function outsideChannelAppInstance(inputs: Props): pulumi.dynamic.CheckFailure[] {
    const { channelArn, channelFlowArn, chimeBearer } = inputs;
    if (typeof channelArn !== "string" || isUnknown(channelArn)) return [];
    const channelInstance = appInstanceOfArn(channelArn);
    if (!channelInstance) return [];
    const failures = bearerOutsideAppInstance(channelInstance, chimeBearer);
    if (typeof channelFlowArn !== "string" || isUnknown(channelFlowArn)) return failures;
    const flowInstance = appInstanceOfArn(channelFlowArn);
    if (flowInstance && flowInstance !== channelInstance) {
        failures.push({
            property: "channelFlowArn",
            reason: `channelFlowArn must belong to the channel's app instance ${channelInstance} (got ${channelFlowArn})`,
        });
    }
    return failures;
}

/** The flow the channel holds, or undefined when it holds none (or is gone). */
async function flowOfChannel(api: Api, channelArn: string, bearer: string): Promise<string | undefined> {
    const command = new DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: bearer });
    const out = await unlessGone(() => api.send("messaging", command, channelArn));
    return out?.Channel?.ChannelFlowArn;
}

export const channelFlowAssociationImplementation: ResourceImplementation<
    ChannelFlowAssociationInputs,
    ChannelFlowAssociationOutputs
> = {
    schema: channelFlowAssociationSchema,

    checkAcross: outsideChannelAppInstance,

    async create(api, inputs) {
        const channelArn = inputs.channelArn;
        const channelFlowArn = inputs.channelFlowArn;
        const command = new AssociateChannelFlowCommand({
            ChannelArn: channelArn,
            ChannelFlowArn: channelFlowArn,
            ChimeBearer: inputs.chimeBearer,
        });
        // A channel already holding this flow (an interrupted run, a lost answer) is adopted; another flow is not.
        await createOrAdopt<unknown>(
            () => api.send("messaging", command, channelArn),
            async () => {
                const live = await flowOfChannel(api, channelArn, inputs.chimeBearer);
                if (live === undefined) return undefined;
                const why = `already has the channel flow ${live}`;
                return sameAsDeclared(
                    channelFlowAssociationSchema,
                    inputs,
                    { ...inputs, channelFlowArn: live },
                    `the channel ${channelArn}`,
                    why,
                );
            },
        );
        return { id: associationId(channelArn, channelFlowArn), outs: {} };
    },

    /** It exists while the channel's flow is this flow. */
    async read(api, _id, state) {
        const live = await flowOfChannel(api, state.channelArn, state.chimeBearer);
        return live === state.channelFlowArn ? {} : undefined;
    },

    /** Only the bearer can change in place, and that changes the state alone. */
    async update() {
        return {};
    },

    async delete(api, _id, state) {
        const channelArn = state.channelArn;
        const command = new DisassociateChannelFlowCommand({
            ChannelArn: channelArn,
            ChannelFlowArn: state.channelFlowArn,
            ChimeBearer: state.chimeBearer,
        });
        // The channel is gone, or no longer holds this flow: nothing left to undo.
        await deleteUnlessGone(() => api.send("messaging", command, channelArn));
    },
};
