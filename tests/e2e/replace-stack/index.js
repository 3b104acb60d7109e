// An app instance with a user and retention settings: the end-to-end test of forced replacements (`pulumi up --replace`) and of a second
// `pulumi up` that must write no resource's state.
const chime = require("pulumi-chime-messaging");

const chat = new chime.AppInstance("chat", { name: "replace-e2e" });
const alice = new chime.AppInstanceUser("alice", { appInstanceArn: chat.arn, appInstanceUserId: "alice" });
new chime.AppInstanceRetentionSettings("retention", {
    appInstanceArn: chat.arn,
    channelRetentionSettings: { retentionDays: 30 },
});

exports.chatArn = chat.arn;
exports.aliceArn = alice.arn;
