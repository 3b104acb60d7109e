#!/usr/bin/env bash
# scripts/pulumi-cli.sh — provide the Pulumi CLI for this repo, without the Pulumi installer.
#
# Usage:
#   PULUMI_BIN_DIR=$(bash scripts/pulumi-cli.sh)
#   bash scripts/pulumi-cli.sh --no-build   # exit 3 instead of building when no CLI is there yet
#   export PATH="$PULUMI_BIN_DIR:$PATH"
#
# The LAST line on stdout is the directory holding `pulumi`, `pulumi-language-nodejs`, `pulumi-language-yaml` and
# (when built here) `pulumi-resource-pulumi-nodejs`; all progress goes to stderr.
#
# Why: the official installer (and the `pulumi` npm wrapper) download release binaries, which cannot be fetched
# where only package registries are reachable. So the CLI is built from its Go modules on the Go module proxy,
# at the @pulumi/pulumi version pinned in package-lock.json, and cached OUTSIDE the repo (nothing built lands
# in the repo):
#   ${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}/pulumi-v<V>/
#     bin/pulumi                          go build of github.com/pulumi/pulumi/pkg/v3/cmd/pulumi @ v<V>
#     bin/pulumi-language-nodejs          small Node.js language host (Go source below), built against sdk/v3 @ v<V>
#     bin/pulumi-resource-pulumi-nodejs   shim starting @pulumi/pulumi/cmd/dynamic-provider (dynamic providers)
#     bin/pulumi-language-yaml            copy of the Pulumi YAML language host (below)
#     src/                                generated Go build module (go.mod, go.sum, langhost/main.go)
#     build.log                           output of the last build
#
#   ${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}/pulumi-language-yaml-v<Y>/pulumi-language-yaml
#                                       go install of github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml @ v<Y>
#                                       (its own module graph, so it never moves the CLI's pkg/v3 version)
#
# Order: (1) a `pulumi` on PATH with `pulumi-language-nodejs` beside it wins; (2) else a complete cache;
# (3) else build (needs Go >= the `go` line of pkg/v3's go.mod; first build takes several minutes).
#
# The upstream language host is its own Go module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
# with no tagged versions, and the module proxy refuses it; hence the small host written out below. With it,
# `pulumi up/preview/destroy/refresh/about` of a Node.js (JS or TS) program and its dynamic providers run offline:
# no plugin is downloaded (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION is not needed).
#
# Running pulumi offline afterwards (no Pulumi Cloud):
#   export PATH="$PULUMI_BIN_DIR:$PATH" PULUMI_CONFIG_PASSPHRASE= PULUMI_SKIP_UPDATE_CHECK=true
#   export PULUMI_HOME=<scratch dir>                    # optional: keeps ~/.pulumi untouched
#   export PULUMI_BACKEND_URL=file://<state dir>        # or: pulumi login file://<state dir>
set -euo pipefail

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }

# --no-build: only report a CLI that is already there (exit 3 when a build would be needed).
NO_BUILD=0
[ "${1:-}" = "--no-build" ] && NO_BUILD=1
die() { log "error: $*"; exit 1; }

# Bump when the generated sources (language host, shim, go.mod recipe) change, so caches are rebuilt (a `pulumi`
# binary already built for the version is kept).
RECIPE=2
# The Pulumi YAML language host, for YAML programs of the native provider plugin.
YAML_VERSION=${PULUMI_YAML_VERSION:-1.25.0}

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# --- 1. A Pulumi CLI already on PATH -------------------------------------------------------------------------
# (PULUMI_CLI_IGNORE_PATH=1: skip this step, e.g. to get the build of a given PULUMI_CLI_VERSION.)
if [ -z "${PULUMI_CLI_IGNORE_PATH:-}" ] && pulumi_on_path=$(command -v pulumi 2>/dev/null) && [ -n "$pulumi_on_path" ]; then
  for d in "$(dirname "$pulumi_on_path")" "$(dirname "$(readlink -f "$pulumi_on_path")")"; do
    if [ -x "$d/pulumi-language-nodejs" ] && [ -x "$d/pulumi-language-yaml" ]; then
      log "using the pulumi on PATH: $d/pulumi"
      printf '%s\n' "$d"
      exit 0
    fi
  done
  log "pulumi on PATH ($pulumi_on_path) has no pulumi-language-nodejs and pulumi-language-yaml beside it; not using it"
fi

# --- 2. The cached build for the version in package-lock.json ------------------------------------------------
command -v node >/dev/null 2>&1 || die "node is required (to read package-lock.json and to run Pulumi programs)"
LOCKFILE="$REPO_ROOT/package-lock.json"
[ -f "$LOCKFILE" ] || die "$LOCKFILE not found"
V=${PULUMI_CLI_VERSION:-}
[ -n "$V" ] || V=$(node -p '
  const lock = require(process.argv[1]);
  const p = (lock.packages || {})["node_modules/@pulumi/pulumi"] || (lock.dependencies || {})["@pulumi/pulumi"];
  p ? p.version : ""' "$LOCKFILE")
[[ "$V" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "could not read a plain @pulumi/pulumi version from $LOCKFILE (got '$V')"

CACHE_ROOT="${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}"
CACHE="$CACHE_ROOT/pulumi-v$V"
BIN="$CACHE/bin"
mkdir -p "$CACHE_ROOT"

cache_ok() {
  [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$BIN/pulumi-resource-pulumi-nodejs" ] \
    && [ -x "$BIN/pulumi-language-yaml" ] \
    && [ "$(cat "$CACHE/recipe" 2>/dev/null)" = "$RECIPE" ] \
    && [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version 2>/dev/null)" = "v$V" ]
}

if cache_ok; then
  log "using cached pulumi v$V: $BIN"
  printf '%s\n' "$BIN"
  exit 0
fi

if [ "$NO_BUILD" = 1 ]; then
  log "no pulumi on PATH and no cached build of v$V (--no-build given, so not building)"
  exit 3
fi

# One build at a time per version (parallel callers wait, then reuse the result).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE_ROOT/.pulumi-v$V.lock"
  flock 9
  if cache_ok; then
    log "using cached pulumi v$V (built by a concurrent run): $BIN"
    printf '%s\n' "$BIN"
    exit 0
  fi
fi

# --- 3. Build from the Go modules -------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "no pulumi on PATH and no cache at $CACHE, and Go is not installed to build it"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOFLAGS="-mod=mod -buildvcs=false"
export GOWORK=off
unset GOOS GOARCH

log "building pulumi v$V from Go modules (first time takes several minutes)…"
log "cache: $CACHE (build log: $CACHE/build.log)"
START=$SECONDS
SRC="$CACHE/src"
rm -rf "$SRC" "$CACHE/bin.new"
mkdir -p "$SRC/langhost" "$CACHE/bin.new"
: >"$CACHE/build.log"

run() { # run a command, output to build.log; on failure show the log's tail
  printf '+ %s\n' "$*" >>"$CACHE/build.log"
  if ! "$@" >>"$CACHE/build.log" 2>&1; then
    tail -n 40 "$CACHE/build.log" >&2
    die "command failed: $* (full log: $CACHE/build.log)"
  fi
}

PKG=github.com/pulumi/pulumi/pkg/v3
SDK=github.com/pulumi/pulumi/sdk/v3

# pkg/v3's own go.mod: its `go` line and its non-local replace directives (`go install pkg@version` refuses
# modules with replace directives, which is why a build module of our own is generated here).
log "fetching $PKG@v$V"
cd "$SRC"
PKG_GOMOD=$(go mod download -json "$PKG@v$V" | node -e '
  let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
    const j = JSON.parse(s);
    if (j.Error) { console.error(j.Error); process.exit(1); }
    process.stdout.write(j.GoMod);
  });') || die "the Go module proxy did not serve $PKG@v$V"
GO_LINE=$(awk '$1 == "go" { print $2; exit }' "$PKG_GOMOD")
REPLACES=$(awk '
  function emit(line,   parts) {
    # line: "old [ver] => new [ver]"; keep only module replacements (not ./ ../ / paths)
    split(line, parts, "=>"); gsub(/^[ \t]+|[ \t]+$/, "", parts[2])
    if (parts[2] !~ /^(\.|\/)/) print "replace " line
  }
  /^replace[ \t]*\($/ { inblock = 1; next }
  inblock && /^\)/ { inblock = 0; next }
  inblock && /=>/ { sub(/\/\/.*/, ""); gsub(/^[ \t]+|[ \t]+$/, ""); emit($0); next }
  /^replace[ \t]/ && /=>/ { sub(/\/\/.*/, ""); sub(/^replace[ \t]+/, ""); gsub(/^[ \t]+|[ \t]+$/, ""); emit($0) }
' "$PKG_GOMOD")

GOVER=$(go env GOVERSION)
log "Go toolchain: $GOVER (GOTOOLCHAIN=$GOTOOLCHAIN); $PKG@v$V needs go >= $GO_LINE"

cat >"$SRC/go.mod" <<GOMOD
// Generated by scripts/pulumi-cli.sh of pulumi-chime-messaging; not part of the repo.
module pulumi-chime-messaging/pulumi-cli-build

go $GO_LINE

require (
	$PKG v$V
	$SDK v$V
)

$REPLACES
GOMOD


# The Node.js language host (see the header for why it is ours).
cat >"$SRC/langhost/main.go" <<'LANGHOST'
// pulumi-language-nodejs: a small Node.js language host for the Pulumi engine.
//
// Written by scripts/pulumi-cli.sh of pulumi-chime-messaging. The upstream language host lives in its own Go
// module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which is not published as a
// tagged module, so it cannot be built from the Go module proxy. This host implements what `pulumi up`,
// `preview`, `destroy`, `refresh` and `about` need for a Node.js program: it runs the program through the
// `cmd/run` entry point of the @pulumi/pulumi package that the program itself resolves, and reports the
// resource plugins that installed npm packages declare.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Exit code with which @pulumi/pulumi's cmd/run reports that it already showed the error to the user.
const exitCodeAlreadyReported = 32

func main() {
	fs := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	tracing := fs.String("tracing", "", "Zipkin-compatible tracing endpoint")
	// Flags the engine may pass to any plugin; accepted and ignored.
	fs.Bool("logtostderr", false, "")
	fs.Bool("logflow", false, "")
	fs.Int("v", 0, "")
	fs.String("root", "", "")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	engineAddress := ""
	if fs.NArg() > 0 {
		engineAddress = fs.Arg(fs.NArg() - 1)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		// Exit within seconds when the engine goes away (a killed CLI leaves its plugins running otherwise).
		if err := rpcutil.Healthcheck(ctx, engineAddress, 2*time.Second, cancel); err != nil {
			fmt.Fprintf(os.Stderr, "warning: cannot watch the engine at %s: %v\n", engineAddress, err)
		}
	}

	host := &nodeHost{engineAddress: engineAddress, tracing: *tracing}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: could not start the language host gRPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: language host stopped serving: %v\n", err)
		os.Exit(1)
	}
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	tracing       string
}

func (h *nodeHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *nodeHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// programDir returns the directory of the program (where its package.json / node_modules are looked up from).
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// option reads a runtime option from Pulumi.yaml (`runtime: {name: nodejs, options: {...}}`).
func option(info *pulumirpc.ProgramInfo, name string) (interface{}, bool) {
	if info == nil || info.GetOptions() == nil {
		return nil, false
	}
	v, ok := info.GetOptions().AsMap()[name]
	return v, ok
}

func optionString(info *pulumirpc.ProgramInfo, name string) string {
	if v, ok := option(info, name); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return ""
}

func optionBool(info *pulumirpc.ProgramInfo, name string, def bool) bool {
	v, ok := option(info, name)
	if !ok {
		return def
	}
	switch b := v.(type) {
	case bool:
		return b
	case string:
		if p, err := strconv.ParseBool(b); err == nil {
			return p
		}
	}
	return def
}

// resolveModule asks node where `request` resolves to, starting at dir and walking up, as node itself would.
func resolveModule(dir, request string) (string, error) {
	script := `process.stdout.write(require.resolve(process.argv[1], {paths: [process.argv[2]]}))`
	cmd := exec.Command("node", "-e", script, request, dir)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not resolve %s from %s (has `npm install` been run?): %v: %s",
			request, dir, err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	dir := programDir(info, req.GetPwd())

	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		p, err := resolveModule(dir, "@pulumi/pulumi/cmd/run")
		if err != nil {
			return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed: " + err.Error()}, nil
		}
		runPath = p
	}

	var args []string
	args = append(args, strings.Fields(optionString(info, "nodeargs"))...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engine())
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	add("stack", req.GetStack())
	add("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	entry := ""
	if info != nil {
		entry = info.GetEntryPoint()
	}
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing config secret keys: %w", err)
	}

	env := os.Environ()
	env = append(env, "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	if optionBool(info, "typescript", true) {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if ts := optionString(info, "tsconfig"); ts != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+ts)
	}

	cmd := exec.Command("node", args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdin = nil
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAlreadyReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run node): %v", err),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// packageJSON is the part of an npm package.json that matters here.
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          *struct {
		Resource         bool   `json:"resource"`
		Name             string `json:"name"`
		Version          string `json:"version"`
		Server           string `json:"server"`
		Parameterization *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Value   string `json:"value"`
		} `json:"parameterization"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return &p, nil
}

// nodeModulesDirs lists the node_modules folders that node would search from dir: dir/node_modules, then each parent's.
func nodeModulesDirs(dir string) []string {
	var dirs []string
	d, err := filepath.Abs(dir)
	if err != nil {
		d = dir
	}
	for {
		nm := filepath.Join(d, "node_modules")
		if st, err := os.Stat(nm); err == nil && st.IsDir() {
			dirs = append(dirs, nm)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dirs
		}
		d = parent
	}
}

// installedPackages yields the package.json of every top-level package (and @scope/package) visible from dir;
// a package name found in a nearer node_modules hides the same name further up.
func installedPackages(dir string) []*packageJSON {
	seen := map[string]bool{}
	var pkgs []*packageJSON
	visit := func(pkgDir string) {
		p, err := readPackageJSON(filepath.Join(pkgDir, "package.json"))
		if err != nil || p.Name == "" || seen[p.Name] {
			return
		}
		seen[p.Name] = true
		pkgs = append(pkgs, p)
	}
	for _, nm := range nodeModulesDirs(dir) {
		entries, err := os.ReadDir(nm)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			full := filepath.Join(nm, name)
			if strings.HasPrefix(name, "@") {
				scoped, err := os.ReadDir(full)
				if err != nil {
					continue
				}
				for _, s := range scoped {
					visit(filepath.Join(full, s.Name()))
				}
				continue
			}
			visit(full)
		}
	}
	return pkgs
}

func pluginName(p *packageJSON) string {
	if p.Pulumi.Name != "" {
		return p.Pulumi.Name
	}
	name := p.Name
	if strings.HasPrefix(name, "@pulumi/") {
		return strings.TrimPrefix(name, "@pulumi/")
	}
	return strings.TrimPrefix(name, "@")
}

func pluginVersion(p *packageJSON) string {
	v := p.Pulumi.Version
	if v == "" {
		v = p.Version
	}
	if v != "" && !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	return v
}

func requiredPackages(dir string) ([]*pulumirpc.PackageDependency, error) {
	var deps []*pulumirpc.PackageDependency
	for _, p := range installedPackages(dir) {
		if p.Pulumi == nil || !p.Pulumi.Resource {
			continue
		}
		dep := &pulumirpc.PackageDependency{
			Name:    pluginName(p),
			Kind:    "resource",
			Version: pluginVersion(p),
			Server:  p.Pulumi.Server,
		}
		if pz := p.Pulumi.Parameterization; pz != nil {
			value, err := base64.StdEncoding.DecodeString(pz.Value)
			if err != nil {
				return nil, fmt.Errorf("package %s: parameterization value is not base64: %w", p.Name, err)
			}
			dep.Parameterization = &pulumirpc.PackageParameterization{
				Name: pz.Name, Version: pz.Version, Value: value,
			}
		}
		deps = append(deps, dep)
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps, nil
}

func (h *nodeHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPackages(programDir(req.GetInfo(), ""))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodeHost) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := requiredPackages(programDir(req.GetInfo(), ""))
	if err != nil {
		return nil, err
	}
	var plugins []*pulumirpc.PluginDependency
	for _, d := range deps {
		if d.Parameterization != nil {
			continue
		}
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server,
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the PATH: %w", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (h *nodeHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	root, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("reading the program's package.json: %w", err)
	}
	installed := map[string]string{}
	for _, p := range installedPackages(dir) {
		installed[p.Name] = p.Version
	}
	wanted := map[string]bool{}
	for n := range root.Dependencies {
		wanted[n] = true
	}
	if req.GetTransitiveDependencies() {
		for n := range installed {
			wanted[n] = true
		}
	}
	var deps []*pulumirpc.DependencyInfo
	for n := range wanted {
		v, ok := installed[n]
		if !ok {
			continue
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: n, Version: v})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *nodeHost) RuntimeOptionsPrompts(
	ctx context.Context, req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// InstallDependencies runs `npm install` in the program directory (used by `pulumi install`).
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := programDir(req.GetInfo(), req.GetDirectory())
	cmd := exec.Command("npm", "install")
	cmd.Dir = dir
	var mu sync.Mutex
	send := func(out, errOut []byte) {
		mu.Lock()
		defer mu.Unlock()
		_ = server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out, Stderr: errOut})
	}
	cmd.Stdout = writerFunc(func(b []byte) { send(append([]byte(nil), b...), nil) })
	cmd.Stderr = writerFunc(func(b []byte) { send(nil, append([]byte(nil), b...)) })
	if err := cmd.Run(); err != nil {
		return status.Errorf(codes.Unknown, "npm install failed in %s: %v", dir, err)
	}
	return nil
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) {
	f(b)
	return len(b), nil
}

var _ io.Writer = writerFunc(nil)
LANGHOST

LDFLAGS="-s -w -X $SDK/go/common/version.Version=v$V"

log "compiling pulumi-language-nodejs (against $SDK@v$V)…"
run go build -trimpath -ldflags "$LDFLAGS" -o "$CACHE/bin.new/pulumi-language-nodejs" ./langhost

if [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$BIN/pulumi" version 2>/dev/null)" = "v$V" ]; then
  log "keeping the pulumi v$V built before"
  cp "$BIN/pulumi" "$CACHE/bin.new/pulumi"
else
  log "compiling pulumi ($PKG/cmd/pulumi@v$V; downloads its dependencies on first use)…"
  run go build -trimpath -ldflags "$LDFLAGS" -o "$CACHE/bin.new/pulumi" "$PKG/cmd/pulumi"
fi

YAML_DIR="$CACHE_ROOT/pulumi-language-yaml-v$YAML_VERSION"
if [ ! -x "$YAML_DIR/pulumi-language-yaml" ]; then
  log "compiling pulumi-language-yaml (github.com/pulumi/pulumi-yaml v$YAML_VERSION)…"
  rm -rf "$YAML_DIR.new"
  mkdir -p "$YAML_DIR.new"
  GOBIN="$YAML_DIR.new" GOFLAGS=-buildvcs=false run go install -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$YAML_VERSION" \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$YAML_VERSION"
  rm -rf "$YAML_DIR"
  mv "$YAML_DIR.new" "$YAML_DIR"
fi
cp "$YAML_DIR/pulumi-language-yaml" "$CACHE/bin.new/pulumi-language-yaml"

# The dynamic-provider plugin (`pulumi-nodejs`), bundled with the CLI; the engine looks for it beside `pulumi`.
cat >"$CACHE/bin.new/pulumi-resource-pulumi-nodejs" <<'SHIM'
#!/bin/sh
# pulumi-resource-pulumi-nodejs: written by scripts/pulumi-cli.sh (pulumi-chime-messaging).
# Starts the dynamic-provider host (cmd/dynamic-provider) of the @pulumi/pulumi package that the program uses.
# The engine runs this with the Pulumi project directory as cwd; @pulumi/pulumi is resolved from there upward,
# as node itself resolves modules, so node_modules may sit in a parent folder. All arguments pass through.
script=$(node -e '
  try {
    process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] }));
  } catch (e) {
    process.stderr.write("pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi from " + process.cwd() +
      " upward (has npm install been run?): " + e.message + "\n");
    process.exit(1);
  }') || exit 1
exec node "$script" "$@"
SHIM
chmod 755 "$CACHE/bin.new/pulumi-resource-pulumi-nodejs"

got=$(PULUMI_SKIP_UPDATE_CHECK=true "$CACHE/bin.new/pulumi" version 2>>"$CACHE/build.log") \
  || die "the built pulumi does not run (see $CACHE/build.log)"
[ "$got" = "v$V" ] || die "the built pulumi reports version '$got', expected v$V"

rm -rf "$BIN"
mv "$CACHE/bin.new" "$BIN"
printf '%s\n' "$RECIPE" >"$CACHE/recipe"
log "built pulumi v$V in $((SECONDS - START))s: $BIN"
printf '%s\n' "$BIN"
