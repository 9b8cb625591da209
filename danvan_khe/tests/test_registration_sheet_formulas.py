"""R6.2 (issue: agencies' own files): cells read as the spreadsheet saved them (no database needed).

lib/registration_sheet's workbook module reads the sheet XML itself: a formula cell by
the value saved with it (LibreOffice numbers rows =A10+1), a formula saved without its
value is a clear error, an error value is reported, a blank period takes the year
registered for, and every cell reads as openpyxl reads it.
"""

import datetime as dt
import io
import re
import unittest
import zipfile
from xml.sax.saxutils import escape

import openpyxl

if __package__:
    from ._fixtures_sheet import FIRST_DATA_ROW, ProblemAssertions, annex, make_xlsx, parse, rezip, rs, rs_workbook
else:  # run as a script: python3 danvan_khe/tests/test_registration_sheet_formulas.py
    from _fixtures_sheet import FIRST_DATA_ROW, ProblemAssertions, annex, make_xlsx, parse, rezip, rs, rs_workbook


def with_formulas(data, cells):
    """``data`` (an .xlsx from openpyxl) with ``cells`` rewritten in its first sheet's XML.

    ``cells`` maps a cell ("A8") to ``(formula, saved)``: the formula without "=",
    and the value the spreadsheet saved with it (a number, a text, or None when
    the file was saved without calculating, as programs that do not calculate
    write it).  Excel and LibreOffice save both: ``<f>A7+1</f><v>2</v>``.
    """

    def edit(xml):
        text = xml.decode()
        for ref, (raw_formula, raw_saved) in cells.items():
            formula = escape(raw_formula)
            saved = escape(raw_saved) if isinstance(raw_saved, str) else raw_saved
            if saved is None:
                cell = f'<c r="{ref}"><f>{formula}</f></c>'
            elif isinstance(saved, str):
                cell = f'<c r="{ref}" t="str"><f>{formula}</f><v>{saved}</v></c>'
            else:
                cell = f'<c r="{ref}"><f>{formula}</f><v>{saved}</v></c>'
            text, count = re.subn(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', cell, text, count=1)
            if not count:  # a cell openpyxl did not write: add it to its row
                row = re.sub(r"[A-Z]+", "", ref)
                text = re.sub(rf'(<row r="{row}"[^>]*>)', lambda match, cell=cell: match.group(1) + cell, text, count=1)
        return text.encode()

    return rezip(data, {"xl/worksheets/sheet1.xml": edit})


class TestFormulasAndBlanks(ProblemAssertions, unittest.TestCase):
    """R6.2 (issue: agencies' own files): formula cells by their saved value; a blank period takes the year."""

    ROWS = [
        [1, "Phòng Tư pháp", "Mô hình A", "KT", "Năm 2024"],
        [None, "Văn phòng Sở", "Mô hình B", "VH-XH", "3/2024 - 12/2024"],
        [None, "Thanh tra Sở", None, "KT", "Năm 2024"],
    ]

    def libreoffice_file(self):
        """Rows numbered =A{n}+1 as LibreOffice numbers them, a name and a sector that are formulas too."""
        data = make_xlsx(annex(self.ROWS))
        first, second, third = FIRST_DATA_ROW, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 2
        return with_formulas(
            data,
            {
                f"A{second}": (f"A{first}+1", 2),
                f"A{third}": (f"A{second}+1", 3),
                f"C{third}": ('CONCATENATE("Mô hình ";"C")', "Mô hình C"),
                f"D{second}": (f"D{first}", "KT"),
            },
        )

    def test_ra_libreoffice_numbering_formulas_read_by_saved_value(self):
        """R6.2: =A10+1 in "TT" (and other formula cells) are read by the value saved with them."""
        data = self.libreoffice_file()
        self.assertIn(b"<f>A", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))
        result = parse(data)
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual([row.seq for row in result.rows], [1, 2, 3])
        self.assertEqual(result.rows[2].model_name, "Mô hình C")
        self.assertEqual(result.rows[1].sector_code, "KT")

    def test_ra_formula_without_saved_value_is_a_clear_error(self):
        """R6.2: a formula saved without its value (never calculated) names its cell and what to do."""
        data = with_formulas(make_xlsx(annex(self.ROWS[:2])), {f"C{FIRST_DATA_ROW + 1}": ("B8&B9", None)})
        result = parse(data)
        problem = self.assert_row_problem(result, rs.MSG_FORMULA, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(problem.params["cell"], f"C{FIRST_DATA_ROW + 1}")
        self.assertIn("=B8&B9", problem.render())
        self.assertIn("save it again", problem.render())
        self.assertEqual(len(result.rows[1].problems), 1)  # not also "required cell is empty"

    def test_ra_openpyxl_formulas_have_no_saved_value(self):
        """R6.2: openpyxl writes formulas with an empty value: reported, never read as blank."""
        result = parse(make_xlsx(annex([self.ROWS[0], [2, "Phòng A", "=B8", "KT", "2024"]])))
        self.assert_row_problem(result, rs.MSG_FORMULA, FIRST_DATA_ROW + 1, "model_name")

    def test_ra_formula_saved_as_empty_text_is_an_empty_cell(self):
        data = with_formulas(make_xlsx(annex(self.ROWS[:2])), {f"G{FIRST_DATA_ROW}": ('IF(1;"";"x")', "")})
        result = parse(data)
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertIsNone(result.rows[0].note)

    def test_ra_formula_saved_as_an_error_value(self):
        data = make_xlsx(annex(self.ROWS[:2]))
        data = rezip(
            data,
            {
                "xl/worksheets/sheet1.xml": lambda xml: re.sub(
                    rf'<c r="E{FIRST_DATA_ROW}"[^>]*>.*?</c>'.encode(),
                    f'<c r="E{FIRST_DATA_ROW}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'.encode(),
                    xml,
                    count=1,
                )
            },
        )
        self.assert_row_problem(parse(data), rs.MSG_CELL_ERROR, FIRST_DATA_ROW, "period")

    def test_ra_blank_period_takes_the_default_year(self):
        """R6.2: a row without "Thời gian thực hiện" covers the whole year it is registered for."""
        rows = [self.ROWS[0], [2, "Văn phòng Sở", "Mô hình B", "VH-XH", None, "Kết quả"]]
        result = parse(make_xlsx(annex(rows)), default_year=2025)
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        row = result.rows[1]
        self.assertEqual((row.date_start, row.date_end), (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
        self.assertTrue(row.period_defaulted)
        self.assertIsNone(row.period_raw)
        self.assertFalse(result.rows[0].period_defaulted)
        # without a year to take, the blank cell is refused, clearly
        result = parse(make_xlsx(annex(rows)))
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "period")
        self.assertIsNone(result.rows[1].date_start)

    def test_ra_cells_read_as_openpyxl_reads_them(self):
        """R6.2: the reader's own pass over the sheet XML gives openpyxl's values (types, dates, text)."""
        rows = annex(
            [
                [1, "Phòng “A” & <B>", "Mô hình\nhai dòng", "KT", dt.date(2024, 3, 15), 12.5, True],
                [2, "Văn phòng", "Mô hình 2", "VH-XH", dt.datetime(2024, 4, 1, 8, 30), -3, False],
                [3.0, "  Tổ 3  ", "Mô hình 3", "AN-QP", 2024, 1e20, "=“không phải công thức”"],
            ]
        )
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(list(row))
        workbook.active.cell(row=FIRST_DATA_ROW + 2, column=7).data_type = "s"
        stream = io.BytesIO()
        workbook.save(stream)
        data = stream.getvalue()
        expected = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        want = {
            (cell.row, cell.column): cell.value
            for row in expected.iter_rows()
            for cell in row
            if cell.value is not None and not (isinstance(cell.value, str) and not cell.value.strip())
        }
        book = rs_workbook.open_book(data)
        got = {
            (number, column): value
            for sheet in book.sheets()
            for number, cells in sheet.rows
            for column, (value, _kind) in cells.items()
        }
        book.close()
        self.assertEqual(got, want)


if __name__ == "__main__":
    unittest.main()
