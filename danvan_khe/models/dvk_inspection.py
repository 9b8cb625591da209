from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date


class DvkInspection(models.Model):
    """R6.4: an agency head's monitoring visit to a model during its implementation."""

    _name = "dvk.inspection"
    _description = "Inspection of a model"
    _inherit = ["dvk.agency.mixin", "mail.thread", "mail.activity.mixin"]
    _dvk_year_frozen = True
    _order = "date desc, id desc"
    _EDITABLE = {"date", "progress", "findings", "obstacles", "follow_up", "date_follow_up", "attachment_ids"}
    # an inspection follows its model: written while the model runs, kept once it is evaluated (R6.4)
    _dvk_fields = {
        "create": {"head": _EDITABLE | {"model_id"}},
        "in_progress": {"head": _EDITABLE},
        "reported": {"head": _EDITABLE},
    }
    _dvk_unlink = {"in_progress": ("head",), "reported": ("head",)}

    model_id = fields.Many2one("dvk.model", string="Model", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="model_id.agency_id", store=True, index=True)
    period_id = fields.Many2one(related="model_id.period_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    inspector_id = fields.Many2one(
        "res.users", string="Inspector", required=True, readonly=True, default=lambda self: self.env.user
    )
    progress = fields.Integer(string="Progress (%)", help="How far the model is, in percent.")
    findings = fields.Text()
    obstacles = fields.Text(help="Difficulties met, to remove in time.")
    follow_up = fields.Text(string="Follow-up")
    date_follow_up = fields.Date(string="Follow up by")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    _sql_constraints = [
        ("progress_range", "CHECK(progress >= 0 AND progress <= 100)", "Progress is a percentage from 0 to 100."),
    ]

    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = _(
                "Inspection of %(model)s on %(date)s",
                model=inspection.model_id.name,
                date=format_date(self.env, inspection.date),
            )

    def _dvk_guard_state(self):
        self.ensure_one()
        return self.sudo().model_id.state

    def _dvk_state_label(self, state):
        return self.env["dvk.model"]._dvk_state_label(state)

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
            if "head" not in inspection._dvk_roles(user) and not user._dvk_is_admin():
                raise AccessError(
                    _(
                        "Only the head of %(agency)s or of an agency above it inspects %(model)s.",
                        agency=model.agency_id.display_name,
                        model=model.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.pop("inspector_id", None)  # the inspector is who writes it
            # say why first: a model not (or no longer) in implementation is not inspected
            for vals in vals_list:
                self.new({"model_id": vals.get("model_id")})._check_inspectable()
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
        if not self.env.su:
            self._check_inspectable()
        return res
