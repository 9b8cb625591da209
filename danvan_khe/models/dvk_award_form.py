from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DvkAwardForm(models.Model):
    """A form of commendation (hình thức khen thưởng) and the level that grants it (R7.2, R7.3).

    Data an administrator edits, as the tiers are: a proposal chooses among the
    forms of its own level (its agency's tier, or the province).
    """

    _name = "dvk.award.form"
    _description = "Award form"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical code, e.g. commune, district, department, province.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    level = fields.Selection(
        [("tier", "By the agency's tier"), ("province", "Provincial")],
        required=True,
        default="tier",
        help="Proposals of this level may propose this form.",
    )
    tier_id = fields.Many2one(
        "dvk.tier",
        string="Tier",
        ondelete="restrict",
        help="For a form granted by tier: the tier of the agencies whose proposals it serves (empty: every tier).",
    )
    issuer = fields.Char(string="Issued by", translate=True, help="Who signs the award, e.g. the Director.")
    regulation_id = fields.Many2one(
        "dvk.regulation",
        string="Set by",
        default=lambda self: self.env["dvk.regulation"].search([], limit=1),
    )

    _sql_constraints = [("code_uniq", "unique(code)", "An award form code must be unique.")]

    @api.constrains("level", "tier_id")
    def _check_level(self):
        for form in self:
            if form.level == "province" and form.tier_id:
                raise ValidationError(
                    _("%(form)s is granted by the province: it names no tier.", form=form.display_name)
                )

    @api.model
    def _dvk_domain(self, level, tier):
        """The forms a proposal of ``level`` from an agency of ``tier`` may propose."""
        domain = [("level", "=", level or "tier")]
        if (level or "tier") == "tier":
            domain += ["|", ("tier_id", "=", False), ("tier_id", "=", tier.id if tier else False)]
        return domain

    @api.model
    def _dvk_default(self, level, tier):
        return self.search(self._dvk_domain(level, tier), limit=1)

    def _dvk_fits(self, level, tier):
        """Whether this form (one record) may be proposed at ``level`` for an agency of ``tier``."""
        self.ensure_one()
        if self.level != (level or "tier"):
            return False
        return self.level == "province" or not self.tier_id or self.tier_id == tier
