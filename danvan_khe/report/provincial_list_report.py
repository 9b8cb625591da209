"""R7.3, R9: the printed provincial list (report ``danvan_khe.report_provincial_list``)."""

from odoo import _, api, models
from odoo.exceptions import UserError

from ..lib import annex
from .dvk_reports import KIND_LONG_LABELS


class ReportProvincialList(models.AbstractModel):
    """R7.3, R9: Home Affairs' list of the models spreading and recognised two or more years in a row,
    proposed for provincial commendation: one row per model, its newest year and its years in a row."""

    _name = "report.danvan_khe.report_provincial_list"
    _inherit = "dvk.report.mixin"
    _description = "Provincial list"

    @api.model
    def _dvk_models(self, docids):
        """The selected models on the provincial list, the newest year of each chain only.

        A model recognised in 2024, 2025 and 2026 is one record a year linked by
        ``predecessor_id``; the list names it once, with its newest year (which
        carries the count of consecutive years), not once a year.
        """
        models_ = self.env["dvk.model"].browse(docids)
        listed = models_.filtered("on_provincial_list")
        if not listed:
            raise UserError(
                _("None of the selected models is on the provincial list: print it from the list “Provincial list”.")
            )
        older = self.env["dvk.model"]
        for model in listed:
            link = model.predecessor_id
            while link and link not in older:
                older |= link
                link = link.predecessor_id
        newest = listed - older
        return newest.sorted(lambda m: (m.agency_id.name or "", -(m.year or 0), m.sequence, m.id))

    @api.model
    def _dvk_years_text(self, model):
        """'2025, 2026': the years in a row the model was recognised, ending with its own."""
        if not model.year:
            return ""
        count = max(model.consecutive_years or 0, 1)
        return ", ".join(str(year) for year in range(model.year - count + 1, model.year + 1))

    @api.model
    def _dvk_rows(self, listed):
        return [
            {
                **self._dvk_model_row(model),
                "consecutive_years": model.consecutive_years,
                "years": self._dvk_years_text(model),
                "replication_note": model.replication_note or "",
            }
            for model in listed
        ]

    @api.model
    def _dvk_home_affairs(self):
        """The issuing unit: the Department of Home Affairs (the printing officer's agency when they work there)."""
        user = self.env.user
        if user.has_group("danvan_khe.group_dvk_home_affairs") and user.dvk_agency_ids:
            return user.dvk_agency_ids[:1].name
        return "Sở Nội vụ"

    @api.model
    def _get_report_values(self, docids, data=None):
        listed = self._dvk_models(docids)
        regulation = listed.period_id.regulation_id[:1]
        values = self._dvk_values(listed.ids, "dvk.model")
        values.update(
            rows=self._dvk_rows(listed),
            skipped=len(set(docids)) - len(listed),
            unit=self._dvk_home_affairs(),
            min_years=regulation.replication_min_years or 2,
            regulation_ref=self._dvk_regulation_ref(regulation),
            place_date=self._dvk_place_date(),
        )
        return values

    @api.model
    def _dvk_xlsx_table(self, models_):
        """R7.3: the provincial list as one table.

        ``(filename, title, headers, rows, subtitle)``, written by ``dvk.xlsx.export``.
        """
        listed = self._dvk_models(models_.ids)
        regulation = listed.period_id.regulation_id[:1]
        minimum = regulation.replication_min_years or 2
        headers = [
            "TT",
            "Cơ quan, đơn vị",
            annex.LABELS[annex.IMPLEMENTER],
            "Tên mô hình, điển hình",
            "Loại",
            annex.LABELS[annex.SECTOR],
            "Năm",
            "Số năm liên tiếp được công nhận",
            "Nơi nhân rộng",
        ]
        rows = [
            [
                index,
                row["agency"],
                row["implementer"],
                row["model_name"],
                KIND_LONG_LABELS.get(model.kind, ""),
                row["sector_code"],
                row["year"],
                row["consecutive_years"],
                row["replication_note"],
            ]
            for index, (model, row) in enumerate(zip(listed, self._dvk_rows(listed), strict=True), 1)
        ]
        return (
            "Danh sach cap tinh.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU, CÓ SỨC LAN TỎA, NHÂN RỘNG, "
            f"ĐẠT LIÊN TIẾP {minimum:02d} NĂM TRỞ LÊN ĐỀ NGHỊ KHEN THƯỞNG CẤP TỈNH",
            headers,
            rows,
            self._dvk_clause_ref("khoản 3 Điều 7", regulation),
        )
