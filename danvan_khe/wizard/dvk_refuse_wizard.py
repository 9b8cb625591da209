from odoo import _, fields, models
from odoo.exceptions import UserError

# what the wizard may decide, on which records: the reason is recorded with the decision (R3)
DECISIONS = {
    "refuse": {"dvk.registration": "action_refuse", "dvk.model": "action_refuse"},
    "not_recognize": {"dvk.model": "action_not_recognize"},
}


class DvkRefuseWizard(models.TransientModel):
    """Asks the reason before a registration or a line is refused, or models are not recognised."""

    _name = "dvk.refuse.wizard"
    _description = "Refuse with a reason"

    reason = fields.Text(required=True)
    decision = fields.Selection(
        [("refuse", "Refuse"), ("not_recognize", "Not recognise")],
        required=True,
        default=lambda self: self.env.context.get("dvk_decision", "refuse"),
    )

    def action_refuse(self):
        self.ensure_one()
        model = self.env.context.get("active_model")
        method = DECISIONS.get(self.decision, {}).get(model)
        if not method:
            raise UserError(_("Nothing to refuse here."))
        records = self.env[model].browse(self.env.context.get("active_ids", []))
        result = getattr(records, method)(reason=self.reason)
        return result if isinstance(result, dict) else {"type": "ir.actions.act_window_close"}
