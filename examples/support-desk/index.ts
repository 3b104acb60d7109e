import * as pulumi from "@pulumi/pulumi";
import * as chime from "pulumi-chime-messaging";

// A support desk: one RESTRICTED channel per customer tier, where the support agents moderate and only they (or
// the admin) may add members. Every tier's messages pass through one profanity filter (a channel flow).
//
// Config:
//   processorLambdaArn  (required) the profanity filter's Lambda function ARN
//   agents              (optional) JSON list of agent user ids, e.g. ["ana","raj"]
//   tiers               (optional) JSON object: tier name -> customer user ids, e.g. {"free":["c1"],"pro":["c2"]}
//   lexBotAliasArn      (optional) an Amazon Lex V2 bot alias ARN: a helper bot that answers in every tier's channel

const config = new pulumi.Config();
const processorLambdaArn = config.require("processorLambdaArn");
const agentIds = config.getObject<string[]>("agents") ?? ["ana", "raj"];
const customersByTier = config.getObject<Record<string, string[]>>("tiers") ?? {
    free: ["fiona", "felix"],
    pro: ["paula", "pete"],
    enterprise: ["erin"],
};
const lexBotAliasArn = config.get("lexBotAliasArn");
const tags = { project: "support-desk", stack: pulumi.getStack() };

// The admin bears every channel call (it may do everything on every channel of the app instance); its
// `bearerArn` is known once it is an AppInstanceAdmin, so the channel resources wait for that by themselves.
const supportDesk = new chime.AppInstanceWithAdmin("support-desk", {
    name: `support-desk-${pulumi.getStack()}`,
    metadata: "Customer support, one channel per tier",
    tags,
    admin: { appInstanceUserId: "desk-admin", name: "Support Desk Admin" },
});
const app = supportDesk.appInstance;
const chimeBearer = supportDesk.bearerArn;

function user(id: string, role: "agent" | "customer", tier?: string): chime.AppInstanceUser {
    return new chime.AppInstanceUser(id, {
        appInstanceArn: app.arn,
        appInstanceUserId: id,
        name: id.charAt(0).toUpperCase() + id.slice(1),
        metadata: JSON.stringify(tier ? { role, tier } : { role }),
        tags: { ...tags, role },
    });
}
const agents = agentIds.map((id) => user(id, "agent"));

// A helper bot backed by Amazon Lex, a member of every tier's channel: it answers when mentioned, and every
// message addressed to it (a targeted message).
const helper = lexBotAliasArn
    ? new chime.AppInstanceBot("support-helper", {
          appInstanceArn: app.arn,
          name: "Support Helper",
          configuration: {
              lex: {
                  lexBotAliasArn,
                  localeId: "en_US",
                  respondsTo: "STANDARD_MESSAGES",
                  invokedBy: { standardMessages: "MENTIONS", targetedMessages: "ALL" },
                  welcomeIntent: "Welcome",
              },
          },
          tags,
      })
    : undefined;

// The filter flow, with the permission that lets Chime invoke its Lambda for this app instance only.
const profanityFilter = new chime.ChannelFlowWithPermissions("profanity-filter", {
    appInstanceArn: app.arn,
    processors: [
        {
            name: "profanity-filter",
            configuration: { lambda: { resourceArn: processorLambdaArn, invocationType: "ASYNC" } },
            executionOrder: 1,
            // A filter that fails must not hold back support conversations.
            fallbackAction: "CONTINUE",
        },
    ],
    tags,
});

function tierDesk(tier: string, customerIds: string[]) {
    const channel = new chime.Channel(`support-${tier}`, {
        appInstanceArn: app.arn,
        name: `support-${tier}`,
        mode: "RESTRICTED",
        privacy: "PRIVATE",
        metadata: JSON.stringify({ tier }),
        tags: { ...tags, tier },
        chimeBearer,
    });
    for (const [index, agentId] of agentIds.entries()) {
        new chime.ChannelModerator(`support-${tier}-${agentId}`, {
            channelArn: channel.arn,
            channelModeratorArn: agents[index].arn,
            chimeBearer,
        });
    }
    const customers = customerIds.map((id) => user(id, "customer", tier));
    // Agents are members too, so they can post, and so is the helper bot; one batch call adds up to 100 members.
    const members = new chime.ChannelMemberships(`support-${tier}-members`, {
        channelArn: channel.arn,
        memberArns: [...agents, ...customers, ...(helper ? [helper] : [])].map((member) => member.arn),
        chimeBearer,
    });
    new chime.ChannelFlowAssociation(`support-${tier}-profanity-filter`, {
        channelArn: channel.arn,
        channelFlowArn: profanityFilter.arn,
        chimeBearer,
    });
    return { channel, customers, members };
}

const desks = Object.entries(customersByTier).map(([tier, customerIds]) => ({ tier, ...tierDesk(tier, customerIds) }));

export const appInstanceArn = app.arn;
export const adminArn = supportDesk.bearerArn;
// For stacks that add their own flows on the same processor (see examples/escalations).
export { processorLambdaArn };
export const channelFlowArn = profanityFilter.arn;
export const helperBotArn = helper?.arn;
export const agentArns = Object.fromEntries(agentIds.map((id, index) => [id, agents[index].arn]));
export const channels = Object.fromEntries(desks.map((desk) => [desk.tier, desk.channel.arn]));
export const customerArns = Object.fromEntries(
    desks.map((desk) => [desk.tier, desk.customers.map((customer) => customer.arn)]),
);
