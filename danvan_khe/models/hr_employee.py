from odoo import _, api, models
from odoo.exceptions import AccessError

# what a user's movement scope is read from (res.users dvk_* scopes)
SCOPE_FIELDS = {"department_id", "user_id", "active"}


class HrEmployee(models.Model):
    """A user's agency comes from their employee: record rules must see every change of it at once."""

    _name = "hr.employee"
    _inherit = ["hr.employee", "dvk.achievement.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("user_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        scope_change = SCOPE_FIELDS & set(vals)
        if scope_change:
            self._dvk_check_scope_change(scope_change)
            if self.filtered("user_id") or vals.get("user_id"):
                self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if self.filtered("user_id"):
            self.env.registry.clear_cache()
        return super().unlink()

    def _dvk_history_model_domain(self):
        """The achievement history (dvk.achievement.mixin): the person's exemplars."""
        self.ensure_one()
        return [("employee_id", "=", self.id)]

    def _dvk_history_agency(self):
        self.ensure_one()
        return self.department_id.dvk_agency_id

    def _dvk_check_scope_change(self, fields_changed):
        """A user does not move themselves into another agency's scope (Odoo's employee self-edit runs in sudo)."""
        user = self.env.user
        if user.has_group("hr.group_hr_user") or user._dvk_is_admin() or self.env.uid == 1:
            return
        if self.sudo().filtered(lambda e: e.user_id == user):
            raise AccessError(
                _("Your department decides your scope in the Dân vận khéo movement: an HR officer changes it, not you.")
            )
