import math

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang


class DvkEvaluationLine(models.Model):
    """The score of one factor of Art. 7.1 (a–đ)."""

    _name = "dvk.evaluation.line"
    _description = "Evaluation factor score"
    _inherit = ["dvk.agency.mixin"]
    _dvk_year_frozen = True
    _rec_name = "criterion_id"
    _order = "sequence, id"
    _dvk_fields = {
        "create": {"evaluator": {"evaluation_id", "criterion_id", "score", "comment"}},
        "draft": {"evaluator": {"score", "comment"}},
    }

    evaluation_id = fields.Many2one("dvk.evaluation", required=True, index=True, ondelete="cascade")
    criterion_id = fields.Many2one(
        "dvk.criterion",
        string="Factor",
        required=True,
        domain=[("kind", "in", ("evaluation", "individual"))],
        ondelete="restrict",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    max_score = fields.Float(related="criterion_id.max_score", string="Maximum")
    score = fields.Float(default=0.0)
    comment = fields.Text()

    agency_id = fields.Many2one(related="evaluation_id.agency_id")

    _sql_constraints = [
        ("criterion_uniq", "unique(evaluation_id, criterion_id)", "Each factor is scored once per evaluation."),
        ("score_finite", "CHECK(score > '-Infinity'::float8 AND score < 'Infinity'::float8)", "A score is a number."),
    ]

    def _dvk_guard_state(self):
        self.ensure_one()
        return self.sudo().evaluation_id.state

    def _dvk_state_label(self, state):
        return self.env["dvk.evaluation"]._dvk_state_label(state)

    def _dvk_roles(self, user=None):
        self.ensure_one()
        return self.sudo().evaluation_id.with_env(self.env)._dvk_roles(user)

    def _dvk_thread(self):
        return self.evaluation_id

    @api.constrains("score", "criterion_id")
    def _check_score(self):
        for line in self:
            if not math.isfinite(line.score) or line.score < 0 or line.score > line.criterion_id.max_score:
                raise ValidationError(
                    _(
                        "The score %(score)s for factor %(factor)s must lie between 0 and %(max)s.",
                        score=formatLang(self.env, line.score) if abs(line.score) < 1e15 else line.score,
                        factor=line.criterion_id.name,
                        max=formatLang(self.env, line.criterion_id.max_score),
                    )
                )
            expected = line.evaluation_id.model_id._dvk_criterion_kind()
            if line.criterion_id.kind != expected:
                raise ValidationError(
                    _(
                        "%(criterion)s is not a criterion on which %(model)s is evaluated.",
                        criterion=line.criterion_id.name,
                        model=line.evaluation_id.model_id.display_name,
                    )
                )

    def _dvk_year(self):
        return self.sudo().evaluation_id.period_id
