from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class DvkInspection(models.Model):
    """R6.4: an agency head's monitoring visit to a model during its implementation."""

    _name = "dvk.inspection"
    _description = "Inspection of a model"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    model_id = fields.Many2one("dvk.model", string="Model", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="model_id.agency_id", store=True, index=True)
    period_id = fields.Many2one(related="model_id.period_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    inspector_id = fields.Many2one("res.users", string="Inspector", required=True, default=lambda self: self.env.user)
    progress = fields.Integer(string="Progress (%)", help="How far the model is, in percent.")
    findings = fields.Text()
    obstacles = fields.Text(help="Difficulties met, to remove in time (R6.4).")
    follow_up = fields.Text(string="Follow-up")
    date_follow_up = fields.Date(string="Follow up by")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    _sql_constraints = [
        ("progress_range", "CHECK(progress >= 0 AND progress <= 100)", "Progress is a percentage from 0 to 100."),
    ]

    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = _(
                "Inspection of %(model)s on %(date)s", model=inspection.model_id.name, date=inspection.date
            )

    def _check_inspectable(self):
        user = self.env.user
        for inspection in self:
            model = inspection.model_id
            if model.state not in ("in_progress", "reported"):
                raise UserError(
                    _(
                        "%(model)s is not in implementation: inspections are logged while it runs.",
                        model=model.display_name,
                    )
                )
            if not user._dvk_can_act("head", model.agency_id):
                raise AccessError(
                    _(
                        "Only the head of %(agency)s or of an agency above it inspects %(model)s.",
                        agency=model.agency_id.display_name,
                        model=model.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        inspections._check_inspectable()
        for inspection in inspections.filtered("date_follow_up"):
            inspection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=inspection.date_follow_up,
                summary=_("Follow up the inspection"),
                user_id=inspection.inspector_id.id,
            )
        return inspections

    def write(self, vals):
        res = super().write(vals)
        self._check_inspectable()
        return res
