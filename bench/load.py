"""make load: concurrent users through the whole path of a registration, over loopback.

Usage: python3 bench/load.py URL FIXTURE_JSON OUT_JSON [--users N (20)] [--duration S (60)]
            [--think MS (1000)] [--print-every K (2)] [--stress-duration S (0)] [--lines L (3)]

Each virtual user is one agency of the load fixture (bench/load_fixture.py) and
three real logins (/web/session/authenticate): its staff member, its head and its
steering committee chair. For DURATION seconds it repeats, each time for the
next year (a registration is one per agency and year):

  staff:     new form (onchange), create the registration with L lines (web_save),
             submit (call_button) and reload the form (web_read), then try to
             confirm it himself: refused by design (AccessError, counted apart);
  head:      the "To approve by me" board, confirm, reload;
  committee: approve, reload, the registrations board;
  staff:     the registrations list, the models list and board ('This year'),
             and every K-th iteration the printed form (/report/pdf/...).

Before the window, the first user runs one iteration whose print generates the
report's asset bundles (as any server has them after its first print).

The views are requested as Odoo 18's web client requests them (bench/webclient.py,
the views fetched once per login with get_views, outside the timed window, as
the browser caches them). Logins happen before the timed window too (PBKDF2 with
600 000 rounds is deliberately slow). Every loop is bounded: the run stops
starting iterations after DURATION seconds, a user does at most one iteration per
prepared year, every request times out after 120 s.

With --stress-duration, a second phase repeats the path without think time
(figures stress_*). A sampler reads pg_stat_activity once a second: backends
busy and waiting for a lock (load_db_*), and the machine's load average.

At the end the database is checked in SQL against what the clients believe they
created: the same registrations (none lost, none extra or duplicated), each with
its lines, each in the state its client left it in. The figures go to OUT_JSON.
"""

import argparse
import json
import math
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import webclient
from rpc import RPCError, Session

THIS_YEAR = time.localtime().tm_year
REFUSAL = "odoo.exceptions.AccessError"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.phase = None  # {"name", "end", "think"} of the current timed window, None before
        self.samples = []  # (phase name, step, kind, ms, ok)
        self.errors = []  # (phase name, text)
        self.refusals = defaultdict(int)

    def record(self, step, kind, ms, ok):
        with self.lock:
            self.samples.append((self.phase["name"] if self.phase else "prepare", step, kind, ms, ok))

    def error(self, who, step, exc):
        with self.lock:
            self.errors.append((self.phase["name"] if self.phase else "prepare", f"{who} {step}: {exc}"[:300]))


def percentile(values, q):
    if not values:
        return 0.0
    values = sorted(values)
    index = min(len(values) - 1, max(0, math.ceil(q / 100 * len(values)) - 1))  # nearest rank
    return values[index]


class VirtualUser(threading.Thread):
    def __init__(self, index, url, fixture, stats, args, barrier):
        super().__init__(name=f"user-{index}", daemon=True)
        self.index = index
        self.agency = fixture["agencies"][index]
        self.fixture = fixture
        self.stats = stats
        self.args = args
        self.barrier = barrier
        self.created = {}  # registration id -> {"year", "lines", "state"}
        self.iterations = 0
        self.sessions = {
            role: Session(url, fixture["db"], self.agency[role], fixture["password"], on_request=self._record)
            for role in ("staff", "head", "bcd")
        }
        self.ready = False

    def _record(self, step, kind, ms, ok):
        self.stats.record(step, kind, ms, ok)

    def _think(self):
        think = self.stats.phase["think"] if self.stats.phase else 0
        if think:
            time.sleep(think / 1000)

    def prepare(self):
        """Log in the three users and fetch their views (the browser caches them): outside the window."""
        views = {}
        for role, session in self.sessions.items():
            session.step = "login"
            session.authenticate()
            session.step = "get_views"
            views[role] = {
                "registration": webclient.load_views(session.call, "dvk.registration", ["kanban", "list", "form"], {}),
                "model": webclient.load_views(session.call, "dvk.model", ["kanban", "list"], {}),
            }
        self.views = views
        if self.index == 0:
            # one iteration before the window: the first print generates the report's asset bundles
            self.iteration(self.fixture["years"][0], warm_up=True)
        self.ready = True

    def run(self):
        try:
            self.prepare()
        except Exception as exc:
            self.stats.error(self.agency["staff"], "login", exc)
        years = iter(self.fixture["years"][1:] if self.index == 0 else self.fixture["years"])
        try:
            self.barrier.wait(timeout=900)  # everyone is logged in
        except threading.BrokenBarrierError:
            return
        for _phase in self.args.phases:
            try:
                self.barrier.wait(timeout=900)  # the phase starts for everyone at once
            except threading.BrokenBarrierError:
                return
            end = self.stats.phase["end"]
            while self.ready and time.monotonic() < end:  # bounded: by time, and one iteration per year
                year = next(years, None)
                if year is None:
                    break
                self.iteration(year)
                self.iterations += 1
            try:
                self.barrier.wait(timeout=900)  # the phase ends when every user has finished its iteration
            except threading.BrokenBarrierError:
                return

    def _step(self, role, name):
        session = self.sessions[role]
        session.step = name
        return session

    def iteration(self, year, warm_up=False):
        staff_views = self.views["staff"]
        reg_form = staff_views["registration"]["form"]
        form_spec = reg_form.spec()
        rid = None
        step = "new_form"
        try:
            staff = self._step("staff", step)
            staff.call("dvk.registration", "onchange", [[], {}, [], reg_form.spec()], {})
            self._think()
            step = "create"
            staff = self._step("staff", step)
            lines = [
                [
                    0,
                    f"virtual_{k}",
                    {
                        "sequence": k + 1,
                        "kind": "collective",
                        "name": f"Mô hình tải {self.index}-{year}-{k + 1}",
                        "implementer_name": f"Tổ công tác {k + 1}",
                        "sector_id": self.fixture["sectors"][k % len(self.fixture["sectors"])],
                        "expected_result": "Người dân hài lòng",
                        # R5.1a: a collective model names where it runs and what it does before it is submitted
                        "address": f"Khóm {k + 1}, Phường 1",
                        "survey_content": "Giải quyết thủ tục hành chính đúng hẹn, tận tình với người dân",
                    },
                ]
                for k in range(self.args.lines)
            ]
            vals = {
                "department_id": self.agency["id"],
                "period_id": self.fixture["periods"][str(year)],
                "model_ids": lines,
            }
            record = staff.call("dvk.registration", "web_save", [[], vals], {"specification": form_spec})[0]
            rid = record["id"]
            self.created[rid] = {"year": year, "lines": self.args.lines, "state": "draft"}
            self._think()
            step = "submit"
            staff = self._step("staff", step)
            staff.button("dvk.registration", "action_submit", [rid])
            self.created[rid]["state"] = "submitted"
            webclient.form(staff.call, reg_form, rid, {})
            self._think()
            step = "refusal"
            staff = self._step("staff", step)
            try:
                staff.button("dvk.registration", "action_confirm", [rid])
            except RPCError as exc:
                if exc.name != REFUSAL:
                    raise
                with self.stats.lock:
                    self.stats.refusals[self.stats.phase["name"] if self.stats.phase else "prepare"] += 1
            else:
                raise RuntimeError("staff confirmed a registration: the role guard did not refuse")
            self._think()
            step = "waiting_board"
            head = self._step("head", step)
            head_reg = self.views["head"]["registration"]
            webclient.kanban(head.call, head_reg["kanban"], [["is_waiting_for_me", "=", True]], {})
            self._think()
            step = "confirm"
            head = self._step("head", step)
            head.button("dvk.registration", "action_confirm", [rid])
            self.created[rid]["state"] = "confirmed"
            webclient.form(head.call, head_reg["form"], rid, {})
            self._think()
            step = "approve"
            bcd = self._step("bcd", step)
            bcd_reg = self.views["bcd"]["registration"]
            bcd.button("dvk.registration", "action_approve", [rid])
            self.created[rid]["state"] = "approved"
            webclient.form(bcd.call, bcd_reg["form"], rid, {})
            self._think()
            step = "board"
            bcd = self._step("bcd", step)
            webclient.kanban(bcd.call, bcd_reg["kanban"], [], {})
            self._think()
            step = "list"
            staff = self._step("staff", step)
            webclient.list_view(staff.call, staff_views["registration"]["list"], [], {})
            this_year = [["year", "=", THIS_YEAR]]
            webclient.list_view(staff.call, staff_views["model"]["list"], this_year, {})
            self._think()
            step = "models_board"
            staff = self._step("staff", step)
            webclient.kanban(staff.call, staff_views["model"]["kanban"], this_year, {})
            if warm_up or (self.args.print_every and self.iterations % self.args.print_every == 0):
                self._think()
                step = "print"
                staff = self._step("staff", step)
                response = staff.get(f"/report/pdf/danvan_khe.report_registration/{rid}", "report_pdf")
                if not response.content.startswith(b"%PDF"):
                    raise RuntimeError("the printed form is not a PDF")
        except Exception as exc:
            self.stats.error(self.agency["staff"], step, exc)


def verify(fixture, users):
    """The database against what the clients believe: no registration lost, none extra, lines and states."""
    believed = {}
    for user in users:
        believed.update(user.created)
    agency_ids = [a["id"] for a in fixture["agencies"]]
    with psycopg2.connect(dbname=fixture["db"]) as conn, conn.cursor() as cr:
        cr.execute(
            """
            SELECT r.id, r.state, r.period_id, (SELECT count(*) FROM dvk_model m WHERE m.registration_id = r.id)
              FROM dvk_registration r WHERE r.department_id = ANY(%s)
            """,
            [agency_ids],
        )
        rows = {rid: (state, period, lines) for rid, state, period, lines in cr.fetchall()}
        cr.execute(
            """
            SELECT count(*) FROM (SELECT 1 FROM dvk_registration WHERE department_id = ANY(%s)
                                   GROUP BY department_id, period_id HAVING count(*) > 1) d
            """,
            [agency_ids],
        )
        duplicated = cr.fetchone()[0]
        cr.execute(
            """
            SELECT count(*) FROM (SELECT 1 FROM dvk_model m JOIN dvk_registration r ON r.id = m.registration_id
                                   WHERE r.department_id = ANY(%s) GROUP BY m.registration_id, m.name
                                  HAVING count(*) > 1) d
            """,
            [agency_ids],
        )
        duplicated_lines = cr.fetchone()[0]
    lost = sorted(set(believed) - set(rows))
    extra = sorted(set(rows) - set(believed))
    wrong_lines = [rid for rid, b in believed.items() if rid in rows and rows[rid][2] != b["lines"]]
    wrong_state = [rid for rid, b in believed.items() if rid in rows and rows[rid][0] != b["state"]]
    return {
        "registrations_believed": len(believed),
        "registrations_in_db": len(rows),
        "models_believed": sum(b["lines"] for b in believed.values()),
        "models_in_db": sum(r[2] for r in rows.values()),
        "lost": lost[:20],
        "extra": extra[:20],
        "duplicated": duplicated + duplicated_lines,
        "wrong_lines": wrong_lines[:20],
        "wrong_state": wrong_state[:20],
        "ok": not (lost or extra or duplicated or duplicated_lines or wrong_lines or wrong_state),
    }


class DatabaseSampler(threading.Thread):
    """Once a second: the database's busy backends and those waiting for a lock; the machine's load."""

    def __init__(self, db, seconds):
        super().__init__(name="sampler", daemon=True)
        self.db = db
        self.deadline = time.monotonic() + seconds
        self.stop = threading.Event()
        self.samples = []  # (active, waiting on a lock, load average 1 min)

    def run(self):
        try:
            conn = psycopg2.connect(dbname=self.db)
            conn.autocommit = True  # a fresh snapshot of pg_stat_activity at each sample
        except psycopg2.Error as exc:
            print(f"load: no database sampler: {exc}", flush=True)
            return
        try:
            with conn.cursor() as cr:
                while not self.stop.is_set() and time.monotonic() < self.deadline:
                    cr.execute(
                        """SELECT count(*) FILTER (WHERE state = 'active'),
                                  count(*) FILTER (WHERE wait_event_type = 'Lock')
                             FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()""",
                        [self.db],
                    )
                    active, waiting = cr.fetchone()
                    self.samples.append((active, waiting, os.getloadavg()[0]))
                    self.stop.wait(1)
        except psycopg2.Error as exc:
            print(f"load: database sampler stopped: {exc}", flush=True)
        finally:
            conn.close()

    def figures(self):
        if not self.samples:
            return {}
        return {
            "load_db_samples": len(self.samples),
            "load_db_active_backends_mean": round(statistics.fmean(s[0] for s in self.samples), 2),
            "load_db_active_backends_max": max(s[0] for s in self.samples),
            "load_db_lock_waits_max": max(s[1] for s in self.samples),
            "load_db_lock_waits_mean": round(statistics.fmean(s[1] for s in self.samples), 2),
            "load_machine_loadavg_mean": round(statistics.fmean(s[2] for s in self.samples), 1),
        }


def phase_figures(prefix, stats, name, seconds, users):
    samples = [x for x in stats.samples if x[0] == name]
    latencies = [x[3] for x in samples]
    by_step = defaultdict(list)
    for _phase, step, _kind, ms, _ok in samples:
        by_step[step].append(ms)
    errors = [text for phase, text in stats.errors if phase == name]
    refusals = stats.refusals[name]
    return {
        f"{prefix}_users": users,
        f"{prefix}_seconds": round(seconds, 1),
        f"{prefix}_requests": len(samples),
        f"{prefix}_rps": round(len(samples) / max(seconds, 1e-9), 1),
        f"{prefix}_errors": len(errors),
        f"{prefix}_refusals": refusals,
        f"{prefix}_failed_requests": sum(1 for x in samples if not x[4]) - refusals,
        f"{prefix}_p50_ms": round(percentile(latencies, 50), 1),
        f"{prefix}_p95_ms": round(percentile(latencies, 95), 1),
        f"{prefix}_p99_ms": round(percentile(latencies, 99), 1),
        f"{prefix}_max_ms": round(max(latencies, default=0), 1),
        f"{prefix}_p95_without_print_ms": round(percentile([x[3] for x in samples if x[1] != "print"], 95), 1),
        f"{prefix}_p95_by_step_ms": {
            step: {"n": len(v), "p50": round(percentile(v, 50), 1), "p95": round(percentile(v, 95), 1)}
            for step, v in sorted(by_step.items())
        },
        f"{prefix}_error_samples": errors[:10],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("fixture")
    parser.add_argument("out")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--print-every", type=int, default=2)
    parser.add_argument("--think", type=float, default=1000, help="ms between a user's steps (main phase)")
    parser.add_argument("--stress-duration", type=float, default=0, help="s of a second phase without think time")
    parser.add_argument("--lines", type=int, default=3)
    args = parser.parse_args()
    args.phases = [("load", args.duration, args.think)]
    if args.stress_duration:
        args.phases.append(("stress", args.stress_duration, 0))
    fixture = json.loads(Path(args.fixture).read_text())
    if args.users > len(fixture["agencies"]):
        raise SystemExit(f"the fixture has {len(fixture['agencies'])} agencies for {args.users} users")
    stats = Stats()
    barrier = threading.Barrier(args.users + 1)
    users = [VirtualUser(i, args.url, fixture, stats, args, barrier) for i in range(args.users)]
    print(f"load: {args.users} users log in ({3 * args.users} sessions) and fetch their views", flush=True)
    prepare_start = time.monotonic()
    for user in users:
        user.start()
    result = {}
    barrier.wait(timeout=900)  # every user has logged in (or failed to)
    sampler = DatabaseSampler(fixture["db"], sum(p[1] for p in args.phases) + 600)
    sampler.start()
    print(f"load: logged in in {time.monotonic() - prepare_start:.1f} s", flush=True)
    for name, seconds, think in args.phases:
        start = time.monotonic()
        print(f"load: phase '{name}': {seconds:.0f} s, {think:.0f} ms think time between a user's steps", flush=True)
        with stats.lock:
            stats.phase = {"name": name, "end": start + seconds, "think": think}
        barrier.wait(timeout=900)  # everyone starts
        barrier.wait(timeout=900 + seconds)  # everyone has finished its last iteration
        elapsed = time.monotonic() - start
        figures = phase_figures(name, stats, name, elapsed, sum(1 for u in users if u.ready))
        figures[f"{name}_think_ms"] = think
        result.update(figures)
        with stats.lock:
            stats.phase = None
        print(
            f"load: phase '{name}': {figures[name + '_users']} users, {figures[name + '_requests']} requests in "
            f"{figures[name + '_seconds']} s ({figures[name + '_rps']}/s), p50 {figures[name + '_p50_ms']} ms, "
            f"p95 {figures[name + '_p95_ms']} ms (without prints {figures[name + '_p95_without_print_ms']} ms), "
            f"{figures[name + '_errors']} errors, {figures[name + '_refusals']} designed refusals",
            flush=True,
        )
        for step, f in figures[name + "_p95_by_step_ms"].items():
            print(f"  {step:<14} n={f['n']:<5} p50 {f['p50']:>8} ms  p95 {f['p95']:>8} ms", flush=True)
        for error in figures[name + "_error_samples"]:
            print(f"  error: {error}", flush=True)
    for user in users:
        user.join(timeout=60)
    sampler.stop.set()
    sampler.join(timeout=10)
    result.update(sampler.figures())
    check = verify(fixture, users)
    prepare_errors = [text for phase, text in stats.errors if phase == "prepare"]
    logins = [x[3] for x in stats.samples if x[1] == "login"]
    result.update(
        {
            "load_sessions": 3 * result["load_users"],
            "load_iterations": sum(u.iterations for u in users),
            "load_errors": result["load_errors"] + len(prepare_errors) + (0 if check["ok"] else 1),
            "load_prepare_errors": prepare_errors[:10],
            "load_login_p95_ms": round(percentile(logins, 95), 1),
            "load_print_every": args.print_every,
            "load_lines": args.lines,
            "load_check": check,
        }
    )
    Path(args.out).write_text(json.dumps(result))
    print(f"  check in SQL: {json.dumps(check)}", flush=True)
    for error in prepare_errors[:10]:
        print(f"  error before the window: {error}", flush=True)


if __name__ == "__main__":
    main()
