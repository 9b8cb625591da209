"""R7.1, R7.2, R8: the decisions of the movement cannot be forged, item by item as reproduced over RPC.

A proposal is never granted by its proposer and a grant is final (R7.2); a done
evaluation does not change through its lines, scores are finite numbers, nobody
evaluates in the head's name (R7.1); a sent report (R8), a taken recognition's
rejections and a recognised model's results (R7.2), an evaluated model's inspections
(R6.4) stay as decided; a draft proposal does not become provincial (R7.3).  The
records' items (fields, scopes, agencies, the chatter): test_integrity.py.

Each test acts as the demo roles would over XML-RPC (``with_user``: record rules,
access rights and the models' own checks apply) and fails without the guard it names.
"""

import math

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ._fixtures_integrity import REFUSED, IntegrityCase


class TestIntegrityDecisions(IntegrityCase):
    """R7.1, R7.2, R8: the decisions (the records and who they name: test_integrity.py)."""

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

    # 11 ------------------------------------------------------------------------

    def test_R7_2_item11_committee_cannot_write_a_recognised_models_results(self):
        """R7.2 (item 11): the results of a recognised model are frozen for the committee."""
        model, _recognition = self._recognized()
        with self.assertRaises(REFUSED):
            model.with_user(self.member_a).write({"result_summary": "Viết lại"})

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

    # found from outside, after the first fixes ---------------------------------

    def test_R7_3_a_draft_proposal_does_not_become_provincial(self):
        """R7.3: a proposal's level set to the province later is checked as at creation."""
        model, _recognition = self._recognized()
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        with self.assertRaisesRegex(UserError, "provincial list"):
            proposal.write({"level": "province"})
