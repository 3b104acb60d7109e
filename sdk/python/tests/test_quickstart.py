"""The generated Python SDK under Pulumi's mocks: the quickstart's topology registers the native plugin's type
tokens with the inputs the program gave (an Output inside a nested argument resolved, a name left to default
absent, so the plugin fills it in), and the program exports what the resources answered."""
import pulumi

ACCOUNT_ARN = "arn:aws:chime:us-east-1:123456789012:app-instance/mock"
registered = {}
invoked = []


class Mocks(pulumi.runtime.Mocks):
    """Records each registration; answers each resource with an id and the outputs the plugin would."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered[(args.typ.split(":")[-1], args.name)] = dict(args.inputs)
        kind = args.typ.split(":")[-1]
        arn = {
            "AppInstanceWithAdmin": ACCOUNT_ARN,
            "AppInstanceUser": f"{ACCOUNT_ARN}/user/{args.inputs.get('appInstanceUserId')}",
            "Channel": f"{ACCOUNT_ARN}/channel/{args.name}",
            "ChannelFlowWithPermissions": f"{ACCOUNT_ARN}/channel-flow/{args.name}",
        }.get(kind, f"{ACCOUNT_ARN}/{args.name}")
        outputs = {**args.inputs, "arn": arn}
        if args.resource_id:  # a get: the resource as the plugin reads it by its id
            assert args.resource_id == f"{ACCOUNT_ARN}/user/alice"
            return [args.resource_id, {"arn": args.resource_id, "appInstanceUserId": "alice", "name": "Alice"}]
        if kind == "AppInstanceWithAdmin":
            outputs = {"appInstanceArn": ACCOUNT_ARN, "bearerArn": f"{ACCOUNT_ARN}/user/admin"}
        return [arn, outputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        """Answers the functions the program calls as the plugin would, recording each call."""
        invoked.append((args.token, dict(args.args)))
        if args.token == "chime-messaging:index:getChannel":
            return {"arn": args.args["arn"], "privacy": "PUBLIC", "mode": "UNRESTRICTED", "name": "general"}
        if args.token == "chime-messaging:index:getMessagingSessionEndpoint":
            return {"url": "wss://messaging.example"}
        return {}


pulumi.runtime.set_mocks(Mocks(), project="chime-quickstart", stack="dev", preview=False)

import quickstart_program as program  # noqa: E402  (registers the resources under the mocks)


@pulumi.runtime.test
def test_exports():
    def check(values):
        app_instance_arn, admin_arn, channels, flow_arn, privacy, endpoint, alice_name = values
        assert privacy == "PUBLIC"
        assert alice_name == "Alice"
        assert endpoint == "wss://messaging.example"
        assert app_instance_arn == ACCOUNT_ARN
        assert admin_arn == f"{ACCOUNT_ARN}/user/admin"
        assert channels == {name: f"{ACCOUNT_ARN}/channel/{name}" for name in ["general", "leads", "announcements"]}
        assert flow_arn == f"{ACCOUNT_ARN}/channel-flow/profanity-filter"

    outputs = program.outputs
    return pulumi.Output.all(
        outputs["appInstanceArn"],
        outputs["adminArn"],
        pulumi.Output.from_input(outputs["channels"]),
        outputs["channelFlowArn"],
        outputs["generalPrivacy"],
        outputs["messagingEndpoint"],
        outputs["aliceAsRead"],
    ).apply(check)


def test_functions():
    """Runs after test_exports: the functions were invoked by their tokens, with the program's arguments."""
    assert sorted(invoked, key=lambda call: call[0]) == [
        ("chime-messaging:index:getChannel", {"arn": f"{ACCOUNT_ARN}/channel/general", "chimeBearer": f"{ACCOUNT_ARN}/user/admin"}),
        ("chime-messaging:index:getMessagingSessionEndpoint", {}),
    ]


def test_type_tokens():
    """Runs after test_exports, whose runner waited for every registration."""
    by_type = {}
    for kind, name in registered:
        by_type.setdefault(kind, []).append(name)
    assert {kind: sorted(names) for kind, names in by_type.items()} == {
        "AppInstanceWithAdmin": ["chat"],
        "AppInstanceUser": ["alice", "alice-as-read", "bob", "carol", "mallory"],
        "Channel": ["announcements", "general", "leads"],
        "ChannelMembership": ["announcements-bob", "general-alice", "general-bob", "general-carol", "leads-alice"],
        "ChannelModerator": ["announcements-bob"],
        "ChannelBan": ["general-mallory"],
        "ChannelFlowWithPermissions": ["profanity-filter"],
        "ChannelFlowAssociation": ["general-profanity-filter"],
    }


def test_inputs():
    chat = registered[("AppInstanceWithAdmin", "chat")]
    assert chat["name"] == "quickstart-chat"
    assert chat["admin"] == {"appInstanceUserId": "admin", "name": "Chat Admin"}
    general = registered[("Channel", "general")]
    assert "name" not in general, "a name left out is the plugin's to default"
    assert general["appInstanceArn"] == ACCOUNT_ARN
    assert general["chimeBearer"] == f"{ACCOUNT_ARN}/user/admin"
    assert general["tags"] == {"project": "chime-quickstart", "stack": "dev"}
    assert registered[("Channel", "leads")]["privacy"] == "PRIVATE"
    assert registered[("ChannelMembership", "general-carol")] == {
        "channelArn": f"{ACCOUNT_ARN}/channel/general",
        "memberArn": f"{ACCOUNT_ARN}/user/carol",
        "type": "HIDDEN",
        "chimeBearer": f"{ACCOUNT_ARN}/user/admin",
    }
    assert registered[("ChannelFlowAssociation", "general-profanity-filter")]["channelFlowArn"] == (
        f"{ACCOUNT_ARN}/channel-flow/profanity-filter"
    )
    flow = registered[("ChannelFlowWithPermissions", "profanity-filter")]
    assert flow["processors"] == [
        {
            "name": "profanity-filter",
            "configuration": {
                "lambda": {
                    "resourceArn": "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter",
                    "invocationType": "ASYNC",
                }
            },
            "executionOrder": 1,
            "fallbackAction": "CONTINUE",
        }
    ], "the Output inside the nested processor configuration arrives resolved"
