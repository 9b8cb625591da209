"""What the integrity tests share: a model taken to each step by its actors (not a test module).

``IntegrityCase`` reports, evaluates and recognises a model of Sở Tư pháp as the demo
roles would over RPC, and brings a model of another year or of another agency to the
same point; test_integrity.py and test_integrity_decisions.py build on it.
"""

from odoo import Command
from odoo.exceptions import UserError

from .common import R5_1_COMPLETE, DvkCase

REFUSED = UserError  # AccessError and ValidationError are UserErrors too


class IntegrityCase(DvkCase):
    """Models of the test province at each step of the movement, taken there by their actors."""

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
                    **R5_1_COMPLETE,
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
            .create(
                {
                    "registration_id": registration.id,
                    "name": "Mô hình năm sau",
                    "sector_id": self.sector_vhxh.id,
                    **R5_1_COMPLETE,
                }
            )
        )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        model.with_user(self.staff_a).write({"result_summary": "Tốt"})
        model.with_user(self.staff_a).action_report()
        return model

    def _other_agency_evaluated(self):
        registration = self.env["dvk.registration"].with_user(self.staff_b).create({"department_id": self.dept_b.id})
        model = (
            self.env["dvk.model"]
            .with_user(self.staff_b)
            .create(
                {
                    "registration_id": registration.id,
                    "name": "Mô hình của Sở Y tế",
                    "sector_id": self.sector_kt.id,
                    **R5_1_COMPLETE,
                }
            )
        )
        registration.action_submit()
        registration.with_user(self.head_b).action_confirm()
        registration.with_user(self.member_b).action_approve()
        model.with_user(self.staff_b).write({"result_summary": "Tốt"})
        model.with_user(self.staff_b).action_report()
        self.env["dvk.evaluation"].with_user(self.head_b).create({"model_id": model.id}).action_done()
        return model
