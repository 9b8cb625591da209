"""Excel exports of the printed documents (RA, R7.1, R7.2, R7.3, R8).

Each ``export_<document>(ids)`` writes the same table as the PDF (the rows come
from the report models of ``dvk_reports.py``) with the writers of
``registration_xlsx.py``, stores it as an ``ir.attachment`` and returns an
``ir.actions.act_url`` that downloads it. The "Export to Excel" server actions
(xlsx_export_actions.xml) call these methods with the selected records.

Access: the records are read as the user. A file of one record is attached to
that record, so whoever may read the record may read the file; a file of several
records is attached to no record, so only its creator may read it (ir.attachment
lets nobody else read an attachment with a model and no record).
"""

import io
import zipfile

from odoo import _, api, models
from odoo.exceptions import UserError

from .dvk_reports import FEBRUARY_COLUMNS, KIND_LONG_LABELS, OCTOBER_COLUMNS
from .registration_xlsx import write_registration_sheet, write_table_sheet

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DvkXlsxExport(models.AbstractModel):
    _name = "dvk.xlsx.export"
    _description = "Excel exports of the Dân vận khéo documents"

    # plumbing ---------------------------------------------------------------

    @api.model
    def _dvk_records(self, model_name, ids):
        records = self.env[model_name].browse(ids).exists()
        if not records:
            raise UserError(_("Select the records to export."))
        records.check_access("read")
        return records

    @api.model
    def _dvk_safe_filename(self, name):
        return "".join("_" if char in '\\/:*?"<>|\n\r\t' else char for char in name).strip() or "export"

    @api.model
    def _dvk_download(self, records, filename, data, mimetype=XLSX_MIMETYPE):
        """Store ``data`` as an attachment of ``records`` and return the action downloading it."""
        # sudo: reading a record is enough to export it, creating an attachment on a
        # record would need write access; the creator (uid) is kept by sudo().
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._dvk_safe_filename(filename),
                    "raw": data,
                    "mimetype": mimetype,
                    "res_model": records._name,
                    "res_id": records.id if len(records) == 1 else False,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.model
    def _dvk_clause_ref(self, clause, regulation):
        """'(Theo khoản 1 Điều 7 Quyết định số 976/QĐ-UBND ngày …)' from the regulation's data."""
        reference = self.env["dvk.report.mixin"]._dvk_regulation_ref(regulation)
        return f"(Theo {clause} {reference})" if reference else f"(Theo {clause})"

    @api.model
    def _dvk_table(self, records, filename, title, headers, rows, subtitle=""):
        return self._dvk_download(records, filename, write_table_sheet(title, headers, rows, subtitle=subtitle))

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
    def _dvk_registration_file(self, registration):
        data = write_registration_sheet(
            registration.department_id.name,
            self._dvk_registration_rows(registration),
            place_date=registration._dvk_place_date(),
        )
        filename = f"Bang dang ky - {registration.department_id.name} - {registration.year}.xlsx"
        return filename, data

    @api.model
    def export_registration(self, ids):
        """RA: one annex workbook per registration (several are zipped)."""
        registrations = self._dvk_records("dvk.registration", ids)
        files = [self._dvk_registration_file(registration) for registration in registrations]
        if len(files) == 1:
            return self._dvk_download(registrations, *files[0])
        stream = io.BytesIO()
        seen = set()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for registration, (name, data) in zip(registrations, files, strict=True):
                filename = self._dvk_safe_filename(name)
                if filename in seen:
                    filename = f"{filename[:-5]} ({registration.id}).xlsx"
                seen.add(filename)
                archive.writestr(filename, data)
        return self._dvk_download(registrations, "Bang dang ky.zip", stream.getvalue(), "application/zip")

    # R7.1: evaluation sheets --------------------------------------------------

    @api.model
    def export_evaluation(self, ids):
        evaluations = self._dvk_records("dvk.evaluation", ids)
        report = self.env["report.danvan_khe.report_evaluation"]
        headers = [
            "Cơ quan, đơn vị",
            "Tên mô hình, điển hình",
            "Tập thể/ cá nhân thực hiện",
            "Lĩnh vực",
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
            evaluations,
            "Phieu danh gia.xlsx",
            "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
            subtitle=self._dvk_clause_ref("khoản 1 Điều 7", evaluations.period_id.regulation_id[:1]),
        )

    # R7.2: recognition decisions -----------------------------------------------

    @api.model
    def export_recognition(self, ids):
        recognitions = self._dvk_records("dvk.recognition", ids)
        report = self.env["report.danvan_khe.report_recognition"]
        headers = [
            "Quyết định số",
            "Ngày",
            "Ban Chỉ đạo",
            "Kết quả",
            "TT",
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            "Lĩnh vực",
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
            recognitions,
            "Danh sach cong nhan.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC XÉT CÔNG NHẬN",
            headers,
            rows,
        )

    # R7.2, R7.3, R9: commendation proposals -------------------------------------

    @api.model
    def export_commendation(self, ids):
        proposals = self._dvk_records("dvk.commendation", ids)
        report = self.env["report.danvan_khe.report_commendation"]
        headers = [
            "Cấp quyết định",
            "TT",
            "Số đề nghị",
            "Tên tập thể/ cá nhân",
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            "Lĩnh vực",
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
            proposals,
            "Danh sach de nghi khen thuong.xlsx",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
        )

    # R8: reports to Home Affairs ---------------------------------------------------

    @api.model
    def export_agency_report(self, ids):
        reports = self._dvk_records("dvk.agency.report", ids)
        report_model = self.env["report.danvan_khe.report_agency_report"]
        october = any(r.kind == "october" for r in reports)
        columns = [label for _field, label in (OCTOBER_COLUMNS if october else FEBRUARY_COLUMNS)]
        headers = ["Cơ quan, đơn vị", "Năm", "Báo cáo", "Lĩnh vực", "Loại", *columns]
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
        return self._dvk_table(
            reports, "Bao cao So Noi vu.xlsx", title, headers, rows, subtitle="Kính gửi: Sở Nội vụ (Điều 8)"
        )

    # R7.3: the provincial list ----------------------------------------------------

    @api.model
    def export_provincial_list(self, ids):
        report = self.env["report.danvan_khe.report_provincial_list"]
        listed = report._dvk_models(self._dvk_records("dvk.model", ids).ids)
        regulation = listed.period_id.regulation_id[:1]
        minimum = regulation.replication_min_years or 2
        headers = [
            "TT",
            "Cơ quan, đơn vị",
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình, điển hình",
            "Loại",
            "Lĩnh vực",
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
            listed,
            "Danh sach cap tinh.xlsx",
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU, CÓ SỨC LAN TỎA, NHÂN RỘNG, "
            f"ĐẠT LIÊN TIẾP {minimum:02d} NĂM TRỞ LÊN ĐỀ NGHỊ KHEN THƯỞNG CẤP TỈNH",
            headers,
            rows,
            subtitle=self._dvk_clause_ref("khoản 3 Điều 7", regulation),
        )
