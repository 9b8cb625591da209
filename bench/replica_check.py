"""make replica: every role's reads answered by Odoo 18 with a streaming replica, proven on the replica.

Usage: python3 bench/replica_check.py URL FIXTURE_JSON OUT_JSON SERVER_LOG REPLICA_PORT

The Odoo server at URL runs with --db_replica_host/--db_replica_port: Odoo sends a
request to the replica when its route is read-only (for /web/dataset/call_kw,
when the method is @api.readonly: web_search_read, web_read, web_read_group,
read_group, read_progress_bar, get_activity_data...; /report/pdf/...,
/web/action/load, /mail/thread/data) and to the primary otherwise. When a
read-only request writes, PostgreSQL refuses it on the replica and Odoo replays
it on the primary ("ro->rw").

1. Writes, through the server (so on the primary): agency 0's staff registers
   for a fresh year, submits; its head confirms; its committee approves.
2. Reads, once the replica has replayed them (bounded wait): for Home Affairs,
   staff, head and committee, the actions, lists, kanban boards, pivots, graphs,
   activity views, forms with their chatter, the reports to Home Affairs, and
   the prints (registration form, agency report, provincial list).
3. Proof: every read request is logged by Odoo in mode "ro" (none "rw" or
   "ro->rw", no "retrying with a read/write cursor"); the replica (in recovery)
   counted at least as many transactions on the database as there were
   read-only requests, and ran the addon's queries (log_statement=all in its log);
   the primary did not receive them.
"""

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webclient
from rpc import RPCError, Session

THIS_YEAR = time.localtime().tm_year
LOG_LINE = re.compile(r'werkzeug: \S+ - - \[[^\]]+\] "(GET|POST) (\S+) HTTP/[\d.]+" (\d+) - \S+ \S+ \S+ (\S+)')


def stats(port, db):
    with psycopg2.connect(dbname=db, port=port) as conn, conn.cursor() as cr:
        cr.execute("SELECT pg_is_in_recovery()")
        recovery = cr.fetchone()[0]
        cr.execute("SELECT pg_stat_clear_snapshot()")
        cr.execute(
            "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched FROM pg_stat_database WHERE datname = %s",
            [db],
        )
        xacts, tuples = cr.fetchone()
    return {"recovery": recovery, "xacts": xacts, "tuples": tuples}


def wait_replayed(primary_db, replica_port, seconds=60):
    """Bounded wait until the replica has replayed the primary's current WAL position."""
    with psycopg2.connect(dbname=primary_db) as conn, conn.cursor() as cr:
        cr.execute("SELECT pg_current_wal_lsn()")
        target = cr.fetchone()[0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with psycopg2.connect(dbname=primary_db, port=replica_port) as conn, conn.cursor() as cr:
            cr.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cr.fetchone()[0]:
                return True
        time.sleep(0.5)
    return False


class Role:
    def __init__(self, name, url, fixture, login, sent):
        self.name = name
        self.session = Session(url, fixture["db"], login, fixture["password"], on_request=self._record)
        self.sent = sent
        self.kind = "rw"
        self.refused = []

    def _record(self, step, kind, ms, ok):
        self.sent.append({"role": self.name, "kind": self.kind, "request": kind, "ok": ok, "ms": round(ms, 1)})


def writes(roles, fixture):
    """One registration through its whole path, on the primary (read/write requests)."""
    staff, head, bcd = roles["staff"], roles["head"], roles["committee"]
    agency = fixture["agencies"][0]
    with psycopg2.connect(dbname=fixture["db"]) as conn, conn.cursor() as cr:
        cr.execute("SELECT period_id FROM dvk_registration WHERE department_id = %s", [agency["id"]])
        used = {row[0] for row in cr.fetchall()}
    year = next(int(y) for y, pid in sorted(fixture["periods"].items()) if pid not in used)
    vals = {
        "department_id": agency["id"],
        "period_id": fixture["periods"][str(year)],
        "model_ids": [
            [
                0,
                f"virtual_{k}",
                {
                    "name": f"Mô hình sao {year}-{k}",
                    "sector_id": fixture["sectors"][k % 4],
                    "implementer_name": f"Tổ {k}",
                    "address": f"Khóm {k + 1}, Phường 1",  # R5.1a: needed before the form is submitted
                    "survey_content": "Giải quyết thủ tục hành chính đúng hẹn",
                },
            ]
            for k in range(3)
        ],
    }
    record = staff.session.call("dvk.registration", "web_save", [[], vals], {"specification": {"display_name": {}}})
    rid = record[0]["id"]
    staff.session.button("dvk.registration", "action_submit", [rid])
    head.session.button("dvk.registration", "action_confirm", [rid])
    bcd.session.button("dvk.registration", "action_approve", [rid])
    return rid


def reads(role, fixture, registration_id, provincial_ids):
    """What each role opens: actions, lists, boards, pivots, graphs, activity views, forms, reports, prints."""
    session = role.session
    call = session.call
    errors = []
    role.kind = "ro"

    def attempt(label, fn):
        try:
            fn()
        except RPCError as exc:
            if exc.name == "odoo.exceptions.AccessError":  # the role may not read it: answered, by design
                role.refused.append(label)
            else:
                errors.append(f"{role.name} {label}: {exc}"[:300])
        except Exception as exc:
            errors.append(f"{role.name} {label}: {exc}"[:300])

    for xmlid in (
        "danvan_khe.dvk_registration_action",
        "danvan_khe.dvk_model_action",
        "danvan_khe.dvk_agency_report_action",
    ):
        attempt(xmlid, lambda x=xmlid: session.json("/web/action/load", {"action_id": x}, "action_load"))
    # get_views is @api.readonly in Odoo 18: the views come from the replica too
    views = {
        "dvk.registration": webclient.load_views(
            call, "dvk.registration", ["kanban", "list", "form", "pivot", "graph", "activity"], {}
        ),
        "dvk.model": webclient.load_views(
            call, "dvk.model", ["kanban", "list", "form", "pivot", "graph", "activity"], {}
        ),
        "dvk.agency.report": webclient.load_views(call, "dvk.agency.report", ["list", "form"], {}),
    }
    this_year = [["year", "=", THIS_YEAR]]
    reg, mod, rep = views["dvk.registration"], views["dvk.model"], views["dvk.agency.report"]
    attempt("registrations board", lambda: webclient.kanban(call, reg["kanban"], [], {}))
    attempt("to approve by me", lambda: webclient.kanban(call, reg["kanban"], [["is_waiting_for_me", "=", True]], {}))
    attempt("registrations list", lambda: webclient.list_view(call, reg["list"], [], {}))
    attempt("registrations pivot", lambda: webclient.pivot(call, reg["pivot"], [], {}))
    attempt("registrations graph", lambda: webclient.graph(call, reg["graph"], [], {}))
    attempt("registrations activity", lambda: webclient.activity(call, reg["activity"], [], {}))
    attempt("registration form", lambda: webclient.form(call, reg["form"], registration_id, {}))
    attempt(
        "registration chatter",
        lambda: session.json(
            "/mail/thread/data",
            {
                "thread_model": "dvk.registration",
                "thread_id": registration_id,
                "request_list": ["activities", "attachments", "followers"],
            },
            "mail_thread_data",
        ),
    )
    attempt("models board", lambda: webclient.kanban(call, mod["kanban"], this_year, {}))
    models = {}
    attempt("models list", lambda: models.update(webclient.list_view(call, mod["list"], this_year, {})))
    attempt(
        "models pivot",
        lambda: webclient.pivot(call, mod["pivot"], this_year, {}, rows=["agency_id"], cols=["sector_id"]),
    )
    attempt("models graph", lambda: webclient.graph(call, mod["graph"], this_year, {}))
    attempt("models activity", lambda: webclient.activity(call, mod["activity"], this_year, {}))
    if models.get("records"):
        attempt("model form", lambda: webclient.form(call, mod["form"], models["records"][0]["id"], {}))
    for model in ("dvk.inspection", "dvk.evaluation", "dvk.recognition", "dvk.commendation", "dvk.agency.report.line"):
        attempt(
            f"{model} list",
            lambda m=model: webclient.list_view(call, webclient.load_views(call, m, ["list"], {})["list"], [], {}),
        )
    attempt("reports to Home Affairs", lambda: webclient.list_view(call, rep["list"], [], {}))
    attempt("report form", lambda: webclient.form(call, rep["form"], fixture["agency_report_id"], {}))
    attempt(
        "print registration",
        lambda: session.get(f"/report/pdf/danvan_khe.report_registration/{registration_id}", "report_pdf"),
    )
    attempt(
        "print agency report",
        lambda: session.get(f"/report/pdf/danvan_khe.report_agency_report/{fixture['agency_report_id']}", "report_pdf"),
    )
    if provincial_ids:
        ids = ",".join(map(str, provincial_ids))
        attempt(
            "print provincial list",
            lambda: session.get(f"/report/pdf/danvan_khe.report_provincial_list/{ids}", "report_pdf"),
        )
    return errors


def server_modes(log_path, offset):
    """(path, mode) of every request the server logged after ``offset``, and its warnings on cursors."""
    with open(log_path, errors="replace") as handle:
        handle.seek(offset)
        text = handle.read()
    requests = [(m.group(2), m.group(4)) for m in LOG_LINE.finditer(text)]
    retried = len(re.findall(r"retrying with a read/write cursor", text))
    fallback = len(re.findall(r"Failed to open a readonly cursor", text))
    return requests, retried, fallback


def replica_statements(replica_log, offset, db):
    with open(replica_log, errors="replace") as handle:
        handle.seek(offset)
        text = handle.read()
    statements = re.findall(rf" {re.escape(db)} \S+ LOG:  statement: (.*)", text)
    writes_seen = [s for s in statements if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", s, re.I)]
    return {
        "statements": len(statements),
        "addon_statements": sum(1 for s in statements if '"dvk_' in s),
        "write_statements": len(writes_seen),
        "errors": len(re.findall(r" ERROR:  ", text)),
        "error_samples": re.findall(r" ERROR:  (.*)", text)[:5],
    }


def main(url, fixture_path, out, server_log, replica_port, replica_log):
    fixture = json.loads(Path(fixture_path).read_text())
    db = fixture["db"]
    sent = []
    agency = fixture["agencies"][0]
    logins = {
        "home_affairs": fixture["home_affairs"],
        "staff": agency["staff"],
        "head": agency["head"],
        "committee": agency["bcd"],
    }
    roles = {name: Role(name, url, fixture, login, sent) for name, login in logins.items()}
    for role in roles.values():
        role.session.authenticate()
    registration_id = writes(roles, fixture)
    replayed = wait_replayed(db, replica_port)
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute("SELECT id FROM dvk_model WHERE on_provincial_list ORDER BY id LIMIT 20")
        provincial_ids = [row[0] for row in cr.fetchall()]
    log_offset = Path(server_log).stat().st_size
    replica_log_offset = Path(replica_log).stat().st_size
    before_replica, before_primary = stats(replica_port, db), stats(None, db)
    errors = []
    start = len(sent)
    for role in roles.values():
        errors += reads(role, fixture, registration_id, provincial_ids if role.name == "home_affairs" else [])
    time.sleep(1)  # let the last log lines and statistics land
    after_replica, after_primary = stats(replica_port, db), stats(None, db)
    logged, retried, fallback = server_modes(server_log, log_offset)
    replica = replica_statements(replica_log, replica_log_offset, db)
    read_requests = [s for s in sent[start:] if s["kind"] == "ro"]
    modes = Counter(mode for _path, mode in logged)
    ro_paths = Counter(
        path.split("?")[0].rsplit("/", 1)[-1] if "call_kw" in path else path.split("/")[1]
        for path, mode in logged
        if mode == "ro"
    )
    not_ro = sorted({path for path, mode in logged if mode != "ro"})
    replica_xacts = after_replica["xacts"] - before_replica["xacts"]
    ok = (
        replayed
        and after_replica["recovery"]
        and not errors
        and sum(1 for s in read_requests if not s["ok"]) == sum(len(r.refused) for r in roles.values())
        and modes.get("ro->rw", 0) == 0
        and retried == 0
        and fallback == 0
        and not not_ro
        and modes.get("ro", 0) >= len(read_requests)
        and replica_xacts >= len(read_requests)
        and replica["addon_statements"] > 0
        and replica["write_statements"] == 0
    )
    result = {
        "replica_ok": bool(ok),
        "replica_read_requests": len(read_requests),
        "replica_requests_by_mode": dict(modes),
        "replica_ro_requests_by_kind": dict(ro_paths),
        "replica_not_readonly_paths": not_ro,
        "replica_retried_on_primary": retried,
        "replica_fallbacks_to_primary": fallback,
        "replica_in_recovery": after_replica["recovery"],
        "replica_replayed_writes": replayed,
        "replica_xacts": replica_xacts,
        "replica_tuples_read": after_replica["tuples"] - before_replica["tuples"],
        "primary_xacts": after_primary["xacts"] - before_primary["xacts"],
        "primary_tuples_read": after_primary["tuples"] - before_primary["tuples"],
        "replica_log": replica,
        "replica_roles": list(roles),
        "replica_refused_by_access_rights": {r.name: r.refused for r in roles.values() if r.refused},
        "replica_errors": errors[:10],
        "replica_p95_ms": sorted(s["ms"] for s in read_requests)[int(0.95 * (len(read_requests) - 1))]
        if read_requests
        else 0,
    }
    Path(out).write_text(json.dumps(result))
    print(
        f"replica: {len(read_requests)} read-only requests of {len(roles)} roles; server modes {dict(modes)}; "
        f"replica ran {replica_xacts} transactions, {replica['addon_statements']} statements on dvk_ tables, "
        f"{replica['write_statements']} writes; primary {result['primary_xacts']} transactions "
        f"(Odoo's per-request registry check and the logins); replica_ok={result['replica_ok']}",
        flush=True,
    )
    for error in errors[:10]:
        print(f"  error: {error}", flush=True)
    if not_ro:
        print(f"  not read-only: {not_ro}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
