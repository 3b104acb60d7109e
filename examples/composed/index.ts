import * as pulumi from "@pulumi/pulumi";
import * as chime from "pulumi-chime-messaging";

// One team's part of a larger system: the app instance and its admin belong to another stack (or were made by
// hand); this stack only adds the team's users, channels, memberships and tags, and destroys only those.
//
// Config, one of three ways to name the app instance: appInstanceName (looked up by name in the stack's region,
// with the AppInstanceAdmin adminUserId, default "admin"), appInstanceStack (a stack whose outputs are
// appInstanceArn and adminArn), or appInstanceArn and chimeBearer (an AppInstanceAdmin of it). Optional: team
// (default "billing").

const config = new pulumi.Config();
const team = config.get("team") ?? "billing";

function existingAppInstance(): { appInstanceArn: pulumi.Output<string>; chimeBearer: pulumi.Output<string> } {
    const name = config.get("appInstanceName");
    if (name) {
        // The one app instance of that name (the lookup fails saying how many there are otherwise), and its admin
        // user, read to be sure it is there.
        const instance = chime.lookupAppInstanceByNameOutput({ name });
        const adminId = config.get("adminUserId") ?? "admin";
        const admin = chime.getAppInstanceUserOutput({ arn: pulumi.interpolate`${instance.arn}/user/${adminId}` });
        return { appInstanceArn: instance.arn, chimeBearer: admin.arn };
    }
    const stackName = config.get("appInstanceStack");
    if (stackName) {
        const base = new pulumi.StackReference(stackName);
        return {
            appInstanceArn: base.requireOutput("appInstanceArn") as pulumi.Output<string>,
            chimeBearer: base.requireOutput("adminArn") as pulumi.Output<string>,
        };
    }
    return {
        appInstanceArn: pulumi.output(config.require("appInstanceArn")),
        chimeBearer: pulumi.output(config.require("chimeBearer")),
    };
}
const { appInstanceArn, chimeBearer } = existingAppInstance();
const tags = { team, system: "composed", stack: pulumi.getStack() };

// User ids are unique per app instance: the team's prefix keeps them apart from the other stacks' users.
const people = { lead: "Lead", dev: "Developer", ops: "Operator" };
const users = Object.fromEntries(
    Object.entries(people).map(([role, title]) => [
        role,
        new chime.AppInstanceUser(`${team}-${role}`, {
            appInstanceArn,
            appInstanceUserId: `${team}-${role}`,
            name: `${team} ${title}`,
            tags: { ...tags, role },
        }),
    ]),
) as Record<keyof typeof people, chime.AppInstanceUser>;

// The team's open room: anyone in it may invite others.
const lounge = new chime.Channel(`${team}-lounge`, {
    appInstanceArn,
    name: `${team}-lounge`,
    metadata: `Everything ${team}`,
    tags,
    chimeBearer,
});
new chime.ChannelMemberships(`${team}-lounge-members`, {
    channelArn: lounge.arn,
    memberArns: Object.values(users).map((u) => u.arn),
    chimeBearer,
});

// Incidents: private and restricted; the lead moderates, ops is on call, the lead's membership is hidden.
const incidents = new chime.Channel(`${team}-incidents`, {
    appInstanceArn,
    name: `${team}-incidents`,
    mode: "RESTRICTED",
    privacy: "PRIVATE",
    tags: { ...tags, severity: "high" },
    chimeBearer,
});
new chime.ChannelModerator(`${team}-incidents-lead`, {
    channelArn: incidents.arn,
    channelModeratorArn: users.lead.arn,
    chimeBearer,
});
new chime.ChannelMemberships(`${team}-incidents-on-call`, {
    channelArn: incidents.arn,
    memberArns: [users.ops.arn],
    chimeBearer,
});
new chime.ChannelMembership(`${team}-incidents-lead`, {
    channelArn: incidents.arn,
    memberArn: users.lead.arn,
    type: "HIDDEN",
    chimeBearer,
});

export { appInstanceArn };
export const userArns = Object.fromEntries(Object.entries(users).map(([role, u]) => [role, u.arn]));
export const channels = { lounge: lounge.arn, incidents: incidents.arn };
