#!/usr/bin/env bash
# Builds golangci-lint with the txvet module plugin compiled in and writes
# it to OUTPUT. It builds what `golangci-lint custom` would, from the Go
# module proxy alone (custom clones golangci-lint from GitHub): the module
# integration/golangci/testdata/gcl, with txvet replaced by this checkout.
#
# Usage: scripts/build-golangci.sh OUTPUT
#
# Rebuilding is cheap: the module copy lives next to OUTPUT, so the Go build
# cache compiles only what changed and go build skips an up-to-date link.
# The first build on a 2-core machine takes a few minutes.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 OUTPUT" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
template=$root/integration/golangci/testdata/gcl
mkdir -p "$(dirname "$1")"
out=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$out.mod

# One build at a time per OUTPUT (the test and scripts/lint.sh share one);
# flock is util-linux's, absent on macOS, where builds are not serialized.
if command -v flock >/dev/null; then
	exec 9>"$out.lock"
	flock 9
fi

mkdir -p "$work"
cp "$template/go.mod" "$template/go.sum" "$template/main.go" "$work/"
cd "$work"
go mod edit -replace "github.com/txvet/txvet=$root"

# The plugin must build against golangci-lint's own dependency versions
# (golang.org/x/tools above all): none of them may be raised by txvet.
gcl=$(go list -mod=mod -m -f '{{.Path}}@{{.Version}}' github.com/golangci/golangci-lint/v2)
raised=$(awk -v gcl="$gcl" '
	NR == FNR { selected[$1] = $2; next }
	$1 == gcl {
		at = index($2, "@"); path = substr($2, 1, at - 1); want = substr($2, at + 1)
		if (path != "go" && path != "toolchain" && selected[path] != want) print "  " path ": " gcl " requires " want ", the build selects " selected[path]
	}' <(go list -mod=mod -m -f '{{.Path}} {{.Version}}' all) <(go mod graph))
if [ -n "$raised" ]; then
	echo "txvet raises dependencies of $gcl; lower them in txvet's go.mod:" >&2
	echo "$raised" >&2
	exit 1
fi

go build -mod=mod -o "$out" .
