// The generated Go SDK under Pulumi's mocks: the quickstart's topology registers the native plugin's type tokens
// with the inputs the program gave (an Output inside a nested argument resolved, a name left to default absent, so
// the plugin fills it in), and the program exports what the resources answered.
package tests

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	chime "github.com/pulumi-chime-messaging/pulumi-chime-messaging/sdks/go/chimemessaging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/mock"

// mocks records each registration and answers each resource with an id and the outputs the plugin would.
type mocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap // "<Type>/<name>" -> inputs
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	kind := args.TypeToken[strings.LastIndex(args.TypeToken, ":")+1:]
	m.mu.Lock()
	m.registered[kind+"/"+args.Name] = args.Inputs
	m.mu.Unlock()
	arn := fmt.Sprintf("%s/%s", appInstanceArn, args.Name)
	switch kind {
	case "AppInstanceWithAdmin":
		return appInstanceArn, resource.NewPropertyMapFromMap(map[string]interface{}{
			"appInstanceArn": appInstanceArn,
			"bearerArn":      appInstanceArn + "/user/admin",
		}), nil
	case "AppInstanceUser":
		arn = appInstanceArn + "/user/" + args.Inputs["appInstanceUserId"].StringValue()
	case "Channel":
		arn = appInstanceArn + "/channel/" + args.Name
	case "ChannelFlowWithPermissions":
		arn = appInstanceArn + "/channel-flow/" + args.Name
	}
	outputs := args.Inputs.Copy()
	outputs["arn"] = resource.NewStringProperty(arn)
	return arn, outputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// quickstart is the quickstart's topology in Go; it returns what it exports.
func quickstart(ctx *pulumi.Context) (map[string]pulumi.Output, error) {
	// An Output that reaches a nested argument: the processor Lambda's ARN, as another resource's output would be.
	processorLambdaArn := pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:profanity-filter").ToStringOutput()
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
		AppInstanceArn: chat.AppInstanceArn, Metadata: pulumi.String("Everyone is welcome"), Tags: tags, ChimeBearer: bearer,
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
		Tags: tags, ChimeBearer: bearer,
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
	exports := map[string]pulumi.Output{
		"appInstanceArn": chat.AppInstanceArn,
		"adminArn":       chat.BearerArn,
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

func TestQuickstartUnderMocks(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	exported := map[string]interface{}{}
	var mu sync.Mutex
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		exports, err := quickstart(ctx)
		if err != nil {
			return err
		}
		for key, output := range exports {
			key := key
			output.ApplyT(func(v interface{}) interface{} {
				mu.Lock()
				exported[key] = v
				mu.Unlock()
				return v
			})
		}
		return nil
	}, pulumi.WithMocks("chime-quickstart", "dev", m))
	if err != nil {
		t.Fatal(err)
	}

	var names []string
	for key := range m.registered {
		names = append(names, key)
	}
	sort.Strings(names)
	want := []string{
		"AppInstanceUser/alice", "AppInstanceUser/bob", "AppInstanceUser/carol", "AppInstanceUser/mallory",
		"AppInstanceWithAdmin/chat",
		"Channel/announcements", "Channel/general", "Channel/leads",
		"ChannelBan/general-mallory",
		"ChannelFlowAssociation/general-profanity-filter",
		"ChannelFlowWithPermissions/profanity-filter",
		"ChannelMembership/announcements-bob", "ChannelMembership/general-alice", "ChannelMembership/general-bob",
		"ChannelMembership/general-carol", "ChannelMembership/leads-alice",
		"ChannelModerator/announcements-bob",
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("registered %v, want %v", names, want)
	}

	general := m.registered["Channel/general"]
	if _, has := general["name"]; has {
		t.Errorf("a name left out is the plugin's to default, got %v", general["name"])
	}
	expect := func(what string, got resource.PropertyValue, want interface{}) {
		t.Helper()
		if !got.DeepEquals(resource.NewPropertyValue(want)) {
			t.Errorf("%s: got %v, want %v", what, got, want)
		}
	}
	expect("general.appInstanceArn", general["appInstanceArn"], appInstanceArn)
	expect("general.chimeBearer", general["chimeBearer"], appInstanceArn+"/user/admin")
	expect("general.tags", general["tags"], map[string]interface{}{"project": "chime-quickstart", "stack": "dev"})
	expect("leads.privacy", m.registered["Channel/leads"]["privacy"], "PRIVATE")
	expect("general-carol", resource.NewObjectProperty(m.registered["ChannelMembership/general-carol"]),
		map[string]interface{}{
			"channelArn":  appInstanceArn + "/channel/general",
			"memberArn":   appInstanceArn + "/user/carol",
			"type":        "HIDDEN",
			"chimeBearer": appInstanceArn + "/user/admin",
		})
	expect("chat.admin", m.registered["AppInstanceWithAdmin/chat"]["admin"],
		map[string]interface{}{"appInstanceUserId": "admin", "name": "Chat Admin"})
	expect("profanity-filter.processors", m.registered["ChannelFlowWithPermissions/profanity-filter"]["processors"],
		[]interface{}{map[string]interface{}{
			"name": "profanity-filter",
			"configuration": map[string]interface{}{"lambda": map[string]interface{}{
				"resourceArn":    "arn:aws:lambda:us-east-1:123456789012:function:profanity-filter",
				"invocationType": "ASYNC",
			}},
			"executionOrder": 1,
			"fallbackAction": "CONTINUE",
		}})

	wantExports := map[string]interface{}{
		"appInstanceArn": appInstanceArn,
		"adminArn":       appInstanceArn + "/user/admin",
		"channels": map[string]string{
			"general":       appInstanceArn + "/channel/general",
			"leads":         appInstanceArn + "/channel/leads",
			"announcements": appInstanceArn + "/channel/announcements",
		},
		"channelFlowArn": appInstanceArn + "/channel-flow/profanity-filter",
	}
	if fmt.Sprint(exported) != fmt.Sprint(wantExports) {
		t.Errorf("exported %v, want %v", exported, wantExports)
	}
}
