import * as pulumi from "@pulumi/pulumi";
import * as chime from "pulumi-chime-messaging";

// A small chat backend: one app instance with an admin and a few users, a public, a private and a restricted
// channel, memberships (one hidden), moderators, a ban, and a channel flow whose Lambda filters profanity.
const config = new pulumi.Config();
const processorLambdaArn = config.require("processorLambdaArn");
const tags = { project: "chime-quickstart", stack: pulumi.getStack() };

// The app instance with its admin. Every channel call is made as an app instance user: the admin bears the
// channel resources. `bearerArn` is known once the user is an AppInstanceAdmin, so no `dependsOn` is needed.
const chat = new chime.AppInstanceWithAdmin("chat", {
    name: "quickstart-chat",
    metadata: "A chat backend declared as code",
    tags,
    admin: { appInstanceUserId: "admin", name: "Chat Admin" },
});
const app = chat.appInstance;
const bearer = { chimeBearer: chat.bearerArn };

const users = Object.fromEntries(
    ["alice", "bob", "carol", "mallory"].map((id) => [
        id,
        new chime.AppInstanceUser(id, {
            appInstanceArn: app.arn,
            appInstanceUserId: id,
            name: id.charAt(0).toUpperCase() + id.slice(1),
        }),
    ]),
);

const general = new chime.Channel("general", {
    appInstanceArn: app.arn,
    name: "general",
    privacy: "PUBLIC",
    metadata: "Everyone is welcome",
    tags,
    ...bearer,
});
const leads = new chime.Channel("leads", {
    appInstanceArn: app.arn,
    name: "leads",
    privacy: "PRIVATE",
    tags,
    ...bearer,
});
const announcements = new chime.Channel("announcements", {
    appInstanceArn: app.arn,
    name: "announcements",
    mode: "RESTRICTED",
    tags,
    ...bearer,
});

const member = (name: string, channel: chime.Channel, user: string, type: "DEFAULT" | "HIDDEN" = "DEFAULT") =>
    new chime.ChannelMembership(name, { channelArn: channel.arn, memberArn: users[user].arn, type, ...bearer });
member("general-alice", general, "alice");
member("general-bob", general, "bob");
member("general-carol", general, "carol", "HIDDEN");
member("leads-alice", leads, "alice");
member("announcements-bob", announcements, "bob");

new chime.ChannelModerator("announcements-bob", {
    channelArn: announcements.arn,
    channelModeratorArn: users.bob.arn,
    ...bearer,
});
new chime.ChannelModerator("general-alice", {
    channelArn: general.arn,
    channelModeratorArn: users.alice.arn,
    ...bearer,
});
new chime.ChannelBan("general-mallory", { channelArn: general.arn, memberArn: users.mallory.arn, ...bearer });

// The flow, and the permission that lets Chime invoke its processor Lambda for this app instance only.
const profanityFilter = new chime.ChannelFlowWithPermissions("profanity-filter", {
    appInstanceArn: app.arn,
    processors: [
        {
            name: "profanity-filter",
            configuration: { lambda: { resourceArn: processorLambdaArn, invocationType: "ASYNC" } },
            executionOrder: 1,
            fallbackAction: "CONTINUE",
        },
    ],
    tags,
});
new chime.ChannelFlowAssociation("general-profanity-filter", {
    channelArn: general.arn,
    channelFlowArn: profanityFilter.arn,
    ...bearer,
});

export const appInstanceArn = app.arn;
export const adminArn = chat.bearerArn;
export const userArns = Object.fromEntries(Object.entries(users).map(([id, user]) => [id, user.arn]));
export const channels = { general: general.arn, leads: leads.arn, announcements: announcements.arn };
export const channelFlowArn = profanityFilter.arn;
