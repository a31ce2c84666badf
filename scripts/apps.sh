#!/usr/bin/env bash
# The standing scan of real database applications (issue 10): txvet, built
# from this checkout, over each application pinned in scripts/apps.txt,
# whole (./... with its tests), standalone and under go vet -vettool. It
# prints a table per application: packages, packages that could not load
# and why (the application's fault or txvet's), panics, analyzer errors,
# findings; then the details. Exits 1 on a panic, an analyzer error or a
# package left unanalysed by txvet's fault.
#
# Usage: scripts/apps.sh [-dir DIR] [-only owner/name,...] [-o FILE] [-findings FILE]
#   -dir DIR   where the source trees are: DIR/<name> is used when present
#              (a snapshot or a clone at the pinned commit), else cloned
#              there from GitHub (default: $TMPDIR/txvet-apps)
#
# Not run by CI (it needs GitHub, or snapshots, and downloads several GB
# of modules); the short robustness form is scripts/robust.sh -short.
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./bench/cmd/apps "$@"
