// A small topology whose shape comes from stack config, so the end-to-end tests can rename a channel, change its
// privacy, change a membership type and swap the channel's flow between `pulumi up`s.
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const channelName = config.get("channelName") ?? "general";
const privacy = config.get("privacy") ?? "PUBLIC";
const carolType = config.get("carolType") ?? "DEFAULT";
const flow = config.get("flow") ?? "first";
const processorArn = config.require("processorLambdaArn");

const app = new chime.AppInstance("app", { name: "e2e" });
const adminUser = new chime.AppInstanceUser("admin", {
    appInstanceArn: app.arn,
    appInstanceUserId: "admin",
    name: "Admin",
});
const admin = new chime.AppInstanceAdmin("admin", { appInstanceArn: app.arn, appInstanceAdminArn: adminUser.arn });
const carol = new chime.AppInstanceUser("carol", {
    appInstanceArn: app.arn,
    appInstanceUserId: "carol",
    name: "Carol",
});
const asAdmin = { dependsOn: [admin] };

const channel = new chime.Channel(
    "general",
    { appInstanceArn: app.arn, name: channelName, privacy, chimeBearer: adminUser.arn, tags: { team: "e2e" } },
    asAdmin,
);
new chime.ChannelMembership(
    "general-carol",
    { channelArn: channel.arn, memberArn: carol.arn, type: carolType, chimeBearer: adminUser.arn },
    asAdmin,
);

const processors = (name) => [
    {
        name,
        configuration: { lambda: { resourceArn: processorArn, invocationType: "ASYNC" } },
        executionOrder: 1,
        fallbackAction: "CONTINUE",
    },
];
const flows = {
    first: new chime.ChannelFlow("first", { appInstanceArn: app.arn, name: "first", processors: processors("first") }),
    second: new chime.ChannelFlow("second", {
        appInstanceArn: app.arn,
        name: "second",
        processors: processors("second"),
    }),
};
new chime.ChannelFlowAssociation(
    "general-flow",
    { channelArn: channel.arn, channelFlowArn: flows[flow].arn, chimeBearer: adminUser.arn },
    asAdmin,
);

exports.appInstanceArn = app.arn;
exports.adminArn = adminUser.arn;
exports.carolArn = carol.arn;
exports.channelArn = channel.arn;
exports.flowArns = { first: flows.first.arn, second: flows.second.arn };
