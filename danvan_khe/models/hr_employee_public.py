from odoo import models


class HrEmployeePublic(models.Model):
    """An employee's achievement history, for the users who see employees through their public profile."""

    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "dvk.achievement.mixin"]

    def _dvk_history_model_domain(self):
        self.ensure_one()
        return [("employee_id", "=", self.id)]

    def _dvk_history_agency(self):
        self.ensure_one()
        return self.department_id.dvk_agency_id
