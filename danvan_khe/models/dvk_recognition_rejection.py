from odoo import api, fields, models


class DvkRecognitionRejection(models.Model):
    """A model the committee does not recognise, with its reason (R3: why is recorded).

    It belongs to its decision: written by the committee's members while the
    decision is a draft, for evaluated models of the committee's scope only.
    """

    _name = "dvk.recognition.rejection"
    _description = "Model not recognised"
    _inherit = ["dvk.agency.mixin"]
    _dvk_year_frozen = True
    _rec_name = "model_id"
    _dvk_fields = {
        "create": {"member": {"recognition_id", "model_id", "reason"}},
        "draft": {"member": {"model_id", "reason"}},
    }
    _dvk_unlink = {"draft": ("member",)}

    recognition_id = fields.Many2one("dvk.recognition", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="recognition_id.agency_id")
    model_id = fields.Many2one("dvk.model", string="Model", required=True, ondelete="restrict")
    reason = fields.Text(required=True)

    def _dvk_guard_state(self):
        self.ensure_one()
        return self.sudo().recognition_id.state

    def _dvk_state_label(self, state):
        return self.env["dvk.recognition"]._dvk_state_label(state)

    def _dvk_roles(self, user=None):
        self.ensure_one()
        return self.sudo().recognition_id.with_env(self.env)._dvk_roles(user)

    def _dvk_thread(self):
        return self.recognition_id

    @api.model_create_multi
    def create(self, vals_list):
        rejections = super().create(vals_list)
        rejections._check_in_scope()
        return rejections

    def write(self, vals):
        res = super().write(vals)
        if "model_id" in vals:
            self._check_in_scope()
        return res

    def _check_in_scope(self):
        if self.env.su:
            return
        for recognition in self.sudo().recognition_id:
            recognition._check_models_in_scope(
                self.sudo().filtered(lambda r, d=recognition: r.recognition_id == d).model_id
            )

    def _dvk_year(self):
        return self.sudo().recognition_id.period_id
