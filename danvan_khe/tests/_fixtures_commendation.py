"""What the commendation-system tests share: recognised models, proposals, a decision (not a test module).

``CommendationSystemCase`` takes an agency's models to recognition through their actors
(staff register and report, the head evaluates, the committee recognises), has the
committee propose them, and the authority draw up the decision that grants them; the
test_commendation_*.py files build on it.
"""

from datetime import timedelta

from odoo import Command, fields

from .common import R5_1_COMPLETE, DvkCase


class CommendationSystemCase(DvkCase):
    """Helpers: recognised models of an agency, proposals sent for them, a decision granting them."""

    def committee_of(self, agency):
        return {
            self.dept_a: self.committee_a,
            self.dept_b: self.committee_b,
            self.commune: self.committee_c,
            self.district: getattr(self, "committee_d", self.env["dvk.committee"]),
        }[agency]

    def recognised(self, agency, names, period=None, employee=None):
        """Models (or, with ``employee``, exemplars) of ``agency`` taken to recognition by their actors."""
        staff, head, member = self._staff_of(agency), self.head_of(agency), self.member_of(agency)
        registration = self.make_registration(agency, user=staff, lines=0, period=period)
        Model = self.env["dvk.model"].with_user(staff)
        models_ = Model.browse()
        for index, name in enumerate(names):
            vals = {
                "registration_id": registration.id,
                "name": name,
                "sector_id": (self.sector_kt, self.sector_vhxh, self.sector_xdhtct)[index % 3].id,
                **R5_1_COMPLETE,
            }
            if employee:
                vals.update(kind="individual", employee_id=employee.id)
            models_ |= Model.create(vals)
        registration.action_submit()
        registration.with_user(head).action_confirm()
        registration.with_user(member).action_approve()
        for model in models_:
            model.with_user(staff).write({"result_summary": "Đạt và vượt chỉ tiêu đăng ký"})
            model.with_user(staff).action_report()
            evaluation = self.env["dvk.evaluation"].with_user(head).create({"model_id": model.id})
            for line in evaluation.line_ids:
                line.score = round(line.max_score * 0.9)
            evaluation.action_done()
        self.recognize(models_, committee=self.committee_of(agency), user=member)
        return models_

    def propose(self, models_, user=None, level="tier"):
        proposals = self.env["dvk.commendation"]
        for model in models_:
            user_ = user or self.member_of(model.agency_id)
            proposal = (
                self.env["dvk.commendation"]
                .with_user(user_)
                .create({"model_id": model.id, "level": level, "reason": "Thành tích tiêu biểu"})
            )
            proposal.action_propose()
            proposals |= proposal
        return proposals

    def decision(self, proposals, user, number="15/QĐ-STP", **values):
        proposals = proposals.sudo()
        return (
            self.env["dvk.commendation.decision"]
            .with_user(user)
            .create(
                {
                    "name": number,
                    "date": values.pop("date", fields.Date.today() - timedelta(days=2)),
                    "level": proposals[:1].level or "tier",
                    "authority_department_id": proposals[:1].authority_department_id.id,
                    "award_form_id": proposals[:1].award_form_id.id,
                    "proposal_ids": [Command.set(proposals.ids)],
                    **values,
                }
            )
        )
