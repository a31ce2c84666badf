#!/usr/bin/env bash
# Robustness and fix safety of txvet on real code (issue 5):
#   1. txvet over std and the real modules pinned in bench/realmods, through
#      the standalone driver and go vet -vettool: no crash, no analyzer
#      failure, every package loads;
#   2. every suggested fix applied to writable copies of those modules and of
#      a generated corpus: each result builds, type-checks with its tests and
#      draws no new diagnostic;
#   3. the fuzz target's seed corpus (and with -fuzz, a fuzzing run).
#
# Usage: scripts/robust.sh [-short] [-fuzz DURATION]
#   -short   a slice of std and a 10x corpus (the CI form, about 4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

short=""
scale=100
fuzztime=""
while [ $# -gt 0 ]; do
	case "$1" in
	-short) short="-short"; scale=10 ;;
	-fuzz) fuzztime="$2"; shift ;;
	*) echo "usage: $0 [-short] [-fuzz DURATION]" >&2; exit 2 ;;
	esac
	shift
done

echo "== txvet over std and the real modules ${short:+(short)}"
go run ./bench/cmd/robust $short
echo "== fixes applied to copies of the real modules and a ${scale}x corpus"
go run ./bench/cmd/fixsafety -scale "$scale"
echo "== fuzz target: seed corpus"
go test -count=1 ./internal/fuzz
if [ -n "$fuzztime" ]; then
	echo "== fuzzing for $fuzztime"
	go test ./internal/fuzz -run '^$' -fuzz FuzzAnalyzers -fuzztime "$fuzztime" -fuzzminimizetime 10s
fi
