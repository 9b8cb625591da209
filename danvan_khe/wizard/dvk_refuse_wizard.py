from odoo import _, fields, models
from odoo.exceptions import UserError

REFUSABLE = ("dvk.registration", "dvk.model")


class DvkRefuseWizard(models.TransientModel):
    """Asks the reason before a registration or a single line is refused (R3: why is recorded)."""

    _name = "dvk.refuse.wizard"
    _description = "Refuse with a reason"

    reason = fields.Text(required=True)

    def action_refuse(self):
        self.ensure_one()
        model = self.env.context.get("active_model")
        if model not in REFUSABLE:
            raise UserError(_("Nothing to refuse here."))
        records = self.env[model].browse(self.env.context.get("active_ids", []))
        records.action_refuse(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
