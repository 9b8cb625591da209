from odoo import api, fields, models


class DvkClassification(models.Model):
    """Xếp loại: a result class reached from a share of the maximum score (configuration)."""

    _name = "dvk.classification"
    _description = "Evaluation classification"
    _order = "min_percent desc, id"

    name = fields.Char(required=True, translate=True)
    min_percent = fields.Float(
        string="From (% of maximum)", required=True, help="Lowest share of the maximum total that earns this class."
    )
    is_pass = fields.Boolean(string="Passes", default=True, help="A passing class can be recognised.")
    active = fields.Boolean(default=True)

    @api.model
    def _dvk_classify(self, total, maximum):
        """The class for a total out of a maximum, or an empty record."""
        percent = 100.0 * total / maximum if maximum else 0.0
        for classification in self.search([]):
            if percent >= classification.min_percent:
                return classification
        return self.browse()
