#!/usr/bin/env bash
# make test: lint, then the addon's tests on a real Odoo 18 and PostgreSQL, in a
# throwaway database: pytest-odoo for the Python tests, Odoo's own runner for the
# browser tours (HttpCase in headless Chromium). Fails when no Odoo test ran.
set -uo pipefail
source "$(dirname "$0")/common.sh"

db=${DVK_TEST_DB:-danvan_khe_test_$$}
log=$DVK_STATE/test-$db.log
cleanup() { [ -n "${DVK_KEEP_DB:-}" ] || dropdb --if-exists "$db" >/dev/null 2>&1; }
trap cleanup EXIT

bash "$DVK_ROOT/scripts/lint.sh" || exit 1

dropdb --if-exists "$db" >/dev/null 2>&1
say "installing danvan_khe (with demo data) in the throwaway database $db"
if ! odoo_bin -d "$db" -i danvan_khe --stop-after-init --log-level=warn >"$log" 2>&1; then
    tail -50 "$log"; die "the addon did not install"
fi
grep -E " (ERROR|CRITICAL) " "$log" && die "the install logged errors (see above)"

say "tests: pytest-odoo"
junit=$DVK_STATE/pytest-$db.xml
rm -f "$junit"
"$DVK_PYTHON" -m pytest --odoo-config="$DVK_CONF" --odoo-database="$db" -p no:cacheprovider \
    -q -r fEs --junitxml="$junit" --ignore-glob="$DVK_ROOT/danvan_khe/tests/test_tours*.py" \
    "$DVK_ROOT/danvan_khe/tests" ${DVK_PYTEST_ARGS:-}
rc=$?
if [ $rc -eq 5 ]; then die "pytest ran no test"; fi
[ $rc -eq 0 ] || exit $rc
# Passing is not enough: the Odoo tests (TransactionCase and the like, on the database)
# must have run. Every test file that imports Odoo must have passed tests: a run that
# filtered them out (-k sheet) or skipped a whole file proves nothing about Odoo.
"$DVK_PYTHON" - "$junit" "$DVK_ROOT/danvan_khe/tests" <<'PY' || die "the Odoo tests did not all run (see above): a partial run proves nothing"
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

junit, folder = sys.argv[1], pathlib.Path(sys.argv[2])
# a test file is an Odoo test file when it imports Odoo (directly or through .common)
odoo_files = sorted(
    path.stem
    for path in folder.glob("test_*.py")
    if not path.name.startswith("test_tours")  # the browser tours run in Odoo's own runner below
    and re.search(r"^\s*(from odoo\b|import odoo\b|from \.common import)", path.read_text(), re.M)
)
ran = dict.fromkeys(odoo_files, 0)
skipped = {name: [] for name in odoo_files}
for case in ET.parse(junit).getroot().iter("testcase"):
    parts = case.get("classname", "").split(".")
    module = next((part for part in reversed(parts) if part in ran), None)
    if module is None:
        continue
    if case.find("skipped") is not None:
        skipped[module].append(f"{case.get('classname')}.{case.get('name')}")
    elif case.find("failure") is None and case.find("error") is None:
        ran[module] += 1
problems = [f"{name}.py: no Odoo test ran" for name, count in ran.items() if not count]
for test in (test for tests in skipped.values() for test in tests):
    print(f"skipped: {test}")
total = sum(ran.values())
# not an "N passed" line: CI reads pytest's own closing line above
print(f"odoo tests that ran: {total}, in {len(odoo_files)} files (" + ", ".join(f"{k} {v}" for k, v in ran.items()) + ")")
if not odoo_files or not total or problems:
    print("\n".join(problems) or "no Odoo test ran", file=sys.stderr)
    sys.exit(1)
PY

if [ -z "${DVK_SKIP_TOURS:-}" ]; then
    say "tests: browser tours in headless Chromium (Odoo's runner, tag dvk_tour)"
    tour_log=$DVK_STATE/tours-$db.log
    odoo_bin -d "$db" --test-enable --test-tags dvk_tour/danvan_khe --stop-after-init \
        --http-port "$((DVK_PORT + 100))" --log-level=test >"$tour_log" 2>&1
    trc=$?
    summary=$(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$tour_log" | tail -1)
    ran=$(grep -Eo 'of [0-9]+ tests' <<<"$summary" | grep -Eo '[0-9]+')
    failed=$(grep -Eo '^[0-9]+' <<<"$summary")
    errors=$(grep -Eo '[0-9]+ error' <<<"$summary" | grep -Eo '[0-9]+')
    if grep -q " skipped " "$tour_log"; then
        grep " skipped " "$tour_log"; die "browser tours were skipped: a skipped tour proves nothing"
    fi
    if [ $trc -ne 0 ] || [ -z "$ran" ] || [ "$ran" = 0 ] || [ "${failed:-1}" != 0 ] || [ "${errors:-1}" != 0 ]; then
        grep -E "(ERROR|FAIL|Traceback)" -A 15 "$tour_log" | head -80
        die "browser tours failed or did not run (${summary:-no summary}); log: $tour_log"
    fi
    echo "tours: $ran passed, 0 failed"
fi
