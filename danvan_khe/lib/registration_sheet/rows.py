"""Reading the rows under the header into :class:`~.results.SheetRow` objects.

The table ends at the signature blocks, the place and date line, a total line,
the footnote, or a long run of blank rows; the "1 | 2 | ... | 7" numbering row
under the header is skipped.  Every problem names its row and column.
"""

import re
import unicodedata
from collections import defaultdict

from openpyxl.utils import get_column_letter

from ..annex import IMPLEMENTER, KEYS, LABELS, MODEL_NAME, NOTE, PERIOD, RESULT, SECTOR, SEQ
from .limits import MAX_BLANK_RUN, MAX_COLUMNS, NAME_MAX_CHARS, TEXT_MAX_CHARS
from .messages import (
    MSG_BAD_PERIOD,
    MSG_CELL_ERROR,
    MSG_DUPLICATE,
    MSG_FORMULA,
    MSG_MERGED,
    MSG_MISSING_VALUE,
    MSG_PERIOD_NO_YEAR,
    MSG_PERIOD_REVERSED,
    MSG_TOO_LONG,
    MSG_TOO_MANY_ROWS,
    MSG_UNKNOWN_SECTOR,
)
from .periods import PeriodError, parse_period, whole_year
from .results import Problem, SheetRow
from .text import as_int, normalize_text, quote, to_text
from .workbook import FORMULA, VALUE

ROLES = KEYS
# Cells a row cannot do without.  "Thời gian thực hiện" is among them only when
# no default year is given: a blank period otherwise covers that whole year.
REQUIRED_ROLES = (IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD)
_TEXT_LIMITS = {
    IMPLEMENTER: NAME_MAX_CHARS,
    MODEL_NAME: NAME_MAX_CHARS,
    SECTOR: NAME_MAX_CHARS,
    PERIOD: NAME_MAX_CHARS,
    RESULT: TEXT_MAX_CHARS,
    NOTE: TEXT_MAX_CHARS,
}
_SINGLE_LINE = (IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD)

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


def is_terminator(cells, seq_column):
    """A signature, place/date, total or footnote row: the table is over.

    A row numbered in "TT" is data whatever it says (a note may read "Xác nhận...").
    """
    seq = cells.get(seq_column)
    if seq is not None and as_int(seq[0]) is not None:
        return False
    for value, _kind in cells.values():
        if not isinstance(value, str):
            continue
        if _FOOTNOTE.match(value) or _PLACE_DATE.match(unicodedata.normalize("NFC", value).strip()):
            return True
        if normalize_text(value).startswith(_END_PREFIXES):
            return True
    return False


def is_numbering_row(cells):
    """The "1 | 2 | ... | 7" row printed under the header."""
    numbers = [as_int(value) for value, _kind in cells.values()]
    return len(numbers) >= 3 and None not in numbers and numbers == sorted(set(numbers))


class Merges:
    """Merged ranges below the header, tracked row by row.

    ``advance(row)`` gives the ranges whose top-left cell is on that row (each
    is reported once); ``covered(row)`` the columns hidden under a merge (not
    its top-left cell), whose emptiness the merge problem already explains.
    """

    def __init__(self, ranges, after_row):
        self._by_start = defaultdict(list)
        for merged in ranges:
            if merged[0] > after_row and (merged[0], merged[1]) != (merged[2], merged[3]):
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


class TableReader:
    """Turns the rows under the header into :class:`SheetRow` objects."""

    def __init__(self, columns, matcher, default_year, max_rows, merges):
        self.columns = columns
        self.by_column = {column: role for role, column in columns.items()}
        self.span = (min(columns.values()), max(columns.values()))
        self.matcher = matcher
        self.default_year = default_year
        self.required = tuple(r for r in REQUIRED_ROLES if r != PERIOD or default_year is None)
        self.max_rows = max_rows
        self.merges = merges
        self.seen = {}
        self._periods = {}  # text -> dates or PeriodError: a sheet repeats the same few periods

    def collect(self, rows, result):
        blank_run, first = 0, True
        for number, cells in rows:
            starting = self.merges.advance(number)
            table = {role: cells[column] for role, column in self.columns.items() if column in cells}
            if set(table) <= {SEQ}:
                table = {}  # a pre-numbered template row left unfilled
            if first and table:
                first = False
                if is_numbering_row(table):
                    continue
            if is_terminator(cells, self.columns.get(SEQ)):
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
                self._add(row, role, template, cell=self._cell(role, number), value=quote(value))
                skip.add(role)
            else:
                values[role] = value
        row.seq = as_int(values.get(SEQ))
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
        column = LABELS[role] if role else None
        if role:
            params.setdefault("letter", get_column_letter(self.columns[role]))
        row.problems.append(Problem(row.row, column, template, params))

    def _text(self, row, role, values, skip):
        """Text of a cell; reports it missing (when required) or too long (then cut)."""
        text = to_text(values.get(role))
        if text is not None and role in _SINGLE_LINE:
            text = " ".join(text.split())
        if text is None:
            if role in self.required and role not in skip:
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
                value=quote(row.sector_raw),
                expected=", ".join(self.matcher.codes),
            )

    def _period(self, row, values, skip):
        row.period_raw = self._text(row, PERIOD, values, skip)
        if PERIOD in skip:
            return
        if row.period_raw is None:
            if self.default_year is not None:
                try:
                    row.date_start, row.date_end = whole_year(self.default_year)
                    row.period_defaulted = True
                except PeriodError:
                    self._add(row, PERIOD, MSG_MISSING_VALUE)
            return
        try:
            row.date_start, row.date_end = self._parse_period(values[PERIOD])
        except PeriodError as error:
            params = {"value": quote(row.period_raw)}
            if error.code == "reversed":
                params.update(date_start=error.date_start.isoformat(), date_end=error.date_end.isoformat())
                self._add(row, PERIOD, MSG_PERIOD_REVERSED, **params)
            elif error.code == "no_year":
                self._add(row, PERIOD, MSG_PERIOD_NO_YEAR, **params)
            else:
                self._add(row, PERIOD, MSG_BAD_PERIOD, **params)

    def _parse_period(self, value):
        if not isinstance(value, str):
            return parse_period(value, self.default_year)
        if value not in self._periods:
            if len(self._periods) > 10000:
                self._periods.clear()
            try:
                self._periods[value] = parse_period(value, self.default_year)
            except PeriodError as error:
                self._periods[value] = error
        known = self._periods[value]
        if isinstance(known, PeriodError):
            raise PeriodError(known.code, known.date_start, known.date_end)
        return known

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
