// The quickstart's topology in Go, with the generated SDK: run under Pulumi's mocks by quickstart_test.go, and
// through the real engine by main.go.
package main

import (
	"strings"

	chime "github.com/pulumi-chime-messaging/pulumi-chime-messaging/sdk/go/chimemessaging"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

// quickstart is the quickstart's topology in Go; it returns what it exports.
func quickstart(ctx *pulumi.Context) (map[string]pulumi.Output, error) {
	conf := config.New(ctx, "")
	lambdaArn := conf.Get("processorLambdaArn")
	if lambdaArn == "" {
		lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter"
	}
	// An Output that reaches a nested argument: the processor Lambda's ARN, as another resource's output would be.
	processorLambdaArn := pulumi.String(lambdaArn).ToStringOutput()
	// The edit the end-to-end test makes: general renamed (in place), announcements made private (a replacement).
	edited := conf.GetBool("edited")
	var generalName, announcementsPrivacy pulumi.StringPtrInput
	if edited {
		generalName, announcementsPrivacy = pulumi.String("general-renamed"), pulumi.String("PRIVATE")
	}
	tags := pulumi.StringMap{"project": pulumi.String("chime-quickstart"), "stack": pulumi.String(ctx.Stack())}

	chat, err := chime.NewAppInstanceWithAdmin(ctx, "chat", &chime.AppInstanceWithAdminArgs{
		Name:     pulumi.String("quickstart-chat"),
		Metadata: pulumi.String("A chat backend declared as code"),
		Tags:     tags,
		Admin:    &chime.AdminUserArgs{AppInstanceUserId: pulumi.String("admin"), Name: pulumi.String("Chat Admin")},
	})
	if err != nil {
		return nil, err
	}
	bearer := chat.BearerArn
	users := map[string]*chime.AppInstanceUser{}
	for _, id := range []string{"alice", "bob", "carol", "mallory"} {
		users[id], err = chime.NewAppInstanceUser(ctx, id, &chime.AppInstanceUserArgs{
			AppInstanceArn:    chat.AppInstanceArn,
			AppInstanceUserId: pulumi.String(id),
			Name:              pulumi.String(strings.ToUpper(id[:1]) + id[1:]),
		})
		if err != nil {
			return nil, err
		}
	}
	// Name is left out: it defaults to the resource's name, "general".
	general, err := chime.NewChannel(ctx, "general", &chime.ChannelArgs{
		AppInstanceArn: chat.AppInstanceArn, Name: generalName, Metadata: pulumi.String("Everyone is welcome"), Tags: tags,
		ChimeBearer: bearer,
	})
	if err != nil {
		return nil, err
	}
	leads, err := chime.NewChannel(ctx, "leads", &chime.ChannelArgs{
		AppInstanceArn: chat.AppInstanceArn, Name: pulumi.String("leads"), Privacy: pulumi.String("PRIVATE"),
		Tags: tags, ChimeBearer: bearer,
	})
	if err != nil {
		return nil, err
	}
	announcements, err := chime.NewChannel(ctx, "announcements", &chime.ChannelArgs{
		AppInstanceArn: chat.AppInstanceArn, Name: pulumi.String("announcements"), Mode: pulumi.String("RESTRICTED"),
		Privacy: announcementsPrivacy, Tags: tags, ChimeBearer: bearer,
	})
	if err != nil {
		return nil, err
	}
	members := []struct {
		name, user, kind string
		channel          *chime.Channel
	}{
		{"general-alice", "alice", "DEFAULT", general},
		{"general-bob", "bob", "DEFAULT", general},
		{"general-carol", "carol", "HIDDEN", general},
		{"leads-alice", "alice", "DEFAULT", leads},
		{"announcements-bob", "bob", "DEFAULT", announcements},
	}
	for _, m := range members {
		if _, err := chime.NewChannelMembership(ctx, m.name, &chime.ChannelMembershipArgs{
			ChannelArn: m.channel.Arn, MemberArn: users[m.user].Arn, Type: pulumi.String(m.kind), ChimeBearer: bearer,
		}); err != nil {
			return nil, err
		}
	}
	if _, err := chime.NewChannelModerator(ctx, "announcements-bob", &chime.ChannelModeratorArgs{
		ChannelArn: announcements.Arn, ChannelModeratorArn: users["bob"].Arn, ChimeBearer: bearer,
	}); err != nil {
		return nil, err
	}
	if _, err := chime.NewChannelBan(ctx, "general-mallory", &chime.ChannelBanArgs{
		ChannelArn: general.Arn, MemberArn: users["mallory"].Arn, ChimeBearer: bearer,
	}); err != nil {
		return nil, err
	}
	filter, err := chime.NewChannelFlowWithPermissions(ctx, "profanity-filter", &chime.ChannelFlowWithPermissionsArgs{
		AppInstanceArn: chat.AppInstanceArn,
		Processors: chime.ChannelFlowProcessorArray{chime.ChannelFlowProcessorArgs{
			Name: pulumi.String("profanity-filter"),
			Configuration: chime.ChannelFlowProcessorConfigurationArgs{
				Lambda: chime.ChannelFlowLambdaConfigurationArgs{
					ResourceArn: processorLambdaArn, InvocationType: pulumi.String("ASYNC"),
				},
			},
			ExecutionOrder: pulumi.Int(1),
			FallbackAction: pulumi.String("CONTINUE"),
		}},
		Tags: tags,
	})
	if err != nil {
		return nil, err
	}
	if _, err := chime.NewChannelFlowAssociation(ctx, "general-profanity-filter", &chime.ChannelFlowAssociationArgs{
		ChannelArn: general.Arn, ChannelFlowArn: filter.Arn, ChimeBearer: bearer,
	}); err != nil {
		return nil, err
	}
	// get: alice read by her id into a resource the stack does not manage.
	aliceAsRead, err := chime.GetAppInstanceUser(ctx, "alice-as-read", users["alice"].ID(), nil)
	if err != nil {
		return nil, err
	}
	// Functions: the channel as the service has it, and where a client's MessagingSession connects.
	liveGeneral := chime.LookupChannelOutput(ctx, chime.LookupChannelOutputArgs{Arn: general.Arn, ChimeBearer: bearer})
	endpoint := chime.GetMessagingSessionEndpointOutput(ctx, chime.GetMessagingSessionEndpointOutputArgs{})
	exports := map[string]pulumi.Output{
		"generalPrivacy":    liveGeneral.Privacy(),
		"aliceAsRead":       aliceAsRead.Name,
		"messagingEndpoint": endpoint.Url(),
		"appInstanceArn":    chat.AppInstanceArn,
		"adminArn":          chat.BearerArn,
		"channels": pulumi.StringMap{
			"general": general.Arn, "leads": leads.Arn, "announcements": announcements.Arn,
		}.ToStringMapOutput(),
		"channelFlowArn": filter.Arn,
	}
	for key, value := range exports {
		ctx.Export(key, value)
	}
	return exports, nil
}
