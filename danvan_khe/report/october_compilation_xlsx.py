"""R8, R9: the province's October compilation as one workbook (plain Python: openpyxl, no Odoo).

``write_october_compilation(title, subtitle, years)`` takes the data the PDF
prints (see ``ReportOctoberCompilation._dvk_compilation``) and returns the
.xlsx bytes: one sheet of the agencies and what each sent, one of the
recognised models with their decision, one of the commendation proposals.
Text is written as text cells, never as formulas (``registration_xlsx.set_text``).
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .registration_xlsx import set_text, set_value

FONT_NAME = "Times New Roman"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_PLAIN = Font(name=FONT_NAME, size=12)
_BOLD = Font(name=FONT_NAME, size=12, bold=True)
_ITALIC = Font(name=FONT_NAME, size=12, italic=True)
_TITLE = Font(name=FONT_NAME, size=14, bold=True)

SUMMARY_HEADERS = (
    "Năm",
    "TT",
    "Cơ quan, đơn vị",
    "Tình trạng báo cáo",
    "Ngày gửi",
    "Được công nhận",
    "Đề nghị khen thưởng",
)
RECOGNIZED_HEADERS = (
    "Năm",
    "Cơ quan, đơn vị",
    "TT",
    "Tên tập thể/ cá nhân thực hiện",
    "Tên mô hình, điển hình",
    "Loại",
    "Lĩnh vực",
    "Quyết định công nhận số",
    "Ngày quyết định",
    "Ban Chỉ đạo",
)
PROPOSAL_HEADERS = (
    "Năm",
    "Cơ quan, đơn vị",
    "TT",
    "Số đề nghị",
    "Tên tập thể/ cá nhân",
    "Tên mô hình, điển hình",
    "Lĩnh vực",
    "Hình thức khen thưởng đề nghị",
    "Cấp khen thưởng",
    "Kết quả",
    "Quyết định khen thưởng số",
    "Ngày quyết định",
)


def _sheet(workbook, name, title, subtitle, headers, rows, first=False):
    ws = workbook.active if first else workbook.create_sheet()
    ws.title = name
    width = len(headers)
    for row, (text, font) in enumerate(((title, _TITLE), (subtitle, _ITALIC)), 1):
        if not text:
            continue
        cell = set_text(ws.cell(row=row, column=1), text)
        cell.font, cell.alignment = font, _CENTER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    header_row = 4
    sizes = [len(label) for label in headers]
    for column, label in enumerate(headers, 1):
        cell = set_text(ws.cell(row=header_row, column=column), label)
        cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BORDER
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            cell = set_value(ws.cell(row=header_row + offset, column=column), value)
            cell.font, cell.alignment, cell.border = _PLAIN, _WRAP, _BORDER
            sizes[column - 1] = max(sizes[column - 1], min(len(str(value or "")), 60))
    for column, size in enumerate(sizes, 1):
        ws.column_dimensions[get_column_letter(column)].width = max(6, min(size + 2, 62))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"${header_row}:${header_row}"
    return ws


def compilation_rows(years):
    """(summary, recognised, proposals) rows of the compilation ``years`` (see the module's docstring)."""
    summary, recognized, proposals = [], [], []
    for year in years:
        for index, agency in enumerate(year["agencies"], 1):
            summary.append(
                [
                    year["year"],
                    index,
                    agency["name"],
                    agency["state_label"],
                    agency["date_sent"] or None,
                    len(agency["recognized"]),
                    len(agency["proposals"]),
                ]
            )
            for row in agency["recognized"]:
                recognized.append(
                    [
                        year["year"],
                        agency["name"],
                        row["seq"],
                        row["implementer"],
                        row["model_name"],
                        row["kind"],
                        row["sector_code"],
                        row["decision_number"],
                        row["decision_date"] or None,
                        row["decision_body"],
                    ]
                )
            for row in agency["proposals"]:
                proposals.append(
                    [
                        year["year"],
                        agency["name"],
                        row["seq"],
                        row["number"],
                        row["implementer"],
                        row["model_name"],
                        row["sector_code"],
                        row["award_form"],
                        row["level"],
                        row["state"],
                        row["decision_number"],
                        row["decision_date"] or None,
                    ]
                )
    return summary, recognized, proposals


def write_october_compilation(title, subtitle, years):
    """Return the .xlsx bytes of the October compilation: summary, recognised models, proposals."""
    summary, recognized, proposals = compilation_rows(years)
    workbook = Workbook()
    _sheet(workbook, "Tổng hợp", title, subtitle, SUMMARY_HEADERS, summary, first=True)
    _sheet(
        workbook,
        "Được công nhận",
        "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH ĐƯỢC CÔNG NHẬN",
        subtitle,
        RECOGNIZED_HEADERS,
        recognized,
    )
    _sheet(workbook, "Đề nghị khen thưởng", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", subtitle, PROPOSAL_HEADERS, proposals)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
