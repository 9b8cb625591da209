"""Queries of a registration's transitions, per line: what one submit, confirm and approve cost.

Usage: python3 bench/approve_queries.py ODOO_CONF DB [--lines 2,20] [--detail] [odoo options...]

In DB (the addon installed; nothing is kept: everything is rolled back), an
agency with its staff member, head and steering committee chair registers a
form of N lines; the staff submits it, the head confirms it, the chair approves
it, each call as one RPC request would run it: as that user, tracking on, a fresh
record cache, and the queries of the flush and of the commit's pre-commit hooks
(tracking messages) counted with the call's own. Printed: the queries of each
transition for each N, and per line (the slope between the smallest and the
largest N); ``--detail`` adds the statements of the largest approval by table.
``measure(env, lines)`` is what bench/bench.py calls.
"""

import re
import sys
from collections import Counter
from contextlib import contextmanager
from datetime import date

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

PROBE_YEAR = date.today().year + 40  # a year nobody else registers for (dvk.period accepts up to 2200)


@contextmanager
def _statements(cr, into):
    """Collect the statements ``cr`` runs (for --detail)."""
    execute = type(cr).execute

    def spy(self, query, params=None, log_exceptions=True):
        if self is cr:
            into.append(str(query))
        return execute(self, query, params, log_exceptions)

    type(cr).execute = spy
    try:
        yield
    finally:
        type(cr).execute = execute


class Probe:
    """A throwaway agency with its three deciders (created in the caller's transaction)."""

    def __init__(self, env, tag="probe"):
        self.env = env
        Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
        Department = env["hr.department"].with_context(tracking_disable=True)
        self.agency = Department.create(
            {
                "name": f"Sở đo truy vấn ({tag})",
                "dvk_is_agency": True,
                "dvk_tier_id": env.ref("danvan_khe.tier_province").id,
            }
        )
        people = {}
        for role, group in (
            ("staff", "danvan_khe.group_dvk_user"),
            ("head", "danvan_khe.group_dvk_manager"),
            ("chair", "danvan_khe.group_dvk_committee"),
        ):
            user = Users.create(
                {
                    "name": f"Probe {tag} {role}",
                    "login": f"probe.{tag}.{role}",
                    "groups_id": [Command.set([env.ref(group).id])],
                }
            )
            employee = env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": self.agency.id}
            )
            people[role] = (user, employee)
        self.agency.manager_id = people["head"][1]
        self.staff, self.head, self.chair = (people[r][0] for r in ("staff", "head", "chair"))
        env["dvk.committee"].create(
            {
                "name": f"Ban Chỉ đạo ({tag})",
                "department_id": self.agency.id,
                "chair_id": self.chair.id,
                "member_ids": [Command.set(self.chair.ids)],
            }
        )
        self._next_year = PROBE_YEAR
        self._Period = env["dvk.period"]
        self.sectors = env["dvk.sector"].search([]).ids
        env.flush_all()

    def _period(self):
        """An open year from PROBE_YEAR on: the probe's agency is new, so none of them is registered yet."""
        while True:
            year, self._next_year = self._next_year, self._next_year + 1
            period = self._Period.search([("year", "=", year)])
            if not period:
                return self._Period.create({"year": year})
            if period.state == "open":
                return period

    def registration(self, lines):
        env = self.env
        period = self._period()
        values = self._line_values(lines, period.year)
        registration = (
            env["dvk.registration"]
            .with_user(self.staff)
            .create({"department_id": self.agency.id, "period_id": period.id, "model_ids": values})
        )
        self._commit_like()
        return registration.id

    def _line_values(self, lines, year):
        return [
            Command.create(
                {
                    "sequence": k + 1,
                    "kind": "collective",
                    "name": f"Mô hình đo {year}-{k + 1}",
                    "implementer_name": f"Tổ công tác {k + 1}",
                    "sector_id": self.sectors[k % len(self.sectors)],
                    "expected_result": "Người dân hài lòng",
                    "address": "Phường 1",
                    "survey_content": "Nội dung đã chọn",
                }
            )
            for k in range(lines)
        ]

    def _commit_like(self):
        """What the end of a request runs before COMMIT: the flush and the pre-commit hooks (tracking)."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def call(self, user, method, rid, statements=None):
        """``method`` of registration ``rid`` as ``user`` would call it over RPC: its queries."""
        env = self.env
        env.invalidate_all()
        cr = env.cr
        before = cr.sql_log_count
        record = env["dvk.registration"].with_user(user).browse(rid)
        if statements is None:
            getattr(record, method)()
            self._commit_like()
        else:
            with _statements(cr, statements):
                getattr(record, method)()
                self._commit_like()
        return cr.sql_log_count - before


def measure(env, lines=(2, 20), detail=False, tag="probe"):
    """{"submit": {N: queries}, "confirm": ..., "approve": ..., "per_line": {...}, "statements": [...]}."""
    env = env(context={k: v for k, v in env.context.items() if k not in ("tracking_disable", "mail_notrack")})
    probe = Probe(env, tag)
    result = {"submit": {}, "confirm": {}, "approve": {}, "mails": {}, "messages": {}, "activities": {}}
    statements = []
    warm = probe.registration(1)  # the first transitions fill the registry's caches: not counted
    for user, method in (
        (probe.staff, "action_submit"),
        (probe.head, "action_confirm"),
        (probe.chair, "action_approve"),
    ):
        probe.call(user, method, warm)
    for count in lines:
        rid = probe.registration(count)
        result["submit"][count] = probe.call(probe.staff, "action_submit", rid)
        result["confirm"][count] = probe.call(probe.head, "action_confirm", rid)
        env.cr.execute("SELECT coalesce(max(id), 0) FROM mail_mail")
        mails = env.cr.fetchone()[0]
        env.cr.execute("SELECT coalesce(max(id), 0) FROM mail_message")
        messages = env.cr.fetchone()[0]
        spied = statements if detail and count == max(lines) else None
        result["approve"][count] = probe.call(probe.chair, "action_approve", rid, spied)
        env.cr.execute("SELECT count(*) FROM mail_mail WHERE id > %s", [mails])
        result["mails"][count] = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM mail_message WHERE id > %s", [messages])
        result["messages"][count] = env.cr.fetchone()[0]
        env.cr.execute(
            "SELECT count(*) FROM mail_activity a JOIN dvk_model m ON a.res_model = 'dvk.model' AND a.res_id = m.id"
            " WHERE m.registration_id = %s",
            [rid],
        )
        result["activities"][count] = env.cr.fetchone()[0]
    low, high = min(lines), max(lines)
    result["per_line"] = {
        step: round((result[step][high] - result[step][low]) / (high - low), 1)
        for step in ("submit", "confirm", "approve")
    }
    result["statements"] = statements
    return result


def _table(statement):
    statement = " ".join(statement.split())
    match = re.match(
        r'(SELECT|INSERT INTO|UPDATE|DELETE FROM|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s*"?(\w*)',
        statement,
        re.I,
    )
    if not match:
        return statement[:40]
    verb, name = match.group(1).upper(), match.group(2)
    if verb == "SELECT":
        found = re.search(r'FROM\s+"?(\w+)"?', statement, re.I)
        name = found.group(1) if found else name
    if "SAVEPOINT" in verb:
        name = ""
    return f"{verb} {name}".strip()


def main(conf, db, *args):
    args = list(args)
    lines, detail = (2, 20), False
    if "--lines" in args:
        at = args.index("--lines")
        lines = tuple(int(n) for n in args[at + 1].split(","))
        del args[at : at + 2]
    if "--detail" in args:
        args.remove("--detail")
        detail = True
    odoo.tools.config.parse_config(["-c", conf, "-d", db, *args])
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = measure(env, lines, detail)
        cr.rollback()
    for step in ("submit", "confirm", "approve", "activities", "messages", "mails"):
        counts = ", ".join(f"{n} lines: {q}" for n, q in result[step].items())
        extra = f"  ({result['per_line'][step]} per line)" if step in result["per_line"] else ""
        print(f"{step:<10} {counts}{extra}", flush=True)
    if detail:
        for name, count in Counter(_table(s) for s in result["statements"]).most_common(60):
            print(f"  {count:>5}  {name}")
        for text, count in Counter(" ".join(s.split())[:300] for s in result["statements"]).most_common(25):
            print(f"  {count:>5}  {text}")


if __name__ == "__main__":
    main(*sys.argv[1:])
