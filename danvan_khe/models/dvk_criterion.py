from odoo import fields, models


class DvkCriterion(models.Model):
    """A criterion of Art. 5 (collective a–đ, individual a–d) or an evaluation factor of Art. 7.1."""

    _name = "dvk.criterion"
    _description = "Criterion"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    letter = fields.Char(help="Point of the article, e.g. a, b, đ.")
    description = fields.Text(translate=True)
    kind = fields.Selection(
        [
            ("collective", "Collective model"),
            ("individual", "Individual exemplar"),
            ("evaluation", "Evaluation factor"),
        ],
        required=True,
    )
    max_score = fields.Float(string="Maximum score", default=0.0, help="Evaluation factors are scored 0 to this.")
    sequence = fields.Integer(default=10)
    regulation_id = fields.Many2one("dvk.regulation", string="Set by", required=True, ondelete="restrict")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("max_score_positive", "CHECK(max_score >= 0)", "A maximum score cannot be negative."),
    ]
