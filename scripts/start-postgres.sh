#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the central service's tests and bench (issue 6), and prints its URL:
#   export OW_TEST_DATABASE_URL=$(bash scripts/start-postgres.sh)
# Idempotent: a server it started before and that still answers is reused (same URL); a stopped one
# is started again. Uses Debian's packaged binaries (apt-get install postgresql; they live under
# /usr/lib/postgresql/<version>/bin) without touching the system cluster: its own data folder
# (/tmp/onewindow-pg as root, initdb'd as the `postgres` user; /tmp/onewindow-pg-<uid> as anyone else,
# as the caller with superuser name postgres), trust authentication, listening on 127.0.0.1 only, on a
# free port. Only the URL goes to stdout (also written to <folder>/url); everything else to stderr.
set -euo pipefail

# Root's server runs as the user postgres; anyone else's as themselves, in a folder of their own
# (a folder root made belongs to postgres, and another user could not use it).
if [ "$(id -u)" -eq 0 ]; then BASE=${OW_PG_DIR:-/tmp/onewindow-pg}; else BASE=${OW_PG_DIR:-/tmp/onewindow-pg-$(id -u)}; fi
DATA="$BASE/data"
DATABASE=onewindow_test
START_TIMEOUT_S=30

say() { echo "start-postgres: $*" >&2; }
die() {
  echo "start-postgres: $*" >&2
  exit 1
}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || die "no PostgreSQL binaries under /usr/lib/postgresql/*/bin: apt-get install postgresql"

# Run a PostgreSQL binary as the owner of the data folder: postgres refuses to run as root.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "no user postgres (the Debian package creates it): apt-get install postgresql"
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

answers() { # port
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -t 2 >/dev/null 2>&1
}

port_free() { # port: nothing listens there
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local p
  for p in $(seq 54329 54529); do
    if port_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

mkdir -p "$BASE"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$BASE"; fi

port=""
[ -f "$BASE/port" ] && port=$(cat "$BASE/port")

if [ -n "$port" ] && answers "$port" && as_owner "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') is running on 127.0.0.1:$port ($DATA)"
else
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner mkdir -p "$DATA"
    as_owner "$bindir/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 ||
      { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
    say "initdb: $DATA"
  fi
  if as_owner "$bindir/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null # running, but not where we expect it
  fi
  if [ -z "$port" ] || ! port_free "$port"; then
    port=$(free_port) || die "no free port in 54329-54529"
  fi
  # Tests run files in parallel, each with a pool of its own: more connections than the default 100.
  as_owner "$bindir/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t "$START_TIMEOUT_S" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$BASE -c max_connections=300" start >/dev/null ||
    { tail -n 20 "$BASE/server.log" >&2; die "PostgreSQL did not start (log: $BASE/server.log)"; }
  echo "$port" >"$BASE/port"
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port ($DATA)"
fi

psql_() { "$bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 "$@"; }
if [ "$(psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
  psql_ -d postgres -c "CREATE DATABASE $DATABASE" >/dev/null
  say "database $DATABASE created"
fi

url="postgres://postgres@127.0.0.1:$port/$DATABASE"
echo "$url" >"$BASE/url"
echo "$url"
