"""The movement's tables in Excel (RA, R7.1, R7.2, R7.3, R8): what the files hold."""

import base64
import io
import re
import zipfile

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..report.dvk_reports import OCTOBER_COLUMNS
from ..report.dvk_xlsx_export import decode_ids
from ..report.registration_xlsx import HEADERS, REFERENCE, TITLE
from ._fixtures_reports import (
    recognised_year,
    reported_models,
)
from .common import DvkCase


class TestExcelExports(DvkCase):
    """RA, R7.1, R7.2, R7.3, R8: the same tables in Excel, user text never a formula.

    What the files hold; how they travel (streamed by /dvk/xlsx, no attachment, the
    user's rights) is test_xlsx_export.py's.
    """

    def export(self, method, records, user=None):
        """The bytes of the file an "Export to Excel" action leads ``user`` to (the controller's build)."""
        exporter = self.env["dvk.xlsx.export"].with_user(user) if user else self.env["dvk.xlsx.export"]
        action = getattr(exporter, method)(records.ids)
        self.assertEqual(action["type"], "ir.actions.act_url")
        document, ids = re.fullmatch(r"/dvk/xlsx/(\w+)/([\d,-]+)", action["url"]).groups()
        _filename, data, _mimetype = exporter._dvk_build(document, decode_ids(ids))
        return data

    @staticmethod
    def sheet(data):
        return openpyxl.load_workbook(io.BytesIO(data)).active

    @staticmethod
    def values(worksheet):
        return [[cell.value for cell in row] for row in worksheet.iter_rows()]

    def test_RA_registration_export_is_the_annex(self):
        """RA: the export is the annex layout; only who reads the registration exports it."""
        registration = self.make_registration(lines=2)
        worksheet = self.sheet(self.export("export_registration", registration, self.staff_a))
        self.assertEqual(worksheet["A1"].value, f"ĐƠN VỊ: {self.dept_a.name}")
        self.assertEqual(worksheet["A2"].value, TITLE)
        self.assertEqual(worksheet["A3"].value, REFERENCE)
        self.assertEqual([cell.value for cell in worksheet[5]], list(HEADERS))
        self.assertEqual([cell.value for cell in worksheet[6]], [1, 2, 3, 4, 5, 6, 7])
        first = registration.model_ids[0]
        self.assertEqual(
            [cell.value for cell in worksheet[7]][:5],
            [1, first.implementer_name, first.name, first.sector_id.code, f"Năm {self.year}"],
        )
        texts = {value for row in self.values(worksheet) for value in row if isinstance(value, str)}
        self.assertTrue(any(text.startswith("Xác nhận, duyệt của lãnh đạo") for text in texts))
        self.assertTrue(any("ngày" in text for text in texts))
        # the file follows the registration's access: another agency's staff cannot have it
        self.assertTrue(self.export("export_registration", registration, self.head_a))
        with self.assertRaises(AccessError):
            self.export("export_registration", registration, self.staff_b)

    def test_RA_registration_export_round_trip_through_the_import_wizard(self):
        """RA: exported, then imported again by the wizard into the agency's year, the same lines come back."""
        registration = self.make_registration(lines=3)
        lines = registration.model_ids
        lines[0].write({"expected_result": "Giảm 30% hồ sơ trễ hạn\nkhông khiếu nại", "note": "Phối hợp Hội Nông dân"})
        lines[1].write({"date_start": f"{self.year}-03-01", "date_end": f"{self.year}-09-30"})
        lines[2].write({"name": '=HYPERLINK("http://x";"Mô hình")', "note": "+84 đường dây nóng"})

        def snapshot(models_):
            return [
                (
                    m.implementer_name,
                    m.name,
                    m.sector_id.code,
                    m.date_start,
                    m.date_end,
                    m.expected_result or "",
                    m.note or "",
                )
                for m in models_.sorted(lambda m: (m.sequence, m.id))
            ]

        before = snapshot(lines)
        # the wizard matches sectors by their Vietnamese names too: it needs vi_VN installed
        self.env["res.lang"]._activate_lang("vi_VN")
        data = self.export("export_registration", registration, self.staff_a)
        # the registration of this agency-year is withdrawn, its lines come back from the file
        registration.unlink()
        # another agency cannot take the file: it is in the name of Sở Tư pháp
        wizard = (
            self.env["dvk.registration.import"]
            .with_user(self.staff_b)
            .create({"department_id": self.dept_b.id, "period_id": self.period.id, "file_data": base64.b64encode(data)})
        )
        with self.assertRaisesRegex(UserError, "in the name of"):
            wizard.action_import()
        wizard = (
            self.env["dvk.registration.import"]
            .with_user(self.staff_a)
            .create(
                {
                    "department_id": self.dept_a.id,
                    "period_id": self.period.id,
                    "file_data": base64.b64encode(data),
                    "file_name": "dang_ky.xlsx",
                }
            )
        )
        action = wizard.action_import()
        imported = self.env["dvk.registration"].browse(action["res_id"])
        self.assertEqual(imported.department_id, self.dept_a)
        self.assertEqual(snapshot(imported.model_ids), before)

    def test_RA_formula_characters_stay_text(self):
        """RA: a model named "=..." is written as a string cell, never as a formula, in every export."""
        registration = self.make_registration(lines=1)
        registration.model_ids.write({"name": "=1+1", "expected_result": "@SUM(A1:A9)", "note": "-2"})
        data = self.export("export_registration", registration, self.staff_a)
        worksheet = self.sheet(data)
        self.assertEqual((worksheet["C7"].value, worksheet["C7"].data_type), ("=1+1", "s"))
        self.assertEqual((worksheet["F7"].value, worksheet["F7"].data_type), ("@SUM(A1:A9)", "s"))
        self.assertNotIn(b"<f>", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))
        model = reported_models(self, ['=HYPERLINK("http://x")'], self.dept_b)
        evaluation = self.evaluate(model)
        data = self.export("export_evaluation", evaluation)
        cells = [cell for row in self.sheet(data).iter_rows() for cell in row if cell.value == model.name]
        self.assertTrue(cells)
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        self.assertNotIn(b"<f>", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))

    def test_R7_1_R7_2_evaluation_recognition_commendation_exports(self):
        """R7.1, R7.2: evaluation factors, the decision's two lists, the proposals by authority."""
        good, weak = reported_models(self, ["Mô hình “Khéo”", "Mô hình yếu"])
        evaluation = self.evaluate(good)
        self.evaluate(weak, scores=(5, 5, 5, 5, 5))
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "model_ids": [Command.set(good.ids)],
                    "rejection_ids": [Command.create({"model_id": weak.id, "reason": "Chưa đạt yêu cầu"})],
                }
            )
        )
        recognition.action_done()
        proposal = (
            self.env["dvk.commendation"]
            .with_user(self.member_a)
            .create(
                {
                    "model_id": good.id,
                    "award_form_id": self.env["dvk.award.form"]
                    .sudo()
                    .create({"name": "Giấy khen của Giám đốc Sở", "code": "test-dept", "tier_id": good.tier_id.id})
                    .id,
                }
            )
        )

        rows = self.values(self.sheet(self.export("export_evaluation", evaluation, self.head_a)))
        self.assertEqual(rows[0][0], "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”")
        self.assertIn("Quyết định số 976/QĐ-UBND", rows[1][0])
        self.assertEqual(rows[3][6:10], ["TT", "Yếu tố đánh giá", "Điểm", "Tối đa"])
        factors = [row for row in rows[4:] if row[6]]
        self.assertEqual([row[6] for row in factors], ["a)", "b)", "c)", "d)", "đ)"])
        self.assertEqual([row[8] for row in factors], [18, 17, 16, 19, 18])
        self.assertEqual(rows[-1][7:10], ["Tổng điểm", 88, 100])
        self.assertEqual(rows[4][:4], [self.dept_a.name, "Mô hình “Khéo”", good.implementer_name, "KT"])

        rows = self.values(self.sheet(self.export("export_recognition", recognition, self.member_a)))
        self.assertEqual(rows[1][:4], ["Quyết định số", "Ngày", "Ban Chỉ đạo", "Kết quả"])
        results = {row[6]: (row[3], row[11]) for row in rows[2:]}
        self.assertEqual(results["Mô hình “Khéo”"], ("Được công nhận", None))
        self.assertEqual(results["Mô hình yếu"], ("Không được công nhận", "Chưa đạt yêu cầu"))

        rows = self.values(self.sheet(self.export("export_commendation", proposal, self.member_a)))
        self.assertEqual(rows[1][9], "Hình thức khen thưởng đề nghị")
        self.assertIn(self.dept_a.name, rows[2][0])
        self.assertEqual(rows[2][4], "Mô hình “Khéo”")
        self.assertEqual(rows[2][9], "Giấy khen của Giám đốc Sở")

    def test_R8_R7_3_report_and_provincial_list_exports(self):
        """R7.3: the provincial list; R8: the figures sent to Home Affairs; several records in one file."""
        first = recognised_year(self, self.year - 1)
        second = recognised_year(self, self.year, predecessor=first)
        rows = self.values(self.sheet(self.export("export_provincial_list", first | second, self.ha)))
        self.assertIn("ĐẠT LIÊN TIẾP 02 NĂM TRỞ LÊN", rows[0][0])
        self.assertIn("khoản 3 Điều 7", rows[1][0])
        self.assertEqual(len(rows), 5, "only the listed model, after title, subtitle, blank and header rows")
        self.assertEqual(rows[4][1:4], [self.dept_a.name, second.implementer_name, "Mô hình “Bến đò nhân ái”"])
        self.assertEqual(rows[4][6:9], [self.year, 2, "Nhân rộng tại xã Hòa Minh và xã Long Khánh"])

        reports = self.env["dvk.agency.report"]
        for kind in ("february", "october"):
            reports |= (
                self.env["dvk.agency.report"]
                .sudo()
                .create({"department_id": self.dept_a.id, "period_id": self.period.id, "kind": kind})
            )
        reports.with_user(self.head_a).action_refresh()
        # several records in one file
        rows = self.values(self.sheet(self.export("export_agency_report", reports, self.head_a)))
        labels = [label for _field, label in OCTOBER_COLUMNS]
        self.assertEqual(rows[3], ["Cơ quan, đơn vị", "Năm", "Báo cáo", "Lĩnh vực", "Loại", *labels])
        self.assertEqual(
            labels[:4], ["Số lượng đăng ký", "Được công nhận", "Không được công nhận", "Đề nghị khen thưởng"]
        )
        totals = [row for row in rows[4:] if row[3] == "Tổng cộng"]
        # February: 1 registered; October: 1 registered, 1 recognised, 0 not, 0 proposed, 1 on the provincial list
        self.assertEqual(totals[0][2:], ["Tháng 02", "Tổng cộng", None, 1, None, None, None, None])
        self.assertEqual(totals[1][2:], ["Tháng 10", "Tổng cộng", None, 1, 1, 0, 0, 1])

    def test_actions_are_bound_to_their_models(self):
        """RA, R7.1, R7.2, R7.3, R8: each document prints and exports from its model's Print and Action menus."""
        for name, model in (
            ("registration", "dvk.registration"),
            ("evaluation", "dvk.evaluation"),
            ("recognition", "dvk.recognition"),
            ("commendation", "dvk.commendation"),
            ("agency_report", "dvk.agency.report"),
            ("provincial_list", "dvk.model"),
        ):
            with self.subTest(document=name):
                report = self.env.ref(f"danvan_khe.action_report_{name}")
                self.assertEqual((report.binding_model_id.model, report.report_type), (model, "qweb-pdf"))
                export = self.env.ref(f"danvan_khe.action_xlsx_export_{name}")
                self.assertEqual((export.binding_model_id.model, export.state), (model, "code"))
        # the Action menu's server action, run as the user on the selected records
        registration = self.make_registration(lines=1)
        action = (
            self.env.ref("danvan_khe.action_xlsx_export_registration")
            .with_user(self.staff_a)
            .with_context(active_model="dvk.registration", active_ids=registration.ids, active_id=registration.id)
            .run()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/dvk/xlsx/registration/{registration.id}")
