#!/usr/bin/env bash
# Builds gopls with txvet's analyzers (scripts/gopls.sh) and runs the tests
# of integration/gopls on it: gopls check against txvet on the example,
# quick fixes, the "analyses" setting, facts across packages, and headless
# Neovim with its built-in LSP client. Neovim comes from Debian's neovim
# package, installed here when it is missing and apt-get can install it;
# without it the Neovim test skips. Extra arguments go to go test.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
gopls=$(bash scripts/gopls.sh | tail -n 1)
"$gopls" version

if ! command -v nvim >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
	echo "installing Debian's neovim for the editor test"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 neovim >/dev/null ||
		{ apt-get update -o DPkg::Lock::Timeout=600 >/dev/null && apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 neovim >/dev/null; }
fi
command -v nvim >/dev/null && nvim --version | head -n 1

TXVET_HEAVY=1 TXVET_GOPLS=$gopls go test -count=1 "$@" ./integration/gopls/
