"""Workbook reading: .xlsx (openpyxl) and .xls (xlrd) as rows of ``{column: (value, kind)}``.

Formula cells are read by the value the spreadsheet saved with them (the
cached value): LibreOffice numbers rows with ``=A10+1``, and agencies copy
cells that are formulas.  Only a formula saved without its value (a file
written by a program that does not calculate) is reported, as kind
:data:`FORMULA`; error values (``#REF!``) as :data:`ERROR`.
"""

import io
import re
from xml.etree.ElementTree import iterparse

import openpyxl
import xlrd
from openpyxl.utils import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from xlrd import xldate

from .limits import MAX_COLUMNS, MAX_MERGED_RANGES, MAX_SHEETS
from .messages import MSG_CORRUPT, MSG_ENCRYPTED, MSG_NOT_SPREADSHEET
from .safety import FileProblem, describe, sniff
from .text import quote, text_or_none

# Kinds of cell: a value, a formula saved without its value, an error value.
VALUE, FORMULA, ERROR = "value", "formula", "error"


class Sheet:
    """A worksheet as ``rows`` (iterator of (row number, {column: (value, kind)}))
    and ``merged`` (callable returning (min_row, min_col, max_row, max_col) tuples)."""

    def __init__(self, name, rows, merged):
        self.name = name
        self.rows = rows
        self.merged = merged


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _FORMULA, _INLINE, _TEXT, _RUN = (
    f"{_MAIN}{tag}" for tag in ("row", "c", "v", "f", "is", "t", "r")
)


def _sheet_rows(source, shared_strings, date_styles, timedelta_styles, epoch):
    """Yield (row number, {column: (value, kind)}) from a worksheet's XML, row by row.

    The rows as openpyxl's read-only parser reads them in ``data_only`` mode
    (shared and inline strings, numbers, dates by their style, booleans,
    errors), with less work per cell, and telling a formula saved without
    its value from an empty cell.  Columns beyond :data:`MAX_COLUMNS` are dropped.
    """
    number = 0
    # The parser openpyxl itself uses; safety.check_zip has refused any part declaring a DTD.
    for _event, element in iterparse(source, events=("end",)):  # noqa: S314
        if element.tag != _ROW:
            continue
        label = element.get("r")
        number = int(float(label)) if label else number + 1
        column, cells = 0, {}
        for cell in element:
            if cell.tag != _CELL:
                continue
            ref = cell.get("r")
            column = column_index_from_string(ref.rstrip("0123456789")) if ref else column + 1
            if column <= MAX_COLUMNS:
                value = _cell_value(cell, shared_strings, date_styles, timedelta_styles, epoch)
                if value is not None:
                    cells[column] = value
        element.clear()
        yield number, cells


def _cell_value(cell, shared_strings, date_styles, timedelta_styles, epoch):
    """(value, kind) of a <c> element, or None when it is empty."""
    kind = cell.get("t", "n")
    saved = cell.find(_VALUE)
    text = saved.text if saved is not None else None
    if not text:
        formula = cell.find(_FORMULA)  # a formula with its saved value is read by that value alone
        if formula is not None and (saved is None or kind != "str"):
            return f"={formula.text or ''}", FORMULA  # saved without its value
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        if inline is None:
            return None
        parts = [node.text or "" for node in inline.findall(_TEXT)]
        parts += [node.text or "" for run in inline.findall(_RUN) for node in run.findall(_TEXT)]
        value = "".join(parts)
    elif not text:
        return None
    elif kind == "s":
        value = shared_strings[int(text)]
    elif kind == "str":
        value = text
    elif kind == "e":
        return text, ERROR
    elif kind == "b":
        value = bool(int(text))
    elif kind == "d":
        value = from_ISO8601(text)
    else:
        value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        style = cell.get("s")
        if style and int(style) in date_styles:
            try:
                value = from_excel(value, epoch, timedelta=int(style) in timedelta_styles)
            except (OverflowError, ValueError):
                return "#VALUE!", ERROR
    value = text_or_none(value)
    return None if value is None else (value, VALUE)


class XlsxBook:
    file_format = "xlsx"

    def __init__(self, data):
        self._workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)

    def sheets(self):
        worksheets = list(getattr(self._workbook, "worksheets", []))
        worksheets.sort(key=lambda ws: getattr(ws, "sheet_state", "visible") != "visible")
        for worksheet in worksheets[:MAX_SHEETS]:
            yield Sheet(
                worksheet.title,
                self._rows(worksheet),
                lambda ws=worksheet: self._merged(ws),
            )

    def _rows(self, worksheet):
        """Every row from the first, numbered; missing rows as empty ones.

        The <dimension> tag may lie (files written by other tools): it is not read.
        """
        workbook = self._workbook
        source = worksheet._get_source()
        try:
            rows = _sheet_rows(
                source,
                workbook.shared_strings,
                set(workbook._date_formats),
                set(getattr(workbook, "_timedelta_formats", ())),
                workbook.epoch,
            )
            expected = 1
            for number, cells in rows:
                while expected < number:
                    yield expected, {}
                    expected += 1
                if number < expected:
                    continue  # a row repeated or out of order: the first one counts
                yield number, cells
                expected = number + 1
        finally:
            source.close()

    @staticmethod
    def _merged(worksheet):
        """Merged ranges, read from the sheet XML: read-only openpyxl does not expose them."""
        source = worksheet._get_source()
        try:
            return scan_merged_ranges(source)
        finally:
            source.close()

    def close(self):
        self._workbook.close()


_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)[\"']"
)


def scan_merged_ranges(stream, chunk_size=1024 * 1024, overlap=256):
    """Collect ``<mergeCell ref="B7:B9"/>`` ranges from a stream, chunk by chunk."""
    ranges, seen_ends, offset, tail = [], set(), 0, b""
    while len(ranges) < MAX_MERGED_RANGES:
        chunk = stream.read(chunk_size)
        if not chunk:
            break
        buffer = tail + chunk
        base = offset - len(tail)
        for match in _MERGE_CELL.finditer(buffer):
            end = base + match.end()
            if end in seen_ends:
                continue
            seen_ends.add(end)
            try:
                ranges.append(range_boundaries(match.group(1).decode("ascii").upper()))
            except ValueError:
                continue  # a column beyond XFD: not a cell Excel could show
        offset += len(chunk)
        tail = buffer[-overlap:]
    return [(min_row, min_col, max_row, max_col) for min_col, min_row, max_col, max_row in ranges[:MAX_MERGED_RANGES]]


class XlsBook:
    file_format = "xls"

    def __init__(self, data):
        self._book = xlrd.open_workbook(
            file_contents=data,
            formatting_info=True,  # needed for merged_cells
            on_demand=True,
            ragged_rows=True,
            logfile=io.StringIO(),
        )

    def sheets(self):
        indexes = range(min(self._book.nsheets, MAX_SHEETS))
        names = self._book.sheet_names()
        for index in sorted(indexes, key=self._hidden):
            sheet = self._book.sheet_by_index(index)
            yield Sheet(names[index], self._rows(sheet), lambda sheet=sheet: self._merged(sheet))

    def _hidden(self, index):
        # From the BOUNDSHEET records: asking the sheet would load it.
        visibility = getattr(self._book, "_sheet_visibility", [])
        return bool(visibility[index]) if index < len(visibility) else False

    def _rows(self, sheet):
        datemode = self._book.datemode
        for index in range(sheet.nrows):
            types = sheet.row_types(index, 0, MAX_COLUMNS)
            values = sheet.row_values(index, 0, MAX_COLUMNS)
            cells = {}
            for column, (ctype, value) in enumerate(zip(types, values, strict=False), 1):
                cell = _xls_cell(ctype, value, datemode)
                if cell is not None:
                    cells[column] = cell
            yield index + 1, cells

    @staticmethod
    def _merged(sheet):
        return [
            (row_low + 1, col_low + 1, row_high, col_high)
            for row_low, row_high, col_low, col_high in sheet.merged_cells[:MAX_MERGED_RANGES]
        ]

    def close(self):
        self._book.release_resources()


def _xls_cell(ctype, value, datemode):
    """(value, kind) of an xlrd cell, None when empty.  A formula cell is its saved value."""
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_DATE:
        try:
            value = xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xldate.XLDateError):
            pass
    elif ctype == xlrd.XL_CELL_BOOLEAN:
        value = bool(value)
    elif ctype == xlrd.XL_CELL_ERROR:
        return (xlrd.error_text_from_code.get(value, "#ERR!"), ERROR)
    value = text_or_none(value)
    return None if value is None else (value, VALUE)


def open_book(data):
    """Open ``data`` as a workbook after the safety checks; raise :class:`FileProblem` when it cannot be."""
    book_class = XlsxBook if sniff(data) == "xlsx" else XlsBook
    try:
        return book_class(data)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypted" in text.lower():
            raise FileProblem(MSG_ENCRYPTED) from exc
        if "find workbook" in text.lower():
            raise FileProblem(MSG_NOT_SPREADSHEET) from exc
        raise FileProblem(MSG_CORRUPT, detail=quote(text)) from exc
    except RuntimeError as exc:
        # zipfile: "File ... is encrypted, password required for extraction"
        if "encrypted" in str(exc).lower() or "password" in str(exc).lower():
            raise FileProblem(MSG_ENCRYPTED) from exc
        raise FileProblem(MSG_CORRUPT, detail=describe(exc)) from exc
    except Exception as exc:
        raise FileProblem(MSG_CORRUPT, detail=describe(exc)) from exc
