# Odoo servers of make load / make bench, on 127.0.0.1 only; sourced after scripts/common.sh.
# start_odoo DB PORT LOG [odoo options...]   starts one (waits until it answers), remembers its pid
# stop_odoo_all                              stops them (SIGTERM, a second one, then SIGKILL: bounded)
DVK_SERVER_PIDS=()
DVK_ODOO_ADDONS=()
[ -n "${DVK_ADDONS_PATH:-}" ] && DVK_ODOO_ADDONS=(--addons-path="$DVK_ADDONS_PATH")

start_odoo() {
    local db=$1 port=$2 log=$3
    shift 3
    case "$port" in 8469|847[0-9]|878[1-9]|879[0-9]) ;; *) die "Odoo servers of the bench listen on 8469-8479 or 8781-8799 only, not $port" ;; esac
    : >"$log"
    : >"$log.out"
    python3 "$DVK_ROOT/bench/odoo_server.py" -c "$DVK_CONF" "${DVK_ODOO_ADDONS[@]}" -d "$db" --db-filter "^$db\$" \
        --http-interface 127.0.0.1 --http-port "$port" --max-cron-threads 0 --limit-time-real 600 \
        --limit-time-cpu 600 --limit-request 100000 --logfile "$log" --log-level info "$@" \
        >>"$log.out" 2>&1 &
    DVK_SERVER_PIDS+=($!)
    # the first request loads the registry: /web/login needs it
    if ! python3 - "http://127.0.0.1:$port" <<'PY'
import sys, time, requests
url, deadline = sys.argv[1], time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        if requests.get(url + "/web/login", timeout=30).status_code == 200:
            sys.exit(0)
    except requests.RequestException:
        pass
    time.sleep(1)
sys.exit(1)
PY
    then
        tail -30 "$log" "$log.out" >&2
        die "Odoo on 127.0.0.1:$port did not start"
    fi
}

_alive() { kill -0 "$1" 2>/dev/null; }

stop_odoo_all() {
    local pid child i
    for pid in "${DVK_SERVER_PIDS[@]}"; do _alive "$pid" && kill -TERM "$pid" 2>/dev/null; done
    for pid in "${DVK_SERVER_PIDS[@]}"; do
        for i in $(seq 1 40); do _alive "$pid" || break; sleep 0.5; done
        # a prefork master waits for its workers' requests: a second signal forces the shutdown
        _alive "$pid" && kill -TERM "$pid" 2>/dev/null
        for i in $(seq 1 20); do _alive "$pid" || break; sleep 0.5; done
        if _alive "$pid"; then
            for child in $(pgrep -P "$pid" 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    DVK_SERVER_PIDS=()
}
