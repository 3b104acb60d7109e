// An app instance with an admin, a channel whose name comes from stack config, and two members: the end-to-end
// tests give its state the __provider that version 0.1.0 wrote, then refresh, update and destroy it.
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const channelName = config.get("channelName") ?? "lobby";

const app = new chime.AppInstance("app", { name: "legacy" });
const adminUser = new chime.AppInstanceUser("admin", {
    appInstanceArn: app.arn,
    appInstanceUserId: "admin",
    name: "Admin",
});
const admin = new chime.AppInstanceAdmin("admin", { appInstanceArn: app.arn, appInstanceAdminArn: adminUser.arn });
const asAdmin = { dependsOn: [admin] };
const user = (id) => new chime.AppInstanceUser(id, { appInstanceArn: app.arn, appInstanceUserId: id, name: id });
const carol = user("carol");
const dave = user("dave");

const channel = new chime.Channel(
    "lobby",
    { appInstanceArn: app.arn, name: channelName, chimeBearer: adminUser.arn },
    asAdmin,
);
for (const [name, member] of [
    ["carol", carol],
    ["dave", dave],
]) {
    new chime.ChannelMembership(
        `lobby-${name}`,
        { channelArn: channel.arn, memberArn: member.arn, chimeBearer: adminUser.arn },
        asAdmin,
    );
}

exports.adminArn = adminUser.arn;
exports.carolArn = carol.arn;
exports.channelArn = channel.arn;
