#!/usr/bin/env bash
# Builds txvet and runs its analyzer tests against the golang.org/x/tools
# that the pinned gopls requires (scripts/gopls.sh -xtools), as well as
# against the version in go.mod that every other build uses: the gopls
# that scripts/gopls.sh builds compiles txvet's analyzers with that older
# x/tools, so txvet must keep compiling, and passing, with both.
#
# The repository's go.mod is not touched: a copy with a replace is given to
# the go command with -modfile.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
xtools=$(bash scripts/gopls.sh -xtools)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp go.mod "$tmp/go.mod"
cp go.sum "$tmp/go.sum"
go mod edit -modfile="$tmp/go.mod" -replace "golang.org/x/tools=golang.org/x/tools@$xtools"

echo "golang.org/x/tools $xtools (gopls $(cat scripts/gopls.version)) instead of $(go list -m -f '{{.Version}}' golang.org/x/tools)"
go build -mod=mod -modfile="$tmp/go.mod" ./...
go test -mod=mod -modfile="$tmp/go.mod" -count=1 . ./analyzer/... ./internal/...
