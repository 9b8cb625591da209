from odoo import fields, models


class DvkAgencyReportLine(models.Model):
    """One row of the figures an agency sent: counts for a sector and kind."""

    _name = "dvk.agency.report.line"
    _description = "Report figures"
    _inherit = ["dvk.agency.mixin"]
    _dvk_agency_field = "department_id"
    _order = "report_id, sector_id, kind"

    report_id = fields.Many2one("dvk.agency.report", required=True, index=True, ondelete="cascade")
    department_id = fields.Many2one(related="report_id.department_id", store=True, string="Agency")
    tier_id = fields.Many2one(related="report_id.tier_id", store=True)
    period_id = fields.Many2one(related="report_id.period_id", store=True, string="Year")
    report_kind = fields.Selection(related="report_id.kind", store=True, string="Report kind")
    sector_id = fields.Many2one("dvk.sector", string="Sector")
    kind = fields.Selection([("collective", "Collective model"), ("individual", "Individual exemplar")])
    registered_count = fields.Integer(string="Registered", aggregator="sum")
    recognized_count = fields.Integer(string="Recognised", aggregator="sum")
    not_recognized_count = fields.Integer(string="Not recognised", aggregator="sum")
    proposal_count = fields.Integer(string="Proposed for commendation", aggregator="sum")
    provincial_count = fields.Integer(string="On the provincial list", aggregator="sum")

    def _dvk_guard_state(self):
        self.ensure_one()
        return self.sudo().report_id.state
