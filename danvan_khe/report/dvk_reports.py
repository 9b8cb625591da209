"""Values of the printed documents (RA, R7.1, R7.2, R7.3, R8), shared with the Excel exports.

Each QWeb PDF report ``danvan_khe.report_<name>`` has its report model
``report.danvan_khe.report_<name>``, in ``<name>.py`` beside its template
(``registration_report.py``, ``evaluation_report.py``, ``recognition_report.py``,
``commendation_report.py``, ``agency_report_report.py``, ``provincial_list_report.py``):
the template only lays out what these methods compute, and ``dvk.xlsx.export``
writes the same rows to Excel, so the paper and the spreadsheet never disagree.
This module holds what they share: the Vietnamese labels and layouts of the
printed forms, and the helpers of ``dvk.report.mixin``.
"""

from odoo import api, fields, models

from ..lib import annex
from ..lib.vn_format import format_vn_date, format_vn_period

KIND_LABELS = {"collective": "Mô hình", "individual": "Điển hình"}
KIND_LONG_LABELS = {"collective": "Mô hình (tập thể)", "individual": "Điển hình (cá nhân)"}
PROPOSAL_STATE_LABELS = {
    "draft": "Dự thảo",
    "proposed": "Đã đề nghị",
    "granted": "Đã khen thưởng",
    "rejected": "Không khen thưởng",
}
PROPOSAL_LEVEL_LABELS = {"tier": "Theo cấp (khoản 2 Điều 7)", "province": "Cấp tỉnh (khoản 3 Điều 7)"}
# R8: what each report to Home Affairs counts, as (line field, column label)
FEBRUARY_COLUMNS = (("registered_count", "Số lượng đăng ký"),)
OCTOBER_COLUMNS = (
    ("registered_count", "Số lượng đăng ký"),
    ("recognized_count", "Được công nhận"),
    ("not_recognized_count", "Không được công nhận"),
    ("proposal_count", "Đề nghị khen thưởng"),
    ("provincial_count", "Đề nghị khen thưởng cấp tỉnh (khoản 3 Điều 7)"),
)
# widths (% of the portrait page) of the columns TT, sector and kind, then of each figure: the
# October report's five figures share what the labels leave, its longest label a wider column,
# so that no heading runs over more than three lines
FEBRUARY_WIDTHS = ((6, 36, 24), (34,))
OCTOBER_WIDTHS = ((5, 21, 13), (11, 11, 11, 11, 17))
# the report's total of each line field
REPORT_TOTAL_FIELDS = {
    "registered_count": "model_count",
    "recognized_count": "recognized_count",
    "not_recognized_count": "not_recognized_count",
    "proposal_count": "proposal_count",
    "provincial_count": "provincial_count",
}


# RA: the printed annex's layout (its words are lib/annex.py's): column widths in % of the
# table, the name of the model wide, the note narrow; where the signature captions break,
# as the annex breaks them.
ANNEX_COLUMN_WIDTHS = {
    annex.SEQ: 4,
    annex.IMPLEMENTER: 16,
    annex.MODEL_NAME: 31,
    annex.SECTOR: 8,
    annex.PERIOD: 9,
    annex.RESULT: 25,
    annex.NOTE: 7,
}
ANNEX_SIGNATURE_BREAKS = ("Xác nhận, duyệt của lãnh đạo", "Xác nhận, duyệt của BCĐ QCDC và")


class DvkReportMixin(models.AbstractModel):
    """Helpers of the printed forms: Vietnamese data, place-and-date line, numbers."""

    _name = "dvk.report.mixin"
    _description = "Dân vận khéo printed forms: helpers"

    @api.model
    def _dvk_vn(self, records):
        """``records`` read in Vietnamese when that language is installed (translated data)."""
        if self.env["res.lang"]._get_data(code="vi_VN"):
            return records.with_context(lang="vi_VN")
        return records

    @api.model
    def _dvk_place(self, agency=None):
        company = (agency and agency.sudo().company_id) or self.env.company
        return company.city or self.env.company.city or "..."

    @api.model
    def _dvk_place_date(self, agency=None, day=None):
        """'Trà Vinh, ngày 26 tháng 6 năm 2023': the company's city and the document's date."""
        return f"{self._dvk_place(agency)}, {format_vn_date(day or fields.Date.context_today(self))}"

    @api.model
    def _dvk_number(self, value):
        """18.0 → '18', 17.5 → '17,5' (Vietnamese decimal comma)."""
        value = value or 0.0
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").replace(".", ",")

    @api.model
    def _dvk_printable_mm(self, report_ref):
        """(width, height) in mm of the printable area of a report's paper, for the pagination script."""
        report = self.env.ref(report_ref, raise_if_not_found=False)
        paper = (report and report.sudo().paperformat_id) or self.env.company.sudo().paperformat_id
        if not paper:
            return (0, 0)
        width = paper.print_page_width - paper.margin_left - paper.margin_right
        height = paper.print_page_height - paper.margin_top - paper.margin_bottom
        return (width, height) if width > 0 and height > 0 else (0, 0)

    @api.model
    def _dvk_roman(self, number):
        """1 → 'I', 4 → 'IV': the numbering of sections and groups."""
        numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
        numerals += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
        text = ""
        for value, letters in numerals:
            count, number = divmod(number, value)
            text += letters * count
        return text

    @api.model
    def _dvk_regulation_ref(self, regulation):
        """'Quyết định số 976/QĐ-UBND ngày 26 tháng 6 năm 2023' from the regulation's data."""
        if not regulation or not regulation.number:
            return ""
        text = f"Quyết định số {regulation.number}"
        if regulation.date_issued:
            text += f" {format_vn_date(regulation.date_issued)}"
        return text

    @api.model
    def _dvk_clause_ref(self, clause, regulation):
        """'(Theo khoản 1 Điều 7 Quyết định số 976/QĐ-UBND ngày …)' from the regulation's data."""
        reference = self._dvk_regulation_ref(regulation)
        return f"(Theo {clause} {reference})" if reference else f"(Theo {clause})"

    @api.model
    def _dvk_model_row(self, model):
        """The columns every list of models prints (agency, implementer, model, sector, year)."""
        return {
            "agency": model.agency_id.name or "",
            "implementer": model.implementer_name or "",
            "model_name": model.name or "",
            "kind": KIND_LABELS.get(model.kind, ""),
            "sector_code": model.sector_id.code or "",
            "sector_name": self._dvk_vn(model.sector_id).name or "",
            "year": model.year or "",
            "period": format_vn_period(model.date_start, model.date_end),
        }

    @api.model
    def _dvk_values(self, docids, model_name, **extra):
        docs = self.env[model_name].browse(docids)
        return {"doc_ids": docs.ids, "doc_model": model_name, "docs": docs, "helper": self, **extra}
