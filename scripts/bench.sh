#!/usr/bin/env bash
# make bench: province-scale figures in a throwaway database (never part of make test).
set -euo pipefail
source "$(dirname "$0")/common.sh"
db=${DVK_BENCH_DB:-danvan_khe_bench}
dropdb --if-exists "$db" >/dev/null 2>&1
trap 'dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
say "installing danvan_khe without demo data in $db"
odoo_bin -d "$db" -i danvan_khe,base_import --without-demo=all --stop-after-init --log-level=warn
python3 "$DVK_ROOT/bench/bench.py" "$DVK_CONF" "$db"
