#!/usr/bin/env bash
# scripts/generate-sdks.sh — the Python and Go SDKs of the native plugin, from schema.json, with Pulumi's own code
# generators (pkg/v3 codegen/python and codegen/go) at the version of the Pulumi CLI that package-lock.json pins.
#
#   bash scripts/generate-sdks.sh            # writes the generated files of sdks/python and sdks/go
#   bash scripts/generate-sdks.sh --check    # writes nothing; fails when a committed generated file differs
#
# The generator (scripts/sdkgen/main.go) is built in the Go module of the CLI's own build (scripts/pulumi-cli.sh),
# whose go.mod pins pkg/v3 and its replace directives, and is cached beside it, keyed by its source. What is not
# generated (sdks/go/go.mod and go.sum, the tests) is left as it is.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf 'generate-sdks: %s\n' "$*" >&2; }

# The generators of the version in package-lock.json, whatever CLI is on PATH, so that every run writes the same.
V=$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/pulumi"].version' "$REPO_ROOT/package-lock.json")
CACHE="${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}/pulumi-v$V"
[ -f "$CACHE/src/go.mod" ] || PULUMI_CLI_IGNORE_PATH=1 PULUMI_CLI_VERSION="$V" bash "$REPO_ROOT/scripts/pulumi-cli.sh" >/dev/null
[ -f "$CACHE/src/go.mod" ] || { log "no Go build module of pulumi v$V in $CACHE/src"; exit 1; }

KEY=$(sha256sum "$REPO_ROOT/scripts/sdkgen/main.go" | cut -c1-16)
GEN="$CACHE/sdkgen-$KEY/pulumi-sdkgen"
if [ ! -x "$GEN" ]; then
  log "building the SDK generator against github.com/pulumi/pulumi/pkg/v3@v$V…"
  mkdir -p "$CACHE/src/sdkgen" "$(dirname "$GEN")"
  cp "$REPO_ROOT/scripts/sdkgen/main.go" "$CACHE/src/sdkgen/main.go"
  (cd "$CACHE/src" && GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" GOWORK=off \
    go build -trimpath -o "$GEN.new" ./sdkgen) >&2
  mv "$GEN.new" "$GEN"
fi

if [ "${1:-}" = "--check" ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  cp -r "$REPO_ROOT/sdks" "$OUT/sdks"
  "$GEN" "$REPO_ROOT/schema.json" "$OUT/sdks/python" "$OUT/sdks/go"
  if ! diff -r "$OUT/sdks" "$REPO_ROOT/sdks" >&2; then
    log "the committed SDKs differ from what schema.json generates: run bash scripts/generate-sdks.sh"
    exit 1
  fi
  log "sdks/ matches schema.json"
else
  mkdir -p "$REPO_ROOT/sdks/python" "$REPO_ROOT/sdks/go"
  "$GEN" "$REPO_ROOT/schema.json" "$REPO_ROOT/sdks/python" "$REPO_ROOT/sdks/go"
  log "wrote sdks/python and sdks/go"
fi
