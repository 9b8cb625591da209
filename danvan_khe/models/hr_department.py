from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# what places a department in the organisation: who it is, where it sits, who heads it
ORG_TREE_FIELDS = frozenset({"name", "parent_id", "manager_id", "active", "company_id"})


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "dvk.achievement.mixin"]

    dvk_is_agency = fields.Boolean(
        string="Participating agency",
        tracking=True,
        help="An agency of the movement: it registers models and reports to Home Affairs.",
    )
    dvk_tier_id = fields.Many2one("dvk.tier", string="Administrative tier", tracking=True)
    dvk_agency_id = fields.Many2one(
        "hr.department",
        string="Agency",
        compute="_compute_dvk_agency_id",
        recursive=True,
        store=True,
        index=True,
        help="The nearest participating agency at or above this department.",
    )
    dvk_committee_ids = fields.One2many("dvk.committee", "department_id", string="Steering committees")

    @api.depends("dvk_is_agency", "parent_id.dvk_agency_id")
    def _compute_dvk_agency_id(self):
        for department in self:
            if department.dvk_is_agency:
                department.dvk_agency_id = department
            else:
                department.dvk_agency_id = department.parent_id.dvk_agency_id

    @api.constrains("dvk_is_agency", "dvk_tier_id")
    def _check_dvk_tier(self):
        for department in self:
            if department.dvk_is_agency and not department.dvk_tier_id:
                raise ValidationError(
                    _("The agency %(agency)s needs an administrative tier.", agency=department.display_name)
                )

    def _dvk_is_under(self, ancestors):
        """True when self (one department) is one of ``ancestors`` or below one of them."""
        self.ensure_one()
        path = self.sudo().parent_path or ""
        return any(path.startswith(a.sudo().parent_path or "/") for a in ancestors)

    def _dvk_ancestor_agencies(self):
        """Agencies at or above self, nearest first."""
        self.ensure_one()
        ids = [int(i) for i in (self.sudo().parent_path or "").split("/") if i]
        agencies = self.sudo().browse(reversed(ids)).filtered("dvk_is_agency")
        return agencies

    def _dvk_competent_for(self, has_own):
        """The agencies these agencies decide for: themselves, and every agency below whose
        nearest agency with its own decider (``has_own``) is one of them (R6.2, R7.2)."""
        if not self:
            return self.browse()
        Department = self.sudo()
        below = Department.search([("id", "child_of", self.ids), ("dvk_is_agency", "=", True)])
        competent = self.sudo()
        for agency in below - competent:
            decider = next((a for a in agency._dvk_ancestor_agencies() if a in competent or has_own(a)), None)
            if decider in competent:
                competent |= agency
        return competent.with_env(self.env)

    def _dvk_history_model_domain(self):
        """The achievement history (dvk.achievement.mixin): the models it registered or carries out."""
        self.ensure_one()
        return ["|", ("agency_id", "=", self.id), ("department_id", "=", self.id)]

    def _dvk_history_agency(self):
        self.ensure_one()
        return self.dvk_agency_id

    def _dvk_head_user(self):
        """The user heading this department, or the nearest head above it."""
        self.ensure_one()
        department = self.sudo()
        while department:
            if department.manager_id.user_id:
                return department.manager_id.user_id
            department = department.parent_id
        return self.env["res.users"]

    def _dvk_nearest_committee(self):
        """R6.2: the steering committee of the agency, or the nearest one above it."""
        self.ensure_one()
        for agency in self._dvk_ancestor_agencies():
            committee = agency.dvk_committee_ids.filtered("active")[:1]
            if committee:
                return committee
        return self.env["dvk.committee"]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("manager_id") or vals.get("dvk_is_agency") for vals in vals_list):
            # the new agency or head changes users' scopes, which record rules cache
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"dvk_is_agency", "dvk_tier_id"} & set(vals) and not self.env.su and not self.env.user._dvk_is_admin():
            raise AccessError(_("Only an administrator of the movement marks agencies and their tiers."))
        # Odoo's hr lets every employee write departments; the movement's scopes, the printed agency
        # names and the commendation routes ride on the tree, which only HR officers reshape
        structure = ORG_TREE_FIELDS & set(vals)
        if structure and not self.env.su and not self.env.user.has_group("hr.group_hr_user"):
            raise AccessError(
                _(
                    "Only an HR officer changes the organisation of departments (%(fields)s).",
                    fields=", ".join(sorted(self._fields[name]._description_string(self.env) for name in structure)),
                )
            )
        if {"manager_id", "parent_id", "dvk_is_agency", "active"} & set(vals):
            # record rules read the user's scopes from the org tree: drop their cache
            self.env.registry.clear_cache()
        return super().write(vals)
