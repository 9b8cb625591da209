#!/usr/bin/env bash
# make lint (and the first step of make test): ruff, pylint-odoo, OCA's XML/CSV checks, and
# every test file listed in danvan_khe/tests/__init__.py (Odoo's own runner, which runs the
# browser tours, runs only the test modules imported there; pytest-odoo finds the files itself).
# The tools are those of DVK_PYTHON (scripts/common.sh): the project's venv when there is one.
set -uo pipefail
source "$(dirname "$0")/common.sh"

say "lint: ruff"
ruff check "$DVK_ROOT/danvan_khe" "$DVK_ROOT/scripts" "$DVK_ROOT/bench" || exit 1
say "lint: pylint-odoo (manifest, XML, CSV)"
"$DVK_PYTHON" -m pylint --rcfile="$DVK_ROOT/.pylintrc" "$DVK_ROOT/danvan_khe" || exit 1
oca-checks-odoo-module "$DVK_ROOT/danvan_khe" || exit 1
missing=()
for path in "$DVK_ROOT"/danvan_khe/tests/test_*.py; do
    name=$(basename "$path" .py)
    grep -qx "from \. import $name" "$DVK_ROOT/danvan_khe/tests/__init__.py" || missing+=("$name")
done
[ ${#missing[@]} -eq 0 ] || die "danvan_khe/tests/__init__.py does not import ${missing[*]}: Odoo's runner would not see them"
