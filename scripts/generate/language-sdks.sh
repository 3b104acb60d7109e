#!/usr/bin/env bash
# scripts/generate/language-sdks.sh — the Python and Go SDKs (sdk/python, sdk/go) from schema.json, with Pulumi's
# own code generators (pkg/v3 codegen/python and codegen/go) at the version of the Pulumi CLI that
# package-lock.json pins. `npm run generate` runs it after writing schema.json; it is not meant to be run alone.
#
#   language-sdks.sh            # writes the generated files of sdk/python and sdk/go
#   language-sdks.sh --check    # writes nothing; fails when a committed generated file differs
#
# The generator (scripts/generate/language-sdks/main.go) is built in the Go module of the CLI's own build
# (scripts/pulumi-cli.sh), whose go.mod pins pkg/v3 and its replace directives, and is cached beside it, keyed by
# its source. What is not generated (sdk/go/go.mod and go.sum, the tests) is left as it is.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SOURCE="$REPO_ROOT/scripts/generate/language-sdks/main.go"
log() { printf 'generate: %s\n' "$*" >&2; }

# The generators of the version in package-lock.json, whatever CLI is on PATH, so that every run writes the same.
V=$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/pulumi"].version' "$REPO_ROOT/package-lock.json")
CACHE="${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}/pulumi-v$V"
[ -f "$CACHE/src/go.mod" ] || PULUMI_CLI_IGNORE_PATH=1 PULUMI_CLI_VERSION="$V" bash "$REPO_ROOT/scripts/pulumi-cli.sh" >/dev/null
[ -f "$CACHE/src/go.mod" ] || { log "no Go build module of pulumi v$V in $CACHE/src"; exit 1; }

KEY=$(sha256sum "$SOURCE" | cut -c1-16)
GEN="$CACHE/sdkgen-$KEY/pulumi-sdkgen"
if [ ! -x "$GEN" ]; then
  log "building the Python and Go SDK generator against github.com/pulumi/pulumi/pkg/v3@v$V…"
  mkdir -p "$CACHE/src/sdkgen" "$(dirname "$GEN")"
  cp "$SOURCE" "$CACHE/src/sdkgen/main.go"
  (cd "$CACHE/src" && GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" GOWORK=off \
    go build -trimpath -o "$GEN.new" ./sdkgen) >&2
  mv "$GEN.new" "$GEN"
fi

if [ "${1:-}" = "--check" ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  cp -r "$REPO_ROOT/sdk/python" "$OUT/python"
  cp -r "$REPO_ROOT/sdk/go" "$OUT/go"
  "$GEN" "$REPO_ROOT/schema.json" "$OUT/python" "$OUT/go"
  if ! { diff -r "$OUT/python" "$REPO_ROOT/sdk/python" && diff -r "$OUT/go" "$REPO_ROOT/sdk/go"; } >&2; then
    log "the committed Python and Go SDKs differ from what schema.json generates: run npm run generate"
    exit 1
  fi
  log "sdk/python and sdk/go match schema.json"
else
  "$GEN" "$REPO_ROOT/schema.json" "$REPO_ROOT/sdk/python" "$REPO_ROOT/sdk/go"
  log "wrote sdk/python and sdk/go"
fi
