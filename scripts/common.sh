# Shared settings of the project's commands; sourced, not run.
# Every server listens on and connects to loopback only.
DVK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DVK_DB=${DVK_DB:-danvan_khe_demo}
DVK_PORT=${DVK_PORT:-8069}
DVK_DB_HOST=${DVK_DB_HOST:-127.0.0.1}
DVK_DB_PORT=${DVK_DB_PORT:-5432}
DVK_DB_USER=${DVK_DB_USER:-odoo}
DVK_DB_PASSWORD=${DVK_DB_PASSWORD:-odoo}
DVK_STATE=${DVK_STATE:-$DVK_ROOT/.dvk}
DVK_CONF=$DVK_STATE/odoo.conf
export PGHOST=$DVK_DB_HOST PGPORT=$DVK_DB_PORT PGUSER=$DVK_DB_USER PGPASSWORD=$DVK_DB_PASSWORD

say() { printf '\033[1m[danvan_khe]\033[0m %s\n' "$*"; }
die() { printf '[danvan_khe] %s\n' "$*" >&2; exit 1; }

odoo_addons_path() {
    python3 -c 'import os, odoo.addons as a; print(",".join(p for p in a.__path__ if os.path.isdir(p)))'
}

odoo_bin() {
    python3 -m odoo -c "$DVK_CONF" "$@"
}

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'")" = "1" ]
}
