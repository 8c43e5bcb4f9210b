#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432, lets the user
# `postgres` in without a password (trust auth) and has a database `test`.
# The test suite runs every storage test against it when
# NASTAVNIK_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test is set.
#
# Three cases, all idempotent:
#   1. a server already answers      -> only make sure database `test` exists;
#   2. a Debian cluster exists       -> start it (pg_ctlcluster), then 1.;
#   3. no PostgreSQL server at all   -> apt-get install postgresql, configure
#                                       trust auth + listen on 127.0.0.1,
#                                       start the cluster, then 1.
# In cases 2 and 3 (and in 1 when the server is a local Debian cluster that
# still asks for a password) pg_hba.conf is rewritten for trust auth. That is
# only acceptable on a throwaway test/CI machine, which is what this is for.
#
# Works as root on Debian 12; also without systemd (containers), because it
# drives the cluster with `pg_ctlcluster --skip-systemctl-redirect`.
set -euo pipefail

HOST=127.0.0.1
PORT=5432
DB=test
URL="postgres://postgres@${HOST}:${PORT}/${DB}"
CLUSTER_NAME=main
WAIT_SECONDS=30

log() { echo "ensure-postgres: $*"; }
die() { echo "ensure-postgres: ERROR: $*" >&2; exit 1; }

# shellcheck source=scripts/as-root.sh
. "$(dirname "${BASH_SOURCE[0]}")/as-root.sh"

# psql as user postgres over TCP; -w: never prompt for a password (fail instead).
pg_psql() {
    psql -w -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres "$@"
}

server_ready() {
    # pg_isready ships with postgresql-client; fall back to a plain query.
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$HOST" -p "$PORT"
    else
        pg_psql -d postgres -c 'SELECT 1' >/dev/null 2>&1
    fi
}

wait_ready() {
    local i
    for ((i = 0; i < WAIT_SECONDS; i++)); do
        if server_ready; then
            return 0
        fi
        sleep 1
    done
    die "PostgreSQL did not become ready on ${HOST}:${PORT} within ${WAIT_SECONDS}s"
}

# Version of the first Debian cluster named "main" (e.g. "15"), or nothing.
cluster_version() {
    local v
    [ -d /etc/postgresql ] || return 0
    for v in $(ls /etc/postgresql | sort -V); do
        if [ -d "/etc/postgresql/$v/$CLUSTER_NAME" ]; then
            echo "$v"
            return 0
        fi
    done
}

# Rewrite the cluster's auth/listen config for passwordless local testing.
configure_cluster() {
    local ver=$1
    local dir="/etc/postgresql/$ver/$CLUSTER_NAME"
    log "configuring cluster $ver/$CLUSTER_NAME: trust auth, listen on $HOST:$PORT"
    # Keep the packaged pg_hba.conf once, for reference.
    if [ -f "$dir/pg_hba.conf" ] && [ ! -f "$dir/pg_hba.conf.orig" ]; then
        as_root cp -p "$dir/pg_hba.conf" "$dir/pg_hba.conf.orig"
    fi
    as_root tee "$dir/pg_hba.conf" >/dev/null <<'HBA'
# Written by scripts/ensure-postgres.sh (Nastavnik test machine):
# passwordless access from this host only. Original: pg_hba.conf.orig
# TYPE  DATABASE     USER  ADDRESS        METHOD
local   all          all                  trust
host    all          all   127.0.0.1/32   trust
host    all          all   ::1/128        trust
local   replication  all                  trust
host    replication  all   127.0.0.1/32   trust
host    replication  all   ::1/128        trust
HBA
    # Debian's postgresql.conf includes conf.d/, so a drop-in file is enough
    # and keeps postgresql.conf untouched.
    as_root mkdir -p "$dir/conf.d"
    as_root tee "$dir/conf.d/nastavnik-test.conf" >/dev/null <<CONF
# Written by scripts/ensure-postgres.sh (Nastavnik test machine).
listen_addresses = '$HOST'
port = $PORT
CONF
    # Guard against a postgresql.conf without the include_dir line.
    if ! grep -Eq "^[[:space:]]*include_dir[[:space:]]*=[[:space:]]*'conf\.d'" "$dir/postgresql.conf"; then
        echo "include_dir = 'conf.d'" | as_root tee -a "$dir/postgresql.conf" >/dev/null
    fi
}

# Start the cluster, or restart it if it is already running (so that a
# changed listen_addresses takes effect).
start_cluster() {
    local ver=$1 status=0
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER_NAME" status >/dev/null 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then
        log "restarting cluster $ver/$CLUSTER_NAME"
        as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER_NAME" restart
    else
        log "starting cluster $ver/$CLUSTER_NAME"
        as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER_NAME" start
    fi
}

ensure_test_db() {
    local exists
    exists=$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='${DB}'")
    if [ "$exists" = "1" ]; then
        log "database '${DB}' exists"
    else
        log "creating database '${DB}'"
        pg_psql -d postgres -c "CREATE DATABASE \"${DB}\""
    fi
}

# --- main -------------------------------------------------------------------

command -v psql >/dev/null 2>&1 || {
    log "psql not found; installing postgresql-client"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y postgresql-client
}

if server_ready; then
    log "server already answers on ${HOST}:${PORT}"
else
    ver=$(cluster_version)
    if [ -n "$ver" ]; then
        log "found existing cluster $ver/$CLUSTER_NAME"
        # A cluster configured for another port would never answer here.
        cluster_port=$(pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v c="$CLUSTER_NAME" '$1 == v && $2 == c { print $3 }' || true)
        if [ -n "$cluster_port" ] && [ "$cluster_port" != "$PORT" ]; then
            log "cluster $ver/$CLUSTER_NAME is configured for port $cluster_port"
            configure_cluster "$ver"
        fi
    else
        log "no PostgreSQL cluster found; installing postgresql via apt"
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get update
        as_root apt-get install -y postgresql
        ver=$(cluster_version)
        [ -n "$ver" ] || die "postgresql installed but no cluster '$CLUSTER_NAME' under /etc/postgresql"
        configure_cluster "$ver"
    fi
    start_cluster "$ver"
    wait_ready
fi

# The server answers; make sure we can get in without a password. If not and
# the server is a local Debian cluster, switch it to trust auth and reload.
if ! pg_psql -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    ver=$(cluster_version)
    [ -n "$ver" ] || die "server on ${HOST}:${PORT} refuses passwordless login as postgres and is not a local Debian cluster; fix its pg_hba.conf (trust for 127.0.0.1/32)"
    configure_cluster "$ver"
    log "reloading cluster $ver/$CLUSTER_NAME"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$CLUSTER_NAME" reload
    sleep 1
    wait_ready
    pg_psql -d postgres -c 'SELECT 1' >/dev/null \
        || die "still cannot log in as postgres on ${HOST}:${PORT} without a password"
fi

ensure_test_db
log "ready"
echo "$URL"
