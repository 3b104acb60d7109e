// An app instance with a user and retention settings: the end-to-end test of forced replacements (`pulumi up --replace`) and of a second
// `pulumi up` that must write no resource's state.
const chime = require("pulumi-chime-messaging");

const chat = new chime.AppInstance("chat", { name: "replace-e2e" });
const alice = new chime.AppInstanceUser("alice", { appInstanceArn: chat.arn, appInstanceUserId: "alice" });
new chime.AppInstanceRetentionSettings("retention", {
    appInstanceArn: chat.arn,
    channelRetentionSettings: { retentionDays: 30 },
});

// Declared to be deleted before it is replaced: `pulumi up --replace` of it makes a new app instance.
const fresh = new chime.AppInstance("fresh", { name: "replace-e2e-fresh" }, { deleteBeforeReplace: true });

exports.chatArn = chat.arn;
exports.freshArn = fresh.arn;
exports.aliceArn = alice.arn;
