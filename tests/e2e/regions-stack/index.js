// Two app instances in two regions in one stack (the configured region is us-east-1), each with an admin, a
// member, a channel and a membership: the end-to-end test of per-region calls.
const chime = require("pulumi-chime-messaging");

function chatIn(prefix, region) {
    const chat = new chime.AppInstance(`${prefix}-chat`, { name: `${prefix}-chat`, region });
    const user = (id) =>
        new chime.AppInstanceUser(`${prefix}-${id}`, { appInstanceArn: chat.arn, appInstanceUserId: id });
    const admin = new chime.AppInstanceAdmin(`${prefix}-admin`, {
        appInstanceArn: chat.arn,
        appInstanceAdminArn: user("admin").arn,
    });
    const general = new chime.Channel(`${prefix}-general`, {
        appInstanceArn: chat.arn,
        name: "general",
        chimeBearer: admin.appInstanceAdminArn,
    });
    const membership = new chime.ChannelMembership(`${prefix}-alice-in-general`, {
        channelArn: general.arn,
        memberArn: user("alice").arn,
        chimeBearer: admin.appInstanceAdminArn,
    });
    return { chat: chat.arn, channel: general.arn, member: membership.memberArn };
}

exports.us = chatIn("us");
exports.eu = chatIn("eu", "eu-central-1");
