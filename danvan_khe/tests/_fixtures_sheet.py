"""Fixtures of the registration-sheet tests (no database needed): the annex as agencies fill it.

Clause RA is the annex form of Decision 976/QĐ-UBND (Trà Vinh, 2023); R6.2 is the
requirement that agencies can import their registration lists kept in that form.
Every fixture is generated here with openpyxl or xlwt, except the password-protected
workbook (tests/data/encrypted_registration.xlsx, made with msoffcrypto-tool, password
"danvan").  Not a test module: the test_registration_sheet*.py files import it.
"""

import datetime as dt
import importlib
import io
import sys
import types
import zipfile
from pathlib import Path

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
