from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DvkEvaluationLine(models.Model):
    """The score of one factor of Art. 7.1 (a–đ)."""

    _name = "dvk.evaluation.line"
    _description = "Evaluation factor score"
    _order = "sequence, id"

    evaluation_id = fields.Many2one("dvk.evaluation", required=True, index=True, ondelete="cascade")
    criterion_id = fields.Many2one(
        "dvk.criterion", string="Factor", required=True, domain=[("kind", "=", "evaluation")], ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    max_score = fields.Float(related="criterion_id.max_score", string="Maximum")
    score = fields.Float(default=0.0)
    comment = fields.Text()

    _sql_constraints = [
        ("criterion_uniq", "unique(evaluation_id, criterion_id)", "Each factor is scored once per evaluation."),
    ]

    @api.constrains("score", "criterion_id")
    def _check_score(self):
        for line in self:
            if line.score < 0 or line.score > line.criterion_id.max_score:
                raise ValidationError(
                    _(
                        "The score %(score)s for factor %(factor)s must lie between 0 and %(max)s.",
                        score=line.score,
                        factor=line.criterion_id.name,
                        max=line.criterion_id.max_score,
                    )
                )
            if line.criterion_id.kind != "evaluation":
                raise ValidationError(
                    _("%(criterion)s is not an evaluation factor of Art. 7.1.", criterion=line.criterion_id.name)
                )
