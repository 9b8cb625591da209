from odoo import fields, models


class DvkRecognitionRejection(models.Model):
    """A model the committee does not recognise, with its reason (R3: why is recorded)."""

    _name = "dvk.recognition.rejection"
    _description = "Model not recognised"

    recognition_id = fields.Many2one("dvk.recognition", required=True, index=True, ondelete="cascade")
    model_id = fields.Many2one("dvk.model", string="Model", required=True, ondelete="restrict")
    reason = fields.Text(required=True)
