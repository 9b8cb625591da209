"""R7.2: the printed recognition decision's lists (report ``danvan_khe.report_recognition``)."""

from odoo import api, models

from ..lib import annex
from ..lib.vn_format import format_vn_date


class ReportRecognition(models.AbstractModel):
    """R7.2: the recognition decision's lists, recognised and not recognised with reasons."""

    _name = "report.danvan_khe.report_recognition"
    _inherit = "dvk.report.mixin"
    _description = "Recognition decision list"

    @api.model
    def _dvk_result_row(self, model, **extra):
        return {
            **self._dvk_model_row(model),
            "score": self._dvk_number(model.score_total) if model.evaluation_id else "",
            "classification": self._dvk_vn(model.classification_id).name or "",
            **extra,
        }

    @api.model
    def _dvk_recognised_rows(self, recognition):
        ordered = recognition.model_ids.sorted(lambda m: (m.agency_id.name or "", m.sequence, m.id))
        return [self._dvk_result_row(model) for model in ordered]

    @api.model
    def _dvk_rejected_rows(self, recognition):
        ordered = recognition.rejection_ids.sorted(lambda r: (r.model_id.agency_id.name or "", r.id))
        return [self._dvk_result_row(rejection.model_id, reason=rejection.reason or "") for rejection in ordered]

    @api.model
    def _dvk_header(self, recognition):
        committee = recognition.committee_id
        return {
            "number": recognition.name if recognition.name and recognition.name != "/" else "",
            "date_text": format_vn_date(recognition.date),
            "committee": committee.name or "",
            "agency": recognition.agency_id.name or "",
            "year": recognition.period_id.year or "",
            "signer": recognition.signer or committee.chair_id.name or "",
            "place_date": self._dvk_place_date(recognition.agency_id, recognition.date),
            "is_draft": recognition.state != "done",
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.recognition")

    @api.model
    def _dvk_xlsx_table(self, recognitions):
        """R7.2: the decisions' lists as one table, recognised and not recognised.

        ``(filename, title, headers, rows, subtitle)``, written by ``dvk.xlsx.export``.
        """
        headers = [
            "Quyết định số",
            "Ngày",
            "Ban Chỉ đạo",
            "Kết quả",
            "TT",
            annex.LABELS[annex.IMPLEMENTER],
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            annex.LABELS[annex.SECTOR],
            "Điểm",
            "Xếp loại",
            "Lý do không công nhận",
        ]
        rows = []
        for recognition in recognitions:
            head = self._dvk_header(recognition)
            decision = [head["number"], recognition.date, head["committee"]]
            for result, lines in (
                ("Được công nhận", self._dvk_recognised_rows(recognition)),
                ("Không được công nhận", self._dvk_rejected_rows(recognition)),
            ):
                for index, row in enumerate(lines, 1):
                    rows.append(
                        [
                            *decision,
                            result,
                            index,
                            row["implementer"],
                            row["model_name"],
                            row["agency"],
                            row["sector_code"],
                            row["score"],
                            row["classification"],
                            row.get("reason", ""),
                        ]
                    )
        return (
            "Danh sach cong nhan.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC XÉT CÔNG NHẬN",
            headers,
            rows,
            "",
        )
