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

say "lint: ruff"
ruff check "$DVK_ROOT/danvan_khe" "$DVK_ROOT/scripts" "$DVK_ROOT/bench" || exit 1
say "lint: pylint-odoo (manifest, XML, CSV)"
python3 -m pylint --rcfile="$DVK_ROOT/.pylintrc" "$DVK_ROOT/danvan_khe" || exit 1
oca-checks-odoo-module "$DVK_ROOT/danvan_khe" || exit 1

dropdb --if-exists "$db" >/dev/null 2>&1
say "installing danvan_khe (with demo data) in the throwaway database $db"
if ! odoo_bin -d "$db" -i danvan_khe --stop-after-init --log-level=warn >"$log" 2>&1; then
    tail -50 "$log"; die "the addon did not install"
fi
grep -E " (ERROR|CRITICAL) " "$log" && die "the install logged errors (see above)"

say "tests: pytest-odoo"
python3 -m pytest --odoo-config="$DVK_CONF" --odoo-database="$db" -p no:cacheprovider \
    -q -r fEs --ignore="$DVK_ROOT/danvan_khe/tests/test_tours.py" "$DVK_ROOT/danvan_khe/tests" ${DVK_PYTEST_ARGS:-}
rc=$?
if [ $rc -eq 5 ]; then die "pytest ran no test"; fi
[ $rc -eq 0 ] || exit $rc

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
