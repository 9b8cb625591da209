#!/usr/bin/env bash
# make serve: the demo database (created with the addon and its demo data when
# absent), served on 127.0.0.1 in the foreground.
set -euo pipefail
source "$(dirname "$0")/common.sh"

if ! db_exists "$DVK_DB"; then
    say "creating the demo database $DVK_DB (admin/admin, demo data, Vietnamese)"
    odoo_bin -d "$DVK_DB" -i danvan_khe --load-language=vi_VN --stop-after-init --log-level=warn
    "$DVK_PYTHON" "$DVK_ROOT/scripts/demo_settings.py" "$DVK_CONF" "$DVK_DB" "http://127.0.0.1:$DVK_PORT"
fi
say "serving $DVK_DB on http://127.0.0.1:$DVK_PORT (Ctrl-C stops)"
exec "$DVK_PYTHON" -m odoo -c "$DVK_CONF" -d "$DVK_DB" --db-filter "^$DVK_DB\$" ${DVK_SERVE_ARGS:-}
