"""RA: the printed registration form (report ``danvan_khe.report_registration``)."""

from odoo import api, models

from ..lib import annex
from ..lib.vn_format import format_vn_period
from .dvk_reports import ANNEX_COLUMN_WIDTHS, ANNEX_SIGNATURE_BREAKS


class ReportRegistration(models.AbstractModel):
    """RA: the registration form, as the annex of the decision (lib/annex.py) words it."""

    _name = "report.danvan_khe.report_registration"
    _inherit = "dvk.report.mixin"
    _description = "Registration form (annex)"

    @api.model
    def _dvk_lines(self, registration):
        """The lines the form prints: every line but the cancelled ones."""
        return registration.model_ids.filtered(lambda m: m.state != "cancelled")

    @api.model
    def _dvk_reference(self, registration):
        """The "(Kèm theo Quyết định số: …)" line of the act in force for the form's year, from its data."""
        return registration.period_id.regulation_id._dvk_annex_reference()

    @api.model
    def _dvk_footnote(self, registration):
        """The footnote of the sector column: the sectors of the act in force for the form's year."""
        return registration.period_id.regulation_id._dvk_annex_footnote(self._dvk_lines(registration).sector_id)

    @api.model
    def _dvk_signature_lines(self, title):
        """A signature caption cut into its lines where the annex cuts it."""
        for head in ANNEX_SIGNATURE_BREAKS:
            if title.startswith(head + " "):
                return [head, title[len(head) + 1 :]]
        return [title]

    @api.model
    def _dvk_annex(self, registration):
        """Title, reference, numbered columns (with their widths), signatures and footnote."""
        values = annex.annex_values(
            registration.department_id.name or "",
            self._dvk_reference(registration),
            self._dvk_footnote(registration),
        )
        for column in values["columns"]:
            column["width"] = ANNEX_COLUMN_WIDTHS[column["key"]]
        for signature in values["signatures"]:
            signature["lines"] = self._dvk_signature_lines(signature["title"])
        return values

    @api.model
    def _dvk_rows(self, registration):
        """The form's lines, each a list of its seven cells in the annex's order (cancelled lines left out)."""
        rows = []
        for index, line in enumerate(self._dvk_lines(registration), 1):
            cells = {
                annex.SEQ: index,
                annex.IMPLEMENTER: line.implementer_name or "",
                annex.MODEL_NAME: line.name or "",
                annex.SECTOR: line.sector_id.code or "",
                annex.PERIOD: format_vn_period(line.date_start, line.date_end),
                annex.RESULT: line.expected_result or "",
                annex.NOTE: line.note or "",
            }
            rows.append([cells[key] for key in annex.KEYS])
        return rows

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.registration", center_keys=(annex.SEQ, annex.SECTOR, annex.PERIOD))
