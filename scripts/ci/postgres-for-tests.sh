#!/usr/bin/env bash
# Runs a command (CI: `npm test`) with a throwaway PostgreSQL cluster for the test suite:
#   scripts/ci/postgres-for-tests.sh npm test
# Finds initdb/pg_ctl (on PATH, else /usr/lib/postgresql/*/bin; as root it installs Debian's
# `postgresql` when neither has them), creates a cluster in a temporary folder owned by a non-root
# user (PostgreSQL refuses to run as root), starts it on a Unix socket in that folder only (no TCP),
# runs the command with LOKET_TEST_DATABASE_URL naming it, then stops the cluster and removes the
# folder, whatever the command's outcome. Exits with the command's status. When PostgreSQL cannot
# be had (no root to install it, no package, a cluster that will not start) it says why and runs the
# command without it: the PostgreSQL tests then do not run, and the rest of the suite still decides.
set -euo pipefail

without_postgres() {
  echo "PostgreSQL for the tests: $1 — running without LOKET_TEST_DATABASE_URL" >&2
  exec "${command[@]}"
}
command=("$@")

PG_USER=loket-ci-pg # the cluster's owner when this runs as root
PG_PORT=5432        # only names the socket file: the socket lives in the private folder below

pg_bin_dir() {
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && echo "$dir"
}

bin=$(pg_bin_dir || true)
if [[ -z $bin ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    without_postgres "initdb/pg_ctl not found (install Debian's postgresql, or run as root)"
  fi
  echo "Installing PostgreSQL (Debian's postgresql) for the test suite …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null || without_postgres "apt-get install postgresql failed"
  bin=$(pg_bin_dir || true)
  [[ -n $bin ]] || without_postgres "postgresql is installed but initdb/pg_ctl are still not found"
fi

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
  as_owner=(runuser -u "$PG_USER" --)
fi

dir=$(mktemp -d /tmp/loket-pg.XXXXXX)
chmod 700 "$dir"
[[ ${#as_owner[@]} -eq 0 ]] || chown "$PG_USER" "$dir"

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

if ! "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U loket -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  stop
  trap - EXIT
  without_postgres "initdb failed"
fi
if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
  -o "-k $dir -p $PG_PORT -c listen_addresses= -c fsync=off -c synchronous_commit=off" start; then
  cat "$dir/server.log" >&2
  stop
  trap - EXIT
  without_postgres "the cluster did not start"
fi

# The suite's database collates as an office's server may (ICU id-ID, not C), so nothing may rely on
# the database's collation (migration 14 makes every text column byte-ordered); without ICU, the
# cluster's own C database.
database=postgres
psql=$bin/psql
[[ -x $psql ]] || psql=$(command -v psql || true)
if [[ -n $psql ]] && "${as_owner[@]}" "$psql" -q -h "$dir" -p "$PG_PORT" -U loket -d postgres -c \
  "CREATE DATABASE loket_test TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'id-ID' LOCALE 'C.UTF-8'" \
  >"$dir/createdb.log" 2>&1; then
  database=loket_test
else
  echo "PostgreSQL for the tests: no ICU id-ID database ($(tail -n 1 "$dir/createdb.log" 2>/dev/null)) — using the C database" >&2
fi
export LOKET_TEST_DATABASE_URL="postgresql://loket@/$database?host=$dir&port=$PG_PORT"
status=0
"$@" || status=$?
exit "$status"
