from odoo import models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def write(self, vals):
        if {"department_id", "user_id", "active"} & set(vals):
            # a user's agency comes from their employee: record rules must see the move
            self.env.registry.clear_cache()
        return super().write(vals)
