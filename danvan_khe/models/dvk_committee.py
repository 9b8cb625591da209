from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DvkCommittee(models.Model):
    """Ban Chỉ đạo QCDC và phong trào thi đua "Dân vận khéo" of an agency (R6.2, R7.2)."""

    _name = "dvk.committee"
    _description = "Steering committee"
    _inherit = ["mail.thread"]
    _order = "department_id, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Agency",
        required=True,
        tracking=True,
        domain=[("dvk_is_agency", "=", True)],
        help="The agency whose subtree this committee governs.",
    )
    tier_id = fields.Many2one(related="department_id.dvk_tier_id", store=True, string="Tier")
    chair_id = fields.Many2one("res.users", string="Chair", tracking=True)
    member_ids = fields.Many2many("res.users", "dvk_committee_member_rel", "committee_id", "user_id", string="Members")
    active = fields.Boolean(default=True)
    note = fields.Html()

    @api.constrains("department_id")
    def _check_agency(self):
        for committee in self:
            if not committee.department_id.dvk_is_agency:
                raise ValidationError(
                    _(
                        "The steering committee %(committee)s must belong to a participating agency, "
                        "and %(department)s is not one.",
                        committee=committee.name,
                        department=committee.department_id.display_name,
                    )
                )

    @api.constrains("chair_id", "member_ids")
    def _check_chair_is_member(self):
        for committee in self:
            if committee.chair_id and committee.chair_id not in committee.member_ids:
                raise ValidationError(
                    _("The chair of %(committee)s must be one of its members.", committee=committee.name)
                )

    def _dvk_acting_member(self):
        """Who is told to act for the committee: its chair, else a member, holding the committee role
        (nobody, for no committee)."""
        members = (self.chair_id | self.member_ids).filtered(lambda u: u.has_group("danvan_khe.group_dvk_committee"))
        return members[:1]

    def _dvk_governed_agencies(self):
        """R6.2, R7.2: its agency, and the agencies below that have no committee of their own."""
        return self.department_id._dvk_competent_for(lambda agency: agency.dvk_committee_ids.filtered("active"))

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"member_ids", "department_id", "active"} & set(vals):
            # the members' record-rule scopes change with the committee
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
