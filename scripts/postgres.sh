#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL server.
#
#   scripts/postgres.sh COMMAND [ARG...]
#
# Installs Debian's postgresql package when no server binaries are found,
# creates a cluster in a temporary directory, starts it on 127.0.0.1 on a
# free port (no Unix socket outside the temp dir, trust auth: loopback only),
# runs COMMAND with TXVET_PG_DSN pointing at it, then stops the server and
# removes the directory, whatever COMMAND's outcome. Exits with COMMAND's status.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 COMMAND [ARG...]" >&2
	exit 2
fi

find_bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
	echo "postgres.sh: installing Debian's postgresql" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq postgresql >/dev/null
	# The package starts a cluster of its own; this script does not use it.
	service postgresql stop >/dev/null 2>&1 || true
	bindir=$(find_bindir)
fi

# initdb and postgres refuse to run as root: use the postgres user then.
as_owner=()
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
	as_owner=(runuser -u postgres --)
fi

base=$(mktemp -d -t txvet-pg-XXXXXX)
chmod 755 "$base"
data=$base/data
if [ "${#as_owner[@]}" -gt 0 ]; then
	chown postgres "$base"
fi

started=
cleanup() {
	if [ -n "$started" ]; then
		"${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 ||
	{ cat "$base/initdb.log" >&2; exit 1; }

# A free port: try random ones until the server starts on one.
port=
for _ in $(seq 20); do
	candidate=$((20000 + RANDOM % 30000))
	if "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$base/server.log" -w -t 30 \
		-o "-p $candidate -c listen_addresses=127.0.0.1 -k $base -c fsync=off -c max_connections=50" \
		start >/dev/null 2>&1; then
		port=$candidate
		started=1
		break
	fi
done
if [ -z "$port" ]; then
	echo "postgres.sh: the server did not start" >&2
	cat "$base/server.log" >&2 || true
	exit 1
fi

export TXVET_PG_DSN="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "postgres.sh: $("$bindir/postgres" --version) on 127.0.0.1:$port" >&2
status=0
"$@" || status=$?
exit "$status"
