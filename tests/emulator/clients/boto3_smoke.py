#!/usr/bin/env python3
"""A boto3 session against the Chime emulator, configured only through the environment (AWS_ENDPOINT_URL, region,
dummy credentials), as any boto3 user would point it at the emulator.

Creates an app instance with an admin and users, a channel with a membership and tags, sends and lists
messages (paged), runs a message through a channel flow and its callback, and provokes errors; prints one JSON
object of what it saw for the calling test to assert on.
Exits non-zero, with a traceback, when a call fails unexpectedly.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError


def error_of(call, **kwargs):
    """The error a call fails with, as the test wants to see it; the call must fail."""
    try:
        call(**kwargs)
    except ClientError as error:
        return {
            "operation": error.operation_name,
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "requestId": error.response["ResponseMetadata"].get("RequestId"),
        }
    raise AssertionError(f"{call.__name__} succeeded, but it should have failed")


def recent(timestamp):
    """Timestamps must come back as timezone-aware datetimes close to now (the wire carries epoch seconds)."""
    now = datetime.now(timezone.utc)
    return isinstance(timestamp, datetime) and abs(now - timestamp) < timedelta(minutes=5)


def pages_of(call, **kwargs):
    """Follows NextToken by hand: botocore has no paginators for the Chime SDK services."""
    while True:
        page = call(**kwargs)
        yield page
        if not page.get("NextToken"):
            return
        kwargs["NextToken"] = page["NextToken"]


def tags_of(client, arn):
    return {tag["Key"]: tag["Value"] for tag in client.list_tags_for_resource(ResourceARN=arn)["Tags"]}


def run_flow(lambda_client, messaging, app_arn, channel_arn, bearer):
    """A processor Lambda (stored, never run) that Chime may invoke, a flow using it on the channel, and a message
    that waits for the processor's callback."""
    function_arn = lambda_client.create_function(
        FunctionName="profanity-filter",
        Runtime="nodejs20.x",
        Role="arn:aws:iam::123456789012:role/processor",
        Handler="index.handler",
        Code={"ZipFile": b"exports.handler = async (event) => event;"},
    )["FunctionArn"]
    lambda_client.add_permission(
        FunctionName=function_arn,
        StatementId="chime-messaging",
        Action="lambda:InvokeFunction",
        Principal="messaging.chime.amazonaws.com",
        SourceArn=app_arn,
    )
    policy = json.loads(lambda_client.get_policy(FunctionName=function_arn)["Policy"])
    flow_arn = messaging.create_channel_flow(
        AppInstanceArn=app_arn,
        Name="profanity-filter",
        Processors=[
            {
                "Name": "filter",
                "Configuration": {"Lambda": {"ResourceArn": function_arn, "InvocationType": "ASYNC"}},
                "ExecutionOrder": 1,
                "FallbackAction": "CONTINUE",
            }
        ],
    )["ChannelFlowArn"]
    processors = messaging.describe_channel_flow(ChannelFlowArn=flow_arn)["ChannelFlow"]["Processors"]
    messaging.associate_channel_flow(ChannelArn=channel_arn, ChannelFlowArn=flow_arn, ChimeBearer=bearer)
    associated = messaging.describe_channel(ChannelArn=channel_arn, ChimeBearer=bearer)["Channel"].get("ChannelFlowArn")
    held = messaging.send_channel_message(
        ChannelArn=channel_arn, Content="darn", Type="STANDARD", Persistence="PERSISTENT", ChimeBearer=bearer
    )
    # botocore fills the CallbackId (an idempotency token) itself.
    callback = messaging.channel_flow_callback(
        ChannelArn=channel_arn, ChannelMessage={"MessageId": held["MessageId"], "Content": "****"}
    )
    released = messaging.get_channel_message(ChannelArn=channel_arn, MessageId=held["MessageId"], ChimeBearer=bearer)
    return {
        "functionArn": function_arn,
        "policyPrincipals": [statement["Principal"]["Service"] for statement in policy["Statement"]],
        "flowArn": flow_arn,
        "processorLambdas": [processor["Configuration"]["Lambda"]["ResourceArn"] for processor in processors],
        "associatedFlowArn": associated,
        "heldStatus": held["Status"]["Value"],
        "callbackChannelArn": callback["ChannelArn"],
        "callbackIdFilled": bool(callback.get("CallbackId")),
        "releasedContent": released["ChannelMessage"]["Content"],
        "releasedStatus": released["ChannelMessage"]["Status"]["Value"],
    }


def main():
    identity = boto3.client("chime-sdk-identity")
    messaging = boto3.client("chime-sdk-messaging")

    app = identity.create_app_instance(Name="boto3-app", Metadata="from boto3", Tags=[{"Key": "client", "Value": "boto3"}])
    app_arn = app["AppInstanceArn"]
    described_app = identity.describe_app_instance(AppInstanceArn=app_arn)["AppInstance"]

    def create_user(user_id, name):
        return identity.create_app_instance_user(AppInstanceArn=app_arn, AppInstanceUserId=user_id, Name=name)[
            "AppInstanceUserArn"
        ]

    admin_arn = create_user("admin", "Admin")
    alice_arn = create_user("alice", "Alice")
    bob_arn = create_user("bob", "Bob")
    identity.create_app_instance_admin(AppInstanceArn=app_arn, AppInstanceAdminArn=admin_arn)
    users = identity.list_app_instance_users(AppInstanceArn=app_arn)["AppInstanceUsers"]

    channel_arn = messaging.create_channel(
        AppInstanceArn=app_arn,
        Name="boto3-channel",
        Mode="RESTRICTED",
        Privacy="PRIVATE",
        Tags=[{"Key": "team", "Value": "python"}],
        ChimeBearer=admin_arn,
    )["ChannelArn"]
    channel = messaging.describe_channel(ChannelArn=channel_arn, ChimeBearer=admin_arn)["Channel"]
    membership = messaging.create_channel_membership(
        ChannelArn=channel_arn, MemberArn=alice_arn, Type="DEFAULT", ChimeBearer=admin_arn
    )
    members = messaging.list_channel_memberships(ChannelArn=channel_arn, ChimeBearer=admin_arn)["ChannelMemberships"]

    sent = []
    for sender, text in [(admin_arn, "welcome"), (alice_arn, "hello"), (alice_arn, "thanks"), (admin_arn, "bye")]:
        answer = messaging.send_channel_message(
            ChannelArn=channel_arn, Content=text, Type="STANDARD", Persistence="PERSISTENT", ChimeBearer=sender
        )
        sent.append({"messageId": answer["MessageId"], "status": answer.get("Status", {}).get("Value")})
    listed = messaging.list_channel_messages(ChannelArn=channel_arn, ChimeBearer=alice_arn, SortOrder="ASCENDING")[
        "ChannelMessages"
    ]
    paged = [
        [message["Content"] for message in page["ChannelMessages"]]
        for page in pages_of(
            messaging.list_channel_messages, ChannelArn=channel_arn, ChimeBearer=alice_arn, SortOrder="DESCENDING", MaxResults=3
        )
    ]
    first = messaging.get_channel_message(ChannelArn=channel_arn, MessageId=sent[0]["messageId"], ChimeBearer=alice_arn)[
        "ChannelMessage"
    ]

    flow = run_flow(boto3.client("lambda"), messaging, app_arn, channel_arn, admin_arn)

    errors = {
        "missingMembership": error_of(
            messaging.describe_channel_membership,
            ChannelArn=channel_arn,
            MemberArn=f"{app_arn}/user/nobody",
            ChimeBearer=admin_arn,
        ),
        "missingMessage": error_of(
            messaging.get_channel_message, ChannelArn=channel_arn, MessageId="0" * 32, ChimeBearer=admin_arn
        ),
        "badChannelId": error_of(
            messaging.create_channel, AppInstanceArn=app_arn, Name="bad", ChannelId="-nope-", ChimeBearer=admin_arn
        ),
        "memberOnRestricted": error_of(
            messaging.create_channel_membership,
            ChannelArn=channel_arn,
            MemberArn=bob_arn,
            Type="DEFAULT",
            ChimeBearer=alice_arn,
        ),
        "duplicateUser": error_of(
            identity.create_app_instance_user, AppInstanceArn=app_arn, AppInstanceUserId="alice", Name="Alice again"
        ),
    }

    json.dump(
        {
            "appInstanceArn": app_arn,
            "appInstanceName": described_app["Name"],
            "appInstanceTimestampsRecent": recent(described_app["CreatedTimestamp"])
            and recent(described_app["LastUpdatedTimestamp"]),
            "adminArn": admin_arn,
            "aliceArn": alice_arn,
            "bobArn": bob_arn,
            "userArns": sorted(user["AppInstanceUserArn"] for user in users),
            "channelArn": channel_arn,
            "channel": {
                "name": channel["Name"],
                "mode": channel["Mode"],
                "privacy": channel["Privacy"],
                "createdBy": channel["CreatedBy"]["Arn"],
                "timestampsRecent": recent(channel["CreatedTimestamp"]) and recent(channel["LastUpdatedTimestamp"]),
            },
            "membershipMember": membership["Member"]["Arn"],
            "members": sorted(member["Member"]["Arn"] for member in members),
            "sent": sent,
            "listed": [
                {"content": m["Content"], "sender": m["Sender"]["Arn"], "timestampRecent": recent(m["CreatedTimestamp"])}
                for m in listed
            ],
            "paged": paged,
            "firstMessage": {"id": first["MessageId"], "content": first["Content"]},
            "flow": flow,
            "channelTags": tags_of(messaging, channel_arn),
            "appInstanceTags": tags_of(identity, app_arn),
            "errors": errors,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
