# Shared settings of the project's commands; sourced, not run.
# shellcheck shell=bash
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

# The Python that runs Odoo and the tools. setup.sh starts from DVK_PYTHON_BIN (python3); when
# that interpreter is externally managed (PEP 668, e.g. Debian's /usr/bin/python3), setup makes
# a virtual environment in $DVK_VENV that sees its packages (an Odoo on its path included), and
# from then on every command runs DVK_PYTHON, that environment's python, and its tools (ruff,
# pylint, oca-checks-odoo-module) first on PATH. Remove $DVK_VENV to go back to DVK_PYTHON_BIN.
DVK_PYTHON_BIN=${DVK_PYTHON_BIN:-python3}
DVK_VENV=$DVK_STATE/venv
dvk_use_python() {
    if [ -x "$DVK_VENV/bin/python" ]; then
        DVK_PYTHON=$DVK_VENV/bin/python
        case ":$PATH:" in *":$DVK_VENV/bin:"*) ;; *) export PATH="$DVK_VENV/bin:$PATH" ;; esac
    else
        DVK_PYTHON=$DVK_PYTHON_BIN
    fi
    export DVK_PYTHON
}
dvk_use_python

say() { printf '\033[1m[danvan_khe]\033[0m %s\n' "$*"; }
die() { printf '[danvan_khe] %s\n' "$*" >&2; exit 1; }

odoo_addons_path() {
    "$DVK_PYTHON" -c 'import os, odoo.addons as a; print(",".join(p for p in a.__path__ if os.path.isdir(p)))'
}

odoo_bin() {
    "$DVK_PYTHON" -m odoo -c "$DVK_CONF" "$@"
}

db_exists() {
    [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'")" = "1" ]
}
