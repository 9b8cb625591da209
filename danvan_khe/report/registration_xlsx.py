"""Excel exports: the "Dân vận khéo" registration annex and a generic table.

Plain Python on purpose (openpyxl only, no Odoo import) so that the output can
be tested standalone, and read back by ``lib.registration_sheet``.  The annex's
title, columns, signature blocks and footnote are those of ``lib/annex.py``.

Every piece of user text is written as a string cell: a name starting with
"=", "+", "-" or "@" must never become a formula (formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..lib import annex

# RA: the annex's words come from lib/annex.py; the layout (spans, widths) is this writer's.
TITLE = annex.TITLE
REFERENCE = annex.REFERENCE
HEADERS = annex.HEADINGS
# Keys of the row dicts given to write_registration_sheet, column by column.
ROW_KEYS = tuple({annex.SECTOR: "sector_code", annex.PERIOD: "period"}.get(key, key) for key in annex.KEYS)
COLUMN_WIDTHS = (6, 28, 38, 11, 18, 38, 18)
SIGNATURE_SPANS = ((1, 2), (3, 5), (6, 7))  # first and last column of each block, left to right
SIGNATURES = tuple(
    (first, last, title, hint) for (first, last), (title, hint) in zip(SIGNATURE_SPANS, annex.SIGNATURES, strict=True)
)
DEFAULT_FOOTNOTE = annex.FOOTNOTE
MAX_CELL_CHARS = 32767  # Excel refuses longer cells

FONT_NAME = "Times New Roman"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_WRAP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)


def _font(bold=False, italic=False, size=12):
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


# Shared style objects: building them per cell makes large exports slow.
_PLAIN = _font()
_BOLD = _font(bold=True)
_ITALIC = _font(italic=True)
_TITLE_FONT = _font(bold=True, size=14)
_NOTE_FONT = _font(italic=True, size=11)
_LEFT_COLUMNS = ("implementer", "model_name", "expected_result", "note")


def _clean_text(value):
    """Text openpyxl accepts: no XML-illegal control characters, within Excel's limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_CELL_CHARS]


def set_text(cell, value):
    """Write ``value`` as a string cell, never a formula, whatever it starts with."""
    if value is None or value == "":
        cell.value = None
        return cell
    cell.value = _clean_text(value)
    cell.data_type = "s"  # openpyxl would otherwise take "=..." for a formula
    return cell


def set_value(cell, value):
    """Write numbers, dates and booleans as such; everything else as guarded text."""
    if isinstance(value, float) and not math.isfinite(value):
        set_text(cell, value)  # Excel has no NaN/infinity numbers
    elif isinstance(value, (bool, int, float, Decimal)):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
    else:
        set_text(cell, value)
    return cell


def _merged_text(ws, row, first_col, last_col, value, font, alignment):
    cell = set_text(ws.cell(row=row, column=first_col), value)
    cell.font = font
    cell.alignment = alignment
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    return cell


def _setup_page(ws, title_rows):
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True


def _save(workbook):
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _seq_value(cell, value):
    """TT is a number when it is one (so that Excel sorts it), text otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    else:
        set_text(cell, value)


def write_registration_sheet(unit_name, rows, *, place_date="", sector_footnote=DEFAULT_FOOTNOTE, reference=REFERENCE):
    """Return the .xlsx bytes of the registration annex (Decision 976/QĐ-UBND).

    ``rows`` are dicts with the keys of :data:`ROW_KEYS`; ``period`` is text.
    ``reference`` is the "(Kèm theo Quyết định số: ...)" line (see ``annex.reference``).
    """
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Đăng ký Dân vận khéo"
    last = len(HEADERS)
    for index, width in enumerate(COLUMN_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width

    unit = set_text(ws.cell(row=1, column=1), annex.unit_line(unit_name))
    unit.font = _BOLD
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    _merged_text(ws, 2, 1, last, TITLE, _TITLE_FONT, _CENTER)
    _merged_text(ws, 3, 1, last, reference or REFERENCE, _ITALIC, _CENTER)
    ws.row_dimensions[3].height = 32

    header_row = 5
    for column, label in enumerate(HEADERS, 1):
        cell = set_text(ws.cell(row=header_row, column=column), label)
        cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BORDER
        number = ws.cell(row=header_row + 1, column=column, value=column)
        number.font, number.alignment, number.border = (
            _ITALIC,
            _CENTER,
            _BORDER,
        )
    ws.row_dimensions[header_row].height = 36

    row_number = header_row + 2
    for data in rows:
        _write_data_row(ws, row_number, data)
        row_number += 1
    ws.freeze_panes = ws.cell(row=header_row + 2, column=1)
    _setup_page(ws, f"${header_row}:${header_row + 1}")

    row_number += 1  # one blank row ends the table
    if place_date:
        _merged_text(ws, row_number, 5, last, place_date, _ITALIC, _CENTER)
        row_number += 1
    _write_signatures(ws, row_number)
    if sector_footnote:
        _merged_text(
            ws,
            row_number + 7,
            1,
            last,
            sector_footnote,
            _NOTE_FONT,
            _WRAP,
        )
    return _save(workbook)


def _write_data_row(ws, row_number, data):
    for column, key in enumerate(ROW_KEYS, 1):
        cell = ws.cell(row=row_number, column=column)
        value = data.get(key)
        if key == "seq":
            _seq_value(cell, value)
        else:
            set_text(cell, value)
        cell.font = _PLAIN
        cell.border = _BORDER
        cell.alignment = _WRAP if key in _LEFT_COLUMNS else _WRAP_CENTER


def _write_signatures(ws, row_number):
    for first, last, title, hint in SIGNATURES:
        _merged_text(ws, row_number, first, last, title, _BOLD, _CENTER)
        _merged_text(ws, row_number + 1, first, last, hint, _ITALIC, _CENTER)
    ws.row_dimensions[row_number].height = 32


def write_table_sheet(title, headers, rows, *, subtitle=""):
    """Return the .xlsx bytes of a simple titled table (for other report exports).

    Strings are always written as text cells (formula-injection guard);
    numbers, dates and booleans keep their type.
    """
    workbook = Workbook()
    ws = workbook.active
    ws.title = _sheet_title(title)
    width = max(len(headers), 1)
    _merged_text(ws, 1, 1, width, title, _TITLE_FONT, _CENTER)
    header_row = 2
    if subtitle:
        _merged_text(ws, 2, 1, width, subtitle, _ITALIC, _CENTER)
        header_row = 4
    widths = [len(str(label)) for label in headers]
    for column, label in enumerate(headers, 1):
        cell = set_text(ws.cell(row=header_row, column=column), label)
        cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BORDER
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            cell = set_value(ws.cell(row=header_row + offset, column=column), value)
            cell.font, cell.border, cell.alignment = _PLAIN, _BORDER, _WRAP
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], min(len(str(value or "")), 60))
    for column, size in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = max(8, min(size + 2, 62))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    _setup_page(ws, f"${header_row}:${header_row}")
    return _save(workbook)


def _sheet_title(title):
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in _clean_text(title or ""))
    return cleaned.strip("' ")[:31] or "Sheet1"
