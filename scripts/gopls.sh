#!/usr/bin/env bash
# Builds a gopls that runs txvet's analyzers beside its own, and prints the
# path of the binary on its last line. It does for gopls what
# `golangci-lint custom` does for golangci-lint, from the Go module proxy
# alone (no GitHub):
#
#   1. copies the source of golang.org/x/tools/gopls at the pinned version
#      (scripts/gopls.version) out of the module cache;
#   2. adds one file to its internal/settings package that appends
#      txvet.Analyzers() to gopls's AllAnalyzers, enabled by default;
#   3. replaces github.com/txvet/txvet with this checkout, and
#      golang.org/x/tools with the version that gopls requires (txvet's own
#      go.mod asks for a newer one, against which gopls does not compile);
#   4. builds.
#
# Usage: scripts/gopls.sh           builds, prints the binary's path
#        scripts/gopls.sh -xtools   prints the golang.org/x/tools version
#                                   that the pinned gopls requires
#
# The binary is cached under $TXVET_GOPLS_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/txvet/gopls), keyed by the gopls version, the
# Go version, this script and the files of txvet that go into the build: a
# second run with nothing changed prints the cached path at once, and a
# rebuild after an edit recompiles only what changed (about 20 s). The first
# build compiles all of gopls: about 80 s on an idle 2-core machine.
set -euo pipefail

[ $# -eq 0 ] || [ "$*" = -xtools ] || { echo "usage: $0 [-xtools]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
gopls_version=$(tr -d ' \n' <"$root/scripts/gopls.version")

# The module source of gopls, from the module proxy (through the module
# cache), and the golang.org/x/tools version its go.mod requires.
download_gopls() {
	local json
	json=$(go mod download -json "golang.org/x/tools/gopls@$gopls_version")
	src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	[ -d "$src" ] || { echo "go mod download golang.org/x/tools/gopls@$gopls_version gave no directory" >&2; exit 1; }
	xtools=$(go mod edit -json "$src/go.mod" | awk '/"Path": "golang.org\/x\/tools"/ { getline; gsub(/[",]/, ""); print $2 }')
	[ -n "$xtools" ] || { echo "gopls $gopls_version: no golang.org/x/tools requirement in its go.mod" >&2; exit 1; }
}
if [ "$*" = -xtools ]; then
	download_gopls
	echo "$xtools"
	exit 0
fi
cache=${TXVET_GOPLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/txvet/gopls}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# The file added to gopls/internal/settings. gopls gives one severity to
# all the diagnostics of an analyzer (settings.Analyzer.Severity), so
# txvet's clean-up category, redundant-release, is a warning like the bug
# categories; the diagnostic's code (the category) tells them apart.
settings_file='// Code added by txvet'"'"'s scripts/gopls.sh. DO NOT EDIT.

package settings

import "github.com/txvet/txvet"

// txvet'"'"'s analyzers run beside gopls'"'"'s own, enabled by default at
// warning severity; the "analyses" setting turns each off by name.
func init() {
	for _, a := range txvet.Analyzers() {
		AllAnalyzers = append(AllAnalyzers, &Analyzer{analyzer: a})
	}
}
'

# The inputs of the build: txvet's packages that the root package (and so
# txvet.Analyzers) depends on, with their embedded files, and the module
# files. A new analyzer added to txvet.Analyzers() changes the key and comes
# along without any change here.
key=$(
	cd "$root"
	{
		echo "gopls $gopls_version"
		go env GOVERSION GOOS GOARCH
		cat "$root/scripts/gopls.sh"
		cat go.mod go.sum
		go list -deps -f '{{if and .Module .Module.Main}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}' . | sort | while read -r f; do
			[ -n "$f" ] && { echo "$f"; cat "$f"; }
		done
	} | sha256sum | cut -c1-16
)
bin=$cache/bin-$key/gopls
if [ -x "$bin" ]; then
	touch "$(dirname "$bin")" # marks it used, for the clean-up below
	echo "$bin"
	exit 0
fi

# One build at a time per checkout; flock is util-linux's, absent on macOS,
# where builds are not serialized.
work=$cache/mod-$(printf '%s' "$root $gopls_version" | sha256sum | cut -c1-16)
if command -v flock >/dev/null; then
	exec 9>"$work.lock"
	flock 9
	if [ -x "$bin" ]; then # built while we waited
		echo "$bin"
		exit 0
	fi
fi

download_gopls

# A fresh copy each time: the module cache's files are read-only, and a
# copy made for another gopls version must not leave files behind. With
# -trimpath the build cache still serves every package that did not change.
rm -rf "$work"
mkdir -p "$work"
cp -R "$src/." "$work/"
chmod -R u+w "$work"
cd "$work"
printf '%s' "$settings_file" >internal/settings/txvet.go

go mod edit \
	-require "github.com/txvet/txvet@v0.0.0-00010101000000-000000000000" \
	-replace "github.com/txvet/txvet=$root" \
	-replace "golang.org/x/tools=golang.org/x/tools@$xtools"

echo "building gopls $gopls_version with txvet's analyzers (golang.org/x/tools $xtools) in $work" >&2
start=$(date +%s)
mkdir -p "$(dirname "$bin")"
go build -mod=mod -trimpath \
	-ldflags "-X main.version=$gopls_version+txvet" \
	-o "$bin.tmp" .
mv "$bin.tmp" "$bin"
echo "built in $(($(date +%s) - start)) s" >&2

# Binaries of other inputs not used for a week go (about 40 MB each).
find "$cache" -maxdepth 1 -name 'bin-*' -type d -mtime +7 -exec rm -rf {} + 2>/dev/null || true
echo "$bin"
