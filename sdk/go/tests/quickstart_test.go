// The generated Go SDK under Pulumi's mocks: the quickstart's topology registers the native plugin's type tokens
// with the inputs the program gave (an Output inside a nested argument resolved, a name left to default absent, so
// the plugin fills it in), and the program exports what the resources answered.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const appInstanceArn = "arn:aws:chime:us-east-1:123456789012:app-instance/mock"

// mocks records each registration and answers each resource with an id and the outputs the plugin would.
type mocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap // "<Type>/<name>" -> inputs
	invoked    []string                        // "<token> <arguments>"
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	kind := args.TypeToken[strings.LastIndex(args.TypeToken, ":")+1:]
	m.mu.Lock()
	m.registered[kind+"/"+args.Name] = args.Inputs
	m.mu.Unlock()
	arn := fmt.Sprintf("%s/%s", appInstanceArn, args.Name)
	if args.ID != "" { // a get: the resource as the plugin reads it by its id
		return args.ID, resource.NewPropertyMapFromMap(map[string]interface{}{
			"arn": args.ID, "appInstanceUserId": "alice", "name": "Alice",
		}), nil
	}
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

// Call answers the functions the program calls as the plugin would, recording each call.
func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invoked = append(m.invoked, args.Token+" "+fmt.Sprint(args.Args.Mappable()))
	m.mu.Unlock()
	switch args.Token {
	case "chime-messaging:index:getChannel":
		return resource.NewPropertyMapFromMap(map[string]interface{}{
			"arn": args.Args["arn"].StringValue(), "privacy": "PUBLIC", "mode": "UNRESTRICTED", "name": "general",
		}), nil
	case "chime-messaging:index:getMessagingSessionEndpoint":
		return resource.NewPropertyMapFromMap(map[string]interface{}{"url": "wss://messaging.example"}), nil
	}
	return resource.PropertyMap{}, nil
}

func TestQuickstartUnderMocks(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	exported := map[string]interface{}{}
	var mu sync.Mutex
	// RunErr returns once the engine has the exports; an apply chained onto an export may still be pending then.
	var applied sync.WaitGroup
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		exports, err := quickstart(ctx)
		if err != nil {
			return err
		}
		for key, output := range exports {
			key := key
			applied.Add(1)
			output.ApplyT(func(v interface{}) interface{} {
				mu.Lock()
				exported[key] = v
				mu.Unlock()
				applied.Done()
				return v
			})
		}
		return nil
	}, pulumi.WithMocks("chime-quickstart", "dev", m))
	if err != nil {
		t.Fatal(err)
	}
	allApplied := make(chan struct{})
	go func() { applied.Wait(); close(allApplied) }()
	select {
	case <-allApplied:
	case <-time.After(30 * time.Second):
		mu.Lock()
		t.Fatalf("after 30 s only these exports had resolved: %v", exported)
	}

	var names []string
	for key := range m.registered {
		names = append(names, key)
	}
	sort.Strings(names)
	want := []string{
		"AppInstanceUser/alice", "AppInstanceUser/alice-as-read", "AppInstanceUser/bob", "AppInstanceUser/carol", "AppInstanceUser/mallory",
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
		"channelFlowArn":    appInstanceArn + "/channel-flow/profanity-filter",
		"generalPrivacy":    "PUBLIC",
		"aliceAsRead":       "Alice",
		"messagingEndpoint": "wss://messaging.example",
	}
	if fmt.Sprint(exported) != fmt.Sprint(wantExports) {
		t.Errorf("exported %v, want %v", exported, wantExports)
	}
	sort.Strings(m.invoked)
	wantInvoked := []string{
		"chime-messaging:index:getChannel map[arn:" + appInstanceArn + "/channel/general chimeBearer:" +
			appInstanceArn + "/user/admin]",
		"chime-messaging:index:getMessagingSessionEndpoint map[]",
	}
	if strings.Join(m.invoked, "\n") != strings.Join(wantInvoked, "\n") {
		t.Errorf("invoked %v, want %v", m.invoked, wantInvoked)
	}
}
