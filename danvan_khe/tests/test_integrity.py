"""R3: the records of the movement cannot be forged, item by item as they were reproduced over RPC.

Who and what a record names, and where it sits: computed, related and audit fields,
wizards, records moved across agencies or read through a relation, a committee on an
agency's drafts, a user's own scope, duplicate lines in the database (R6.2), names (R5.1)
and implementers (R5), context defaults, a closed year's drafts, the chatter.  The
decisions' items (evaluations, recognitions, commendations, reports): test_integrity_decisions.py.

Each test acts as the demo roles would over XML-RPC (``with_user``: record rules,
access rights and the models' own checks apply) and fails without the guard it names.
"""

import base64

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from ._fixtures_integrity import REFUSED, IntegrityCase
from .common import R5_1_COMPLETE


class TestIntegrity(IntegrityCase):
    """R3, R5, R6.2: the records and who they name (the decisions: test_integrity_decisions.py)."""

    # 2 -------------------------------------------------------------------------

    def test_R3_item02_computed_and_related_results_are_not_writable(self):
        """R3 (item 2): staff cannot write a model's computed or related results; a head cannot forge a total."""
        model, _evaluation = self._evaluated()
        for name, value in {
            "consecutive_years": 5,
            "replicated": True,
            "classification_id": False,
            "score_total": 100,
            "year": 2020,
            "period_id": self.period_for(self.year + 1).id,
            "agency_id": self.dept_b.id,
        }.items():
            with self.subTest(field=name), self.assertRaises(REFUSED):
                model.with_user(self.staff_a).write({name: value})
        fresh = self._reported_other_year()
        draft = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": fresh.id})
        with self.assertRaises(REFUSED):
            draft.write({"score_total": 100})
        self.assertEqual(model.agency_id, self.dept_a)

    # 4 -------------------------------------------------------------------------

    def test_R3_item04_wizards_are_their_owners_own(self):
        """R3 (item 4): a user neither reads nor rewrites another user's import or refusal wizard."""
        wizard = self.env["dvk.refuse.wizard"].with_user(self.head_a).create({"reason": "Lý do riêng"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.staff_b).read(["reason"])
        Import = self.env["dvk.registration.import"]
        upload = Import.with_user(self.staff_a).create(
            {
                "department_id": self.dept_a.id,
                "period_id": self.period.id,
                "file_name": "dk.xlsx",
                "file_data": base64.b64encode(b"PK"),
            }
        )
        self.assertFalse(Import.with_user(self.staff_b).search([("id", "=", upload.id)]))
        with self.assertRaises(AccessError):
            upload.with_user(self.staff_b).write({"file_name": "khac.xlsx"})

    # 7 -------------------------------------------------------------------------

    def test_R6_2_item07_records_do_not_move_across_agencies(self):
        """R6.2 (item 7): a draft form's agency, a line's form, a proposal's model stay where they were made."""
        model, _recognition = self._recognized()
        draft = (
            self.env["dvk.registration"]
            .with_user(self.staff_a)
            .create({"department_id": self.dept_a.id, "period_id": self.period_for(self.year + 2).id})
        )
        with self.assertRaises(REFUSED):
            draft.write({"department_id": self.dept_b.id})
        line = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create({"registration_id": draft.id, "name": "Dòng nháp", "sector_id": self.sector_kt.id, **R5_1_COMPLETE})
        )
        approved = (
            self.env["dvk.registration"]
            .with_user(self.staff_a)
            .create({"department_id": self.dept_a.id, "period_id": self.period_for(self.year + 1).id})
        )
        with self.assertRaises(REFUSED):
            line.write({"registration_id": approved.id})
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        with self.assertRaises(REFUSED):
            proposal.write({"model_id": line.id})

    # 8 -------------------------------------------------------------------------

    def test_R3_item08_no_reading_through_a_relation(self):
        """R3 (item 8): staff cannot point their model at another agency's evaluation to read its score."""
        model_b = self._other_agency_evaluated()
        model, _evaluation = self._evaluated()
        with self.assertRaises(REFUSED):
            model.with_user(self.staff_a).write({"evaluation_id": model_b.evaluation_id.id})

    # 10 ------------------------------------------------------------------------

    def test_R3_item10_audit_fields_are_not_forgeable(self):
        """R3 (item 10): who approved, when and why, and a model's decision fields, are the transitions'."""
        model, _recognition = self._recognized()
        registration = model.registration_id
        for values in (
            {"approved_by_id": self.staff_a.id},
            {"confirmed_by_id": self.staff_a.id},
            {"committee_id": self.committee_b.id},
            {"date_approved": "2000-01-01 00:00:00"},
            {"name": "DK/1999/00001"},
            {"refuse_reason": "Giả mạo"},
        ):
            for user in (self.staff_a, self.head_a, self.member_a):
                with self.subTest(values=values, user=user.login), self.assertRaises(REFUSED):
                    registration.with_user(user).write(values)
        for values in ({"not_recognized_reason": "x"}, {"recognition_id": False}, {"date_reported": "2000-01-01"}):
            for user in (self.staff_a, self.head_a, self.member_a):
                with self.subTest(values=values, user=user.login), self.assertRaises(REFUSED):
                    model.with_user(user).write(values)

    # 11 ------------------------------------------------------------------------

    def test_R6_2_item11_a_committee_does_not_edit_agencies_drafts(self):
        """R6.2 (item 11): a district committee member neither edits, adds nor deletes a commune's draft lines."""
        draft = self.env["dvk.registration"].with_user(self.staff_c).create({"department_id": self.commune.id})
        line = (
            self.env["dvk.model"]
            .with_user(self.staff_c)
            .create(
                {"registration_id": draft.id, "name": "Mô hình xã", "sector_id": self.sector_kt.id, **R5_1_COMPLETE}
            )
        )
        member = self.member_d
        with self.assertRaises(REFUSED):
            line.with_user(member).write({"name": "Sửa bởi huyện"})
        with self.assertRaises(REFUSED):
            self.env["dvk.model"].with_user(member).create(
                {"registration_id": draft.id, "name": "Thêm bởi huyện", "sector_id": self.sector_kt.id}
            )
        with self.assertRaises(REFUSED):
            line.with_user(member).unlink()
        with self.assertRaises(REFUSED):
            draft.with_user(member).unlink()
        # nor does a member delete a head's draft evaluation, or decide in another committee's name
        fresh = self._reported()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": fresh.id})
        with self.assertRaises(REFUSED):
            evaluation.with_user(self.member_a).unlink()
        with self.assertRaises(REFUSED):
            self.env["dvk.recognition"].with_user(self.member_a).create({"committee_id": self.committee_b.id})

    # 12 ------------------------------------------------------------------------

    def test_R3_item12_a_user_does_not_move_their_own_scope(self):
        """R3 (item 12): with Odoo's employee self-edit on, staff cannot change their own department."""
        self.env["ir.config_parameter"].sudo().set_param("hr.hr_employee_self_edit", True)
        with self.assertRaises(AccessError):
            self.staff_a.with_user(self.staff_a).write({"department_id": self.dept_b.id})
        self.assertEqual(self.staff_a.employee_ids.department_id, self.dept_a_office)
        self.assertNotIn(self.dept_b, self.staff_a.dvk_agency_ids)

    # 13 ------------------------------------------------------------------------

    def test_R6_2_item13_the_database_keeps_one_of_two_identical_lines(self):
        """R6.2 (item 13): the database refuses a duplicate line even where the Python check cannot see it."""
        draft = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        vals = {"registration_id": draft.id, "name": "Mô hình trùng", "sector_id": self.sector_kt.id}
        line = self.env["dvk.model"].with_user(self.staff_a).create(vals)
        self.env.flush_all()
        columns = "name, kind, registration_id, agency_id, period_id, sector_id, dedup_key, state, sequence"
        # a second transaction that did not see the first line inserts the same one: at its commit,
        # the deferred exclusion constraint refuses it (checked at once here, as a commit would)
        with self.assertRaises(psycopg2.errors.ExclusionViolation), self.env.cr.savepoint():
            self.env.cr.execute("SET CONSTRAINTS dvk_model_dedup_excl IMMEDIATE")
            self.env.cr.execute(
                f"INSERT INTO dvk_model ({columns}) SELECT {columns} FROM dvk_model WHERE id = %s",
                [line.id],
            )
        # a refused line does not block registering it again
        self.env.cr.execute("UPDATE dvk_model SET state = 'refused' WHERE id = %s", [line.id])
        with self.env.cr.savepoint():
            self.env.cr.execute("SET CONSTRAINTS dvk_model_dedup_excl IMMEDIATE")
            self.env.cr.execute(
                f"INSERT INTO dvk_model ({columns}) SELECT {columns} FROM dvk_model WHERE id = %s",
                [line.id],
            )

    # 14 ------------------------------------------------------------------------

    def test_R5_1_item14_long_and_empty_names_get_a_clear_error(self):
        """R5.1a (item 14): a 3 000-character name is a clear error, not a server error; an empty name is refused."""
        draft = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        with self.assertRaises(ValidationError) as caught:
            self.env["dvk.model"].with_user(self.staff_a).create(
                {"registration_id": draft.id, "name": "M" * 3000, "sector_id": self.sector_kt.id}
            )
        self.assertIn("3000", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {"registration_id": draft.id, "name": "   ", "sector_id": self.sector_kt.id}
            )
        # the key of the duplicate check has a fixed size whatever the names
        line = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create({"registration_id": draft.id, "name": "N" * 500, "sector_id": self.sector_kt.id, **R5_1_COMPLETE})
        )
        self.assertEqual(len(line.dedup_key), 40)

    # 15 ------------------------------------------------------------------------

    def test_R5_item15_implementer_belongs_to_the_registering_agency(self):
        """R5 (item 15): staff cannot name another agency's employee or department as a line's implementer."""
        draft = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        with self.assertRaises(ValidationError):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": draft.id,
                    "name": "Điển hình mượn",
                    "kind": "individual",
                    "employee_id": self.staff_b.employee_ids[:1].id,
                    "sector_id": self.sector_kt.id,
                    **R5_1_COMPLETE,
                }
            )
        with self.assertRaises(ValidationError):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": draft.id,
                    "name": "Tập thể mượn",
                    "department_id": self.dept_b.id,
                    "sector_id": self.sector_kt.id,
                    **R5_1_COMPLETE,
                }
            )

    # e-mail-less officers -----------------------------------------------------

    def test_R3_refusal_needs_no_email_address(self):
        """R3: an officer without an e-mail address refuses a registration; the reason is in the chatter."""
        head = new_test_user(self.env, login="t.head.noemail", groups="danvan_khe.group_dvk_manager")
        head.partner_id.email = False
        self.env["hr.employee"].create({"name": "Không thư", "user_id": head.id, "department_id": self.dept_b.id})
        self.dept_b.manager_id = head.employee_ids
        registration = self.env["dvk.registration"].with_user(self.staff_b).create({"department_id": self.dept_b.id})
        self.env["dvk.model"].with_user(self.staff_b).create(
            {
                "registration_id": registration.id,
                "name": "Mô hình Y tế",
                "sector_id": self.sector_kt.id,
                **R5_1_COMPLETE,
            }
        )
        registration.action_submit()
        registration.with_user(head).action_refuse(reason="Thiếu nội dung")
        self.assertEqual(registration.state, "refused")
        self.assertIn("Thiếu nội dung", registration.message_ids.mapped("body")[0])

    # found from outside, after the first fixes ---------------------------------

    def test_R3_context_defaults_do_not_set_decisions(self):
        """R3: default_<field> context keys are given values too: no state, audit field or result through them."""
        with self.assertRaises(REFUSED):
            self.env["dvk.registration"].with_user(self.staff_a).with_context(
                default_approved_by_id=self.member_a.id
            ).create({"department_id": self.dept_a.id})
        draft = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        with self.assertRaises(REFUSED):
            self.env["dvk.model"].with_user(self.staff_a).with_context(default_state="in_progress").create(
                {"registration_id": draft.id, "name": "Sinh ra đang thực hiện", "sector_id": self.sector_kt.id}
            )
        model_b = self._other_agency_evaluated()
        with self.assertRaises(REFUSED):
            self.env["dvk.model"].with_user(self.staff_a).with_context(
                default_evaluation_id=model_b.evaluation_id.id
            ).create({"registration_id": draft.id, "name": "Đọc điểm", "sector_id": self.sector_kt.id, **R5_1_COMPLETE})
        # the form's own defaults still work
        line = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .with_context(default_registration_id=draft.id)
            .create({"name": "Dòng của form", "sector_id": self.sector_kt.id})
        )
        self.assertEqual(line.registration_id, draft)

    def test_R3_a_closed_years_drafts_are_kept(self):
        """R3: a draft of a closed year is not deleted."""
        period = self.period_for(self.year + 5)
        draft = (
            self.env["dvk.registration"]
            .with_user(self.staff_a)
            .create({"department_id": self.dept_a.id, "period_id": period.id})
        )
        period.with_user(self.admin).action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            draft.unlink()

    def test_R3_the_chatter_is_not_forged(self):
        """R3: staff neither post in another's name nor change or delete what the workflow logged."""
        registration = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        message = registration.message_post(body="Ý kiến", author_id=self.admin.partner_id.id, message_type="comment")
        self.assertEqual(message.author_id, self.staff_a.partner_id)
        logged = registration.sudo()._message_log(body="Ghi nhận của hệ thống")
        for operation in (lambda m: m.write({"body": "Sửa"}), lambda m: m.unlink()):
            with self.assertRaises(AccessError):
                operation(logged.with_user(self.staff_a))
        with self.assertRaises(REFUSED):
            registration.write({"message_ids": [Command.create({"body": "Giả", "model": "dvk.registration"})]})
