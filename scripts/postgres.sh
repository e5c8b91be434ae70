#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests: `postgres.sh start DIR PORT` prints its URL; `postgres.sh stop DIR`.
# `postgres.sh replica DIR PORT PRIMARY_PORT` starts a streaming replica of the cluster on PRIMARY_PORT and prints its URL.
# `postgres.sh keep DIR PORT` starts the cluster in DIR, made there if new, and `postgres.sh halt DIR` stops it and keeps
# it (the benchmarks keep a big seed between runs: BENCH_PGDATA).
# As root it runs the server as the `postgres` user (initdb refuses root). fsync is off: the data is disposable.
set -euo pipefail
cmd=$1 dir=$2 port=${3:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -n $bindir ]] || { echo "no PostgreSQL server found (apt-get install postgresql)" >&2; exit 3; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
  start|keep)
    mkdir -p "$dir"
    [[ $(id -u) == 0 ]] && chown postgres "$dir"
    [[ $cmd == keep && -f $dir/data/PG_VERSION ]] || as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    [[ $cmd == keep ]] && as_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 && { echo "postgres://postgres@127.0.0.1:$port/postgres"; exit 0; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  replica)
    primary=${4:?usage: postgres.sh replica DIR PORT PRIMARY_PORT}
    mkdir -p "$dir"
    [[ $(id -u) == 0 ]] && chown postgres "$dir"
    # -R writes standby.signal and primary_conninfo: the copy starts as a hot standby that streams from the primary.
    as_pg "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir/data" -R -X stream >"$dir/basebackup.log" 2>&1
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c hot_standby=on" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  halt)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: postgres.sh start|keep|replica|stop|halt DIR [PORT] [PRIMARY_PORT]" >&2; exit 2 ;;
esac
