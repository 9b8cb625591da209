from odoo import api, models


class HrEmployee(models.Model):
    """A user's agency comes from their employee: record rules must see every change of it at once."""

    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"department_id", "user_id", "active"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
