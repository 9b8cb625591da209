from odoo import fields, models


class DvkTier(models.Model):
    """An administrative tier (R1) and who its proposals go to (R7.2), as a regulation sets them.

    Tiers are data, versioned by the regulation that set them: Decision 976 (2023)
    has three, a two-tier province (2025 reform) sets its own under its own act.
    An agency points at one tier; a record of a year applies the tier of that
    year's regulation with the same code (:meth:`_dvk_for_regulation`), so a 2024
    proposal follows the three tiers of 2023 and a 2026 one the act then in force.
    """

    _name = "dvk.tier"
    _description = "Administrative tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code, e.g. province, district, commune: the same code in two regulations is "
        "the same tier as each act sets it.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    regulation_id = fields.Many2one(
        "dvk.regulation",
        string="Set by",
        required=True,
        index=True,
        ondelete="restrict",
        default=lambda self: self.env["dvk.regulation"].search([], limit=1),
    )
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

    _sql_constraints = [
        ("code_regulation_uniq", "unique(code, regulation_id)", "A tier code is unique within a regulation.")
    ]

    def _dvk_for_regulation(self, regulation):
        """The tier that applies under ``regulation`` to an agency of this tier (one tier).

        The regulation's tier with this tier's code; this tier itself when the
        regulation sets no such tier (or there is no regulation).
        """
        if not self:
            return self
        self.ensure_one()
        return regulation.sudo()._dvk_tier(self.code).with_env(self.env) or self
