#!/usr/bin/env bash
# Installs what the addon needs around an importable Odoo 18, starts PostgreSQL
# on loopback and writes the Odoo configuration. Safe and fast to run again.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# 1. System packages (Debian): PostgreSQL, libpq for psycopg2, wkhtmltopdf for the
#    printed forms, poppler to read them back in tests, Chromium for browser tours;
#    Liberation Serif 2 (Times' metrics; version 1, fonts-liberation, has no Vietnamese letters).
need=()
for pkg in postgresql libpq-dev wkhtmltopdf poppler-utils fonts-dejavu-core fonts-liberation2 chromium; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} from Debian"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. Python: Odoo 18 runs on 3.10 to 3.12 (its pins here are for 3.11). An externally managed
#    interpreter (PEP 668: Debian's /usr/bin/python3, with EXTERNALLY-MANAGED in its stdlib
#    directory) refuses pip: the dependencies then go into a virtual environment, $DVK_VENV, made
#    with --system-site-packages so that it sees what that interpreter sees (Odoo included), and
#    every command uses it (DVK_PYTHON, scripts/common.sh). DVK_PYTHON_BIN chooses the interpreter
#    (python3 by default).
command -v "$DVK_PYTHON" >/dev/null 2>&1 || die "no $DVK_PYTHON on this machine: install Python 3.11, or name one with DVK_PYTHON_BIN=/path/to/python3.11."
pyver=$("$DVK_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
"$DVK_PYTHON" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' \
    || die "$DVK_PYTHON is Python $pyver; Odoo 18 runs on Python 3.10 to 3.12 (its pins here are for 3.11)."
mkdir -p "$DVK_STATE"
# (PEP 668: the marker does not apply inside a virtual environment, the user's own included)
marker=$("$DVK_PYTHON" -c 'import sys, sysconfig; print(sysconfig.get_path("stdlib") if sys.prefix == sys.base_prefix else "")')
marker=${marker:+$marker/EXTERNALLY-MANAGED}
if [ -n "$marker" ] && [ -f "$marker" ]; then
    base=$(command -v "$DVK_PYTHON")
    say "$base (Python $pyver) is externally managed ($marker): making the virtual environment $DVK_VENV (--system-site-packages) for the dependencies"
    if ! "$DVK_PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        say "installing python$pyver-venv from Debian (venv's pip)"
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "python$pyver-venv" >/dev/null
    fi
    if ! "$DVK_PYTHON" -m venv --system-site-packages "$DVK_VENV"; then
        rm -rf "$DVK_VENV"
        die "could not make the virtual environment $DVK_VENV with $base."
    fi
    dvk_use_python
fi
if [ "$DVK_PYTHON" = "$DVK_VENV/bin/python" ]; then
    say "Python $pyver of the virtual environment $DVK_VENV (over $("$DVK_PYTHON" -c 'import sys; print(sys._base_executable)'))"
fi

# 3. Odoo itself is not on any package registry: it must already be on this Python's path
#    (checked before the dependencies are installed, and imported once they are).
odoo_missing() {
    cat >&2 <<MSG
[danvan_khe] Odoo 18 is not importable by $DVK_PYTHON on this machine.
  danvan_khe is an Odoo 18.0 addon: install Odoo 18 Community first, so that
  '$DVK_PYTHON -c "import odoo"' works (for example a source checkout of Odoo 18.0
  added to Python's path with a .pth file), then run this command again.
MSG
    if [ "$DVK_PYTHON" = "$DVK_VENV/bin/python" ]; then
        cat >&2 <<MSG
  $DVK_PYTHON is the project's virtual environment over $("$DVK_PYTHON" -c 'import sys; print(sys._base_executable)'),
  which sees that interpreter's packages: put Odoo 18 on its path (or in $DVK_VENV yourself).
MSG
    fi
}
if ! (cd / && "$DVK_PYTHON" -c 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("odoo") else 1)'); then
    odoo_missing
    exit 1
fi

# 4. Python dependencies: Odoo 18's pins for Python 3.11, and the test tools.
stamp="$DVK_STATE/requirements.sha"
if [ "$DVK_PYTHON" = "$DVK_VENV/bin/python" ]; then stamp="$DVK_VENV/requirements.sha"; fi
digest=$(cat "$DVK_ROOT/requirements.txt" "$DVK_ROOT/requirements-test.txt" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    say "installing Python dependencies (requirements.txt, requirements-test.txt)"
    echo 'setuptools<80' > "$DVK_STATE/pip-constraints.txt"   # cbor2 5.4 does not build with setuptools 80
    PIP_CONSTRAINT="$DVK_STATE/pip-constraints.txt" "$DVK_PYTHON" -m pip install -q --disable-pip-version-check \
        -r "$DVK_ROOT/requirements.txt" -r "$DVK_ROOT/requirements-test.txt"
    echo "$digest" > "$stamp"
fi
if ! version=$(cd / && "$DVK_PYTHON" -c 'import odoo.release as r; print(r.version_info[0])' 2>/dev/null); then
    odoo_missing
    (cd / && "$DVK_PYTHON" -c 'import odoo' 2>&1 | tail -1 | sed 's/^/  python says: /' >&2) || true
    exit 1
fi
[ "$version" = "18" ] || die "Odoo $version is importable, but danvan_khe needs Odoo 18."

# 5. PostgreSQL on loopback, with a login role for Odoo.
if ! pg_isready -q -h "$DVK_DB_HOST" -p "$DVK_DB_PORT"; then
    say "starting PostgreSQL on $DVK_DB_HOST:$DVK_DB_PORT"
    cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    if [ -z "$cluster" ]; then
        major=$(ls /usr/lib/postgresql | sort -n | tail -1)
        pg_createcluster "$major" main --start-conf=manual -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
        cluster="$major main"
    fi
    pg_ctlcluster $cluster start
    for _ in $(seq 30); do pg_isready -q -h "$DVK_DB_HOST" -p "$DVK_DB_PORT" && break; sleep 1; done
fi
# The role is made by the cluster's superuser over its local socket: PG* variables
# name the project's role, which may not exist yet, so they are cleared for that call.
as_postgres() { su postgres -c "env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE psql -p $DVK_DB_PORT -qtA $*"; }
if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
    if [ "$(as_postgres "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$DVK_DB_USER'\"" 2>/dev/null)" = "1" ]; then
        die "the PostgreSQL role $DVK_DB_USER exists but does not accept the password in DVK_DB_PASSWORD; set DVK_DB_PASSWORD to its password (or DVK_DB_USER to another role)."
    fi
    say "creating the PostgreSQL role $DVK_DB_USER"
    as_postgres "-c \"CREATE ROLE \\\"$DVK_DB_USER\\\" LOGIN CREATEDB SUPERUSER PASSWORD '$DVK_DB_PASSWORD'\"" \
        || die "could not create the PostgreSQL role $DVK_DB_USER as the postgres superuser."
    psql -d postgres -tAc 'SELECT 1' >/dev/null || die "the role $DVK_DB_USER was created but cannot log in over $DVK_DB_HOST:$DVK_DB_PORT."
fi

# 6. Odoo's configuration: ours alone, loopback only.
cat > "$DVK_CONF" <<CONF
[options]
addons_path = $(odoo_addons_path),$DVK_ROOT
data_dir = $DVK_STATE/data
db_host = $DVK_DB_HOST
db_port = $DVK_DB_PORT
db_user = $DVK_DB_USER
db_password = $DVK_DB_PASSWORD
http_interface = 127.0.0.1
http_port = $DVK_PORT
gevent_port = $((DVK_PORT + 3))
list_db = False
admin_passwd = admin
email_from = danvan-khe@localhost
without_demo = False
CONF
say "ready: Odoo $(cd / && "$DVK_PYTHON" -c 'import odoo.release as r; print(r.version)'), config $DVK_CONF"
