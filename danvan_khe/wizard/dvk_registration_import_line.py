from odoo import fields, models


class DvkRegistrationImportLine(models.TransientModel):
    """One row of the uploaded sheet, as the preview shows it before anything is created."""

    _name = "dvk.registration.import.line"
    _description = "Row of an imported registration list"
    _order = "row"

    wizard_id = fields.Many2one("dvk.registration.import", required=True, ondelete="cascade")
    row = fields.Integer(string="Row", readonly=True)
    seq = fields.Integer(string="TT")
    implementer = fields.Char(string="Collective/individual")
    kind = fields.Selection(
        [("collective", "Collective model"), ("individual", "Individual exemplar")], default="collective"
    )
    employee_id = fields.Many2one("hr.employee", string="Individual")
    department_id = fields.Many2one("hr.department", string="Implementing collective")
    model_name = fields.Char(string="Model name")
    sector_raw = fields.Char(string="Sector in the file", readonly=True)
    sector_id = fields.Many2one("dvk.sector", string="Sector")
    period_raw = fields.Char(string="Period in the file", readonly=True)
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    expected_result = fields.Text(string="Expected result")
    note = fields.Text()
    problems = fields.Text(readonly=True)
    has_problem = fields.Boolean(readonly=True)
