// The quickstart's topology (quickstart.go) through the real engine, with Pulumi's Automation API: an inline
// program, so no language host runs. One step a run, printed as one JSON line for the end-to-end tests
// (tests/release/automation.test.ts), which check each step against the emulator:
//
//	go run . preview|up|refresh|destroy
//
// The stack is `dev` of the project `chime-quickstart`, on the backend and with the plugin source the environment
// names (PULUMI_BACKEND_URL, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, ...); CHIME_PROCESSOR_LAMBDA_ARN and
// CHIME_EDITED=true|false set the program's config.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type stepResult struct {
	Changes map[string]int         `json:"changes"`
	Steps   map[string]stepSummary `json:"steps,omitempty"`
	Outputs map[string]interface{} `json:"outputs,omitempty"`
}

// stepSummary is what the engine planned for one resource: its steps (a replacement is several) and the
// properties that differ.
type stepSummary struct {
	Ops   []string `json:"ops"`
	Diffs []string `json:"diffs"`
}

func program(ctx *pulumi.Context) error {
	_, err := quickstart(ctx)
	return err
}

func changes(summary *map[string]int) map[string]int {
	if summary == nil {
		return map[string]int{}
	}
	return *summary
}

func run(ctx context.Context, step string) (*stepResult, error) {
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "chime-quickstart", program)
	if err != nil {
		return nil, err
	}
	edited := os.Getenv("CHIME_EDITED")
	if edited == "" {
		edited = "false"
	}
	if err := stack.SetAllConfig(ctx, auto.ConfigMap{
		"processorLambdaArn": auto.ConfigValue{Value: os.Getenv("CHIME_PROCESSOR_LAMBDA_ARN")},
		"edited":             auto.ConfigValue{Value: edited},
	}); err != nil {
		return nil, err
	}
	switch step {
	case "preview":
		stream := make(chan events.EngineEvent)
		steps := map[string]stepSummary{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for event := range stream {
				if pre := event.ResourcePreEvent; pre != nil {
					name := pre.Metadata.URN[strings.LastIndex(pre.Metadata.URN, "::")+2:]
					summary := steps[name]
					summary.Ops = append(summary.Ops, string(pre.Metadata.Op))
					seen := map[string]bool{}
					for _, key := range summary.Diffs {
						seen[key] = true
					}
					for key := range pre.Metadata.DetailedDiff {
						seen[key] = true
					}
					if len(pre.Metadata.DetailedDiff) == 0 {
						for _, key := range pre.Metadata.Diffs {
							seen[key] = true
						}
					}
					summary.Diffs = summary.Diffs[:0]
					for key := range seen {
						summary.Diffs = append(summary.Diffs, key)
					}
					sort.Strings(summary.Diffs)
					steps[name] = summary
				}
			}
		}()
		result, err := stack.Preview(ctx, optpreview.EventStreams(stream), optpreview.Diff())
		<-done
		if err != nil {
			return nil, err
		}
		summary := map[string]int{}
		for op, count := range result.ChangeSummary {
			summary[string(op)] = count
		}
		return &stepResult{Changes: summary, Steps: steps}, nil
	case "up":
		result, err := stack.Up(ctx)
		if err != nil {
			return nil, err
		}
		outputs := map[string]interface{}{}
		for key, output := range result.Outputs {
			outputs[key] = output.Value
		}
		return &stepResult{Changes: changes(result.Summary.ResourceChanges), Outputs: outputs}, nil
	case "refresh":
		result, err := stack.Refresh(ctx)
		if err != nil {
			return nil, err
		}
		return &stepResult{Changes: changes(result.Summary.ResourceChanges)}, nil
	case "destroy":
		result, err := stack.Destroy(ctx)
		if err != nil {
			return nil, err
		}
		return &stepResult{Changes: changes(result.Summary.ResourceChanges)}, nil
	}
	return nil, fmt.Errorf("unknown step %q: preview, up, refresh or destroy", step)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: automation preview|up|refresh|destroy")
		os.Exit(2)
	}
	result, err := run(context.Background(), os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	text, err := json.Marshal(result)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(text))
}
