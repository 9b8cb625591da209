#!/usr/bin/env bash
# make bench: province-scale figures in a throwaway database (never part of make test), in one run:
#   1. bench/bench.py, in-process: 100 000 models; the views as the web client asks for them, at ~1 000 and
#      100 000 models, as Home Affairs and as agency staff; lists, province reports, imports, PDF;
#   2. scripts/load.sh: Odoo with --workers 4, 20 users through the path of a registration over loopback;
#   3. scripts/replica.sh: a streaming replica on 127.0.0.1:5433 and Odoo sending it the read-only requests.
# The last line is one JSON object (bench/summary.py); the exit status is 1 when something failed.
set -uo pipefail
source "$(dirname "$0")/common.sh"
source "$DVK_ROOT/bench/servers.sh"
db=${DVK_BENCH_DB:-dvk_bench}
case "$db" in dvk_bench*|dvk_perf_*) ;; *) die "make bench uses a dvk_bench* or dvk_perf_* database, not $db" ;; esac
out=${DVK_BENCH_OUT:-$DVK_STATE/bench}
mkdir -p "$out"
rm -f "$out"/measure.json "$out"/load.json "$out"/replica.json
cleanup() {
    stop_odoo_all
    [ -n "${DVK_KEEP_DB:-}" ] || dropdb --if-exists "$db" >/dev/null 2>&1
}
trap cleanup EXIT
start=$(date +%s)
dropdb --if-exists "$db" >/dev/null 2>&1
say "installing danvan_khe without demo data in $db"
odoo_bin "${DVK_ODOO_ADDONS[@]}" -d "$db" -i danvan_khe,base_import --without-demo=all --stop-after-init \
    --log-level=warn || die "the addon did not install in $db"
say "1/3 in-process measurements at province scale"
# wkhtmltopdf fetches the printed form's stylesheets from report.url: a threaded server, as in the load test
report_port=${DVK_LOAD_REPORT_PORT:-8472}
start_odoo "$db" "$report_port" "$DVK_STATE/bench-report-server-$db.log" --workers 0
DVK_BENCH_REPORT_URL="http://127.0.0.1:$report_port" \
    "$DVK_PYTHON" "$DVK_ROOT/bench/bench.py" "$DVK_CONF" "$db" "$out/measure.json" "${DVK_ODOO_ADDONS[@]}"
measure=$?
stop_odoo_all
load=1
replica=1
if [ $measure -eq 0 ]; then
    say "2/3 load: Odoo --workers 4, ${DVK_LOAD_USERS:-20} users, ${DVK_LOAD_SECONDS:-60} s"
    DVK_LOAD_STRESS_SECONDS=${DVK_LOAD_STRESS_SECONDS:-30} bash "$DVK_ROOT/scripts/load.sh" "$db" "$out/load.json"
    load=$?
    if [ "${DVK_BENCH_REPLICA:-1}" = 0 ]; then
        say "3/3 streaming replica: skipped (DVK_BENCH_REPLICA=0)"
        replica=skipped
    else
        say "3/3 streaming replica and read-only requests"
        bash "$DVK_ROOT/scripts/replica.sh" "$db" "$out/replica.json"
        replica=$?
    fi
fi
say "make bench took $(($(date +%s) - start)) s"
"$DVK_PYTHON" "$DVK_ROOT/bench/summary.py" "$out/measure.json" "$out/load.json" "$out/replica.json" \
    "bench.py=$measure" "load=$load" "replica=$replica"
