import * as pulumi from "@pulumi/pulumi";
import * as chime from "pulumi-chime-messaging";

// Escalations, built on the support desk (examples/support-desk) through a stack reference: its app instance, its
// admin and its processor Lambda arrive as Outputs, and go straight into nested arguments: the flow's processor
// `configuration.lambda.resourceArn`, tags, the streaming target, expiration and elastic settings.
//
// Config: deskStack (required), e.g. organization/chime-support-desk/dev with a local backend; expirationDays
// (optional, default 30) after the last message.

const config = new pulumi.Config();
const desk = new pulumi.StackReference(config.require("deskStack"));
const appInstanceArn = desk.requireOutput("appInstanceArn") as pulumi.Output<string>;
const chimeBearer = desk.requireOutput("adminArn") as pulumi.Output<string>;
const processorLambdaArn = desk.requireOutput("processorLambdaArn") as pulumi.Output<string>;

// Values derived from the app instance ARN: its id, and the account and region a Kinesis stream must be in.
const appInstanceId = appInstanceArn.apply((arn) => arn.split("/").pop()!);
const regionAndAccount = appInstanceArn.apply((arn) => arn.split(":").slice(3, 5).join(":"));
const tags = { system: "escalations", appInstance: appInstanceId };

// The same Lambda as the desk's filter, but aborting on failure. The desk already holds the permission with the
// default statement id for this function and app instance, so this flow's permission gets its own.
const escalationFilter = new chime.ChannelFlowWithPermissions("escalation-filter", {
    appInstanceArn,
    processors: [
        {
            name: "escalation-filter",
            configuration: { lambda: { resourceArn: processorLambdaArn } },
            executionOrder: 1,
            fallbackAction: "ABORT",
        },
    ],
    statementId: "chime-escalations",
    tags,
});

// Its name defaults to the logical name, "escalation-lead".
const lead = new chime.AppInstanceUser("escalation-lead", {
    appInstanceArn,
    appInstanceUserId: "escalation-lead",
    expirationSettings: { expirationDays: pulumi.output(365), expirationCriterion: "CREATED_TIMESTAMP" },
    tags: { ...tags, role: pulumi.output("lead") },
});

const escalations = new chime.Channel("escalations", {
    appInstanceArn,
    mode: "RESTRICTED",
    privacy: "PRIVATE",
    expirationSettings: {
        expirationDays: pulumi.output(config.getNumber("expirationDays") ?? 30),
        expirationCriterion: pulumi.output("LAST_MESSAGE_TIMESTAMP" as const),
    },
    tags,
    chimeBearer,
});
new chime.ChannelFlowAssociation("escalations-filter", {
    channelArn: escalations.arn,
    channelFlowArn: escalationFilter.arn,
    chimeBearer,
});
const leadMembership = new chime.ChannelMembership("escalations-lead", {
    channelArn: escalations.arn,
    memberArn: lead.arn,
    chimeBearer,
});
new chime.ChannelMembershipPreferences(
    "escalations-lead-preferences",
    {
        channelArn: leadMembership.channelArn,
        memberArn: leadMembership.memberArn,
        allowNotifications: pulumi.output("FILTERED" as const),
        filterRule: lead.arn.apply((arn) => JSON.stringify({ mention: [arn] })),
        chimeBearer: lead.arn,
    },
    { dependsOn: [leadMembership] },
);

// An elastic town hall for incidents that concern every customer.
const townHall = new chime.Channel("town-hall", {
    appInstanceArn,
    elasticChannelConfiguration: {
        maximumSubChannels: pulumi.output(10),
        targetMembershipsPerSubChannel: pulumi.output(100),
        minimumMembershipPercentage: pulumi.output(25),
    },
    chimeBearer,
});

new chime.MessagingStreamingConfigurations("escalations-archive", {
    appInstanceArn,
    streamingConfigurations: [
        {
            dataType: "ChannelMessage",
            resourceArn: pulumi.interpolate`arn:aws:kinesis:${regionAndAccount}:stream/chime-messaging-escalations`,
        },
    ],
});

export const channelFlowArn = escalationFilter.arn;
export const channels = { escalations: escalations.arn, townHall: townHall.arn };
export const leadArn = lead.arn;
