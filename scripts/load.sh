#!/usr/bin/env bash
# make load: Odoo with --workers 4 on 127.0.0.1, DVK_LOAD_USERS (20) concurrent users through the
# path of a registration for DVK_LOAD_SECONDS (60) s, DVK_LOAD_THINK_MS (1000) ms between a user's
# steps, the printed form every DVK_LOAD_PRINT_EVERY (2nd) iteration; then DVK_LOAD_STRESS_SECONDS (0)
# s more without think time; then the database checked in SQL (bench/load.py).
# Usage: scripts/load.sh [DB [OUT_JSON]]   (default DB: dvk_load, created with the addon when absent)
set -euo pipefail
source "$(dirname "$0")/common.sh"
source "$DVK_ROOT/bench/servers.sh"

db=${1:-${DVK_LOAD_DB:-dvk_load}}
out=${2:-$DVK_STATE/load-$db.json}
port=${DVK_LOAD_PORT:-8470}
report_port=${DVK_LOAD_REPORT_PORT:-8472}
users=${DVK_LOAD_USERS:-20}
seconds=${DVK_LOAD_SECONDS:-60}
print_every=${DVK_LOAD_PRINT_EVERY:-2}
think=${DVK_LOAD_THINK_MS:-1000}
stress=${DVK_LOAD_STRESS_SECONDS:-0}
workers=${DVK_LOAD_WORKERS:-4}
case "$db" in dvk_load*|dvk_bench*|dvk_perf_*) ;; *) die "the load test runs on a dvk_load*, dvk_bench* or dvk_perf_* database, not $db" ;; esac
mkdir -p "$DVK_STATE"

if ! db_exists "$db"; then
    say "installing danvan_khe without demo data in $db"
    odoo_bin "${DVK_ODOO_ADDONS[@]}" -d "$db" -i danvan_khe --without-demo=all --stop-after-init --log-level=warn
fi
fixture=$DVK_STATE/load-fixture-$db.json
"$DVK_PYTHON" "$DVK_ROOT/bench/load_fixture.py" "$DVK_CONF" "$db" "$fixture" "$users" \
    "http://127.0.0.1:$port" "http://127.0.0.1:$report_port" "${DVK_ODOO_ADDONS[@]}"

trap stop_odoo_all EXIT
log=$DVK_STATE/load-server-$db.log
say "Odoo on 127.0.0.1:$port with --workers $workers (log: $log); report.url on 127.0.0.1:$report_port (threaded)"
# wkhtmltopdf fetches the printed form's stylesheets from report.url: a threaded server, not the workers
start_odoo "$db" "$report_port" "$DVK_STATE/load-report-server-$db.log" --workers 0
start_odoo "$db" "$port" "$log" --workers "$workers" --gevent-port "${DVK_LOAD_GEVENT_PORT:-8478}"

"$DVK_PYTHON" "$DVK_ROOT/bench/load.py" "http://127.0.0.1:$port" "$fixture" "$out" --users "$users" \
    --duration "$seconds" --print-every "$print_every" --think "$think" --stress-duration "$stress"
stop_odoo_all
trap - EXIT
# the server's own view of the run: the requests it logged, its ERROR lines
"$DVK_PYTHON" - "$out" "$log" <<'PY'
import json, re, sys
out, log = sys.argv[1], sys.argv[2]
figures = json.load(open(out))
text = open(log, errors="replace").read()
figures["load_server_errors"] = len(re.findall(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) ", text, re.M))
figures["load_server_requests"] = len(re.findall(r"werkzeug: 127\.0\.0\.1 ", text))
json.dump(figures, open(out, "w"))
print(f"  server log: {figures['load_server_requests']} requests, {figures['load_server_errors']} ERROR lines")
PY
