"""R8: the printed reports to Home Affairs (report ``danvan_khe.report_agency_report``)."""

from odoo import api, models

from ..lib import annex
from .dvk_reports import (
    FEBRUARY_COLUMNS,
    FEBRUARY_WIDTHS,
    KIND_LONG_LABELS,
    OCTOBER_COLUMNS,
    OCTOBER_WIDTHS,
    REPORT_TOTAL_FIELDS,
)


class ReportAgencyReport(models.AbstractModel):
    """R8: the February (models registered) and October (recognition, proposals) reports."""

    _name = "report.danvan_khe.report_agency_report"
    _inherit = "dvk.report.mixin"
    _description = "Report to Home Affairs"

    @api.model
    def _dvk_columns(self, report):
        return OCTOBER_COLUMNS if report.kind == "october" else FEBRUARY_COLUMNS

    @api.model
    def _dvk_rows(self, report):
        """One row per sector and kind of the figures the agency froze, then the totals."""
        columns = self._dvk_columns(report)
        rows = []
        for line in report.line_ids.sorted(lambda x: (x.sector_id.sequence, x.sector_id.id, x.kind or "")):
            sector = self._dvk_vn(line.sector_id)
            rows.append(
                {
                    "sector_code": sector.code or "",
                    "sector_name": sector.name or "",
                    "kind": KIND_LONG_LABELS.get(line.kind, ""),
                    "counts": [line[field] for field, _label in columns],
                }
            )
        totals = [report[REPORT_TOTAL_FIELDS[field]] for field, _label in columns]
        return rows, totals

    @api.model
    def _dvk_header(self, report):
        year = report.period_id.year or ""
        if report.kind == "october":
            title = f"BÁO CÁO KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}"
        else:
            title = f"BÁO CÁO SỐ LƯỢNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM {year}"
        return {
            "title": title,
            "agency": report.department_id.name or "",
            "regulation_ref": self._dvk_regulation_ref(report.period_id.regulation_id),
            "place_date": self._dvk_place_date(report.department_id, report.date_sent),
            "is_draft": report.state != "sent",
            "sent_by": report.sent_by_id.name or "",
            "columns": [label for _field, label in self._dvk_columns(report)],
            "widths": OCTOBER_WIDTHS if report.kind == "october" else FEBRUARY_WIDTHS,
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.agency.report")

    @api.model
    def _dvk_xlsx_table(self, reports):
        """R8: the reports' figures as one table, a total per report.

        ``(filename, title, headers, rows, subtitle)``, written by ``dvk.xlsx.export``.
        """
        october = any(r.kind == "october" for r in reports)
        columns = [label for _field, label in (OCTOBER_COLUMNS if october else FEBRUARY_COLUMNS)]
        headers = ["Cơ quan, đơn vị", "Năm", "Báo cáo", annex.LABELS[annex.SECTOR], "Loại", *columns]
        rows = []
        for agency_report in reports:
            figures, totals = self._dvk_rows(agency_report)
            width = len(columns)
            base = [
                agency_report.department_id.name or "",
                agency_report.period_id.year,
                "Tháng 10" if agency_report.kind == "october" else "Tháng 02",
            ]
            for row in figures:
                counts = (row["counts"] + [None] * width)[:width]
                rows.append([*base, row["sector_code"], row["kind"], *counts])
            rows.append([*base, "Tổng cộng", "", *(totals + [None] * width)[:width]])
        title = (
            "BÁO CÁO KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”"
            if october
            else "BÁO CÁO SỐ LƯỢNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ"
        )
        return ("Bao cao So Noi vu.xlsx", title, headers, rows, "Kính gửi: Sở Nội vụ (Điều 8)")
