#!/usr/bin/env bash
# Lints the txvet module with golangci-lint v2 and the txvet plugin, as
# .golangci.yml configures. Extra arguments go to `golangci-lint run`
# (for example --fix, or packages: ./golangci/...; default ./...).
#
# The binary is built by scripts/build-golangci.sh under $TMPDIR, keyed by
# the build module's go.sum; the first build takes 2 to 4 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
key=$(sha256sum "$root/integration/golangci/testdata/gcl/go.sum" | cut -c1-12)
dir=${TMPDIR:-/tmp}/txvet-golangci-$key
bin=$dir/golangci-lint
"$root/scripts/build-golangci.sh" "$bin"

# golangci-lint caches results by the linted code, not by the linters:
# a cache per binary keeps results of an older txvet from being replayed.
cache=$dir/cache-$(sha256sum "$bin" | cut -c1-12)
find "$dir" -maxdepth 1 -name 'cache-*' ! -path "$cache" -exec rm -rf {} +
export GOLANGCI_LINT_CACHE=$cache

cd "$root"
"$bin" config verify
exec "$bin" run --allow-serial-runners "$@" # no package arguments: ./...
