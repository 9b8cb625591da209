"""Excel exports of the printed documents (RA, R7.1, R7.2, R7.3, R8), streamed.

Each document has a builder ``_dvk_xlsx_<document>(records)`` that writes the
same table as the PDF (the rows come from the report models of
``dvk_reports.py``) with the writers of ``registration_xlsx.py`` and returns
``(filename, bytes, mimetype)``. Nothing is stored: the "Export to Excel"
server actions (xlsx_export_actions.xml) call ``export_<document>(ids)``, which
checks that the user may read the records and returns an ``ir.actions.act_url``
to ``/dvk/xlsx/<document>/<ids>`` (controllers/xlsx_export.py); that controller
builds the file with ``_dvk_build`` in the user's own environment (ACLs and
record rules apply, no sudo read of the records) and sends it as a download.

Why not OCA's ``report_xlsx``: it is AGPL-3 (this addon is LGPL-3, and a
dependency would bind every installation to the AGPL), it is not part of
Odoo, it writes with xlsxwriter where the annex must be the openpyxl file the
import wizard reads back, and a report type buys nothing here that ten lines
of controller do not.
"""

import io
import re
import zipfile

from odoo import _, api, models
from odoo.exceptions import UserError

from ..lib import annex
from .dvk_reports import FEBRUARY_COLUMNS, KIND_LONG_LABELS, OCTOBER_COLUMNS
from .registration_xlsx import write_registration_sheet, write_table_sheet

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIMETYPE = "application/zip"

# /dvk/xlsx/<document>/<ids>: the document's model and its builder.
REPORTS = {
    "registration": ("dvk.registration", "_dvk_xlsx_registration"),
    "evaluation": ("dvk.evaluation", "_dvk_xlsx_evaluation"),
    "recognition": ("dvk.recognition", "_dvk_xlsx_recognition"),
    "commendation": ("dvk.commendation", "_dvk_xlsx_commendation"),
    "agency_report": ("dvk.agency.report", "_dvk_xlsx_agency_report"),
    "provincial_list": ("dvk.model", "_dvk_xlsx_provincial_list"),
}
_IDS = re.compile(r"\d{1,10}(?:-\d{1,10})?(?:,\d{1,10}(?:-\d{1,10})?)*")
MAX_IDS = 10_000  # a selection one worker builds in seconds, not minutes


def encode_ids(ids):
    """'3-6,9' for [3, 4, 5, 6, 9]: a selection's ids, short enough for a URL."""
    parts, run = [], []
    for record_id in sorted(set(ids)):
        if run and record_id == run[-1] + 1:
            run.append(record_id)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
        run = [record_id]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
    return ",".join(parts)


def decode_ids(text):
    """The ids of :func:`encode_ids`' text; ValueError when it is not such a text."""
    if not _IDS.fullmatch(text or ""):
        raise ValueError(text)
    ids = []
    for part in text.split(","):
        first, _sep, last = part.partition("-")
        low, high = int(first), int(last or first)
        if high < low or len(ids) + high - low >= MAX_IDS:
            raise ValueError(text)
        ids.extend(range(low, high + 1))
    # the same record named twice is exported once: repeated ids must not multiply the work
    return list(dict.fromkeys(ids))


class DvkXlsxExport(models.AbstractModel):
    _name = "dvk.xlsx.export"
    _description = "Excel exports of the Dân vận khéo documents"

    # plumbing ---------------------------------------------------------------

    @api.model
    def _dvk_records(self, model_name, ids):
        """The records ``ids`` as the user sees them: AccessError when a rule or ACL forbids one."""
        records = self.env[model_name].browse(ids).exists()
        if not records:
            raise UserError(_("Select the records to export."))
        records.check_access("read")
        return records

    @api.model
    def _dvk_safe_filename(self, name):
        return "".join("_" if char in '\\/:*?"<>|\n\r\t' else char for char in name).strip() or "export"

    @api.model
    def _dvk_download(self, document, records):
        """The action downloading ``document`` of ``records`` through /dvk/xlsx: nothing is stored."""
        return {
            "type": "ir.actions.act_url",
            "url": f"/dvk/xlsx/{document}/{encode_ids(records.ids)}",
            "target": "self",
        }

    @api.model
    def _dvk_build(self, document, ids):
        """``(filename, bytes, mimetype)`` of ``document`` for the records ``ids``, read as the user.

        The controller calls it in the requesting user's environment: the
        records are browsed and checked with the user's own rights.
        """
        if document not in REPORTS:
            raise UserError(_("There is no Excel export %(name)s.", name=document))
        model_name, builder = REPORTS[document]
        records = self._dvk_records(model_name, ids)
        filename, data, mimetype = getattr(self, builder)(records)
        return self._dvk_safe_filename(filename), data, mimetype

    @api.model
    def _dvk_clause_ref(self, clause, regulation):
        """'(Theo khoản 1 Điều 7 Quyết định số 976/QĐ-UBND ngày …)' from the regulation's data."""
        reference = self.env["dvk.report.mixin"]._dvk_regulation_ref(regulation)
        return f"(Theo {clause} {reference})" if reference else f"(Theo {clause})"

    @api.model
    def _dvk_table(self, filename, title, headers, rows, subtitle=""):
        return filename, write_table_sheet(title, headers, rows, subtitle=subtitle), XLSX_MIMETYPE

    # the actions of the Action menu: check, then hand over to /dvk/xlsx ------------

    @api.model
    def export_registration(self, ids):
        """RA: one annex workbook per registration (several are zipped)."""
        return self._dvk_download("registration", self._dvk_records("dvk.registration", ids))

    @api.model
    def export_evaluation(self, ids):
        """R7.1: the evaluation sheets."""
        return self._dvk_download("evaluation", self._dvk_records("dvk.evaluation", ids))

    @api.model
    def export_recognition(self, ids):
        """R7.2: the recognition decisions' lists."""
        return self._dvk_download("recognition", self._dvk_records("dvk.recognition", ids))

    @api.model
    def export_commendation(self, ids):
        """R7.2, R7.3, R9: the commendation proposals."""
        return self._dvk_download("commendation", self._dvk_records("dvk.commendation", ids))

    @api.model
    def export_agency_report(self, ids):
        """R8: the reports to Home Affairs."""
        return self._dvk_download("agency_report", self._dvk_records("dvk.agency.report", ids))

    @api.model
    def export_provincial_list(self, ids):
        """R7.3: the provincial list (refused at once when none of the selection is on it)."""
        records = self._dvk_records("dvk.model", ids)
        self.env["report.danvan_khe.report_provincial_list"]._dvk_models(records.ids)
        return self._dvk_download("provincial_list", records)

    # RA: the registration form, in the annex layout the import wizard reads back ----

    @api.model
    def _dvk_registration_rows(self, registration):
        lines = registration.model_ids.filtered(lambda m: m.state != "cancelled")
        return [
            {
                "seq": index,
                "implementer": line.implementer_name or "",
                "model_name": line.name or "",
                "sector_code": line.sector_id.code or "",
                "period": registration._dvk_period_text(line),
                "expected_result": line.expected_result or "",
                "note": line.note or "",
            }
            for index, line in enumerate(lines, 1)
        ]

    @api.model
    def _dvk_annex_reference(self, registration):
        """The "(Kèm theo Quyết định số: …)" line of the act in force for the form's year (RA)."""
        regulation = registration.period_id.regulation_id
        return annex.reference(
            regulation.number, regulation.date_issued, self.env["dvk.report.mixin"]._dvk_vn(regulation).issuer
        )

    @api.model
    def _dvk_registration_file(self, registration):
        data = write_registration_sheet(
            registration.department_id.name,
            self._dvk_registration_rows(registration),
            place_date=registration._dvk_place_date(),
            reference=self._dvk_annex_reference(registration),
        )
        filename = f"Bang dang ky - {registration.department_id.name} - {registration.year}.xlsx"
        return filename, data

    @api.model
    def _dvk_xlsx_registration(self, registrations):
        """RA: one annex workbook per registration (several are zipped)."""
        files = [self._dvk_registration_file(registration) for registration in registrations]
        if len(files) == 1:
            return (*files[0], XLSX_MIMETYPE)
        stream = io.BytesIO()
        seen = set()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for registration, (name, data) in zip(registrations, files, strict=True):
                filename = self._dvk_safe_filename(name)
                if filename in seen:
                    filename = f"{filename[:-5]} ({registration.id}).xlsx"
                seen.add(filename)
                archive.writestr(filename, data)
        return "Bang dang ky.zip", stream.getvalue(), ZIP_MIMETYPE

    # R7.1: evaluation sheets --------------------------------------------------

    @api.model
    def _dvk_xlsx_evaluation(self, evaluations):
        report = self.env["report.danvan_khe.report_evaluation"]
        headers = [
            "Cơ quan, đơn vị",
            "Tên mô hình, điển hình",
            "Tập thể/ cá nhân thực hiện",
            annex.LABELS[annex.SECTOR],
            "Người đánh giá",
            "Ngày đánh giá",
            "TT",
            "Yếu tố đánh giá",
            "Điểm",
            "Tối đa",
            "Nhận xét",
            "Xếp loại",
        ]
        rows = []
        for evaluation in evaluations:
            head = report._dvk_header(evaluation)
            common = [
                head["agency"],
                head["model_name"],
                head["implementer"],
                head["sector_code"],
                head["evaluator"],
                evaluation.date,
            ]
            for factor in report._dvk_factor_rows(evaluation):
                rows.append(
                    [
                        *common,
                        factor["letter"],
                        factor["factor"],
                        factor["score"],
                        factor["max_score"],
                        factor["comment"],
                        "",
                    ]
                )
            rows.append(
                [*common, "", "Tổng điểm", evaluation.score_total, evaluation.score_max, "", head["classification"]]
            )
        return self._dvk_table(
            "Phieu danh gia.xlsx",
            "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
            subtitle=self._dvk_clause_ref("khoản 1 Điều 7", evaluations.period_id.regulation_id[:1]),
        )

    # R7.2: recognition decisions -----------------------------------------------

    @api.model
    def _dvk_xlsx_recognition(self, recognitions):
        report = self.env["report.danvan_khe.report_recognition"]
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
            head = report._dvk_header(recognition)
            decision = [head["number"], recognition.date, head["committee"]]
            for result, lines in (
                ("Được công nhận", report._dvk_recognised_rows(recognition)),
                ("Không được công nhận", report._dvk_rejected_rows(recognition)),
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
        return self._dvk_table(
            "Danh sach cong nhan.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC XÉT CÔNG NHẬN",
            headers,
            rows,
        )

    # R7.2, R7.3, R9: commendation proposals -------------------------------------

    @api.model
    def _dvk_xlsx_commendation(self, proposals):
        report = self.env["report.danvan_khe.report_commendation"]
        headers = [
            "Cấp quyết định",
            "TT",
            "Số đề nghị",
            "Tên tập thể/ cá nhân",
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            annex.LABELS[annex.SECTOR],
            "Năm",
            "Cấp khen thưởng",
            "Hình thức khen thưởng đề nghị",
            "Thành tích",
            "Tình trạng",
        ]
        rows = []
        for authority, lines in report._dvk_groups(proposals):
            for index, row in enumerate(lines, 1):
                rows.append(
                    [
                        authority,
                        index,
                        row["number"],
                        row["implementer"],
                        row["model_name"],
                        row["agency"],
                        row["sector_code"],
                        row["year"],
                        row["level"],
                        row["award_form"],
                        row["reason"],
                        row["state"],
                    ]
                )
        return self._dvk_table(
            "Danh sach de nghi khen thuong.xlsx",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
        )

    # R8: reports to Home Affairs ---------------------------------------------------

    @api.model
    def _dvk_xlsx_agency_report(self, reports):
        report_model = self.env["report.danvan_khe.report_agency_report"]
        october = any(r.kind == "october" for r in reports)
        columns = [label for _field, label in (OCTOBER_COLUMNS if october else FEBRUARY_COLUMNS)]
        headers = ["Cơ quan, đơn vị", "Năm", "Báo cáo", annex.LABELS[annex.SECTOR], "Loại", *columns]
        rows = []
        for agency_report in reports:
            figures, totals = report_model._dvk_rows(agency_report)
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
        return self._dvk_table("Bao cao So Noi vu.xlsx", title, headers, rows, subtitle="Kính gửi: Sở Nội vụ (Điều 8)")

    # R7.3: the provincial list ----------------------------------------------------

    @api.model
    def _dvk_xlsx_provincial_list(self, models_):
        report = self.env["report.danvan_khe.report_provincial_list"]
        listed = report._dvk_models(models_.ids)
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
            for index, (model, row) in enumerate(zip(listed, report._dvk_rows(listed), strict=True), 1)
        ]
        return self._dvk_table(
            "Danh sach cap tinh.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU, CÓ SỨC LAN TỎA, NHÂN RỘNG, "
            f"ĐẠT LIÊN TIẾP {minimum:02d} NĂM TRỞ LÊN ĐỀ NGHỊ KHEN THƯỞNG CẤP TỈNH",
            headers,
            rows,
            subtitle=self._dvk_clause_ref("khoản 3 Điều 7", regulation),
        )
