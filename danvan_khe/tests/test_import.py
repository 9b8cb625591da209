"""Import of an agency's existing registration list (RA, R6.2): all or nothing, every problem named."""

import base64
import io

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError

from odoo.addons.danvan_khe.report.registration_xlsx import write_registration_sheet

from .common import DvkCase


def _row(seq, implementer, name, sector="KT", period=None, result="Kết quả", note=""):
    return {
        "seq": seq,
        "implementer": implementer,
        "model_name": name,
        "sector_code": sector,
        "period": period,
        "expected_result": result,
        "note": note,
    }


class TestRegistrationImport(DvkCase):
    def _wizard(self, data, name="dang_ky.xlsx", agency=None, user=None):
        agency = agency or self.dept_a
        user = user or self._staff_of(agency)
        return (
            self.env["dvk.registration.import"]
            .with_user(user)
            .create(
                {
                    "department_id": agency.id,
                    "period_id": self.period.id,
                    "file_data": base64.b64encode(data),
                    "file_name": name,
                }
            )
        )

    def _sheet(self, rows, unit=None):
        return write_registration_sheet(unit or self.dept_a.name, rows)

    def test_RA_import_creates_one_draft_registration(self):
        """RA: the annex layout read back: one draft registration with the file's lines, matched to people."""
        y = self.year
        data = self._sheet(
            [
                _row(1, "Văn phòng Sở Tư pháp (thử)", "Trợ giúp pháp lý lưu động", "XD HTCT", f"Năm {y}"),
                _row(2, self.staff_a.name, "Sinh hoạt pháp luật tại chùa", "Văn hóa - xã hội", f"03/{y} - 12/{y}"),
                _row(3, "Tổ hòa giải ấp 3", "Hòa giải ở cơ sở", "an ninh quoc phong", f"Quý II - IV/{y}"),
            ]
        )
        action = self._wizard(data).action_import()
        registration = self.env["dvk.registration"].browse(action["res_id"])
        self.assertEqual(registration.state, "draft")
        self.assertEqual(registration.department_id, self.dept_a)
        first, second, third = registration.model_ids.sorted("sequence")
        self.assertEqual(first.department_id, self.dept_a_office)
        self.assertEqual(first.sector_id, self.sector_xdhtct)
        self.assertEqual(second.kind, "individual")
        self.assertEqual(second.employee_id.user_id, self.staff_a)
        self.assertEqual(str(second.date_start), f"{y}-03-01")
        self.assertEqual(third.implementer_name, "Tổ hòa giải ấp 3")
        self.assertEqual(third.department_id, self.dept_a, "an unknown collective belongs to the agency")
        self.assertEqual(str(third.date_start), f"{y}-04-01")
        self.assertEqual(third.sector_id.code, "AN-QP")

    def test_RA_bad_rows_are_all_named_and_nothing_is_written(self):
        y = self.year
        data = self._sheet(
            [
                _row(1, "Văn phòng", "Mô hình tốt", "KT", f"Năm {y}"),
                _row(2, "Văn phòng", "", "KT", f"Năm {y}"),
                _row(3, "Văn phòng", "Mô hình lạ", "ZZ", f"Năm {y}"),
                _row(4, "Văn phòng", "Mô hình năm sau", "KT", f"Năm {y + 1}"),
            ]
        )
        before = self.env["dvk.registration"].search_count([])
        with self.assertRaises(UserError) as caught:
            self._wizard(data).action_import()
        message = str(caught.exception)
        self.assertNotIn("Row 7", message)  # the first data row (sheet row 7, under the annex title) is fine
        for where in ("Row 8, column Tên mô hình", "Row 9, column Lĩnh vực", "Row 10, column Thời gian"):
            self.assertIn(where, message)
        self.assertIn("ZZ", message)
        self.assertEqual(self.env["dvk.registration"].search_count([]), before)
        self.assertFalse(self.env["dvk.model"].search([("name", "=", "Mô hình tốt")]))

    def test_RA_preview_then_fix_then_import(self):
        """The preview flags rows; the officer fixes them in the preview, then imports."""
        y = self.year
        data = self._sheet(
            [
                _row(1, "Văn phòng", "Mô hình một", "KT", f"Năm {y}"),
                _row(2, "Văn phòng", "Mô hình hai", "XYZ", f"Năm {y}"),
            ]
        )
        wizard = self._wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        bad = wizard.line_ids.filtered("has_problem")
        self.assertEqual(bad.mapped("model_name"), ["Mô hình hai"])
        bad.sector_id = self.sector_vhxh
        action = wizard.action_import()
        registration = self.env["dvk.registration"].browse(action["res_id"])
        self.assertEqual(registration.model_ids.mapped("sector_id.code"), ["KT", "VH-XH"])

    def test_RA_sheet_of_another_agency(self):
        data = self._sheet([_row(1, "Văn phòng", "Mô hình", "KT", f"Năm {self.year}")], unit=self.dept_b.name)
        with self.assertRaisesRegex(UserError, "in the name of"):
            self._wizard(data).action_import()

    def test_RA_import_outside_ones_agency(self):
        data = self._sheet([_row(1, "Văn phòng", "Mô hình", "KT", f"Năm {self.year}")])
        with self.assertRaises(AccessError):
            self._wizard(data, agency=self.dept_b, user=self.staff_a).action_import()

    def test_RA_not_a_spreadsheet(self):
        with self.assertRaisesRegex(UserError, "not an Excel spreadsheet"):
            self._wizard(b"%PDF-1.4 not a sheet", name="x.xlsx").action_import()

    def test_RA_duplicate_of_existing_model(self):
        registration = self.make_registration(lines=1)
        model = registration.model_ids
        data = self._sheet([_row(1, model.implementer_name, model.name, "KT", f"Năm {self.year}")])
        with self.assertRaisesRegex(UserError, "already registered"):
            self._wizard(data).action_import()

    def test_RA_legacy_xls(self):
        """Legacy .xls lists (xlwt, as old Excel wrote them) import as well."""
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("DK")
        sheet.write(0, 0, f"ĐƠN VỊ: {self.dept_a.name}")
        headers = [
            "TT",
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình",
            "Lĩnh vực",
            "Thời gian thực hiện",
            "Kết quả ước đạt",
            "Ghi chú",
        ]
        for col, label in enumerate(headers):
            sheet.write(2, col, label)
        sheet.write(3, 0, 1)
        sheet.write(3, 1, "Văn phòng Sở Tư pháp (thử)")
        sheet.write(3, 2, "Mô hình từ tệp xls")
        sheet.write(3, 3, "VH-XH")
        sheet.write(3, 4, f"01/{self.year} - 06/{self.year}")
        buffer = io.BytesIO()
        book.save(buffer)
        action = self._wizard(buffer.getvalue(), name="cu.xls").action_import()
        model = self.env["dvk.registration"].browse(action["res_id"]).model_ids
        self.assertEqual(model.name, "Mô hình từ tệp xls")
        self.assertEqual(str(model.date_end), f"{self.year}-06-30")

    def test_RA_adds_to_an_existing_draft(self):
        registration = self.make_registration(lines=1)
        data = self._sheet([_row(1, "Văn phòng", "Mô hình thêm", "KT", f"Năm {self.year}")])
        action = self._wizard(data).action_import()
        self.assertEqual(action["res_id"], registration.id)
        self.assertEqual(len(registration.model_ids), 2)
        registration.action_submit()
        data = self._sheet([_row(1, "Văn phòng", "Mô hình khác", "KT", f"Năm {self.year}")])
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            self._wizard(data).action_import()

    def test_RA_large_file_imports(self):
        """A well-formed file of 10 000 rows imports (a load to carry, not an error)."""
        rows = [_row(i + 1, "Văn phòng", f"Mô hình số {i + 1}", "KT", f"Năm {self.year}") for i in range(10000)]
        action = self._wizard(self._sheet(rows)).action_import()
        registration = self.env["dvk.registration"].browse(action["res_id"])
        self.assertEqual(registration.model_count, 10000)

    def test_RA_export_cells_are_never_formulas(self):
        data = self._sheet([_row(1, '=HYPERLINK("http://x")', "+1+1", "KT", f"Năm {self.year}")])
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", cell.coordinate)
