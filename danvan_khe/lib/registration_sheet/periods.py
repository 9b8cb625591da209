"""The "Thời gian thực hiện" column: the ways agencies write a period, turned into dates."""

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .limits import YEAR_MAX, YEAR_MIN
from .text import WHITESPACE, strip_accents


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


def whole_year(year):
    """(1 January, 31 December) of ``year``: a row that names no period covers the year."""
    return dt.date(_check_year(year), 1, 1), dt.date(year, 12, 31)


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
    plain = strip_accents(unicodedata.normalize("NFC", text)).lower().strip()
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
    return WHITESPACE.sub("", text).strip("-/.,;:()")


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
