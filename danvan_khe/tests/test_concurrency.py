"""Issue "concurrent approval" (R3, R6.2): two deciders, one decision; two imports, no mixing.

Two members of the same steering committee press "Approve" on the same confirmed
registration at the same moment: exactly one approval is recorded, by the
first; the second is told at once that someone else is deciding (the model
locks the row with ``SELECT ... FOR UPDATE NOWAIT`` in ``_dvk_lock_rows``).
Two agencies importing their registration lists at the same moment each get
their own registration with exactly their own lines.

These tests need transactions that really commit and see each other, so they
cannot run in the usual test transaction: every test builds a small province of
its own in a fresh cursor and commits it, works with its own cursors (as two
RPC calls would), and deletes everything it made in a committed cleanup that
runs whether the test passes, fails or errors (``addCleanup``). A cleanup that
an interrupted run could not do is done by the next run (``_purge``: every
record of these tests carries the ``DVK-CONC`` mark). The cleanup also
deletes the bus notifications these transactions sent and gives the
registration numbers back when nobody else registered meanwhile; after a killed
run only those two are left behind (the bus garbage-collects its rows). Waits
are bounded (``lock_timeout``, barrier and future timeouts) so that a
regression fails instead of hanging. Select them with
``--test-tags dvk_concurrency``.
"""

import base64
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg2

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from ..report.registration_xlsx import write_registration_sheet
from .common import R5_1_COMPLETE

MARK = "DVK-CONC"  # in the name of every department, user and year these tests create
LOGIN = "dvk.conc."
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "mail_notrack": True}
LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'"  # a missing NOWAIT must fail the test, not hang it


@tagged("post_install", "-at_install", "dvk_concurrency")
class TestConcurrency(BaseCase):
    """Concurrent approval (R3, R6.2) and concurrent imports, with real, committed transactions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        self.tag = uuid.uuid4().hex[:6]
        self._purge()  # what an interrupted earlier run left
        self.addCleanup(self._purge)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
            self._build(env)
        # committed from here on: the cleanup above deletes it

    # the committed province ---------------------------------------------------

    def _build(self, env):
        cr = env.cr
        cr.execute("SELECT txid_current() % 4294967296")
        self.xids = [cr.fetchone()[0]]  # bus notifications this transaction sends are deleted with the rest
        sequence = env.ref("danvan_khe.seq_dvk_registration")
        cr.execute(f"SELECT last_value, is_called FROM ir_sequence_{sequence.id:03d}")
        self.sequence_state = (sequence.id, *cr.fetchone())
        cr.execute("SELECT COALESCE(max(id), 0) FROM dvk_registration")
        self.registration_max = cr.fetchone()[0]
        tier = env.ref("danvan_khe.tier_province")
        Department = env["hr.department"]
        used = set(env["dvk.period"].with_context(active_test=False).search([]).mapped("year"))
        year = next(y for y in range(2099, 2030, -1) if y not in used)  # the sheet reader reads years to 2100
        period = env["dvk.period"].create({"year": year, "name": f"{MARK} {year}"})
        agencies = {
            side: Department.create(
                {"name": f"{MARK} Sở {side.upper()} {self.tag}", "dvk_is_agency": True, "dvk_tier_id": tier.id}
            )
            for side in ("a", "b")
        }
        users = {}
        for login, side, head in (
            ("staff.a", "a", False),
            ("head.a", "a", True),
            ("member1.a", "a", False),
            ("member2.a", "a", False),
            ("staff.b", "b", False),
        ):
            group = "danvan_khe.group_dvk_manager" if head else "danvan_khe.group_dvk_user"
            if login.startswith("member"):
                group = "danvan_khe.group_dvk_committee"
            user = new_test_user(
                env, login=f"{LOGIN}{login}.{self.tag}", groups=group, name=f"{MARK} {login} {self.tag}", context=QUIET
            )
            employee = env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": agencies[side].id}
            )
            if head:
                agencies[side].manager_id = employee
            users[login] = user
        env["dvk.committee"].create(
            {
                "name": f"{MARK} BCĐ {self.tag}",
                "department_id": agencies["a"].id,
                "member_ids": [Command.set([users["member1.a"].id, users["member2.a"].id])],
                "chair_id": users["member1.a"].id,
            }
        )
        self.period_id, self.year = period.id, year
        self.agency_ids = {side: agency.id for side, agency in agencies.items()}
        self.agency_names = {side: agency.name for side, agency in agencies.items()}
        self.uids = {login: user.id for login, user in users.items()}
        self.employee_names = {login: user.name for login, user in users.items()}
        # a namesake in each agency: an exemplar row must find the one of the importing agency
        self.namesake = f"{MARK} Nguyễn Văn An {self.tag}"
        self.namesake_ids = {
            side: env["hr.employee"].create({"name": self.namesake, "department_id": agency.id}).id
            for side, agency in agencies.items()
        }
        sector = env.ref("danvan_khe.sector_kt")
        self.sector_id = sector.id

    def _purge(self):
        """Delete, in a committed transaction, everything these tests made (this run's and any earlier one's)."""
        with self.registry.cursor() as cr:
            cr.execute("SET LOCAL lock_timeout = '10s'")
            env = api.Environment(cr, SUPERUSER_ID, dict(QUIET, active_test=False))
            agencies = env["hr.department"].search([("name", "=like", f"{MARK}%")])
            users = env["res.users"].search([("login", "=like", f"{LOGIN}%")])
            periods = env["dvk.period"].search([("name", "=like", f"{MARK}%")])
            if not (agencies or users or periods or env["res.partner"].search([("name", "=like", f"{MARK}%")])):
                return
            env["dvk.registration.import"].search([("department_id", "in", agencies.ids)]).unlink()
            registrations = env["dvk.registration"].search(
                ["|", ("department_id", "in", agencies.ids), ("period_id", "in", periods.ids)]
            )
            models = registrations.model_ids
            # state changes only through sudo (_dvk_set_state): approved ones go back to draft to be deleted
            registrations.sudo().write({"state": "draft"})
            models.sudo().write({"state": "draft"})
            models.unlink()  # through the ORM, so that their messages, followers and activities go too
            registrations.unlink()
            env["dvk.committee"].search([("department_id", "in", agencies.ids)]).unlink()
            employees = env["hr.employee"].search(
                ["|", ("user_id", "in", users.ids), ("department_id", "in", agencies.ids)]
            )
            # the users' partners, and the work contacts made for employees without a user
            partners = users.partner_id | employees.work_contact_id
            partners |= env["res.partner"].search([("name", "=like", f"{MARK}%")])
            employees.unlink()
            agencies.unlink()
            periods.unlink()
            users.unlink()
            partners.unlink()
            cr.execute("SELECT txid_current() % 4294967296")
            xids = [*getattr(self, "xids", []), cr.fetchone()[0]]
            channels = [json.dumps([cr.dbname, "res.partner", pid], separators=(",", ":")) for pid in partners.ids]
            # give the registration numbers back, unless someone else registered meanwhile
            if getattr(self, "sequence_state", None) and not env["dvk.registration"].search_count(
                [("id", ">", self.registration_max)]
            ):
                sequence_id, last_value, is_called = self.sequence_state
                cr.execute(f"SELECT setval('ir_sequence_{sequence_id:03d}', %s, %s)", [last_value, is_called])
        with self.registry.cursor() as cr:
            # the bus notifications sent to our people, or by our setup and cleanup (joining and leaving the
            # general channel): the cleanup's are sent when it commits, hence this second transaction
            cr.execute(
                "DELETE FROM bus_bus WHERE channel = ANY(%s) OR xmin::text::bigint = ANY(%s)",
                [channels or [""], xids],
            )

    # helpers --------------------------------------------------------------------

    def _env(self, cr, login):
        return api.Environment(cr, self.uids[login], {})

    def _confirmed_registration(self):
        """A registration of agency A, drafted and submitted by its staff, confirmed by its head; committed."""
        with self.registry.cursor() as cr:
            staff = self._env(cr, "staff.a")
            registration = staff["dvk.registration"].create(
                {"department_id": self.agency_ids["a"], "period_id": self.period_id}
            )
            for index in range(2):
                staff["dvk.model"].create(
                    {
                        "registration_id": registration.id,
                        "name": f"Mô hình {index + 1}",
                        "kind": "collective",
                        "sector_id": self.sector_id,
                        **R5_1_COMPLETE,
                    }
                )
            registration.action_submit()
            registration.with_env(self._env(cr, "head.a")).action_confirm()
            self.assertEqual(registration.state, "confirmed")
            return registration.id

    def _approvals(self, cr, registration_id):
        """What the database holds of the approval: state, who, and how many times 'Approved' was tracked."""
        env = api.Environment(cr, SUPERUSER_ID, {})
        registration = env["dvk.registration"].browse(registration_id)
        tracked = env["mail.tracking.value"].search_count(
            [
                ("mail_message_id.model", "=", "dvk.registration"),
                ("mail_message_id.res_id", "=", registration_id),
                ("field_id.name", "=", "state"),
                ("new_value_char", "=", "Approved"),
            ]
        )
        return registration, tracked

    # R3/R6.2: one decision -------------------------------------------------------------

    @mute_logger("odoo.sql_db")  # the refused lock is logged as a bad query
    def test_R3_concurrent_approval_second_member_is_refused_at_once(self):
        """Member 1 approves and has not committed yet; member 2 approving the same form is refused at once."""
        registration_id = self._confirmed_registration()
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute(LOCK_TIMEOUT)
            first = self._env(cr1, "member1.a")["dvk.registration"].browse(registration_id)
            second = self._env(cr2, "member2.a")["dvk.registration"].browse(registration_id)
            self.assertEqual(second.state, "confirmed", "cursor 2 reads the committed state")
            self.assertTrue(first.action_approve())
            first.env.flush_all()  # written in transaction 1, not committed
            self.assertEqual(second.state, "confirmed", "transaction 2 does not see transaction 1's approval")

            started = time.monotonic()
            with self.assertRaisesRegex(UserError, "Someone else is deciding"):
                second.action_approve()
            self.assertLess(time.monotonic() - started, 2.0, "the second member is told at once, not made to wait")
            cr2.rollback()  # the RPC call of member 2 ends with its error

            cr1.commit()  # member 1's call ends well
            with self.assertRaisesRegex(UserError, "Approving is not possible"):
                second.action_approve()  # member 2 tries again: the form is approved already
            cr2.rollback()

        with self.registry.cursor() as cr3:
            registration, tracked = self._approvals(cr3, registration_id)
            self.assertEqual(registration.state, "approved")
            self.assertEqual(registration.approved_by_id.id, self.uids["member1.a"])
            self.assertEqual(set(registration.model_ids.mapped("state")), {"in_progress"})
            self.assertEqual(tracked, 1, "exactly one approval is recorded in the chatter")

    @mute_logger("odoo.sql_db")
    def test_R6_2_item13_two_users_register_the_same_line_at_once(self):
        """R6.2 (issue 9, item 13): staff and head add the same line at once: one is kept, the other is told."""
        with self.registry.cursor() as cr:
            registration_id = (
                self._env(cr, "staff.a")["dvk.registration"]
                .create({"department_id": self.agency_ids["a"], "period_id": self.period_id})
                .id
            )
        line = {"registration_id": registration_id, "name": "Mô hình trùng", "sector_id": self.sector_id}

        def add(cr, login):
            self._env(cr, login)["dvk.model"].create(dict(line)).env.flush_all()

        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute(LOCK_TIMEOUT)
            cr2.execute("SELECT 1")  # transaction 2 starts now: it cannot see what transaction 1 writes
            add(cr1, "staff.a")  # inserted, not committed
            with ThreadPoolExecutor(1) as pool:
                second = pool.submit(add, cr2, "head.a")  # waits for transaction 1 on the form's row
                time.sleep(0.5)
                cr1.commit()
                with self.assertRaises(psycopg2.errors.SerializationFailure):
                    second.result(timeout=20)
            cr2.rollback()
            # Odoo retries a serialization failure: the retried call sees the first line and says so
            with self.assertRaisesRegex(ValidationError, "already registered"):
                add(cr2, "head.a")
            cr2.rollback()
        with self.registry.cursor() as cr3:
            count = api.Environment(cr3, SUPERUSER_ID, {})["dvk.model"].search_count(
                [("registration_id", "=", registration_id)]
            )
            self.assertEqual(count, 1)

    @mute_logger("odoo.sql_db")
    def test_R3_concurrent_approval_threads(self):
        """Both members press Approve at the same moment (two threads): one approval, the other member refused."""
        registration_id = self._confirmed_registration()
        start, decided = threading.Barrier(2, timeout=20), threading.Barrier(2, timeout=20)

        def approve(login):
            try:
                with self.registry.cursor() as cr:
                    cr.execute(LOCK_TIMEOUT)
                    registration = self._env(cr, login)["dvk.registration"].browse(registration_id)
                    registration.state  # noqa: B018 (read before the race, as the form view did)
                    start.wait()
                    started = time.monotonic()
                    try:
                        registration.action_approve()
                        registration.env.flush_all()
                        outcome = "approved"
                    except UserError as error:
                        cr.rollback()
                        outcome = str(error)
                    elapsed = time.monotonic() - started
                    decided.wait()  # neither commits before both have tried
                    return outcome, elapsed
            except BaseException:
                start.abort()
                decided.abort()
                raise

        with ThreadPoolExecutor(max_workers=2) as executor:
            futures = {login: executor.submit(approve, login) for login in ("member1.a", "member2.a")}
            outcomes = {login: future.result(timeout=60) for login, future in futures.items()}

        winners = [login for login, (outcome, _elapsed) in outcomes.items() if outcome == "approved"]
        self.assertEqual(len(winners), 1, outcomes)
        loser = next(login for login in outcomes if login not in winners)
        self.assertIn("Someone else is deciding", outcomes[loser][0])
        self.assertLess(outcomes[loser][1], 2.0, "the other member is told at once, not made to wait")
        with self.registry.cursor() as cr3:
            registration, tracked = self._approvals(cr3, registration_id)
            self.assertEqual(registration.state, "approved")
            self.assertEqual(registration.approved_by_id.id, self.uids[winners[0]])
            self.assertEqual(tracked, 1)

    # R6.2: imports at once --------------------------------------------------------------

    def _sheet(self, side, count):
        names = [f"Mô hình {index:02d} của Sở {side.upper()}" for index in range(1, count + 1)]
        rows = [
            {
                "seq": index,
                # two exemplars (the agency's staff, and a name both agencies have), then collectives
                "implementer": {1: self.employee_names[f"staff.{side}"], 2: self.namesake}.get(
                    index, self.agency_names[side]
                ),
                "model_name": name,
                "sector_code": "KT",
                "period": f"Năm {self.year}",
                "expected_result": f"Kết quả {index}",
            }
            for index, name in enumerate(names, 1)
        ]
        return write_registration_sheet(self.agency_names[side], rows), names

    def test_R6_2_two_agencies_import_at_once_do_not_mix_lines(self):
        """R6.2: agencies A and B import their lists at the same moment; each registration has exactly its lines."""
        sheets = {side: self._sheet(side, 40) for side in ("a", "b")}
        start, imported = threading.Barrier(2, timeout=30), threading.Barrier(2, timeout=30)

        def run(side):
            try:
                with self.registry.cursor() as cr:
                    cr.execute(LOCK_TIMEOUT)
                    env = self._env(cr, f"staff.{side}")
                    wizard = env["dvk.registration.import"].create(
                        {
                            "department_id": self.agency_ids[side],
                            "period_id": self.period_id,
                            "file_data": base64.b64encode(sheets[side][0]),
                            "file_name": f"dang_ky_{side}.xlsx",
                        }
                    )
                    start.wait()
                    action = wizard.action_import()
                    env.flush_all()
                    imported.wait()  # both imports are written, neither is committed
                    return action["res_id"]  # the cursor commits on leaving the block
            except BaseException:
                start.abort()
                imported.abort()
                raise

        with ThreadPoolExecutor(max_workers=2) as executor:
            futures = {side: executor.submit(run, side) for side in ("a", "b")}
            created = {side: future.result(timeout=120) for side, future in futures.items()}

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for side in ("a", "b"):
                with self.subTest(agency=side):
                    registrations = env["dvk.registration"].search([("department_id", "=", self.agency_ids[side])])
                    self.assertEqual(registrations.ids, [created[side]], "one registration per agency")
                    models = registrations.model_ids
                    self.assertEqual(sorted(models.mapped("name")), sorted(sheets[side][1]))
                    self.assertEqual(set(models.agency_id.ids), {self.agency_ids[side]})
                    self.assertEqual(set(models.registration_id.ids), {created[side]})
                    exemplars = models.filtered(lambda m: m.kind == "individual").employee_id
                    self.assertEqual(len(exemplars), 2)
                    self.assertIn(self.namesake_ids[side], exemplars.ids, "the namesake of the importing agency")
                    self.assertIn(self.uids[f"staff.{side}"], exemplars.user_id.ids)
                    self.assertEqual(set(exemplars.department_id.ids), {self.agency_ids[side]})
                    self.assertEqual(set(models.mapped("state")), {"draft"})
                    self.assertEqual(registrations.state, "draft")
