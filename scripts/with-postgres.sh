#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free loopback port, runs the given command with
# BALLAST_PG / BALLAST_TEST_PG / BALLAST_BENCH_PG set to its connection string, then stops and deletes it.
# Usage: scripts/with-postgres.sh ./ballast bench import
# Needs Debian's postgresql package (initdb and pg_ctl); run as root, the cluster runs as the postgres user.
set -euo pipefail
bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }
dir=$(mktemp -d /tmp/ballast-pg.XXXXXX)
chmod 755 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
run() { if [ "$(id -u)" = 0 ]; then (cd "$dir" && runuser -u postgres -- "$@"); else (cd "$dir" && "$@"); fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
run "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
# Bulk-load settings (stated in docs/benchmarks.md): fewer forced checkpoints; durability settings left at their defaults.
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_wal_size=8GB -c shared_buffers=1GB" start >/dev/null
cleanup() { run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
conn="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export BALLAST_PG="$conn" BALLAST_TEST_PG="$conn" BALLAST_BENCH_PG="$conn"
"$@"
