"""Tests of the registration-sheet reader and writer (no database needed).

Clause RA is the annex form of Decision 976/QĐ-UBND (Trà Vinh, 2023); R6.2 is
the requirement that agencies can import their registration lists kept in
that form.  Every fixture is generated here with openpyxl or xlwt, except the
password-protected workbook (tests/data/encrypted_registration.xlsx, made with
msoffcrypto-tool, password "danvan").
"""

import datetime as dt
import importlib
import io
import re
import sys
import types
import unittest
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import xlwt

ADDON_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


def _addon_module(dotted):
    """Import a plain-Python module of the addon.

    Under Odoo/pytest-odoo the tests live in ``odoo.addons.danvan_khe.tests``
    and the module is imported through the addon package; run by plain
    pytest, it is imported from a bare package over the addon's folder, so
    that the addon's Odoo models (its ``__init__``) need not be importable.
    Intermediate packages other than ``lib`` (e.g. ``report``) are bare too.
    """
    package = __package__ or ""
    if package.endswith(".tests"):
        try:
            return importlib.import_module(f"{package[: -len('.tests')]}.{dotted}")
        except ImportError:
            pass
    root = "danvan_khe_plain"
    parts = dotted.split(".")
    for depth in range(len(parts)):
        name = ".".join([root, *parts[:depth]])
        if name not in sys.modules and (depth == 0 or parts[:depth] != ["lib"]):
            bare = types.ModuleType(name)
            bare.__path__ = [str(ADDON_DIR.joinpath(*parts[:depth]))]
            sys.modules[name] = bare
    return importlib.import_module(f"{root}.{dotted}")


rs = _addon_module("lib.registration_sheet")
rs_workbook = _addon_module("lib.registration_sheet.workbook")
writer = _addon_module("report.registration_xlsx")

SECTORS = [
    ("KT", "Kinh tế"),
    ("VH-XH", "Văn hóa - xã hội"),
    ("AN-QP", "An ninh - Quốc phòng"),
    ("XD HTCT", "Xây dựng hệ thống chính trị"),
]
HEADER = [
    "TT",
    "Tên tập thể/ cá nhân thực hiện",
    "Tên mô hình",
    "Lĩnh vực ¹",
    "Thời gian thực hiện",
    "Kết quả ước đạt",
    "Ghi chú",
]
TITLE_ROWS = [
    ["ĐƠN VỊ: Sở Tư pháp tỉnh Trà Vinh"],
    ["BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO"],
    ["(Kèm theo Quyết định số: 976/QĐ-UBND ngày 26 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Trà Vinh)"],
    [],
]
NUMBERS = [1, 2, 3, 4, 5, 6, 7]
DATA = [
    [
        1,
        "Phòng Tư pháp",
        "Mô hình “Tổ hòa giải khéo”",
        "VH-XH",
        "Năm 2024",
        "Hòa giải 95% vụ việc",
        "",
    ],
    [
        2,
        "Văn phòng Sở",
        "Mô hình “Một cửa thân thiện”",
        "KT",
        "3/2024 - 12/2024",
        "100% hồ sơ đúng hạn",
        "Mới",
    ],
    [
        3,
        "Ông Nguyễn Văn A",
        "Mô hình “Dân vận trong xây dựng Đảng”",
        "XD HTCT",
        "Quý I - IV/2024",
        "",
        "",
    ],
]
TAIL = [
    [],
    [None, None, None, None, "Trà Vinh, ngày 15 tháng 3 năm 2024"],
    [
        "Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị",
        None,
        "Xác nhận, duyệt của BCĐ QCDC và phong trào thi đua “Dân vận khéo”",
        None,
        None,
        "Tập thể/cá nhân đăng ký",
    ],
    ["(Ký tên, đóng dấu)", None, "(Ký tên, đóng dấu)", None, None, "(Ký tên)"],
    [],
    ["¹ KT = kinh tế; VH-XH = Văn hóa - xã hội; AN-QP = An ninh - Quốc phòng; XD HTCT = Xây dựng hệ thống chính trị."],
]
# Sheet row numbers of the standard annex fixture.
HEADER_ROW = len(TITLE_ROWS) + 1
FIRST_DATA_ROW = HEADER_ROW + 2


def annex(data=DATA, *, titles=TITLE_ROWS, header=HEADER, numbers=True, tail=TAIL):
    """Rows of an annex sheet: titles, header, numbering row, data, signatures, footnote."""
    return [*titles, header, *([NUMBERS] if numbers else []), *data, *tail]


def make_xlsx(rows, merges=(), sheets=None):
    """An .xlsx whose first sheet holds ``rows``; values starting with "=" become formulas."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for row in rows:
        worksheet.append(list(row))
    for cell_range in merges:
        worksheet.merge_cells(cell_range)
    for title, extra_rows in (sheets or {}).items():
        extra = workbook.create_sheet(title)
        for row in extra_rows:
            extra.append(list(row))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def make_xls(rows, merges=()):
    """A legacy BIFF8 .xls (xlwt); ``merges`` are (first_row, last_row, first_col, last_col), 0-based."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Dang ky")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    merged_cells = {(r, c) for r1, r2, c1, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for row_index, row in enumerate(rows):
        for col_index, value in enumerate(row):
            if value is None or (row_index, col_index) in merged_cells:
                continue
            if isinstance(value, (dt.date, dt.datetime)):
                sheet.write(row_index, col_index, value, date_style)
            else:
                sheet.write(row_index, col_index, value)
    for r1, r2, c1, c2 in merges:
        sheet.write_merge(r1, r2, c1, c2, rows[r1][c1] if c1 < len(rows[r1]) else "")
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rezip(data, edits):
    """Copy an .xlsx, replacing parts: ``edits`` maps part name to new bytes or a function."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            edit = edits.get(info.filename)
            if callable(edit):
                content = edit(content)
            elif edit is not None:
                content = edit
            target.writestr(info.filename, content)
        for name, content in edits.items():
            if name not in source.namelist() and not callable(content):
                target.writestr(name, content)
    return stream.getvalue()


def parse(data, file_name="dang_ky.xlsx", **kwargs):
    return rs.parse_registration_sheet(data, file_name, SECTORS, **kwargs)


class ProblemAssertions:
    """Helpers checking that a problem says where it is and renders to text."""

    def find_problem(self, problems, template, row=None, column=None):
        """The problem made from ``template`` at (row, column); it must render to text."""
        matches = [p for p in problems if (p.message, p.row, p.column) == (template, row, column)]
        self.assertTrue(
            matches,
            f"no problem {template!r} at row {row}, column {column} among "
            f"{[(p.row, p.column, p.render()) for p in problems]}",
        )
        text = matches[0].render()
        self.assertTrue(text and "%(" not in text, text)
        return matches[0]

    def assert_file_problem(self, result, template, row=None):
        self.assertFalse(result.ok)
        problem = self.find_problem(result.problems, template, row=row)
        if "%(file_name)s" in template:
            self.assertIn(result.file_name, problem.render())
        if row is not None:
            self.assertTrue(problem.render().startswith(f"Row {row}: "), problem.render())
        return problem

    def assert_row_problem(self, result, template, row, role):
        self.assertFalse(result.ok)
        return self.find_problem(result.all_problems, template, row=row, column=rs.COLUMN_LABELS[role])


class TestAnnexReading(ProblemAssertions, unittest.TestCase):
    """RA / R6.2: the annex of Decision 976/QĐ-UBND is read as agencies fill it."""

    def check_standard_rows(self, result):
        self.assertEqual(result.all_problems, [], [p.render() for p in result.all_problems])
        self.assertTrue(result.ok)
        self.assertEqual(result.unit_name, "Sở Tư pháp tỉnh Trà Vinh")
        self.assertEqual(result.header_row, HEADER_ROW)
        self.assertEqual([row.row for row in result.rows], [FIRST_DATA_ROW + i for i in range(3)])
        first, second, third = result.rows
        self.assertEqual(first.seq, 1)
        self.assertEqual(first.implementer, "Phòng Tư pháp")
        self.assertEqual(first.model_name, "Mô hình “Tổ hòa giải khéo”")
        self.assertEqual((first.sector_raw, first.sector_code), ("VH-XH", "VH-XH"))
        self.assertEqual(first.period_raw, "Năm 2024")
        self.assertEqual(
            (first.date_start, first.date_end),
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        )
        self.assertEqual(first.expected_result, "Hòa giải 95% vụ việc")
        self.assertIsNone(first.note)
        self.assertEqual(
            (second.date_start, second.date_end),
            (dt.date(2024, 3, 1), dt.date(2024, 12, 31)),
        )
        self.assertEqual(second.note, "Mới")
        self.assertEqual(third.sector_code, "XD HTCT")

    def test_ra_xlsx_header_found_under_title_rows(self):
        result = parse(make_xlsx(annex()))
        self.assertEqual(result.file_format, "xlsx")
        self.check_standard_rows(result)

    def test_ra_legacy_xls_read_through_xlrd(self):
        result = parse(make_xls(annex()), "dang_ky.xls")
        self.assertEqual(result.file_format, "xls")
        self.check_standard_rows(result)

    def test_ra_format_detected_by_content_not_extension(self):
        self.check_standard_rows(parse(make_xls(annex()), "dang_ky.xlsx"))
        self.check_standard_rows(parse(make_xlsx(annex()), "dang_ky.xls"))

    def test_ra_title_merged_cells_are_allowed(self):
        result = parse(make_xlsx(annex(), merges=["A1:C1", "A2:G2", "A3:G3", "E12:G12", "A13:B13"]))
        self.check_standard_rows(result)

    def test_ra_columns_shuffled_and_labels_without_diacritics(self):
        """R6.2: the columns may come in any order and be typed without diacritics."""
        order = [6, 2, 0, 4, 1, 3, 5]
        header = [
            "Ghi chu",
            "Ten mo hinh",
            "STT",
            "Thoi gian thuc hien",
            "Ten tap the/ca nhan",
            "LINH VUC",
            "Ket qua",
        ]
        data = [[row[i] for i in order] for row in DATA]
        result = parse(make_xlsx([header, *data]))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(result.header_row, 1)
        self.assertIsNone(result.unit_name)
        self.assertEqual(result.columns["seq"], "C")
        self.assertEqual(result.columns["implementer"], "E")
        self.assertEqual([row.implementer for row in result.rows], [row[1] for row in DATA])
        self.assertEqual([row.note for row in result.rows], [None, "Mới", None])

    def test_ra_optional_columns_and_numbering_row_may_be_missing(self):
        header = HEADER[1:5]
        data = [row[1:5] for row in DATA]
        result = parse(make_xlsx(annex(data, header=header, numbers=False, tail=[])))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(len(result.rows), 3)
        self.assertIsNone(result.rows[0].seq)
        self.assertIsNone(result.rows[0].expected_result)

    def test_ra_signature_and_footnote_rows_ignored(self):
        """RA: the signature blocks and the "¹ KT = ..." footnote are not data."""
        for name, tail in (
            ("standard", TAIL),
            ("signature right under the table", TAIL[2:]),
            ("footnote right under the table", TAIL[-1:]),
            ("footnote without marker", [["KT = kinh tế; VH-XH = Văn hóa - xã hội"]]),
            ("place and date right under the table", TAIL[1:]),
            (
                "lone remark after a blank row",
                [[], ["Ghi chú: danh sách gửi kèm"], [], TAIL[-1]],
            ),
            ("total row", [[None, "Tổng cộng", "3 mô hình"], *TAIL]),
        ):
            with self.subTest(name):
                result = parse(make_xlsx(annex(tail=tail)))
                self.assertTrue(result.ok, [p.render() for p in result.all_problems])
                self.assertEqual(len(result.rows), 3)

    def test_ra_pre_numbered_empty_rows_are_ignored(self):
        """Templates often number TT 1..20 in advance; unfilled rows are not registrations."""
        result = parse(make_xlsx(annex([*DATA, [4], [5], ["=A10+1"]])))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(len(result.rows), 3)

    def test_ra_blank_row_inside_table_is_skipped(self):
        data = [DATA[0], [], DATA[1], DATA[2]]
        result = parse(make_xlsx(annex(data)))
        self.assertTrue(result.ok, [p.render() for p in result.all_problems])
        self.assertEqual(
            [row.row for row in result.rows],
            [FIRST_DATA_ROW, FIRST_DATA_ROW + 2, FIRST_DATA_ROW + 3],
        )

    def test_ra_unit_name_variants(self):
        for titles, expected in (
            ([["Đơn vị:", "Ban Dân vận Tỉnh ủy"]], "Ban Dân vận Tỉnh ủy"),
            ([["ĐƠN VỊ ..........Sở Y tế.........."]], "Sở Y tế"),
            ([["DON VI: UBND huyen Cang Long"]], "UBND huyen Cang Long"),
            ([["ĐƠN VỊ: ........................"]], None),
            ([["BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO"]], None),
        ):
            with self.subTest(titles=titles):
                result = parse(make_xlsx(annex(titles=titles)))
                self.assertEqual(result.unit_name, expected)

    def test_ra_header_found_on_a_later_sheet(self):
        data = make_xlsx([["Hướng dẫn điền biểu mẫu"]], sheets={"Dang ky": annex()})
        result = parse(data)
        self.assertEqual(result.sheet_name, "Dang ky")
        self.check_standard_rows(result)

    def test_ra_date_and_year_cells(self):
        data = [
            [1, "Phòng A", "Mô hình A", "KT", dt.datetime(2024, 3, 15), "", ""],
            [2, "Phòng B", "Mô hình B", "KT", 2025, "", ""],
        ]
        for maker in (make_xlsx, make_xls):
            with self.subTest(maker.__name__):
                result = parse(maker(annex(data)))
                self.assertTrue(result.ok, [p.render() for p in result.all_problems])
                self.assertEqual(
                    [(row.date_start, row.date_end) for row in result.rows],
                    [
                        (dt.date(2024, 3, 15), dt.date(2024, 12, 31)),
                        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                    ],
                )
                self.assertEqual([row.period_raw for row in result.rows], ["15/03/2024", "2025"])

    def test_ra_default_year_fills_missing_year(self):
        data = [[1, "Phòng A", "Mô hình A", "KT", "Tháng 3 - tháng 12", "", ""]]
        result = parse(make_xlsx(annex(data)), default_year=2025)
        self.assertTrue(result.ok)
        self.assertEqual(
            (result.rows[0].date_start, result.rows[0].date_end),
            (dt.date(2025, 3, 1), dt.date(2025, 12, 31)),
        )

    def test_ra_ten_thousand_rows_without_problems(self):
        """R6.2: a large list (10 000 rows) is read in one go with no problem."""
        codes = [code for code, _name in SECTORS]
        data = [
            [
                i,
                f"Phòng {i}",
                f"Mô hình dân vận khéo số {i}",
                codes[i % 4],
                f"{1 + i % 6}/2024 - 12/2024",
                "Kết quả",
                "",
            ]
            for i in range(1, 10001)
        ]
        result = parse(make_xlsx(annex(data)))
        self.assertEqual(result.all_problems, [])
        self.assertEqual(len(result.rows), 10000)
        self.assertEqual(result.rows[-1].row, FIRST_DATA_ROW + 9999)
        self.assertEqual(result.rows[-1].model_name, "Mô hình dân vận khéo số 10000")


class TestPeriods(unittest.TestCase):
    """RA column "Thời gian thực hiện": Vietnamese ways of writing a period."""

    CASES = (
        ("Năm 2024", (2024, 1, 1), (2024, 12, 31)),
        ("2024", (2024, 1, 1), (2024, 12, 31)),
        ("năm 2024.", (2024, 1, 1), (2024, 12, 31)),
        ("01/2024 - 12/2024", (2024, 1, 1), (2024, 12, 31)),
        ("3/2024-12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Tháng 3 - 12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Tháng 2/2024", (2024, 2, 1), (2024, 2, 29)),
        ("Từ tháng 3/2024 đến tháng 12/2024", (2024, 3, 1), (2024, 12, 31)),
        ("Từ tháng 3 đến tháng 12 năm 2024", (2024, 3, 1), (2024, 12, 31)),
        ("T3/2024 – T11/2024", (2024, 3, 1), (2024, 11, 30)),
        ("Quý I - IV/2024", (2024, 1, 1), (2024, 12, 31)),
        ("Quý II/2024", (2024, 4, 1), (2024, 6, 30)),
        ("Quý I/2024 - Quý III/2025", (2024, 1, 1), (2025, 9, 30)),
        ("Quý 2 năm 2024", (2024, 4, 1), (2024, 6, 30)),
        ("15/03/2024 - 30/11/2024", (2024, 3, 15), (2024, 11, 30)),
        ("15.03.2024 - 30.11.2024", (2024, 3, 15), (2024, 11, 30)),
        ("15/3 - 30/11/2024", (2024, 3, 15), (2024, 11, 30)),
        ("15/03/2024", (2024, 3, 15), (2024, 12, 31)),
        ("2024 - 2025", (2024, 1, 1), (2025, 12, 31)),
        ("Tháng 10 - 3/2025", (2024, 10, 1), (2025, 3, 31)),
        ("6 tháng đầu năm 2024", (2024, 1, 1), (2024, 6, 30)),
        ("6 tháng cuối năm 2024", (2024, 7, 1), (2024, 12, 31)),
        ("Tu thang 3/2024 den thang 12/2024", (2024, 3, 1), (2024, 12, 31)),
        (dt.date(2024, 3, 15), (2024, 3, 15), (2024, 12, 31)),
        (dt.datetime(2024, 3, 15, 0, 0), (2024, 3, 15), (2024, 12, 31)),
        (2024, (2024, 1, 1), (2024, 12, 31)),
        (2024.0, (2024, 1, 1), (2024, 12, 31)),
    )
    WITH_DEFAULT_YEAR = (
        ("Tháng 3 - tháng 12", (2025, 3, 1), (2025, 12, 31)),
        ("Quý I - Quý II", (2025, 1, 1), (2025, 6, 30)),
        ("Tháng 5", (2025, 5, 1), (2025, 5, 31)),
        ("Cả năm", (2025, 1, 1), (2025, 12, 31)),
    )
    ERRORS = (
        ("", "missing"),
        (None, "missing"),
        ("sớm nhất có thể", "unreadable"),
        ("13/2024", "unreadable"),
        ("Quý V/2024", "unreadable"),
        ("31/02/2024 - 30/11/2024", "unreadable"),
        ("3", "unreadable"),
        (45000, "unreadable"),
        (True, "unreadable"),
        ("1/2024 - 2/2024 - 3/2024", "unreadable"),
        ("Tháng 3 - tháng 12", "no_year"),
        ("12/2024 - 3/2024", "reversed"),
        ("Quý III/2025 - Quý I/2025", "reversed"),
    )

    def test_ra_period_table(self):
        for value, start, end in self.CASES:
            with self.subTest(value=value):
                self.assertEqual(rs.parse_period(value), (dt.date(*start), dt.date(*end)))

    def test_ra_period_default_year(self):
        for value, start, end in self.WITH_DEFAULT_YEAR:
            with self.subTest(value=value):
                self.assertEqual(rs.parse_period(value, 2025), (dt.date(*start), dt.date(*end)))
        self.assertEqual(rs.parse_period("3/2024 - 12/2024", 2025)[0], dt.date(2024, 3, 1))

    def test_ra_period_errors(self):
        for value, code in self.ERRORS:
            with self.subTest(value=value):
                with self.assertRaises(rs.PeriodError) as caught:
                    rs.parse_period(value)
                self.assertEqual(caught.exception.code, code)


class TestSectorsAndText(unittest.TestCase):
    """RA column "Lĩnh vực": codes or names, with or without diacritics."""

    def test_ra_sector_matching(self):
        matcher = rs.SectorMatcher(SECTORS)
        for value, code in (
            ("KT", "KT"),
            ("kt", "KT"),
            ("Kinh tế", "KT"),
            ("kinh te", "KT"),
            ("VH-XH", "VH-XH"),
            ("VH - XH", "VH-XH"),
            ("vhxh", "VH-XH"),
            ("Văn hoá – xã hội", "VH-XH"),
            ("Văn hóa - Xã hội", "VH-XH"),
            ("van hoa xa hoi", "VH-XH"),
            ("AN-QP", "AN-QP"),
            ("An ninh - Quốc phòng", "AN-QP"),
            ("Quốc phòng - an ninh", "AN-QP"),
            ("quoc phong va an ninh", "AN-QP"),
            ("XD HTCT", "XD HTCT"),
            ("XDHTCT", "XD HTCT"),
            ("Xây dựng hệ thống chính trị", "XD HTCT"),
            ("Lĩnh vực kinh tế", "KT"),
            ("Văn hóa - xã hội (VH-XH)", "VH-XH"),
            ("Y tế", None),
            ("", None),
        ):
            with self.subTest(value=value):
                self.assertEqual(matcher.match(value), code)

    def test_sectors_are_data_not_hard_coded(self):
        matcher = rs.SectorMatcher([("MT", "Môi trường"), ("MT", "Environment")])
        self.assertEqual(matcher.match("moi truong"), "MT")
        self.assertEqual(matcher.match("environment"), "MT")
        self.assertIsNone(matcher.match("KT"))
        self.assertEqual(matcher.codes, ["MT"])

    def test_normalize_text(self):
        self.assertEqual(rs.normalize_text("  Phòng Tư   pháp. "), "phong tu phap")
        self.assertEqual(rs.normalize_text("ĐƠN VỊ: Sở Tư pháp"), "don vi so tu phap")
        self.assertEqual(rs.normalize_text("Văn hoá – Xã hội"), rs.normalize_text("van hoa xa hoi"))
        self.assertEqual(rs.normalize_text(None), "")
        self.assertEqual(rs.normalize_text(2024), "2024")


class TestFileProblems(ProblemAssertions, unittest.TestCase):
    """R6.2: a bad file gives problems naming where, never an exception."""

    def test_not_a_spreadsheet(self):
        for name, data in (
            ("text", "TT;Tên mô hình\n1;Mô hình".encode()),
            ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
            (
                "html saved as xls",
                b"<html><body><table><tr><td>TT</td></tr></table></body></html>",
            ),
        ):
            with self.subTest(name):
                result = parse(data, "dang_ky.xls")
                self.assert_file_problem(result, rs.MSG_NOT_SPREADSHEET)
                self.assertEqual(result.rows, [])

    def test_zip_that_is_not_a_workbook(self):
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        self.assert_file_problem(parse(stream.getvalue()), rs.MSG_NOT_SPREADSHEET)

    def test_empty_file(self):
        self.assert_file_problem(parse(b""), rs.MSG_EMPTY_FILE)

    def test_password_protected_xlsx(self):
        data = (DATA_DIR / "encrypted_registration.xlsx").read_bytes()
        self.assert_file_problem(parse(data), rs.MSG_ENCRYPTED)

    def test_password_protected_xls(self):
        """A BIFF FILEPASS record (xlrd: "Workbook is encrypted")."""
        data = bytearray(make_xls(annex()))
        mms = data.index(b"\xc1\x00\x02\x00", 512)  # MMS record, 2 bytes long: same size as patched
        data[mms : mms + 2] = b"\x2f\x00"  # FILEPASS
        self.assert_file_problem(parse(bytes(data), "dang_ky.xls"), rs.MSG_ENCRYPTED)

    def test_truncated_files(self):
        for name, data in (("xlsx", make_xlsx(annex())), ("xls", make_xls(annex()))):
            for cut in (len(data) // 2, 600, 20):
                with self.subTest(name, cut=cut):
                    self.assert_file_problem(parse(data[:cut]), rs.MSG_CORRUPT)

    def test_corrupt_member(self):
        data = rezip(
            make_xlsx(annex()),
            {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"},
        )
        self.assert_file_problem(parse(data), rs.MSG_CORRUPT)

    def test_zip_bomb_total_size(self):
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for index in range(3):
                archive.writestr(f"xl/media/image{index}.bin", bytes(20 * 1024 * 1024))
        problem = self.assert_file_problem(parse(stream.getvalue()), rs.MSG_UNPACKED_TOO_BIG)
        self.assertEqual(problem.params["limit_mb"], 50)

    def test_zip_bomb_compression_ratio(self):
        data = rezip(make_xlsx(annex()), {"xl/worksheets/sheet2.xml": bytes(4 * 1024 * 1024)})
        problem = self.assert_file_problem(parse(data), rs.MSG_ZIP_BOMB)
        self.assertEqual(problem.params["member"], "xl/worksheets/sheet2.xml")

    def test_zip_declared_size_lies(self):
        """A central directory announcing a small size for a big member is caught on read."""
        data = bytearray(
            rezip(
                make_xlsx(annex()),
                {"xl/worksheets/sheet1.xml": lambda xml: xml + b" " * 200000},
            )
        )
        name = b"xl/worksheets/sheet1.xml"
        for header in (b"PK\x03\x04", b"PK\x01\x02"):
            start = 0
            while (start := data.find(header, start)) >= 0:
                size_offset = start + (22 if header == b"PK\x03\x04" else 24)
                name_offset = start + (30 if header == b"PK\x03\x04" else 46)
                if data[name_offset : name_offset + len(name)] == name:
                    data[size_offset : size_offset + 4] = (1000).to_bytes(4, "little")
                start += 4
        result = parse(bytes(data))
        self.assertFalse(result.ok)
        self.assertTrue(all(problem.render() for problem in result.all_problems))

    def test_xml_entity_declarations_refused(self):
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b"<sst><si><t>&lol2;</t></si></sst>"
        )
        utf16 = bomb.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
        for encoding, content in (("utf-8", bomb), ("utf-16", utf16)):
            with self.subTest(encoding):
                data = rezip(make_xlsx(annex()), {"xl/sharedStrings.xml": content})
                problem = self.assert_file_problem(parse(data), rs.MSG_XML_DTD)
                self.assertEqual(problem.params["member"], "xl/sharedStrings.xml")

    def test_workbook_without_sheet(self):
        def drop_sheets(xml):
            return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.DOTALL)

        self.assert_file_problem(
            parse(rezip(make_xlsx(annex()), {"xl/workbook.xml": drop_sheets})),
            rs.MSG_EMPTY_WORKBOOK,
        )

    def test_empty_sheet(self):
        for name, data in (("xlsx", make_xlsx([])), ("xls", make_xls([["  "]]))):
            with self.subTest(name):
                problem = self.assert_file_problem(parse(data), rs.MSG_EMPTY_SHEET)
                self.assertTrue(problem.params["sheet"])

    def test_no_header_names_missing_columns(self):
        result = parse(make_xlsx([["Danh sách"], ["a", "b", "c"], [1, 2, 3]]))
        problem = self.assert_file_problem(result, rs.MSG_NO_HEADER)
        for label in (
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình",
            "Lĩnh vực",
            "Thời gian thực hiện",
        ):
            self.assertIn(label, problem.render())

    def test_incomplete_header_names_missing_columns(self):
        header = [
            "TT",
            "Tên tập thể/ cá nhân thực hiện",
            "Tên mô hình",
            "Thời gian thực hiện",
        ]
        result = parse(make_xlsx(annex([row[:3] + row[4:5] for row in DATA], header=header)))
        problem = self.assert_file_problem(result, rs.MSG_HEADER_INCOMPLETE, row=HEADER_ROW)
        self.assertEqual(problem.params["missing"], '"Lĩnh vực"')

    def test_no_data_rows(self):
        result = parse(make_xlsx(annex([])))
        self.assert_file_problem(result, rs.MSG_NO_DATA, row=HEADER_ROW)

    def test_too_many_rows(self):
        data = [[i, f"Phòng {i}", f"Mô hình {i}", "KT", "2024", "", ""] for i in range(1, 8)]
        result = parse(make_xlsx(annex(data)), max_rows=5)
        problem = self.assert_file_problem(result, rs.MSG_TOO_MANY_ROWS, row=FIRST_DATA_ROW + 5)
        self.assertEqual(problem.params["max_rows"], 5)
        self.assertEqual(len(result.rows), 5)


class TestRowProblems(ProblemAssertions, unittest.TestCase):
    """R6.2: each bad cell is reported with its row and annex column label."""

    def parse_one(self, row, maker=make_xlsx, **kwargs):
        return parse(maker(annex([DATA[0], row])), **kwargs)

    def test_missing_model_name(self):
        result = self.parse_one([2, "Phòng A", "", "KT", "2024"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(len(result.rows), 2)

    def test_missing_implementer(self):
        result = self.parse_one([2, None, "Mô hình B", "KT", "2024"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "implementer")

    def test_missing_sector_and_period(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B"])
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "sector")
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "period")

    def test_unknown_sector_quotes_value(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "Y tế", "2024"])
        problem = self.assert_row_problem(result, rs.MSG_UNKNOWN_SECTOR, FIRST_DATA_ROW + 1, "sector")
        self.assertIn('"Y tế"', problem.render())
        self.assertIn("XD HTCT", problem.render())
        self.assertEqual(problem.params["letter"], "D")

    def test_unreadable_period_quotes_value(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "sớm nhất có thể"])
        problem = self.assert_row_problem(result, rs.MSG_BAD_PERIOD, FIRST_DATA_ROW + 1, "period")
        self.assertIn('"sớm nhất có thể"', problem.render())

    def test_period_without_year(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "Tháng 3 - tháng 12"])
        self.assert_row_problem(result, rs.MSG_PERIOD_NO_YEAR, FIRST_DATA_ROW + 1, "period")
        self.assertTrue(
            self.parse_one(
                [2, "Phòng A", "Mô hình B", "KT", "Tháng 3 - tháng 12"],
                default_year=2024,
            ).ok
        )

    def test_period_end_before_start(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "12/2024 - 3/2024"])
        problem = self.assert_row_problem(result, rs.MSG_PERIOD_REVERSED, FIRST_DATA_ROW + 1, "period")
        self.assertEqual(
            (problem.params["date_start"], problem.params["date_end"]),
            ("2024-12-01", "2024-03-31"),
        )

    def test_formula_cell(self):
        result = self.parse_one([2, "Phòng A", '=CONCATENATE("Mô hình ","B")', "KT", "2024"])
        problem = self.assert_row_problem(result, rs.MSG_FORMULA, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(problem.params["cell"], f"C{FIRST_DATA_ROW + 1}")
        # The formula is reported once, not also as a missing model name.
        self.assertEqual(len(result.rows[1].problems), 1)

    def test_error_cell(self):
        result = self.parse_one([2, "Phòng A", "Mô hình B", "KT", "#N/A"])
        self.assert_row_problem(result, rs.MSG_CELL_ERROR, FIRST_DATA_ROW + 1, "period")

    def test_merged_cells_inside_data_rows(self):
        rows = [
            DATA[0],
            [2, "Phòng A", "Mô hình B", "KT", "2024"],
            [3, None, "Mô hình C", "KT", "2024"],
            [4, None, "Mô hình D", "KT", "2024"],
        ]
        first = FIRST_DATA_ROW + 1
        for maker, merges in (
            (make_xlsx, [f"B{first}:B{first + 2}"]),
            (make_xls, [(first - 1, first + 1, 1, 1)]),
        ):
            with self.subTest(maker.__name__):
                result = parse(maker(annex(rows), merges=merges))
                problem = self.assert_row_problem(result, rs.MSG_MERGED, first, "implementer")
                self.assertEqual(problem.params["range"], f"B{first}:B{first + 2}")
                # The cells under the merge are not reported again as empty.
                self.assertEqual(
                    len(result.all_problems),
                    1,
                    [p.render() for p in result.all_problems],
                )

    def test_duplicate_row_names_the_first(self):
        duplicate = [2, " phòng tư pháp ", "MÔ HÌNH “TỔ HÒA GIẢI KHÉO”", "KT", "2024"]
        result = self.parse_one(duplicate)
        problem = self.assert_row_problem(result, rs.MSG_DUPLICATE, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual(problem.params["other_row"], FIRST_DATA_ROW)
        self.assertIn(str(FIRST_DATA_ROW), problem.render())

    def test_too_long_strings(self):
        result = self.parse_one([2, "Phòng A", "M" * 2001, "KT", "2024", "", "n" * 10001])
        problem = self.assert_row_problem(result, rs.MSG_TOO_LONG, FIRST_DATA_ROW + 1, "model_name")
        self.assertEqual((problem.params["length"], problem.params["limit"]), (2001, 2000))
        self.assert_row_problem(result, rs.MSG_TOO_LONG, FIRST_DATA_ROW + 1, "note")
        self.assertEqual(len(result.rows[1].model_name), 2000)

    def test_problems_in_legacy_xls(self):
        result = self.parse_one([2, "Phòng A", "", "Y tế", "12/2024 - 1/2024"], maker=make_xls)
        self.assert_row_problem(result, rs.MSG_MISSING_VALUE, FIRST_DATA_ROW + 1, "model_name")
        self.assert_row_problem(result, rs.MSG_UNKNOWN_SECTOR, FIRST_DATA_ROW + 1, "sector")
        self.assert_row_problem(result, rs.MSG_PERIOD_REVERSED, FIRST_DATA_ROW + 1, "period")

    def test_render_translates_message_and_prefix(self):
        result = self.parse_one([2, "Phòng A", "", "KT", "2024"])
        problem = result.all_problems[0]
        self.assertEqual(
            problem.render(),
            f"Row {FIRST_DATA_ROW + 1}, column Tên mô hình: This required cell is empty.",
        )
        catalog = {
            rs.MSG_PREFIX_ROW_COLUMN: "Dòng %(row)s, cột %(column)s: ",
            rs.MSG_MISSING_VALUE: "Ô bắt buộc này đang trống.",
        }
        self.assertEqual(
            problem.render(lambda message: catalog.get(message, message)),
            f"Dòng {FIRST_DATA_ROW + 1}, cột Tên mô hình: Ô bắt buộc này đang trống.",
        )
        broken = {rs.MSG_MISSING_VALUE: "%(nope)s"}
        self.assertTrue(problem.render(lambda message: broken.get(message, message)).endswith("empty."))


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


class TestWriter(unittest.TestCase):
    """RA: the annex written by the addon reads back to the same rows."""

    ROWS = (
        {
            "seq": 1,
            "implementer": "Phòng Tư pháp",
            "model_name": "Mô hình “Tổ hòa giải khéo”",
            "sector_code": "VH-XH",
            "period": "Năm 2024",
            "expected_result": "Hòa giải 95% vụ việc\nkhông khiếu kiện",
            "note": "",
        },
        {
            "seq": 2,
            "implementer": '=HYPERLINK("http://x")',
            "model_name": "+Mô hình cộng",
            "sector_code": "KT",
            "period": "3/2024 - 12/2024",
            "expected_result": "-giảm 10%",
            "note": "@ghi chú",
        },
        {
            "seq": 3,
            "implementer": "Ông Nguyễn Văn A",
            "model_name": "Mô hình C",
            "sector_code": "XD HTCT",
            "period": "Quý I/2024 - Quý III/2025",
            "expected_result": None,
            "note": "=1+1",
        },
    )

    def written(self, **kwargs):
        return writer.write_registration_sheet("Sở Tư pháp", list(self.ROWS), **kwargs)

    def test_ra_round_trip(self):
        for place_date in ("", "Trà Vinh, ngày 15 tháng 3 năm 2024"):
            with self.subTest(place_date=place_date):
                result = parse(self.written(place_date=place_date))
                self.assertEqual(result.all_problems, [], [p.render() for p in result.all_problems])
                self.assertEqual(result.unit_name, "Sở Tư pháp")
                read = [
                    {
                        "seq": row.seq,
                        "implementer": row.implementer,
                        "model_name": row.model_name,
                        "sector_code": row.sector_code,
                        "period": row.period_raw,
                        "expected_result": row.expected_result,
                        "note": row.note,
                    }
                    for row in result.rows
                ]
                expected = [{key: (value or None) for key, value in row.items()} for row in self.ROWS]
                self.assertEqual(read, expected)

    def test_ra_layout(self):
        worksheet = openpyxl.load_workbook(io.BytesIO(self.written(place_date="Trà Vinh, ngày 1"))).active
        texts = {cell.value for row in worksheet.iter_rows() for cell in row if isinstance(cell.value, str)}
        self.assertEqual(worksheet["A1"].value, "ĐƠN VỊ: Sở Tư pháp")
        self.assertEqual(worksheet["A2"].value, writer.TITLE)
        self.assertTrue(worksheet["A2"].font.b)
        self.assertEqual(worksheet["A2"].alignment.horizontal, "center")
        self.assertIn("A2:G2", {str(cell_range) for cell_range in worksheet.merged_cells.ranges})
        self.assertEqual([cell.value for cell in worksheet[5]], list(writer.HEADERS))
        self.assertEqual(list(writer.HEADERS), HEADER)
        self.assertEqual([cell.value for cell in worksheet[6]], NUMBERS)
        self.assertEqual(worksheet["B7"].border.left.style, "thin")
        self.assertTrue(worksheet["C7"].alignment.wrap_text)
        self.assertEqual(worksheet.page_setup.orientation, "landscape")
        self.assertEqual(str(worksheet.page_setup.paperSize), str(worksheet.PAPERSIZE_A4))
        self.assertIn(str(worksheet.print_title_rows), ("$5:$6", "5:6"))
        workbook_xml = zipfile.ZipFile(io.BytesIO(self.written())).read("xl/workbook.xml").decode()
        self.assertIn("'Đăng ký Dân vận khéo'!$5:$6", workbook_xml)
        for text in (
            writer.REFERENCE,
            "Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị",
            "Xác nhận, duyệt của BCĐ QCDC và phong trào thi đua “Dân vận khéo”",
            "Tập thể/cá nhân đăng ký",
            "(Ký tên, đóng dấu)",
            "Ký tên, đóng dấu",
            "Ký tên",
            "Trà Vinh, ngày 1",
            writer.DEFAULT_FOOTNOTE,
        ):
            self.assertIn(text, texts)

    def test_written_cells_starting_with_formula_characters_are_strings(self):
        """Formula-injection guard: user text never becomes a formula."""
        for data in (
            self.written(),
            writer.write_table_sheet("=Báo cáo", ["=A", "B"], [["=1+1", "+2"], ["-3", "@SUM(A1)"], [5, None]]),
        ):
            worksheet = openpyxl.load_workbook(io.BytesIO(data), data_only=False).active
            risky = [
                cell
                for row in worksheet.iter_rows()
                for cell in row
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@"
            ]
            self.assertTrue(risky)
            for cell in risky:
                self.assertEqual(cell.data_type, "s", cell.coordinate)
            self.assertNotIn(
                b"<f>",
                zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"),
            )

    def test_table_sheet_keeps_types(self):
        data = writer.write_table_sheet(
            "Tổng hợp: mô hình",
            ["Tên", "Số", "Ngày"],
            [["Mô hình A", 3, dt.date(2024, 3, 1)], ["B", float("nan"), None]],
            subtitle="Năm 2024",
        )
        worksheet = openpyxl.load_workbook(io.BytesIO(data)).active
        self.assertEqual(worksheet.title, "Tổng hợp_ mô hình")
        self.assertEqual(worksheet["A1"].value, "Tổng hợp: mô hình")
        self.assertEqual(worksheet["A2"].value, "Năm 2024")
        self.assertEqual([cell.value for cell in worksheet[4]], ["Tên", "Số", "Ngày"])
        self.assertEqual(worksheet["B5"].value, 3)
        self.assertEqual(worksheet["C5"].value, dt.datetime(2024, 3, 1))
        self.assertEqual((worksheet["B6"].value, worksheet["B6"].data_type), ("nan", "s"))

    def test_writer_drops_illegal_control_characters(self):
        rows = [dict(self.ROWS[0], model_name="Mô hình\x00\x07 A")]
        result = parse(writer.write_registration_sheet("Sở", rows))
        self.assertEqual(result.rows[0].model_name, "Mô hình A")


if __name__ == "__main__":
    unittest.main()
