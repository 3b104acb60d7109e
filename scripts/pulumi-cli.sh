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
#     bin/pulumi-language-nodejs          small Node.js language host (scripts/pulumi-language-nodejs), built against sdk/v3 @ v<V>
#     bin/pulumi-resource-pulumi-nodejs   shim starting @pulumi/pulumi/cmd/dynamic-provider (dynamic providers)
#     bin/pulumi-language-yaml            copy of the Pulumi YAML language host (below)
#     src/                                generated Go build module (go.mod, go.sum, langhost/main.go copied in)
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
# with no tagged versions, and the module proxy refuses it; hence the small host of our own in scripts/pulumi-language-nodejs. With it,
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

# Changes when the language host's sources (scripts/pulumi-language-nodejs) or the recipe below (go.mod) change, so caches are rebuilt (a
# `pulumi` binary already built for the version is kept). Bump the number when the recipe changes.
RECIPE="2-$(cat "$(dirname "${BASH_SOURCE[0]}")"/pulumi-language-nodejs/{main.go,pulumi-resource-pulumi-nodejs} | sha256sum | cut -c1-12)"
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


# The Node.js language host (see the header for why it is ours): the Go module scripts/pulumi-language-nodejs,
# compiled here against the SDK of the CLI being built (the module's own go.mod pins the oldest, for `npm run lint`).
cp "$REPO_ROOT/scripts/pulumi-language-nodejs/main.go" "$SRC/langhost/main.go"

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
cp "$REPO_ROOT/scripts/pulumi-language-nodejs/pulumi-resource-pulumi-nodejs" "$CACHE/bin.new/"
chmod 755 "$CACHE/bin.new/pulumi-resource-pulumi-nodejs"

got=$(PULUMI_SKIP_UPDATE_CHECK=true "$CACHE/bin.new/pulumi" version 2>>"$CACHE/build.log") \
  || die "the built pulumi does not run (see $CACHE/build.log)"
[ "$got" = "v$V" ] || die "the built pulumi reports version '$got', expected v$V"

rm -rf "$BIN"
mv "$CACHE/bin.new" "$BIN"
printf '%s\n' "$RECIPE" >"$CACHE/recipe"
log "built pulumi v$V in $((SECONDS - START))s: $BIN"
printf '%s\n' "$BIN"
