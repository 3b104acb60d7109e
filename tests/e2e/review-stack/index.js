// A channel with a member, whose name and privacy come from stack config, and which `removeChannel` takes out of
// the program: the changes that a pull request's preview report must tell apart.
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const app = new chime.AppInstance("app", { name: "review" });
const ops = new chime.AppInstanceUser("ops", { appInstanceArn: app.arn, appInstanceUserId: "ops", name: "Ops" });
const admin = new chime.AppInstanceAdmin("ops-admin", { appInstanceArn: app.arn, appInstanceAdminArn: ops.arn });
const carol = new chime.AppInstanceUser("carol", {
    appInstanceArn: app.arn,
    appInstanceUserId: "carol",
    name: "Carol",
});

if (config.getBoolean("removeChannel") !== true) {
    const general = new chime.Channel("general", {
        appInstanceArn: app.arn,
        name: config.get("channelName") ?? "general",
        privacy: config.get("privacy") ?? "PUBLIC",
        chimeBearer: admin.appInstanceAdminArn,
    });
    new chime.ChannelMembership("general-carol", {
        channelArn: general.arn,
        memberArn: carol.arn,
        chimeBearer: admin.appInstanceAdminArn,
    });
}
