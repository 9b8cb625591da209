"""Import of an agency's existing registration list (RA, R6.2): all or nothing, every problem named."""

import base64
import io
import re
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import xlwt

from odoo.exceptions import AccessError, UserError

from odoo.addons.danvan_khe.report.registration_xlsx import write_registration_sheet

from .common import R5_1_COMPLETE, DvkCase


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
        # R5.1a: the annex has no address column: the registrant completes the imported line
        registration.model_ids.filtered(lambda m: not m.address).write(R5_1_COMPLETE)
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


def with_formulas(data, cells):
    """``data`` (an .xlsx) with ``cells`` {ref: (formula, saved value or None)} rewritten in its sheet XML.

    Excel and LibreOffice save a formula with its value (``<f>A7+1</f><v>2</v>``);
    a program that does not calculate saves the formula alone.
    """

    def edit(xml):
        text = xml.decode()
        for ref, (formula, saved) in cells.items():
            value = "" if saved is None else f"<v>{escape(str(saved))}</v>"
            kind = ' t="str"' if isinstance(saved, str) else ""
            cell = f'<c r="{ref}"{kind}><f>{escape(formula)}</f>{value}</c>'
            text, count = re.subn(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', cell, text, count=1)
            assert count, ref
        return text.encode()

    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, edit(content) if info.filename == "xl/worksheets/sheet1.xml" else content)
    return stream.getvalue()


class TestImportOfAgenciesFiles(DvkCase):
    """R6.2 (issue: agencies' own files; security finding: checks skipped after the preview; issue 13)."""

    FIRST = 7  # first data row of the annex the writer prints
    _wizard = TestRegistrationImport._wizard
    _sheet = TestRegistrationImport._sheet

    def _rows(self, count=3, **overrides):
        rows = [_row(i + 1, "Văn phòng", f"Mô hình số {i + 1}", "KT", f"Năm {self.year}") for i in range(count)]
        for index, values in overrides.items():
            rows[int(index[1:])].update(values)
        return rows

    def _lines(self, wizard):
        return self.env["dvk.model"].search([("registration_id.department_id", "=", wizard.department_id.id)])

    def test_R6_2_libreoffice_row_numbers_are_formulas(self):
        """R6.2: "TT" numbered =A7+1 (LibreOffice) and a copied cell =C7 import by their saved values."""
        first = self.FIRST
        data = with_formulas(
            self._sheet(self._rows(3)),
            {
                f"A{first + 1}": (f"A{first}+1", 2),
                f"A{first + 2}": (f"A{first + 1}+1", 3),
                f"D{first + 2}": (f"D{first}", "KT"),
            },
        )
        action = self._wizard(data).action_import()
        lines = self.env["dvk.registration"].browse(action["res_id"]).model_ids.sorted("sequence")
        self.assertEqual(lines.mapped("name"), ["Mô hình số 1", "Mô hình số 2", "Mô hình số 3"])
        self.assertEqual([line.sector_id.code for line in lines], ["KT"] * 3)

    def test_R6_2_formula_without_saved_value_is_refused_clearly(self):
        """R6.2: a formula saved without its value names its cell and what to do; nothing is written."""
        data = with_formulas(self._sheet(self._rows(2)), {f"C{self.FIRST + 1}": ('"Mô hình "&A8', None)})
        with self.assertRaisesRegex(UserError, rf"Row {self.FIRST + 1}, column Tên mô hình: Cell C{self.FIRST + 1}"):
            self._wizard(data).action_import()
        with self.assertRaisesRegex(UserError, "save it again"):
            self._wizard(data).action_import()
        self.assertFalse(self._lines(self._wizard(data)))

    def test_R6_2_preview_counts_the_errors_it_lists(self):
        """R6.2: the preview's count is the number of messages listed (file and rows), not of rows."""
        rows = self._rows(3, r1={"sector_code": "ZZ", "period": "sớm nhất"}, r2={"model_name": ""})
        wizard = self._wizard(self._sheet(rows, unit=self.dept_b.name))
        wizard.action_preview()
        listed = [m for m in (wizard.file_problems or "").splitlines() if m]
        listed += [m for line in wizard.line_ids for m in (line.problems or "").splitlines() if m]
        self.assertEqual(wizard.problem_count, len(listed))
        self.assertEqual(wizard.problem_count, 4)  # the unit, two in row 2, one in row 3
        self.assertEqual(len(wizard.line_ids.filtered("has_problem")), 2)

    def test_R6_2_row_without_period_takes_the_year(self):
        """R6.2: a row without "Thời gian thực hiện" is registered for the whole year, never blank."""
        rows = self._rows(2, r1={"period": None})
        action = self._wizard(self._sheet(rows)).action_import()
        second = self.env["dvk.registration"].browse(action["res_id"]).model_ids.sorted("sequence")[1]
        self.assertEqual((str(second.date_start), str(second.date_end)), (f"{self.year}-01-01", f"{self.year}-12-31"))

    def test_R6_2_preview_dates_cleared_take_the_year_unreadable_is_refused(self):
        """R6.2: after a preview, a line left without dates takes them from the file's text (here the year);
        one whose text was unreadable is refused, clearly, instead of being imported blank."""
        rows = self._rows(2, r1={"period": "khi có kinh phí"})
        wizard = self._wizard(self._sheet(rows))
        wizard.action_preview()
        good, unreadable = wizard.line_ids.sorted("row")
        self.assertTrue(unreadable.has_problem)
        self.assertFalse(unreadable.date_start)
        good.write({"date_start": False, "date_end": False})
        with self.assertRaisesRegex(
            UserError, r"Row 8, column Thời gian thực hiện: the period khi có kinh phí could"
        ) as caught:
            wizard.action_import()
        self.assertNotIn("Row 7", str(caught.exception))  # the cleared line took its dates from "Năm ..."
        unreadable.write({"date_start": f"{self.year}-06-01", "date_end": f"{self.year}-09-30"})
        action = wizard.action_import()
        first, second = self.env["dvk.registration"].browse(action["res_id"]).model_ids.sorted("sequence")
        self.assertEqual((str(first.date_start), str(first.date_end)), (f"{self.year}-01-01", f"{self.year}-12-31"))
        self.assertEqual(str(second.date_start), f"{self.year}-06-01")

    def test_R6_2_individual_noted_ca_nhan_is_an_exemplar(self):
        """R6.2, R5.2: a person named in column 2 ("Ông ...") with "Cá nhân" in the note is an exemplar."""
        rows = self._rows(2, r1={"implementer": f"Ông {self.staff_a.name}", "note": "Cá nhân"})
        action = self._wizard(self._sheet(rows)).action_import()
        collective, exemplar = self.env["dvk.registration"].browse(action["res_id"]).model_ids.sorted("sequence")
        self.assertEqual(collective.kind, "collective")
        self.assertEqual((exemplar.kind, exemplar.employee_id.user_id), ("individual", self.staff_a))
        self.assertEqual(exemplar.implementer_name, self.staff_a.name)

    def test_R6_2_individual_unknown_to_the_agency_is_refused(self):
        rows = self._rows(1, r0={"implementer": "Bà Nguyễn Thị Không Có", "note": "Cá nhân"})
        with self.assertRaisesRegex(UserError, "Nguyễn Thị Không Có is an individual"):
            self._wizard(self._sheet(rows)).action_import()

    def test_R6_2_unit_name_checked_again_at_the_final_import(self):
        """R6.2 (security finding): the sheet's "ĐƠN VỊ" is checked at the import after a preview too."""
        wizard = self._wizard(self._sheet(self._rows(2), unit=self.dept_b.name))
        wizard.action_preview()
        self.assertIn("in the name of", wizard.file_problems)
        with self.assertRaisesRegex(UserError, "in the name of"):
            wizard.action_import()
        self.assertFalse(self._lines(wizard))

    def test_R6_2_file_changed_after_the_preview(self):
        wizard = self._wizard(self._sheet(self._rows(2)))
        wizard.action_preview()
        wizard.file_data = base64.b64encode(self._sheet(self._rows(2), unit=self.dept_b.name))
        with self.assertRaisesRegex(UserError, "changed after the preview"):
            wizard.action_import()

    def test_R6_2_preview_lines_are_validated_again(self):
        """R6.2 (security finding): what a preview line says is checked again against the agency."""
        wizard = self._wizard(self._sheet(self._rows(2)))
        wizard.action_preview()
        line = wizard.line_ids.sorted("row")[1]
        other_employee = self.head_b.employee_ids[:1]
        line.write({"kind": "individual", "employee_id": other_employee.id})
        with self.assertRaisesRegex(UserError, "is not an employee of"):
            wizard.action_import()
        line.write({"kind": "collective", "employee_id": False, "department_id": self.dept_b.id})
        with self.assertRaisesRegex(UserError, "is not part of"):
            wizard.action_import()
        line.write({"department_id": self.dept_a_office.id, "model_name": " "})
        with self.assertRaisesRegex(UserError, "the model has no name"):
            wizard.action_import()
        self.assertFalse(self._lines(wizard))

    def test_R6_2_preview_belongs_to_its_author(self):
        """R6.2 (security finding): only the author imports a preview; a line rewritten by another is refused."""
        wizard = self._wizard(self._sheet(self._rows(2)))
        wizard.action_preview()
        with self.assertRaises(AccessError):
            wizard.with_user(self.head_a).action_import()
        # another user rewriting the line (record rules keep others out; here in sudo, as a bypass would)
        wizard.line_ids[:1].with_user(self.env.ref("base.user_admin")).sudo().write({"model_name": "Đổi bởi khác"})
        with self.assertRaisesRegex(AccessError, "someone else"):
            wizard.action_import()
        self.assertFalse(self._lines(wizard))

    def test_13_import_cost_does_not_grow_per_row(self):
        """Issue 13: one create() for all lines, no search, UPDATE, chatter or tracking per line."""
        counts = {}
        for size in (20, 400):
            agency = self.dept_a if size == 20 else self.commune
            wizard = self._wizard(self._sheet(self._rows(size), unit=agency.name), agency=agency)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            action = wizard.action_import()
            self.env.flush_all()
            counts[size] = self.env.cr.sql_log_count - before
            registration = self.env["dvk.registration"].browse(action["res_id"])
            self.assertEqual(registration.model_count, size)
            messages = self.env["mail.message"].search_count(
                [("model", "=", "dvk.model"), ("res_id", "in", registration.model_ids.ids)]
            )
            self.assertEqual(messages, 0)
        # 20x the rows: a few more INSERT batches and prefetches, not a query per row
        self.assertLess(counts[400] - counts[20], 40, counts)

    def _table_stats(self):
        self.env.cr.execute("SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'dvk_model'")
        return self.env.cr.fetchone() or (0, 0)

    def test_13_lines_are_inserted_whole_never_updated_after(self):
        """Issue 13: what the lines' stored computes give goes into the INSERT: no UPDATE of the new lines."""
        wizard = self._wizard(self._sheet(self._rows(300)))
        self.env.flush_all()
        inserted, updated = self._table_stats()
        wizard.action_import()
        self.env.flush_all()
        inserted_after, updated_after = self._table_stats()
        self.assertEqual(inserted_after - inserted, 300)
        self.assertEqual(updated_after - updated, 0)
