// Bots wherever the API takes an app instance user or bot: the channel's creator (an AppInstanceAdmin bot as the
// bearer), a member (single and batch), a moderator and a banned bot. The helper bot's properties come from the
// stack's config, so that the test can change each of them.
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const LEX_ALIAS = "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST";
const lex = (lexBotAliasArn = LEX_ALIAS) => ({
    lex: { lexBotAliasArn, localeId: "en_US", invokedBy: { standardMessages: "MENTIONS", targetedMessages: "ALL" } },
});

const chat = new chime.AppInstance("chat", { name: "bots-e2e" });
const bot = (name, configuration = lex()) =>
    new chime.AppInstanceBot(name, { appInstanceArn: chat.arn, configuration });
const helper = new chime.AppInstanceBot("helper", {
    appInstanceArn: chat.arn,
    name: config.get("botName") ?? "helper",
    metadata: config.get("botMetadata") ?? "v1",
    configuration: {
        lex: {
            lexBotAliasArn: config.get("lexBotAliasArn") ?? LEX_ALIAS,
            localeId: config.get("localeId") ?? "en_US",
            respondsTo: "STANDARD_MESSAGES",
            invokedBy: {
                standardMessages: config.get("standardMessages") ?? "MENTIONS",
                targetedMessages: config.get("targetedMessages") ?? "ALL",
            },
            welcomeIntent: config.get("welcomeIntent") ?? "Welcome",
        },
    },
    tags: { team: config.get("team") ?? "support" },
});
const concierge = bot("concierge");
const triage = bot("triage");
const spam = bot("spam");
const alice = new chime.AppInstanceUser("alice", { appInstanceArn: chat.arn, appInstanceUserId: "alice" });

const conciergeAdmin = new chime.AppInstanceAdmin("concierge-admin", {
    appInstanceArn: chat.arn,
    appInstanceAdminArn: concierge.arn,
});
const bearer = conciergeAdmin.appInstanceAdminArn;
const general = new chime.Channel("general", { appInstanceArn: chat.arn, name: "general", chimeBearer: bearer });
new chime.ChannelMembership("helper-in-general", {
    channelArn: general.arn,
    memberArn: helper.arn,
    chimeBearer: bearer,
});
new chime.ChannelMemberships("members", {
    channelArn: general.arn,
    memberArns: [triage.arn, alice.arn],
    chimeBearer: bearer,
});
new chime.ChannelModerator("triage-moderates", {
    channelArn: general.arn,
    channelModeratorArn: triage.arn,
    chimeBearer: bearer,
});
new chime.ChannelBan("spam-banned", { channelArn: general.arn, memberArn: spam.arn, chimeBearer: bearer });

exports.chat = chat.arn;
exports.channel = general.arn;
exports.bots = { helper: helper.arn, concierge: concierge.arn, triage: triage.arn, spam: spam.arn };
