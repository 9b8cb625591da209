from odoo import fields, models


class DvkTier(models.Model):
    """An administrative tier (R1) and who its proposals go to (R7.2).

    Tiers are data: a two-tier province (2025 reform) archives the district tier.
    """

    _name = "dvk.tier"
    _description = "Administrative tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code, e.g. province, district, commune.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    regulation_id = fields.Many2one("dvk.regulation", string="Set by")
    commendation_authority = fields.Text(
        string="Commendation authority",
        translate=True,
        help="R7.2: to whom the steering committee of this tier proposes commendation.",
    )
    commendation_route = fields.Selection(
        [
            ("committee", "The steering committee itself"),
            ("tier_body", "The People's Committee of the same tier"),
            ("agency_head", "The head of the agency"),
        ],
        string="Commendation route",
        required=True,
        default="agency_head",
        help="Where a proposal from an agency of this tier is routed for decision.",
    )
    department_ids = fields.One2many("hr.department", "dvk_tier_id", string="Agencies")

    _sql_constraints = [("code_uniq", "unique(code)", "A tier code must be unique.")]
