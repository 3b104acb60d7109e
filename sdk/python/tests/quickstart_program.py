"""The quickstart's topology in Python, with the generated SDK: what tests/test_quickstart.py runs under mocks."""
import pulumi
import pulumi_chime_messaging as chime

config = pulumi.Config()
# An Output that reaches a nested argument: the processor Lambda's ARN, as another resource's output would be.
processor_lambda_arn = pulumi.Output.from_input(
    config.get("processorLambdaArn") or "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter"
)
# The edit the end-to-end test makes: general renamed (in place), announcements made private (a replacement).
edited = config.get_bool("edited") or False
tags = {"project": "chime-quickstart", "stack": pulumi.get_stack()}

chat = chime.AppInstanceWithAdmin(
    "chat",
    name="quickstart-chat",
    metadata="A chat backend declared as code",
    tags=tags,
    admin=chime.AdminUserArgs(app_instance_user_id="admin", name="Chat Admin"),
)
bearer = chat.bearer_arn

users = {
    user_id: chime.AppInstanceUser(
        user_id, app_instance_arn=chat.app_instance_arn, app_instance_user_id=user_id, name=user_id.capitalize()
    )
    for user_id in ["alice", "bob", "carol", "mallory"]
}

# name is left out: it defaults to the resource's name, "general".
general = chime.Channel(
    "general",
    app_instance_arn=chat.app_instance_arn,
    name="general-renamed" if edited else None,
    metadata="Everyone is welcome",
    tags=tags,
    chime_bearer=bearer,
)
leads = chime.Channel("leads", app_instance_arn=chat.app_instance_arn, name="leads", privacy="PRIVATE", tags=tags, chime_bearer=bearer)
announcements = chime.Channel(
    "announcements",
    app_instance_arn=chat.app_instance_arn,
    name="announcements",
    mode="RESTRICTED",
    privacy="PRIVATE" if edited else None,
    tags=tags,
    chime_bearer=bearer,
)


def member(name, channel, user, type="DEFAULT"):
    chime.ChannelMembership(name, channel_arn=channel.arn, member_arn=users[user].arn, type=type, chime_bearer=bearer)


member("general-alice", general, "alice")
member("general-bob", general, "bob")
member("general-carol", general, "carol", "HIDDEN")
member("leads-alice", leads, "alice")
member("announcements-bob", announcements, "bob")

chime.ChannelModerator("announcements-bob", channel_arn=announcements.arn, channel_moderator_arn=users["bob"].arn, chime_bearer=bearer)
chime.ChannelBan("general-mallory", channel_arn=general.arn, member_arn=users["mallory"].arn, chime_bearer=bearer)

profanity_filter = chime.ChannelFlowWithPermissions(
    "profanity-filter",
    app_instance_arn=chat.app_instance_arn,
    processors=[
        chime.ChannelFlowProcessorArgs(
            name="profanity-filter",
            configuration=chime.ChannelFlowProcessorConfigurationArgs(
                lambda_=chime.ChannelFlowLambdaConfigurationArgs(resource_arn=processor_lambda_arn, invocation_type="ASYNC"),
            ),
            execution_order=1,
            fallback_action="CONTINUE",
        )
    ],
    tags=tags,
)
chime.ChannelFlowAssociation("general-profanity-filter", channel_arn=general.arn, channel_flow_arn=profanity_filter.arn, chime_bearer=bearer)

# get: alice read by her id into a resource the stack does not manage.
alice_as_read = chime.AppInstanceUser.get("alice-as-read", users["alice"].id)

# Functions: the channel as the service has it, and where a client's MessagingSession connects.
live_general = chime.get_channel_output(arn=general.arn, chime_bearer=bearer)
endpoint = chime.get_messaging_session_endpoint_output()

outputs = {
    "appInstanceArn": chat.app_instance_arn,
    "generalPrivacy": live_general.privacy,
    "aliceAsRead": alice_as_read.name,
    "messagingEndpoint": endpoint.url,
    "adminArn": chat.bearer_arn,
    "channels": {"general": general.arn, "leads": leads.arn, "announcements": announcements.arn},
    "channelFlowArn": profanity_filter.arn,
}
for key, value in outputs.items():
    pulumi.export(key, value)
