from odoo import fields, models


class DvkRegulation(models.Model):
    """The legal act that sets the movement's catalogues (tiers, sectors, criteria).

    An amendment is a new regulation record with its own catalogues, so records
    made under an older act keep pointing at the criteria they were judged on.
    """

    _name = "dvk.regulation"
    _description = "Regulation of the movement"
    _order = "date_issued desc, id desc"

    name = fields.Char(required=True, translate=True)
    number = fields.Char(help="Decision number, e.g. 976/QĐ-UBND.")
    date_issued = fields.Date(string="Issued on")
    issuer = fields.Char(translate=True, help="Authority that issued the decision.")
    replaced_id = fields.Many2one("dvk.regulation", string="Replaces", help="The earlier act this one replaces.")
    replication_min_years = fields.Integer(
        string="Consecutive years for the provincial list",
        default=2,
        help="R7.3: models recognised this many years in a row or more are proposed for provincial commendation.",
    )
    provincial_authority = fields.Char(
        translate=True,
        help="Who decides provincial commendations compiled by Home Affairs.",
    )
    active = fields.Boolean(default=True)
    sector_ids = fields.One2many("dvk.sector", "regulation_id", string="Sectors")
    criterion_ids = fields.One2many("dvk.criterion", "regulation_id", string="Criteria")
