#!/usr/bin/env bash
# make replica: a streaming replica of the PostgreSQL cluster on 127.0.0.1:5433 (pg_basebackup -R into a
# second cluster), Odoo started with --db_replica_host/--db_replica_port, every role's reads answered and
# proven to be served by the replica (bench/replica_check.py). The replica is removed at the end
# (DVK_KEEP_REPLICA=1 keeps it running).
# Usage: scripts/replica.sh [DB [OUT_JSON]]   (default DB: dvk_load; the load fixture is made when absent)
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$DVK_ROOT/bench/servers.sh"

db=${1:-${DVK_REPLICA_DB:-dvk_load}}
out=${2:-$DVK_STATE/replica-$db.json}
replica_port=5433
dir=${DVK_REPLICA_DIR:-/var/lib/postgresql/dvk_replica_$replica_port}
port=${DVK_REPLICA_ODOO_PORT:-8471}
report_port=${DVK_LOAD_REPORT_PORT:-8472}
case "$db" in dvk_load*|dvk_bench*) ;; *) die "the replica check runs on a dvk_load* or dvk_bench* database, not $db" ;; esac
mkdir -p "$DVK_STATE"

major=$(psql -d postgres -tAc "SELECT current_setting('server_version_num')::int / 10000")
pgbin=/usr/lib/postgresql/$major/bin
[ -x "$pgbin/pg_basebackup" ] || die "no $pgbin/pg_basebackup: the replica needs PostgreSQL $major's server binaries"
as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"
    elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
    else sudo -n -u postgres "$@"
    fi
}

# the primary must allow streaming replication for our role over loopback
[ "$(psql -d postgres -tAc "SHOW wal_level")" != minimal ] || die "the primary has wal_level=minimal: set wal_level=replica"
[ "$(psql -d postgres -tAc "SHOW max_wal_senders")" -gt 0 ] || die "the primary has max_wal_senders=0"
[ "$(psql -d postgres -tAc "SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = current_user")" = t ] \
    || die "role $DVK_DB_USER may not replicate: ALTER ROLE $DVK_DB_USER REPLICATION"
if ss -ltn 2>/dev/null | grep -q "127.0.0.1:$replica_port "; then
    [ -f "$dir/postmaster.pid" ] || die "port $replica_port is taken by another server"
fi

stop_replica() {
    if [ -f "$dir/postmaster.pid" ]; then as_postgres "$pgbin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null || true; fi
}
cleanup() {
    stop_odoo_all
    if [ -z "${DVK_KEEP_REPLICA:-}" ]; then stop_replica; rm -rf "$dir"; fi
}
trap cleanup EXIT

if ! db_exists "$db"; then
    say "installing danvan_khe without demo data in $db"
    odoo_bin "${DVK_ODOO_ADDONS[@]}" -d "$db" -i danvan_khe --without-demo=all --stop-after-init --log-level=warn
fi
fixture=$DVK_STATE/load-fixture-$db.json
if [ ! -f "$fixture" ]; then
    "$DVK_PYTHON" "$DVK_ROOT/bench/load_fixture.py" "$DVK_CONF" "$db" "$fixture" "${DVK_LOAD_USERS:-20}" \
        "http://127.0.0.1:${DVK_LOAD_PORT:-8470}" "http://127.0.0.1:$report_port" "${DVK_ODOO_ADDONS[@]}"
fi

say "streaming replica: pg_basebackup -R of 127.0.0.1:5432 into $dir, served on 127.0.0.1:$replica_port"
stop_replica
rm -rf "$dir"
install -d -o postgres -g postgres -m 700 "$dir"
start=$(date +%s)
as_postgres env PGPASSWORD="$DVK_DB_PASSWORD" "$pgbin/pg_basebackup" -h 127.0.0.1 -p 5432 -U "$DVK_DB_USER" \
    -D "$dir" -R -X stream -c fast
# a hot standby needs these at least as high as on the primary
settings=$(psql -d postgres -tAc "SELECT string_agg(name || ' = ' || setting, E'\n') FROM pg_settings WHERE name IN
    ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions',
     'max_locks_per_transaction')")
as_postgres tee "$dir/postgresql.conf" >/dev/null <<CONF
# danvan_khe make bench: a hot standby of 127.0.0.1:5432 on loopback
listen_addresses = '127.0.0.1'
port = $replica_port
unix_socket_directories = '$dir'
cluster_name = 'dvk_replica'
hot_standby = on
hot_standby_feedback = on
shared_buffers = 128MB
$settings
log_destination = 'stderr'
logging_collector = off
log_statement = 'all'
log_line_prefix = '%m [%p] %d %a '
CONF
as_postgres tee "$dir/pg_hba.conf" >/dev/null <<HBA
local all postgres peer
host  all all 127.0.0.1/32 scram-sha-256
HBA
as_postgres touch "$dir/pg_ident.conf"
as_postgres "$pgbin/pg_ctl" -D "$dir" -l "$dir/replica.log" -w -t 120 start >/dev/null
streaming=""
for _ in $(seq 1 60); do
    streaming=$(psql -d postgres -tAc "SELECT state FROM pg_stat_replication WHERE application_name = 'dvk_replica'")
    [ "$streaming" = streaming ] && break
    sleep 1
done
[ "$streaming" = streaming ] || { tail -20 "$dir/replica.log"; die "the replica does not stream from the primary"; }
say "replica streaming ($(($(date +%s) - start)) s, $(du -sh "$dir" | cut -f1)); in recovery: $(psql -p $replica_port -d "$db" -tAc "SELECT pg_is_in_recovery()")"

log=$DVK_STATE/replica-server-$db.log
replica_opts=(--db_replica_host 127.0.0.1 --db_replica_port "$replica_port")
say "Odoo on 127.0.0.1:$port with ${replica_opts[*]} (log: $log)"
start_odoo "$db" "$report_port" "$DVK_STATE/replica-report-server-$db.log" --workers 0 "${replica_opts[@]}"
start_odoo "$db" "$port" "$log" --workers 2 --gevent-port "${DVK_REPLICA_GEVENT_PORT:-8477}" "${replica_opts[@]}"
"$DVK_PYTHON" "$DVK_ROOT/bench/replica_check.py" "http://127.0.0.1:$port" "$fixture" "$out" "$log" "$replica_port" \
    "$dir/replica.log"
