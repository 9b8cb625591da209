"""R3: the decisions of the movement cannot be forged, item by item as they were reproduced over RPC.

Each test acts as the demo roles would over XML-RPC (``with_user``: record rules,
access rights and the models' own checks apply) and fails without the guard it names.
"""

import base64
import math

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from .common import DvkCase

REFUSED = UserError  # AccessError and ValidationError are UserErrors too


class TestIntegrity(DvkCase):
    def _reported(self):
        registration = self.env["dvk.registration"].with_user(self.staff_a).create({"department_id": self.dept_a.id})
        model = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create(
                {
                    "registration_id": registration.id,
                    "name": "Dân vận khéo trong cải cách hành chính",
                    "sector_id": self.sector_kt.id,
                }
            )
        )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        model.with_user(self.staff_a).write({"result_summary": "Giảm 30% thời gian giải quyết hồ sơ"})
        model.with_user(self.staff_a).action_report()
        return model

    def _evaluated(self, score=16):
        model = self._reported()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})
        for line in evaluation.line_ids:
            line.score = score
        evaluation.action_done()
        return model, evaluation

    def _recognized(self):
        model, _evaluation = self._evaluated()
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create({"committee_id": self.committee_a.id, "model_ids": [Command.set(model.ids)]})
        )
        recognition.action_done()
        return model, recognition

    # 1 -------------------------------------------------------------------------

    def test_R7_2_item01_commendation_cannot_be_self_granted(self):
        """R7.2 (item 1): a proposal's authority is computed; the proposer never decides; a grant is final."""
        model, _recognition = self._recognized()
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        with self.assertRaises(REFUSED):
            proposal.write({"authority_user_id": self.member_a.id})
        with self.assertRaises(REFUSED):
            self.env["dvk.commendation"].with_user(self.head_a).create({"model_id": model.id})
        proposal.action_propose()
        with self.assertRaises(AccessError):
            proposal.action_grant(decision_number="1/QĐ")  # the proposer is not the decider
        authority = proposal.authority_user_id
        proposal.with_user(authority).action_grant(decision_number="12/QĐ-STP")
        for values in ({"model_id": model.id}, {"level": "province"}, {"decision_number": "99/QĐ"}):
            with self.assertRaises(REFUSED):
                proposal.with_user(authority).write(values)

    def test_R7_2_item01_head_who_proposes_cannot_grant(self):
        """R7.2 (item 1): a head sitting on the committee proposes; then they cannot grant it themselves."""
        model, _recognition = self._recognized()
        self.committee_a.member_ids = [Command.link(self.head_a.id)]
        self.head_a.groups_id = [Command.link(self.env.ref("danvan_khe.group_dvk_committee").id)]
        proposal = self.env["dvk.commendation"].with_user(self.head_a).create({"model_id": model.id})
        proposal.action_propose()
        self.assertEqual(proposal.proposed_by_id, self.head_a)
        with self.assertRaises(AccessError):
            proposal.action_grant()

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

    def _reported_other_year(self):
        period = self.period_for(self.year + 1)
        registration = (
            self.env["dvk.registration"]
            .with_user(self.staff_a)
            .create({"department_id": self.dept_a.id, "period_id": period.id})
        )
        model = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create({"registration_id": registration.id, "name": "Mô hình năm sau", "sector_id": self.sector_vhxh.id})
        )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        model.with_user(self.staff_a).write({"result_summary": "Tốt"})
        model.with_user(self.staff_a).action_report()
        return model

    # 3 -------------------------------------------------------------------------

    def test_R7_1_item03_a_done_evaluation_does_not_change_through_its_lines(self):
        """R7.1 (item 3): after action_done, no one changes or removes a factor line; all five are needed."""
        model, evaluation = self._evaluated()
        line = evaluation.line_ids[:1]
        for user in (self.head_a, self.member_a):
            with self.assertRaises(REFUSED):
                line.with_user(user).write({"score": 0})
            with self.assertRaises(REFUSED):
                line.with_user(user).unlink()
        self.assertEqual(model.score_total, evaluation.score_total)
        fresh = self._reported_other_year()
        draft = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": fresh.id})
        with self.assertRaises(REFUSED):
            draft.line_ids[1:].unlink()
        # even an administrator's removal does not close an evaluation missing factors
        draft.line_ids[1:].sudo().unlink()
        with self.assertRaises(UserError):
            draft.action_done()

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

    # 5 -------------------------------------------------------------------------

    def test_R8_item05_a_sent_report_cannot_change(self):
        """R8 (item 5): figures, date_sent, sent_by_id of a sent report, and a draft's deadline, are the server's."""
        report = (
            self.env["dvk.agency.report"]
            .sudo()
            .create({"department_id": self.dept_a.id, "period_id": self.period.id, "kind": "february"})
        )
        with self.assertRaises(REFUSED):
            report.with_user(self.head_a).write({"date_deadline": "2999-12-31"})
        report.with_user(self.head_a).action_send()
        for values in (
            {"model_count": 99},
            {"date_sent": "2000-01-01"},
            {"sent_by_id": self.staff_a.id},
            {"note": "x"},
        ):
            with self.subTest(values=values), self.assertRaises(REFUSED):
                report.with_user(self.head_a).write(values)
        for line in report.line_ids:
            with self.assertRaises(REFUSED):
                line.with_user(self.head_a).write({"registered_count": 99})

    # 6 -------------------------------------------------------------------------

    def test_R7_2_item06_a_taken_recognition_does_not_change_through_its_rejections(self):
        """R7.2 (item 6): rejection rows of a decided recognition are frozen; no row for another scope's model."""
        model, _evaluation = self._evaluated()
        other = self._reported_other_year()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": other.id})
        evaluation.action_done()
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "rejection_ids": [Command.create({"model_id": model.id, "reason": "Chưa lan tỏa"})],
                }
            )
        )
        recognition.action_done()
        rejection = recognition.rejection_ids
        with self.assertRaises(REFUSED):
            rejection.write({"reason": "Khác"})
        with self.assertRaises(REFUSED):
            rejection.write({"model_id": other.id})
        with self.assertRaises(REFUSED):
            self.env["dvk.recognition.rejection"].with_user(self.member_a).create(
                {"recognition_id": recognition.id, "model_id": other.id, "reason": "Thêm"}
            )
        # a draft decision cannot list another agency's model either
        model_b = self._other_agency_evaluated()
        draft = self.env["dvk.recognition"].with_user(self.member_a).create({"committee_id": self.committee_a.id})
        with self.assertRaises(UserError):
            self.env["dvk.recognition.rejection"].with_user(self.member_a).create(
                {"recognition_id": draft.id, "model_id": model_b.id, "reason": "Đọc trộm"}
            )

    def _other_agency_evaluated(self):
        registration = self.env["dvk.registration"].with_user(self.staff_b).create({"department_id": self.dept_b.id})
        model = (
            self.env["dvk.model"]
            .with_user(self.staff_b)
            .create({"registration_id": registration.id, "name": "Mô hình của Sở Y tế", "sector_id": self.sector_kt.id})
        )
        registration.action_submit()
        registration.with_user(self.head_b).action_confirm()
        registration.with_user(self.member_b).action_approve()
        model.with_user(self.staff_b).write({"result_summary": "Tốt"})
        model.with_user(self.staff_b).action_report()
        self.env["dvk.evaluation"].with_user(self.head_b).create({"model_id": model.id}).action_done()
        return model

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
            .create({"registration_id": draft.id, "name": "Dòng nháp", "sector_id": self.sector_kt.id})
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

    # 9 -------------------------------------------------------------------------

    def test_R7_1_item09_scores_are_finite_numbers(self):
        """R7.1 (item 9): NaN and infinite scores are refused (XML-RPC nan, JSON NaN)."""
        model = self._reported()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})
        for bad in (math.nan, math.inf, -math.inf):
            with self.subTest(score=bad), self.assertRaises(REFUSED):
                evaluation.line_ids[:1].write({"score": bad})
                evaluation.line_ids[:1].flush_recordset()
        evaluation.action_done()
        self.assertTrue(math.isfinite(evaluation.score_total))

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
            .create({"registration_id": draft.id, "name": "Mô hình xã", "sector_id": self.sector_kt.id})
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

    def test_R7_2_item11_committee_cannot_write_a_recognised_models_results(self):
        """R7.2 (item 11): the results of a recognised model are frozen for the committee."""
        model, _recognition = self._recognized()
        with self.assertRaises(REFUSED):
            model.with_user(self.member_a).write({"result_summary": "Viết lại"})

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
            .create({"registration_id": draft.id, "name": "N" * 500, "sector_id": self.sector_kt.id})
        )
        self.assertEqual(len(line.dedup_key), 40)

    # 15 ------------------------------------------------------------------------

    def test_R6_4_item15_inspections_are_kept_once_evaluated(self):
        """R6.4 (item 15): a head cannot delete inspections of an evaluated model."""
        model = self._reported()
        inspection = self.env["dvk.inspection"].with_user(self.head_a).create({"model_id": model.id, "progress": 80})
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})
        evaluation.action_done()
        with self.assertRaises(REFUSED):
            inspection.with_user(self.head_a).unlink()
        with self.assertRaises(REFUSED):
            inspection.with_user(self.head_a).write({"findings": "Sửa sau"})

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
                }
            )
        with self.assertRaises(ValidationError):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": draft.id,
                    "name": "Tập thể mượn",
                    "department_id": self.dept_b.id,
                    "sector_id": self.sector_kt.id,
                }
            )

    def test_R7_1_item15_no_evaluation_in_the_heads_name(self):
        """R7.1 (item 15): a committee member cannot create an evaluation in the head's name, nor a decisive one."""
        model = self._reported()
        evaluation = (
            self.env["dvk.evaluation"]
            .with_user(self.member_a)
            .create({"model_id": model.id, "evaluator_id": self.head_a.id})
        )
        self.assertEqual(evaluation.evaluator_id, self.member_a)
        with self.assertRaises(REFUSED):
            self.env["dvk.evaluation"].with_user(self.member_a).create({"model_id": model.id, "is_decisive": True})
        evaluation.action_done()
        self.assertFalse(evaluation.is_decisive)
        self.assertEqual(model.state, "reported")

    # e-mail-less officers -----------------------------------------------------

    def test_R3_refusal_needs_no_email_address(self):
        """R3: an officer without an e-mail address refuses a registration; the reason is in the chatter."""
        head = new_test_user(self.env, login="t.head.noemail", groups="danvan_khe.group_dvk_manager")
        head.partner_id.email = False
        self.env["hr.employee"].create({"name": "Không thư", "user_id": head.id, "department_id": self.dept_b.id})
        self.dept_b.manager_id = head.employee_ids
        registration = self.env["dvk.registration"].with_user(self.staff_b).create({"department_id": self.dept_b.id})
        self.env["dvk.model"].with_user(self.staff_b).create(
            {"registration_id": registration.id, "name": "Mô hình Y tế", "sector_id": self.sector_kt.id}
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
            ).create({"registration_id": draft.id, "name": "Đọc điểm", "sector_id": self.sector_kt.id})
        # the form's own defaults still work
        line = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .with_context(default_registration_id=draft.id)
            .create({"name": "Dòng của form", "sector_id": self.sector_kt.id})
        )
        self.assertEqual(line.registration_id, draft)

    def test_R7_3_a_draft_proposal_does_not_become_provincial(self):
        """R7.3: a proposal's level set to the province later is checked as at creation."""
        model, _recognition = self._recognized()
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        with self.assertRaisesRegex(UserError, "provincial list"):
            proposal.write({"level": "province"})

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
