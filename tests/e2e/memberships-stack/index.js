// A channel with a few members, a crowd of members managed as one set, and a ban that stack config turns on and
// off, so the end-to-end tests can check that a banned member's membership does not loop between `pulumi up`s
// and that a partly failed batch records exactly the members that exist.
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const crowdSize = config.getNumber("crowdSize") ?? 105;
const withGhost = config.getBoolean("ghost") ?? false;
const banBob = config.getBoolean("banBob") ?? false;

const app = new chime.AppInstance("app", { name: "memberships" });
const adminUser = new chime.AppInstanceUser("admin", {
    appInstanceArn: app.arn,
    appInstanceUserId: "admin",
    name: "Admin",
});
const admin = new chime.AppInstanceAdmin("admin", { appInstanceArn: app.arn, appInstanceAdminArn: adminUser.arn });
const user = (id) => new chime.AppInstanceUser(id, { appInstanceArn: app.arn, appInstanceUserId: id, name: id });
const bob = user("bob");
const crowd = Array.from({ length: crowdSize }, (_, i) => user(`crowd-${String(i).padStart(3, "0")}`));
const bearer = admin.appInstanceAdminArn;

const channel = new chime.Channel("lobby", { appInstanceArn: app.arn, name: "Lobby", chimeBearer: bearer });
new chime.ChannelMembership("lobby-bob", { channelArn: channel.arn, memberArn: bob.arn, chimeBearer: bearer });
const ghost = pulumi.interpolate`${app.arn}/user/ghost`;
new chime.ChannelMemberships("lobby-crowd", {
    channelArn: channel.arn,
    memberArns: [...crowd.map((u) => u.arn), ...(withGhost ? [ghost] : [])],
    chimeBearer: bearer,
});
if (banBob)
    new chime.ChannelBan("lobby-bob-banned", { channelArn: channel.arn, memberArn: bob.arn, chimeBearer: bearer });

exports.adminArn = adminUser.arn;
exports.bobArn = bob.arn;
exports.channelArn = channel.arn;
exports.crowdArns = crowd.map((u) => u.arn);
