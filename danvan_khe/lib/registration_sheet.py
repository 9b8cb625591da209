"""Reader for "Dân vận khéo" registration sheets.

Agencies keep their registrations in Excel, laid out as the annex of Decision
976/QĐ-UBND (Trà Vinh, 26/06/2023)::

    ĐƠN VỊ: <agency>                                   (title rows, optional)
    BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO
    (Kèm theo Quyết định số: 976/QĐ-UBND ...)
    TT | Tên tập thể/ cá nhân thực hiện | Tên mô hình | Lĩnh vực ¹ | ...   header
    1  | 2 | 3 | 4 | 5 | 6 | 7                                            optional
    1  | Phòng Tư pháp | Mô hình ... | KT | Năm 2024 | ... | ...         data
    ...signature blocks, footnote "¹ KT = kinh tế; ..."                 ignored

This module is plain Python on purpose (no Odoo import): it is tested
standalone and the Odoo layer only maps its result onto records.  It never
raises on bad input: everything wrong with a file is reported as a
:class:`Problem` that names the row and column concerned.  Messages are English
templates marked with :func:`_lt` so that Odoo's translation exporter picks
them up; the Odoo layer renders them with ``env._(message, **params)``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain, islice

import openpyxl
import xlrd
from openpyxl.utils import get_column_letter, range_boundaries
from xlrd import compdoc, xldate


def _lt(message):
    """Mark ``message`` for translation; the caller translates it when rendering."""
    return message


# --------------------------------------------------------------------------
# Limits.  They bound time and memory for hostile files; a real annex is far
# below each of them.
# --------------------------------------------------------------------------
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small parts may legitimately compress very well; a bomb must also be big.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 5000
XML_PROLOG_SCAN_BYTES = 64 * 1024
MAX_SHEETS = 50
MAX_COLUMNS = 30
HEADER_SCAN_ROWS = 50
MAX_BLANK_RUN = 100
MAX_MERGED_RANGES = 1000
NAME_MAX_CHARS = 2000
TEXT_MAX_CHARS = 10000
QUOTE_MAX_CHARS = 80
YEAR_MIN, YEAR_MAX = 1900, 2100

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# --------------------------------------------------------------------------
# Columns of the annex.  Labels are printed exactly as on the form; they are
# data (what the sheet says), not user-interface text.
# --------------------------------------------------------------------------
SEQ, IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD, RESULT, NOTE = (
    "seq",
    "implementer",
    "model_name",
    "sector",
    "period",
    "expected_result",
    "note",
)
ROLES = (SEQ, IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD, RESULT, NOTE)
REQUIRED_ROLES = (IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD)
COLUMN_LABELS = {
    SEQ: "TT",
    IMPLEMENTER: "Tên tập thể/ cá nhân thực hiện",
    MODEL_NAME: "Tên mô hình",
    SECTOR: "Lĩnh vực",
    PERIOD: "Thời gian thực hiện",
    RESULT: "Kết quả ước đạt",
    NOTE: "Ghi chú",
}
_TEXT_LIMITS = {
    IMPLEMENTER: NAME_MAX_CHARS,
    MODEL_NAME: NAME_MAX_CHARS,
    SECTOR: NAME_MAX_CHARS,
    PERIOD: NAME_MAX_CHARS,
    RESULT: TEXT_MAX_CHARS,
    NOTE: TEXT_MAX_CHARS,
}

# --------------------------------------------------------------------------
# Message templates (English source strings, translated by the Odoo layer).
# --------------------------------------------------------------------------
MSG_PREFIX_ROW_COLUMN = _lt("Row %(row)s, column %(column)s: ")
MSG_PREFIX_ROW = _lt("Row %(row)s: ")
MSG_PREFIX_COLUMN = _lt("Column %(column)s: ")

MSG_EMPTY_FILE = _lt("The file %(file_name)s is empty.")
MSG_NOT_SPREADSHEET = _lt(
    "The file %(file_name)s is not an Excel spreadsheet (.xlsx or .xls); "
    "save it from Excel as .xlsx and upload it again."
)
MSG_ENCRYPTED = _lt("The file %(file_name)s is password-protected; remove the password in Excel and upload it again.")
MSG_CORRUPT = _lt("The file %(file_name)s is damaged or truncated and cannot be read (%(detail)s).")
MSG_FILE_TOO_BIG = _lt("The file %(file_name)s is %(size_mb)s MB, more than the %(limit_mb)s MB allowed.")
MSG_UNPACKED_TOO_BIG = _lt(
    "The file %(file_name)s unpacks to %(size_mb)s MB, more than the %(limit_mb)s MB allowed; it was not opened."
)
MSG_ZIP_BOMB = _lt(
    "The part %(member)s of %(file_name)s is compressed %(ratio)s times, which looks like "
    "a zip bomb; the file was not opened."
)
MSG_TOO_MANY_PARTS = _lt(
    "The file %(file_name)s holds %(count)s parts, more than the %(limit)s allowed; it was not opened."
)
MSG_XML_DTD = _lt(
    "The part %(member)s of %(file_name)s declares XML entities (DTD), which a workbook "
    "never needs; the file was not opened."
)
MSG_EMPTY_WORKBOOK = _lt("The workbook %(file_name)s has no worksheet.")
MSG_EMPTY_SHEET = _lt("The worksheet %(sheet)s is empty.")
MSG_NO_HEADER = _lt(
    "No header row of the registration table was found in the first %(scan_rows)s rows "
    "of worksheet %(sheet)s; missing columns: %(missing)s."
)
MSG_HEADER_INCOMPLETE = _lt("The header row of worksheet %(sheet)s lacks the required columns: %(missing)s.")
MSG_NO_DATA = _lt("The registration table has no data rows under its header.")
MSG_TOO_MANY_ROWS = _lt("The table has more than %(max_rows)s data rows; split it into several files.")
MSG_MISSING_VALUE = _lt("This required cell is empty.")
MSG_UNKNOWN_SECTOR = _lt('Unknown sector "%(value)s"; expected one of: %(expected)s.')
MSG_BAD_PERIOD = _lt(
    'Cannot read the period "%(value)s"; write for example "Năm 2024", "3/2024 - 12/2024" or "Quý I - IV/2024".'
)
MSG_PERIOD_NO_YEAR = _lt('The period "%(value)s" does not say which year.')
MSG_PERIOD_REVERSED = _lt('The period "%(value)s" ends (%(date_end)s) before it starts (%(date_start)s).')
MSG_FORMULA = _lt('Cell %(cell)s holds the formula "%(value)s"; type the value itself instead.')
MSG_CELL_ERROR = _lt('Cell %(cell)s holds the error value "%(value)s".')
MSG_MERGED = _lt("Cells %(range)s are merged inside the table; unmerge them and fill every row.")
MSG_DUPLICATE = _lt("Duplicate of row %(other_row)s (same implementer and model name).")
MSG_TOO_LONG = _lt("The text is %(length)s characters long, more than the %(limit)s allowed; it was cut.")


# --------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------
@dataclass
class Problem:
    """Something wrong with the file, one of its rows or one of its cells.

    ``row`` is the 1-based sheet row, ``column`` the header label of the annex
    column (e.g. "Tên mô hình"); either is None when it does not apply.
    ``message`` is an untranslated template filled from ``params``.
    """

    row: int | None
    column: str | None
    message: str
    params: dict = field(default_factory=dict)

    def render(self, translate=None):
        """Return the message, translated by ``translate`` when given, with its place."""
        translate = translate or _identity
        text = _fill(translate, self.message, self.params)
        if self.row is not None and self.column:
            prefix = MSG_PREFIX_ROW_COLUMN
        elif self.row is not None:
            prefix = MSG_PREFIX_ROW
        elif self.column:
            prefix = MSG_PREFIX_COLUMN
        else:
            return text
        return _fill(translate, prefix, {"row": self.row, "column": self.column}) + text


def _identity(message):
    return message


def _fill(translate, template, params):
    """Translate and fill ``template``; a broken translation falls back to the source."""
    try:
        return translate(template) % params
    except (KeyError, ValueError, TypeError):
        return template % params


@dataclass
class SheetRow:
    """One data row of the registration table."""

    row: int
    seq: int | None = None
    implementer: str | None = None
    model_name: str | None = None
    sector_raw: str | None = None
    sector_code: str | None = None
    period_raw: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    expected_result: str | None = None
    note: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SheetResult:
    """What was read from a file: the table rows and every problem found."""

    file_name: str = ""
    file_format: str | None = None
    sheet_name: str | None = None
    unit_name: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self):
        """File-level problems followed by every row's problems, in sheet order."""
        return self.problems + [problem for row in self.rows for problem in row.problems]

    @property
    def ok(self):
        return not self.problems and not any(row.problems for row in self.rows)


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")


def _strip_accents(text):
    """Remove Vietnamese diacritics (đ→d) but keep case and punctuation."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_text(value):
    """Comparable form of a name: lower case, no diacritics, words split by one space.

    ``"Phòng Tư   pháp."`` and ``"phong tu phap"`` give the same result; the
    Odoo layer uses it to match implementers, agencies and sectors.
    """
    if value is None:
        return ""
    return _NON_WORD.sub(" ", _strip_accents(str(value)).casefold()).strip()


def _compact(value):
    return normalize_text(value).replace(" ", "")


def _quote(value):
    text = str(value)
    return text if len(text) <= QUOTE_MAX_CHARS else text[: QUOTE_MAX_CHARS - 1] + "…"


# --------------------------------------------------------------------------
# Sectors
# --------------------------------------------------------------------------
_SECTOR_PARTS = re.compile(r"[-\u2010-\u2015\u2212,;/&+]|\bva\b")
_PARENTHESES = re.compile(r"\(([^()]*)\)")


class SectorMatcher:
    """Resolve what a sheet says in "Lĩnh vực" to a sector code.

    Sectors are data given by the caller as (code, name) pairs.  A value
    matches a code or a name ignoring case, diacritics, spaces and
    punctuation ("VH - XH", "vhxh", "Văn hoá – xã hội"), and also when its
    hyphen-separated parts come in another order ("Quốc phòng - an ninh" for
    "An ninh - Quốc phòng").
    """

    def __init__(self, sectors):
        self.codes = list(dict.fromkeys(code for code, _name in sectors))
        self._by_key = {}
        self._by_parts = {}
        for code, name in sectors:
            for label in (code, name):
                self._add(label, code)

    def _add(self, label, code):
        if not label:
            return
        key = _compact(label)
        if key:
            self._by_key.setdefault(key, code)
        parts = self._parts(label)
        if len(parts) > 1:
            self._by_parts.setdefault(parts, code)

    @staticmethod
    def _parts(label):
        plain = _strip_accents(str(label)).casefold()
        return frozenset(filter(None, (_compact(part) for part in _SECTOR_PARTS.split(plain))))

    def match(self, value):
        """Return the sector code ``value`` designates, or None."""
        if value is None:
            return None
        text = str(value)
        candidates = [text, _PARENTHESES.sub(" ", text), *_PARENTHESES.findall(text)]
        for candidate in candidates:
            key = _compact(candidate)
            if key.startswith("linhvuc") and key != "linhvuc":
                key = key[len("linhvuc") :]
            if key in self._by_key:
                return self._by_key[key]
            parts = self._parts(candidate)
            if len(parts) > 1 and parts in self._by_parts:
                return self._by_parts[parts]
        return None


# --------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------
class PeriodError(ValueError):
    """A period that cannot be turned into dates.

    ``code`` is "missing", "unreadable", "no_year" or "reversed" (then
    ``date_start`` and ``date_end`` are set).
    """

    def __init__(self, code, date_start=None, date_end=None):
        super().__init__(code)
        self.code = code
        self.date_start = date_start
        self.date_end = date_end


@dataclass(frozen=True)
class _Point:
    """One end of a period as written: a year, quarter, month or day, year maybe missing."""

    kind: str
    year: int | None
    number: int = 0  # quarter or month
    day: int = 0

    def first_day(self, year):
        if self.kind == "year":
            return dt.date(year, 1, 1)
        if self.kind == "quarter":
            return dt.date(year, 3 * self.number - 2, 1)
        if self.kind == "month":
            return dt.date(year, self.number, 1)
        return dt.date(year, self.number, self.day)

    def last_day(self, year):
        if self.kind == "year":
            return dt.date(year, 12, 31)
        if self.kind == "day":
            return dt.date(year, self.number, self.day)
        month = 3 * self.number if self.kind == "quarter" else self.number
        return dt.date(year, month, calendar.monthrange(year, month)[1])


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = r"([ivx]+|[1-4])"
_SIDE_PATTERNS = (
    ("day", re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")),
    ("month", re.compile(r"(\d{1,2})/(\d{4})")),
    ("year", re.compile(r"(\d{4})")),
    ("month", re.compile(r"(\d{1,2})")),
    ("quarter", re.compile(r"quy" + _QUARTER + r"(?:/(\d{4}))?")),
)
_BARE_QUARTER = re.compile(_QUARTER + r"(?:/(\d{4}))?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_HALF_YEAR = re.compile(r"(?:trong\s+)?6\s*thang\s*(dau|cuoi)\s*(?:nam)?\s*(\d{4})?")
_DASHES = re.compile(r"[\u2010-\u2015\u2212~]")
_DOTTED_DATE = re.compile(r"(?<=\d)\s*\.\s*(?=\d)")
_WORD_SEPARATOR = re.compile(r"(?<=[\divx])\s+(?:thang|nam)\s+(?=\d)")
_RANGE_WORD = re.compile(r"\b(?:den|toi)\b")
_FILLER = re.compile(r"\b(?:tu|ngay|thang|nam|ca|trong|suot|giai doan|khoang|vao|thoi gian|thuc hien)\b")
_MONTH_ABBREV = re.compile(r"\bt(?=\d)")
_QUARTER_ABBREV = re.compile(r"\bq(?=[1-4]\b|[1-4]/)")


def parse_period(value, default_year=None):
    """Turn a "Thời gian thực hiện" cell into ``(date_start, date_end)``.

    Accepts the ways agencies write it: "Năm 2024", "2024", "01/2024 - 12/2024",
    "Tháng 3 - 12/2024", "Từ tháng 3/2024 đến tháng 12/2024", "Quý I - IV/2024",
    "Quý I/2024 - Quý III/2025", "15/03/2024 - 30/11/2024", a date cell (start;
    the end is then the end of that year) or a year number.  Months and
    quarters cover whole months.  ``default_year`` fills a missing year.
    Raises :class:`PeriodError`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PeriodError("missing")
    if isinstance(value, bool):
        raise PeriodError("unreadable")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        _check_year(value.year)
        return value, dt.date(value.year, 12, 31)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and YEAR_MIN <= value <= YEAR_MAX:
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
        raise PeriodError("unreadable")
    if isinstance(value, str):
        return _parse_period_text(value, default_year)
    raise PeriodError("unreadable")


def _check_year(year):
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise PeriodError("unreadable")
    return year


def _parse_period_text(text, default_year):
    plain = _strip_accents(unicodedata.normalize("NFC", text)).lower().strip()
    half = _HALF_YEAR.fullmatch(plain)
    if half:
        year = int(half.group(2)) if half.group(2) else None
        first = 1 if half.group(1) == "dau" else 7
        return _resolve(_Point("month", year, first), _Point("month", year, first + 5), default_year)
    compact = _compact_period(plain)
    iso = _ISO_DATE.fullmatch(compact)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        return parse_period(_make_date(year, month, day))
    if not compact and re.search(r"\bnam\b", plain):
        return _resolve(_Point("year", None), _Point("year", None), default_year)
    sides = compact.split("-")
    if len(sides) == 1:
        return _resolve_single(_parse_side(sides[0]), "thang" in plain, default_year)
    if len(sides) == 2:
        start = _parse_side(sides[0])
        end = _parse_side(sides[1], after_quarter=start.kind == "quarter")
        return _resolve(start, end, default_year)
    raise PeriodError("unreadable")


def _compact_period(plain):
    """Reduce Vietnamese wording to digits, "/", "-" and "quy": "3/2024-12/2024"."""
    text = _DASHES.sub("-", plain)
    text = _DOTTED_DATE.sub("/", text)
    text = _MONTH_ABBREV.sub("", text)
    text = _QUARTER_ABBREV.sub("quy", text)
    text = _WORD_SEPARATOR.sub("/", text)
    text = _RANGE_WORD.sub("-", text)
    text = _FILLER.sub(" ", text)
    return _WHITESPACE.sub("", text).strip("-/.,;:()")


def _parse_side(text, after_quarter=False):
    if after_quarter:
        match = _BARE_QUARTER.fullmatch(text)
        if match:
            return _quarter_point(match.group(1), match.group(2))
    for kind, pattern in _SIDE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        if kind == "quarter":
            return _quarter_point(match.group(1), match.group(2))
        numbers = [int(group) if group else None for group in match.groups()]
        if kind == "year":
            return _Point("year", _check_year(numbers[0]))
        if kind == "month":
            year = _check_year(numbers[1]) if len(numbers) > 1 else None
            return _Point("month", year, _check_range(numbers[0], 12))
        year = _check_year(numbers[2]) if numbers[2] else None
        return _Point("day", year, _check_range(numbers[1], 12), _check_range(numbers[0], 31))
    raise PeriodError("unreadable")


def _quarter_point(number, year):
    quarter = _ROMAN.get(number) or (int(number) if number.isdigit() else 0)
    return _Point("quarter", _check_year(int(year)) if year else None, _check_range(quarter, 4))


def _check_range(number, highest):
    if not 1 <= number <= highest:
        raise PeriodError("unreadable")
    return number


def _make_date(year, month, day):
    try:
        return dt.date(_check_year(year), month, day)
    except ValueError as exc:
        raise PeriodError("unreadable") from exc


def _resolve_single(point, says_month, default_year):
    if point.kind == "month" and point.year is None and not says_month:
        raise PeriodError("unreadable")  # a bare "3" is no period
    if point.kind == "day":
        return _resolve(point, _Point("year", point.year), default_year)
    return _resolve(point, point, default_year)


def _resolve(start, end, default_year):
    """Fill missing years (from the other end, then ``default_year``) and make dates."""
    start_year, end_year = start.year, end.year
    start_inferred = start_year is None and end_year is not None
    if start_year is None and end_year is None:
        start_year = end_year = default_year
    elif start_year is None:
        start_year = end_year
    elif end_year is None:
        end_year = start_year
    if start_year is None:
        raise PeriodError("no_year")
    try:
        date_start, date_end = start.first_day(start_year), end.last_day(end_year)
        if date_end < date_start and start_inferred:
            # "Tháng 10 - 3/2025": October of the year before.
            date_start = start.first_day(start_year - 1)
    except ValueError as exc:  # 31/02, year out of range
        raise PeriodError("unreadable") from exc
    if date_end < date_start:
        raise PeriodError("reversed", date_start, date_end)
    return date_start, date_end


# --------------------------------------------------------------------------
# Workbook sources: both formats are read as rows of {column: (value, kind)}.
# --------------------------------------------------------------------------
VALUE, FORMULA, ERROR = "value", "formula", "error"


class _FileProblem(Exception):
    """Stops reading a file; carries the file-level problem to report."""

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params


class _Sheet:
    """A worksheet as ``rows`` (iterator of (row number, {column: (value, kind)}))
    and ``merged`` (callable returning (min_row, min_col, max_row, max_col) tuples)."""

    def __init__(self, name, rows, merged):
        self.name = name
        self.rows = rows
        self.merged = merged


def _text_or_none(value):
    """Drop blank strings so that a cell holding spaces counts as empty."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


class _XlsxBook:
    file_format = "xlsx"

    def __init__(self, data):
        self._workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)

    def sheets(self):
        worksheets = list(getattr(self._workbook, "worksheets", []))
        worksheets.sort(key=lambda ws: getattr(ws, "sheet_state", "visible") != "visible")
        for worksheet in worksheets[:MAX_SHEETS]:
            yield _Sheet(
                worksheet.title,
                self._rows(worksheet),
                lambda ws=worksheet: self._merged(ws),
            )

    @staticmethod
    def _rows(worksheet):
        # The <dimension> tag may lie (files written by other tools): ignore it.
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS)
        for number, cells in enumerate(rows, 1):
            values = {}
            for column, cell in enumerate(cells, 1):
                value = cell.value
                if value is None:
                    continue
                kind = cell.data_type
                if kind == "f":
                    values[column] = (str(value), FORMULA)
                elif kind == "e":
                    values[column] = (str(value), ERROR)
                elif _text_or_none(value) is not None:
                    values[column] = (value, VALUE)
            yield number, values

    @staticmethod
    def _merged(worksheet):
        """Merged ranges, read from the sheet XML: read-only openpyxl does not expose them."""
        source = worksheet._get_source()
        try:
            return _scan_merged_ranges(source)
        finally:
            source.close()

    def close(self):
        self._workbook.close()


_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)[\"']"
)


def _scan_merged_ranges(stream, chunk_size=1024 * 1024, overlap=256):
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


class _XlsBook:
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
            yield _Sheet(names[index], self._rows(sheet), lambda sheet=sheet: self._merged(sheet))

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
    """(value, kind) of an xlrd cell, None when empty.  xlrd cannot see formulas."""
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
    value = _text_or_none(value)
    return None if value is None else (value, VALUE)


# --------------------------------------------------------------------------
# Opening a file: format by content, safety checks first.
# --------------------------------------------------------------------------
def _open_book(data, file_name):
    if not data:
        raise _FileProblem(MSG_EMPTY_FILE)
    if len(data) > MAX_FILE_BYTES:
        raise _FileProblem(MSG_FILE_TOO_BIG, size_mb=_mb(len(data)), limit_mb=_mb(MAX_FILE_BYTES))
    if data.startswith(ZIP_MAGICS):
        _check_zip(data)
        return _open_with(_XlsxBook, data)
    if data.startswith(OLE2_MAGIC):
        _check_ole(data)
        return _open_with(_XlsBook, data)
    raise _FileProblem(MSG_NOT_SPREADSHEET)


def _open_with(book_class, data):
    try:
        return book_class(data)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "encrypted" in text.lower():
            raise _FileProblem(MSG_ENCRYPTED) from exc
        if "find workbook" in text.lower():
            raise _FileProblem(MSG_NOT_SPREADSHEET) from exc
        raise _FileProblem(MSG_CORRUPT, detail=_quote(text)) from exc
    except RuntimeError as exc:
        # zipfile: "File ... is encrypted, password required for extraction"
        if "encrypted" in str(exc).lower() or "password" in str(exc).lower():
            raise _FileProblem(MSG_ENCRYPTED) from exc
        raise _FileProblem(MSG_CORRUPT, detail=_describe(exc)) from exc
    except Exception as exc:
        raise _FileProblem(MSG_CORRUPT, detail=_describe(exc)) from exc


def _mb(size):
    return round(size / (1024 * 1024), 1)


def _describe(exc):
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return _quote(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def _check_zip(data):
    """Vet an .xlsx container from its central directory before openpyxl unpacks it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
    ) as exc:
        raise _FileProblem(MSG_CORRUPT, detail=_describe(exc)) from exc
    with archive:
        if len(members) > MAX_ZIP_MEMBERS:
            raise _FileProblem(MSG_TOO_MANY_PARTS, count=len(members), limit=MAX_ZIP_MEMBERS)
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _FileProblem(
                MSG_UNPACKED_TOO_BIG,
                size_mb=_mb(total),
                limit_mb=_mb(MAX_UNCOMPRESSED_BYTES),
            )
        for member in members:
            _check_member(member)
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or not any(name.endswith("workbook.xml") for name in names):
            raise _FileProblem(MSG_NOT_SPREADSHEET)
        for member in members:
            _check_xml_prolog(archive, member)


def _check_member(member):
    if member.flag_bits & 0x1:
        raise _FileProblem(MSG_ENCRYPTED)
    if member.file_size >= RATIO_CHECK_MIN_BYTES:
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise _FileProblem(MSG_ZIP_BOMB, member=_quote(member.filename), ratio=int(ratio))


def _check_xml_prolog(archive, member):
    """Refuse XML parts declaring a DTD: entity expansion is the XML flavour of a bomb."""
    if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
        return
    try:
        with archive.open(member) as stream:
            head = stream.read(XML_PROLOG_SCAN_BYTES)
    except Exception as exc:
        raise _FileProblem(MSG_CORRUPT, detail=_describe(exc)) from exc
    head = head.replace(b"\x00", b"")  # also catches UTF-16/UTF-32 encoded parts
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _FileProblem(MSG_XML_DTD, member=_quote(member.filename))


def _check_ole(data):
    """An OLE2 file is either a legacy .xls or an encrypted .xlsx (EncryptionInfo stream)."""
    try:
        document = compdoc.CompDoc(data, logfile=io.StringIO())
        names = {entry.name for entry in document.dirlist}
    except Exception as exc:
        raise _FileProblem(MSG_CORRUPT, detail=_describe(exc)) from exc
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise _FileProblem(MSG_ENCRYPTED)


# --------------------------------------------------------------------------
# Finding the table
# --------------------------------------------------------------------------
def _header_role(label):
    """Role of a header cell from its normalised text, or None."""
    if label in ("tt", "stt", "so tt", "so thu tu", "thu tu"):
        return SEQ
    for prefix, role in (
        ("linh vuc", SECTOR),
        ("thoi gian", PERIOD),
        ("ket qua", RESULT),
        ("ghi chu", NOTE),
        ("ten mo hinh", MODEL_NAME),
        ("mo hinh", MODEL_NAME),
    ):
        if label.startswith(prefix):
            return role
    if ("tap the" in label and "ca nhan" in label) or label.startswith(("ten tap the", "ten ca nhan")):
        return IMPLEMENTER
    if label in ("don vi thuc hien", "chu the thuc hien"):
        return IMPLEMENTER
    return None


def _header_columns(cells):
    columns = {}
    for column, (value, _kind) in sorted(cells.items()):
        if isinstance(value, str):
            role = _header_role(normalize_text(value))
            if role and role not in columns:
                columns[role] = column
    return columns


_UNIT_LABEL = re.compile(r"\s*(?:đơn|don)\s*(?:vị|vi)\b[\s:：.…_\-–]*(.*)", re.IGNORECASE | re.DOTALL)


def _unit_name(rows):
    """Agency name from an "ĐƠN VỊ: ..." title cell (value in it or in the next cell)."""
    for _number, cells in rows:
        ordered = [value for _column, (value, _kind) in sorted(cells.items())]
        for index, value in enumerate(ordered):
            if not isinstance(value, str):
                continue
            match = _UNIT_LABEL.fullmatch(unicodedata.normalize("NFC", value))
            if not match:
                continue
            name = _clean_unit(match.group(1))
            if not name and index + 1 < len(ordered):
                name = _clean_unit(str(ordered[index + 1]))
            if name:
                return name
    return None


def _clean_unit(text):
    return " ".join(text.split()).strip(" .:：…_-–") or None


def _locate_table(book, result):
    """Find the sheet and row of the header; report why not when it cannot be found."""
    best = None  # (score, sheet name, row number, missing roles)
    any_content, first_sheet = False, None
    for sheet in book.sheets():
        first_sheet = first_sheet or sheet.name
        head = list(islice(sheet.rows, HEADER_SCAN_ROWS))
        any_content = any_content or any(cells for _number, cells in head)
        for index, (number, cells) in enumerate(head):
            columns = _header_columns(cells)
            missing = [role for role in REQUIRED_ROLES if role not in columns]
            if not missing:
                result.sheet_name = sheet.name
                result.unit_name = _unit_name(head[:index])
                return sheet, number, columns, chain(head[index + 1 :], sheet.rows)
            if len(columns) >= 2 and (best is None or len(columns) > best[0]):
                best = (len(columns), sheet.name, number, missing)
        if result.unit_name is None:
            result.unit_name = _unit_name(head)
    if first_sheet is None:
        raise _FileProblem(MSG_EMPTY_WORKBOOK)
    if not any_content:
        raise _FileProblem(MSG_EMPTY_SHEET, sheet=first_sheet)
    if best is not None:
        _score, sheet_name, number, missing = best
        result.problems.append(
            Problem(
                number,
                None,
                MSG_HEADER_INCOMPLETE,
                {"sheet": sheet_name, "missing": _labels(missing)},
            )
        )
    else:
        result.problems.append(
            Problem(
                None,
                None,
                MSG_NO_HEADER,
                {
                    "sheet": first_sheet,
                    "scan_rows": HEADER_SCAN_ROWS,
                    "missing": _labels(REQUIRED_ROLES),
                },
            )
        )
    return None


def _labels(roles):
    return ", ".join(f'"{COLUMN_LABELS[role]}"' for role in roles)


# --------------------------------------------------------------------------
# Reading the rows
# --------------------------------------------------------------------------
_END_PREFIXES = (
    "xac nhan",  # signature blocks
    "ky ten",
    "tap the ca nhan dang ky",
    "nguoi lap",
    "thu truong don vi",
    "tong cong",  # a total line
)
_FOOTNOTE = re.compile(r"\s*(?:¹|\(1\)\s*KT\b|KT\s*=)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"[^,\d]{1,60},\s*ng(?:à|a)y\b", re.IGNORECASE)


def _is_terminator(cells, seq_column):
    """A signature, place/date, total or footnote row: the table is over.

    A row numbered in "TT" is data whatever it says (a note may read "Xác nhận...").
    """
    seq = cells.get(seq_column)
    if seq is not None and _as_int(seq[0]) is not None:
        return False
    for value, _kind in cells.values():
        if not isinstance(value, str):
            continue
        if _FOOTNOTE.match(value) or _PLACE_DATE.match(unicodedata.normalize("NFC", value).strip()):
            return True
        if normalize_text(value).startswith(_END_PREFIXES):
            return True
    return False


def _is_numbering_row(cells):
    """The "1 | 2 | ... | 7" row printed under the header."""
    numbers = [_as_int(value) for value, _kind in cells.values()]
    return len(numbers) >= 3 and None not in numbers and numbers == sorted(set(numbers))


_INT_TEXT = re.compile(r"\s*\(?(\d{1,9})[.)]?\s*")


def _as_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 1e9 else None
    if isinstance(value, str):
        match = _INT_TEXT.fullmatch(value)
        return int(match.group(1)) if match else None
    return None


def _to_text(value):
    """Cell value as text; dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
        text = _CONTROL.sub("", text).strip()
        return text or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


class _Merges:
    """Merged ranges below the header, tracked row by row.

    ``advance(row)`` gives the ranges whose top-left cell is on that row (each
    is reported once); ``covered(row)`` the columns hidden under a merge (not
    its top-left cell), whose emptiness the merge problem already explains.
    """

    def __init__(self, ranges, after_row):
        self._by_start = defaultdict(list)
        for merged in ranges:
            if merged[0] > after_row and (merged[0], merged[1]) != (
                merged[2],
                merged[3],
            ):
                self._by_start[merged[0]].append(merged)
        self._active = []

    def advance(self, row):
        """Return the ranges starting on ``row`` and update the active ones."""
        starting = self._by_start.pop(row, [])
        if self._active:
            self._active = [merged for merged in self._active if merged[2] >= row]
        self._active.extend(starting)
        return starting

    def covered(self, row):
        columns = set()
        for min_row, min_col, _max_row, max_col in self._active:
            for column in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                if (row, column) != (min_row, min_col):
                    columns.add(column)
        return columns


class _TableReader:
    """Turns the rows under the header into :class:`SheetRow` objects."""

    def __init__(self, columns, matcher, default_year, max_rows, merges):
        self.columns = columns
        self.by_column = {column: role for role, column in columns.items()}
        self.span = (min(columns.values()), max(columns.values()))
        self.matcher = matcher
        self.default_year = default_year
        self.max_rows = max_rows
        self.merges = merges
        self.seen = {}

    def collect(self, rows, result):
        blank_run, first = 0, True
        for number, cells in rows:
            starting = self.merges.advance(number)
            table = {role: cells[column] for role, column in self.columns.items() if column in cells}
            if set(table) <= {SEQ}:
                table = {}  # a pre-numbered template row left unfilled
            if first and table:
                first = False
                if _is_numbering_row(table):
                    continue
            if _is_terminator(cells, self.columns.get(SEQ)):
                break
            if not table:
                blank_run += 1
                if blank_run > MAX_BLANK_RUN:
                    break
                continue
            if blank_run and result.rows and len(table) < 2:
                break  # a lone remark under the table, not a registration
            blank_run = 0
            if len(result.rows) >= self.max_rows:
                result.problems.append(Problem(number, None, MSG_TOO_MANY_ROWS, {"max_rows": self.max_rows}))
                break
            result.rows.append(self._row(number, table, starting))

    def _row(self, number, table, starting):
        row = SheetRow(row=number)
        skip = {self.by_column[column] for column in self.merges.covered(number) if column in self.by_column}
        self._merge_problems(row, starting)
        values = {}
        for role in ROLES:
            cell = table.get(role)
            if cell is None:
                continue
            value, kind = cell
            if kind != VALUE:
                template = MSG_FORMULA if kind == FORMULA else MSG_CELL_ERROR
                self._add(
                    row,
                    role,
                    template,
                    cell=self._cell(role, number),
                    value=_quote(value),
                )
                skip.add(role)
            else:
                values[role] = value
        row.seq = _as_int(values.get(SEQ))
        row.implementer = self._text(row, IMPLEMENTER, values, skip)
        row.model_name = self._text(row, MODEL_NAME, values, skip)
        self._sector(row, values, skip)
        self._period(row, values, skip)
        row.expected_result = self._text(row, RESULT, values, skip)
        row.note = self._text(row, NOTE, values, skip)
        self._duplicate(row)
        return row

    def _cell(self, role, number):
        return f"{get_column_letter(self.columns[role])}{number}"

    def _add(self, row, role, template, **params):
        column = COLUMN_LABELS[role] if role else None
        if role:
            params.setdefault("letter", get_column_letter(self.columns[role]))
        row.problems.append(Problem(row.row, column, template, params))

    def _text(self, row, role, values, skip):
        """Text of a cell; reports it missing (when required) or too long (then cut)."""
        text = _to_text(values.get(role))
        if text is not None and role in (IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD):
            text = " ".join(text.split())
        if text is None:
            if role in REQUIRED_ROLES and role not in skip:
                self._add(row, role, MSG_MISSING_VALUE)
            return None
        limit = _TEXT_LIMITS.get(role)
        if limit and len(text) > limit:
            self._add(row, role, MSG_TOO_LONG, length=len(text), limit=limit)
            skip.add(role)
            text = text[:limit]
        return text

    def _sector(self, row, values, skip):
        row.sector_raw = self._text(row, SECTOR, values, skip)
        if row.sector_raw is None or SECTOR in skip:
            return
        row.sector_code = self.matcher.match(row.sector_raw)
        if row.sector_code is None:
            self._add(
                row,
                SECTOR,
                MSG_UNKNOWN_SECTOR,
                value=_quote(row.sector_raw),
                expected=", ".join(self.matcher.codes),
            )

    def _period(self, row, values, skip):
        row.period_raw = self._text(row, PERIOD, values, skip)
        if row.period_raw is None or PERIOD in skip:
            return
        try:
            row.date_start, row.date_end = parse_period(values[PERIOD], self.default_year)
        except PeriodError as error:
            params = {"value": _quote(row.period_raw)}
            if error.code == "reversed":
                params.update(
                    date_start=error.date_start.isoformat(),
                    date_end=error.date_end.isoformat(),
                )
                self._add(row, PERIOD, MSG_PERIOD_REVERSED, **params)
            elif error.code == "no_year":
                self._add(row, PERIOD, MSG_PERIOD_NO_YEAR, **params)
            else:
                self._add(row, PERIOD, MSG_BAD_PERIOD, **params)

    def _merge_problems(self, row, starting):
        for min_row, min_col, max_row, max_col in starting:
            if max_col < self.span[0] or min_col > self.span[1]:
                continue  # beside the table
            cell_range = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            role = self.by_column.get(min_col)
            self._add(row, role, MSG_MERGED, range=cell_range)

    def _duplicate(self, row):
        if not row.implementer or not row.model_name:
            return
        key = (normalize_text(row.implementer), normalize_text(row.model_name))
        other = self.seen.setdefault(key, row.row)
        if other != row.row:
            self._add(row, MODEL_NAME, MSG_DUPLICATE, other_row=other)


# --------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------
def parse_registration_sheet(data, file_name, sectors, *, default_year=None, max_rows=20000):
    """Read a registration sheet (.xlsx or .xls, told apart by content).

    ``sectors`` are the known (code, name) pairs.  Never raises: whatever is
    wrong is in ``result.problems`` (file level) or ``row.problems``.
    """
    result = SheetResult(file_name=file_name or "")
    book = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = _open_book(bytes(data or b""), file_name)
            result.file_format = book.file_format
            _read_book(book, result, SectorMatcher(sectors or []), default_year, max_rows)
    except _FileProblem as problem:
        result.problems.append(_file_problem(problem.message, file_name, problem.params))
    except Exception as exc:
        result.problems.append(_file_problem(MSG_CORRUPT, file_name, {"detail": _describe(exc)}))
    finally:
        if book is not None:
            try:
                book.close()
            except Exception:  # noqa: S110 - closing a broken file is best effort
                pass
    return result


def _file_problem(message, file_name, params):
    return Problem(None, None, message, {"file_name": _quote(file_name or "?"), **params})


def _read_book(book, result, matcher, default_year, max_rows):
    located = _locate_table(book, result)
    if located is None:
        return
    sheet, header_row, columns, rows = located
    result.header_row = header_row
    result.columns = {role: get_column_letter(column) for role, column in columns.items()}
    merges = _Merges(sheet.merged(), header_row)
    _TableReader(columns, matcher, default_year, max_rows, merges).collect(rows, result)
    if not result.rows:
        result.problems.append(Problem(header_row, None, MSG_NO_DATA, {}))
