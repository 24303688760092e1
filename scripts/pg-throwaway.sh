#!/usr/bin/env bash
# Source this file: starts a throwaway PostgreSQL cluster on 127.0.0.1 (a free port, trust auth, no
# fsync), exports DATABASE_URL, and stops and removes the cluster when the sourcing shell exits.
pg_bin=$(dirname "$(ls -1 /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/guichet-pg.XXXXXX)
pg_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; fi
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; return 1 2>/dev/null || exit 1; }
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start > /dev/null || { cat "$pg_dir/server.log" >&2; return 1 2>/dev/null || exit 1; }
export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
pg_cleanup() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap pg_cleanup EXIT
echo "Throwaway PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
