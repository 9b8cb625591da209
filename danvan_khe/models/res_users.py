from odoo import _, fields, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    """Each user's scopes on the org tree, read by record rules and transitions."""

    _inherit = "res.users"

    dvk_agency_ids = fields.Many2many(
        "hr.department",
        compute="_compute_dvk_scopes",
        string="My agencies",
        help="Agencies of the departments this user's employees work in (staff scope).",
    )
    dvk_head_department_ids = fields.Many2many(
        "hr.department",
        compute="_compute_dvk_scopes",
        string="Agencies I head",
        help="Agencies whose head is one of this user's employees (head scope: their subtree).",
    )
    dvk_committee_department_ids = fields.Many2many(
        "hr.department",
        compute="_compute_dvk_scopes",
        string="Agencies of my committees",
        help="Agencies whose steering committee this user sits on (committee scope: their subtree).",
    )
    dvk_head_competent_ids = fields.Many2many(
        "hr.department",
        compute="_compute_dvk_scopes",
        string="Agencies I decide for as head",
        help="The agencies I head, and those below them that have no head of their own.",
    )
    dvk_committee_competent_ids = fields.Many2many(
        "hr.department",
        compute="_compute_dvk_scopes",
        string="Agencies my committees decide for",
        help="The agencies of my committees, and those below them that have no committee of their own.",
    )

    def _compute_dvk_scopes(self):
        Department = self.env["hr.department"].sudo()
        for user in self:
            employees = user.sudo().with_context(active_test=True).employee_ids
            user.dvk_agency_ids = employees.department_id.dvk_agency_id
            user.dvk_head_department_ids = Department.search(
                [("manager_id", "in", employees.ids), ("dvk_is_agency", "=", True)]
            )
            committees = self.env["dvk.committee"].sudo().search([("member_ids", "in", user.id)])
            user.dvk_committee_department_ids = committees.department_id
            user.dvk_head_competent_ids = user.dvk_head_department_ids._dvk_competent_for(
                lambda agency: agency.manager_id.user_id
            )
            user.dvk_committee_competent_ids = committees.department_id._dvk_competent_for(
                lambda agency: agency.dvk_committee_ids.filtered("active")
            )

    def _dvk_is_admin(self):
        return self.has_group("danvan_khe.group_dvk_admin")

    def _dvk_can_act(self, role, agency, strict=False):
        """Whether this user may act as ``role`` for ``agency`` (R3: the competent level).

        role: 'staff' (own agency), 'head' (agencies headed, and those below with no
        head of their own), 'committee' (likewise with committees). Admins may act everywhere, unless
        ``strict`` asks for the role itself.
        """
        self.ensure_one()
        if not strict and self._dvk_is_admin():
            return True
        agency = agency.sudo()
        if role == "staff":
            return self.has_group("danvan_khe.group_dvk_user") and agency in self.dvk_agency_ids
        # the competent level (R6.2, R7.2): the agency's own head and committee, or the nearest above
        if role == "head":
            return (
                self.has_group("danvan_khe.group_dvk_manager") and agency.dvk_agency_id in self.dvk_head_competent_ids
            )
        if role == "committee":
            return (
                self.has_group("danvan_khe.group_dvk_committee")
                and agency.dvk_agency_id in self.dvk_committee_competent_ids
            )
        return False

    def _dvk_default_agency(self):
        """The agency a new record of this user belongs to, or a clear error."""
        self.ensure_one()
        agencies = self.dvk_agency_ids
        if not agencies:
            raise UserError(
                _(
                    "Your user %(user)s is not linked to an employee of a participating agency. "
                    "Ask your administrator to link you to an employee whose department belongs "
                    "to an agency of the Dân vận khéo movement.",
                    user=self.name,
                )
            )
        return agencies[:1]
