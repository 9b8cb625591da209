from odoo import api, fields, models


class DvkAgencyReportItem(models.Model):
    """R8, R9: one row of the lists an October report carries, frozen as the agency sent them.

    A recognised model with its recognition decision, or a commendation proposal
    with its award form and, once decided, the authority's decision. Counts alone
    do not let Home Affairs compile the province's proposals (R9): the names do.
    """

    _name = "dvk.agency.report.item"
    _description = "Report list row"
    _inherit = ["dvk.agency.mixin"]
    _dvk_agency_field = "department_id"
    _order = "report_id, item_type desc, sequence, id"

    report_id = fields.Many2one("dvk.agency.report", required=True, index=True, ondelete="cascade")
    department_id = fields.Many2one(related="report_id.department_id", store=True, string="Agency")
    period_id = fields.Many2one(related="report_id.period_id", store=True, string="Year")
    item_type = fields.Selection(
        [("recognized", "Recognised model"), ("proposal", "Commendation proposal")],
        string="List",
        required=True,
    )
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one("dvk.model", string="Model", ondelete="set null")
    proposal_id = fields.Many2one("dvk.commendation", string="Proposal", ondelete="set null")
    # what was sent, frozen: later corrections of the records do not rewrite a sent report
    model_name = fields.Char(string="Model name")
    implementer_name = fields.Char(string="Collective/individual")
    kind = fields.Selection([("collective", "Collective model"), ("individual", "Individual exemplar")])
    sector_code = fields.Char(string="Sector")
    recognition_number = fields.Char(string="Recognition decision")
    recognition_date = fields.Date(string="Recognised on")
    recognition_body = fields.Char(string="Recognised by")
    proposal_number = fields.Char(string="Proposal number")
    award_form = fields.Char(string="Proposed award")
    level = fields.Selection([("tier", "By the agency's tier"), ("province", "Provincial")])
    proposal_state = fields.Selection(
        [("proposed", "Proposed"), ("granted", "Granted"), ("rejected", "Not granted")], string="Outcome"
    )
    decision_number = fields.Char(string="Commendation decision")
    decision_date = fields.Date(string="Decided on")

    def _dvk_guard_state(self):
        self.ensure_one()
        return self.sudo().report_id.state

    @api.model
    def _dvk_freeze(self, report):
        """Write the October lists of ``report`` (one record) as they stand (in sudo: a transition's)."""
        report = report.sudo()
        report.item_ids.unlink()
        if report.kind != "october":
            return self.browse()
        domain = [("period_id", "=", report.period_id.id), ("agency_id", "=", report.department_id.id)]
        recognized = self.env["dvk.model"].sudo().search([*domain, ("state", "=", "recognized")])
        proposals = self.env["dvk.commendation"].sudo().search([*domain, ("state", "!=", "draft")])
        vals_list = []
        for index, model in enumerate(recognized.sorted(lambda m: (m.sequence, m.id)), 1):
            recognition = model.recognition_id
            vals_list.append(
                {
                    **self._dvk_model_values(report, model, index),
                    "item_type": "recognized",
                    "recognition_number": recognition.name if recognition.name != "/" else False,
                    "recognition_date": recognition.date,
                    "recognition_body": recognition.committee_id.name,
                }
            )
        for index, proposal in enumerate(proposals.sorted("id"), 1):
            vals_list.append(
                {
                    **self._dvk_model_values(report, proposal.model_id, index),
                    "item_type": "proposal",
                    "proposal_id": proposal.id,
                    "proposal_number": proposal.name if proposal.name != "/" else False,
                    "award_form": self.env["dvk.report.mixin"]._dvk_vn(proposal.award_form_id).name,
                    "level": proposal.level,
                    "proposal_state": proposal.state,
                    "decision_number": proposal.decision_number if proposal.state == "granted" else False,
                    "decision_date": proposal.decision_date if proposal.state == "granted" else False,
                }
            )
        return self.sudo().create(vals_list)

    @api.model
    def _dvk_model_values(self, report, model, sequence):
        return {
            "report_id": report.id,
            "sequence": sequence,
            "model_id": model.id,
            "model_name": model.name,
            "implementer_name": model.implementer_name,
            "kind": model.kind,
            "sector_code": model.sector_id.code,
        }
