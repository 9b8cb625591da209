"""Printed documents of the commendation system: the achievement dossier (R7.2, R7.3), the periodic
review (R7.3) and Home Affairs' October compilation of the province (R8, R9), with its workbook.

As in ``dvk_reports.py``, each template only lays out what its report model computes.
"""

from itertools import groupby

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..lib.vn_format import format_vn_date
from . import dvk_xlsx_export
from .dvk_reports import KIND_LABELS, PROPOSAL_LEVEL_LABELS, PROPOSAL_STATE_LABELS
from .october_compilation_xlsx import write_october_compilation

# the result of a model, as the dossier prints it
MODEL_STATE_LABELS = {
    "submitted": "Đã đăng ký",
    "confirmed": "Đã xác nhận",
    "in_progress": "Đang thực hiện",
    "reported": "Đã báo cáo kết quả",
    "evaluated": "Đã đánh giá",
    "recognized": "Được công nhận",
    "not_recognized": "Không được công nhận",
    "refused": "Không được phê duyệt",
}
REVIEW_TITLES = {"preliminary": "BÁO CÁO SƠ KẾT", "final": "BÁO CÁO TỔNG KẾT"}


def _date_text(day):
    return day.strftime("%d/%m/%Y") if day else ""


class ReportAchievementDepartment(models.AbstractModel):
    """R7.2, R7.3: the achievement dossier (hồ sơ thành tích) of an agency, year by year."""

    _name = "report.danvan_khe.report_achievement_department"
    _inherit = "dvk.report.mixin"
    _description = "Achievement dossier of an agency"
    _dvk_doc_model = "hr.department"

    @api.model
    def _dvk_award_text(self, award):
        """'Giấy khen … (Quyết định số 12/QĐ-UBND ngày 01/10/2025)', or the proposal's standing."""
        if award["state"] == "granted":
            decision = award["decision_number"]
            date = _date_text(award["decision_date"])
            detail = ", ".join(part for part in (f"Quyết định số {decision}" if decision else "", date) if part)
            return f"{award['form']} ({detail})" if detail else award["form"]
        return f"{award['form']} ({PROPOSAL_STATE_LABELS.get(award['state'], '')})"

    @api.model
    def _dvk_dossier(self, doc):
        """Header, summary and the years' rows of one agency or person."""
        years = []
        counts = {"models": 0, "recognized": 0, "granted": 0}
        for year, rows in doc._dvk_history_years():
            printed = []
            for index, row in enumerate(rows, 1):
                counts["models"] += 1
                counts["recognized"] += row["state"] == "recognized"
                counts["granted"] += sum(1 for award in row["awards"] if award["state"] == "granted")
                recognition = ""
                if row["recognition_number"] or row["recognition_date"]:
                    recognition = f"Số {row['recognition_number']}" if row["recognition_number"] else ""
                    if row["recognition_date"]:
                        recognition = f"{recognition} ngày {_date_text(row['recognition_date'])}".strip()
                printed.append(
                    {
                        "seq": index,
                        "name": row["name"],
                        "implementer": row["implementer"],
                        "kind": KIND_LABELS.get(row["kind"], ""),
                        "sector_code": row["sector_code"],
                        "result": MODEL_STATE_LABELS.get(row["state"], ""),
                        "recognition": recognition,
                        "awards": [self._dvk_award_text(award) for award in row["awards"]],
                    }
                )
            years.append((year, printed))
        return {"years": years, "counts": counts}

    @api.model
    def _dvk_subject(self, doc):
        """Who the dossier is of: (label, name, details) and the unit that issues it."""
        agency = doc.sudo()._dvk_history_agency()
        if doc._name == "hr.department":
            return {"label": "Tập thể", "name": doc.name or "", "details": "", "unit": agency.name or doc.name}
        details = ", ".join(part for part in (doc.job_title or "", doc.department_id.name or "") if part)
        return {"label": "Cá nhân", "name": doc.name or "", "details": details, "unit": agency.name or ""}

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env[self._dvk_doc_model].browse(docids)
        docs._dvk_check_history_access()
        return self._dvk_values(docids, self._dvk_doc_model, place_date=self._dvk_place_date())


class ReportAchievementEmployee(models.AbstractModel):
    """R7.2, R7.3: the achievement dossier of a person (their exemplars), year by year."""

    _name = "report.danvan_khe.report_achievement_employee"
    _inherit = "report.danvan_khe.report_achievement_department"
    _description = "Achievement dossier of a person"
    _dvk_doc_model = "hr.employee"


class ReportReview(models.AbstractModel):
    """R7.3: the report of a periodic review (sơ kết, tổng kết)."""

    _name = "report.danvan_khe.report_review"
    _inherit = "dvk.report.mixin"
    _description = "Periodic review report"

    @api.model
    def _dvk_header(self, review):
        year = review.period_id.year or ""
        span = ""
        if review.date_from and review.date_to:
            span = f"Từ ngày {_date_text(review.date_from)} đến ngày {_date_text(review.date_to)}"
        return {
            "title": f"{REVIEW_TITLES.get(review.kind, '')} PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {year}",
            "subtitle": review.name or "",
            "agency": review.department_id.name or "",
            "span": span,
            "held": format_vn_date(review.date),
            "regulation_ref": self._dvk_regulation_ref(review.period_id.regulation_id),
            "place_date": self._dvk_place_date(review.department_id, review.date),
            "is_draft": review.state != "done",
            "signer": review.closed_by_id.name or "",
        }

    @api.model
    def _dvk_model_rows(self, review):
        ordered = review.model_ids.sorted(lambda m: (m.agency_id.name or "", m.sequence, m.id))
        return [{**self._dvk_model_row(model), "consecutive_years": model.consecutive_years or 1} for model in ordered]

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.review")


class ReportOctoberCompilation(models.AbstractModel):
    """R8, R9: Home Affairs compiles the agencies' October reports, with their lists, in one document."""

    _name = "report.danvan_khe.report_october_compilation"
    _inherit = "dvk.report.mixin"
    _description = "October compilation of the province"

    @api.model
    def _dvk_check_home_affairs(self):
        user = self.env.user
        if not (self.env.su or user._dvk_is_admin() or user.has_group("danvan_khe.group_dvk_home_affairs")):
            raise AccessError(_("Only the Department of Home Affairs compiles the province's October reports."))

    @api.model
    def _dvk_reports(self, docids):
        """The October reports of the selection, as the user reads them (Home Affairs reads the province)."""
        self._dvk_check_home_affairs()
        reports = self.env["dvk.agency.report"].browse(docids).exists()
        reports.check_access("read")
        october = reports.filtered(lambda r: r.kind == "october")
        if not october:
            raise UserError(_("Select the October reports of the agencies to compile."))
        return october

    @api.model
    def _dvk_compilation(self, reports):
        """[{year, agencies: [{name, state_label, date_sent, recognized: [...], proposals: [...]}]}].

        An agency's lists are those it sent (frozen at sending); an agency that has not
        sent is listed as such, with no list.
        """
        years = []
        ordered = reports.sorted(lambda r: (-(r.period_id.year or 0), r.department_id.complete_name or "", r.id))
        for year, grouped in groupby(ordered, key=lambda r: r.period_id.year):
            agencies = []
            for report in grouped:
                sent = report.state == "sent"
                items = report.item_ids if sent else report.item_ids.browse()
                agencies.append(
                    {
                        "name": report.department_id.name or "",
                        "sent": sent,
                        "state_label": "Đã gửi" if sent else "Chưa gửi",
                        "date_sent": report.date_sent if sent else False,
                        "recognized": [
                            {
                                "seq": index,
                                "implementer": item.implementer_name or "",
                                "model_name": item.model_name or "",
                                "kind": KIND_LABELS.get(item.kind, ""),
                                "sector_code": item.sector_code or "",
                                "decision_number": item.recognition_number or "",
                                "decision_date": item.recognition_date,
                                "decision_body": item.recognition_body or "",
                            }
                            for index, item in enumerate(items.filtered(lambda i: i.item_type == "recognized"), 1)
                        ],
                        "proposals": [
                            {
                                "seq": index,
                                "number": item.proposal_number or "",
                                "implementer": item.implementer_name or "",
                                "model_name": item.model_name or "",
                                "sector_code": item.sector_code or "",
                                "award_form": item.award_form or "",
                                "level": PROPOSAL_LEVEL_LABELS.get(item.level, ""),
                                "state": PROPOSAL_STATE_LABELS.get(item.proposal_state, ""),
                                "decision_number": item.decision_number or "",
                                "decision_date": item.decision_date,
                            }
                            for index, item in enumerate(items.filtered(lambda i: i.item_type == "proposal"), 1)
                        ],
                    }
                )
            years.append({"year": year, "agencies": agencies})
        return years

    @api.model
    def _dvk_titles(self, reports):
        years = ", ".join(str(year) for year in sorted(set(reports.mapped("period_id.year"))))
        title = f"TỔNG HỢP KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {years}"
        reference = self._dvk_regulation_ref(reports.period_id.regulation_id[:1])
        subtitle = f"(Theo Điều 8, Điều 9 {reference})" if reference else "(Theo Điều 8, Điều 9)"
        return title, subtitle

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self._dvk_reports(docids)
        title, subtitle = self._dvk_titles(reports)
        values = self._dvk_values(reports.ids, "dvk.agency.report")
        values.update(
            title=title,
            subtitle=subtitle,
            years=self._dvk_compilation(reports),
            unit=self.env["report.danvan_khe.report_provincial_list"]._dvk_home_affairs(),
            place_date=self._dvk_place_date(),
            date_text=_date_text,
        )
        return values


# /dvk/xlsx/october_compilation/<ids>: the same compilation as one workbook, streamed by the
# export controller (controllers/xlsx_export.py) like the other documents' workbooks.
dvk_xlsx_export.REPORTS.setdefault("october_compilation", ("dvk.agency.report", "_dvk_xlsx_october_compilation"))


class DvkXlsxExport(models.AbstractModel):
    _inherit = "dvk.xlsx.export"

    @api.model
    def _dvk_xlsx_october_compilation(self, reports):
        """R8, R9: ``(filename, bytes, mimetype)`` of the October compilation of ``reports``."""
        report_model = self.env["report.danvan_khe.report_october_compilation"]
        october = report_model._dvk_reports(reports.ids)
        title, subtitle = report_model._dvk_titles(october)
        data = write_october_compilation(title, subtitle, report_model._dvk_compilation(october))
        years = "-".join(str(year) for year in sorted(set(october.mapped("period_id.year"))))
        return f"Tong hop thang 10 - {years}.xlsx", data, dvk_xlsx_export.XLSX_MIMETYPE

    @api.model
    def export_october_compilation(self, ids):
        """R9: Home Affairs downloads the province's October compilation as one workbook."""
        reports = self.env["report.danvan_khe.report_october_compilation"]._dvk_reports(ids)
        return self._dvk_download("october_compilation", reports)
