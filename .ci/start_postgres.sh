#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1:54329 for the shared-mode tests and print the
# SQLAlchemy URL to use. Installs Debian's postgresql when missing. Prints nothing if it cannot run.
set -u
PORT=54329
DATA=/tmp/mieruka-ci-pg
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1; }
  fi
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || exit 0
run_as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
if ! run_as_pg "$PGBIN/pg_isready -h 127.0.0.1 -p $PORT" >/dev/null 2>&1; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  run_as_pg "$PGBIN/initdb -D $DATA -A trust -U postgres -E UTF8 --locale=C" >/dev/null 2>&1 || exit 0
  run_as_pg "$PGBIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null 2>&1 || exit 0
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
