"""What the reader returns: the table rows and every problem found, never an exception."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .messages import MSG_PREFIX_COLUMN, MSG_PREFIX_ROW, MSG_PREFIX_ROW_COLUMN


def _identity(message):
    return message


def _fill(translate, template, params):
    """Translate and fill ``template``; a broken translation falls back to the source."""
    try:
        return translate(template) % params
    except (KeyError, ValueError, TypeError):
        return template % params


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


@dataclass
class SheetRow:
    """One data row of the registration table.

    ``period_defaulted`` is set when the "Thời gian thực hiện" cell was blank
    and the row took the whole default year.
    """

    row: int
    seq: int | None = None
    implementer: str | None = None
    model_name: str | None = None
    sector_raw: str | None = None
    sector_code: str | None = None
    period_raw: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    period_defaulted: bool = False
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
