"""Finding the registration table: the sheet, its header row, its columns, the unit name."""

import re
import unicodedata
from itertools import chain, islice

from ..annex import IMPLEMENTER, LABELS, MODEL_NAME, NOTE, PERIOD, RESULT, SECTOR, SEQ
from .limits import HEADER_SCAN_ROWS
from .messages import MSG_EMPTY_SHEET, MSG_EMPTY_WORKBOOK, MSG_HEADER_INCOMPLETE, MSG_NO_HEADER
from .results import Problem
from .safety import FileProblem
from .text import normalize_text

# The columns a header must have to be the table's.
HEADER_ROLES = (IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD)


def header_role(label):
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


def header_columns(cells):
    """{role: column number} of a candidate header row."""
    columns = {}
    for column, (value, _kind) in sorted(cells.items()):
        if isinstance(value, str):
            role = header_role(normalize_text(value))
            if role and role not in columns:
                columns[role] = column
    return columns


_UNIT_LABEL = re.compile(r"\s*(?:đơn|don)\s*(?:vị|vi)\b[\s:：.…_\-–]*(.*)", re.IGNORECASE | re.DOTALL)


def unit_name(rows):
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


def locate_table(book, result):
    """Find the sheet and row of the header; report why not when it cannot be found.

    Returns ``(sheet, header row number, {role: column}, rows under the header)``
    or None (the reason is then in ``result.problems``).  Sets
    ``result.sheet_name`` and ``result.unit_name``.
    """
    best = None  # (score, sheet name, row number, missing roles)
    any_content, first_sheet = False, None
    for sheet in book.sheets():
        first_sheet = first_sheet or sheet.name
        head = list(islice(sheet.rows, HEADER_SCAN_ROWS))
        any_content = any_content or any(cells for _number, cells in head)
        for index, (number, cells) in enumerate(head):
            columns = header_columns(cells)
            missing = [role for role in HEADER_ROLES if role not in columns]
            if not missing:
                result.sheet_name = sheet.name
                result.unit_name = unit_name(head[:index])
                return sheet, number, columns, chain(head[index + 1 :], sheet.rows)
            if len(columns) >= 2 and (best is None or len(columns) > best[0]):
                best = (len(columns), sheet.name, number, missing)
        if result.unit_name is None:
            result.unit_name = unit_name(head)
    if first_sheet is None:
        raise FileProblem(MSG_EMPTY_WORKBOOK)
    if not any_content:
        raise FileProblem(MSG_EMPTY_SHEET, sheet=first_sheet)
    if best is not None:
        _score, sheet_name, number, missing = best
        result.problems.append(
            Problem(number, None, MSG_HEADER_INCOMPLETE, {"sheet": sheet_name, "missing": labels(missing)})
        )
    else:
        result.problems.append(
            Problem(
                None,
                None,
                MSG_NO_HEADER,
                {"sheet": first_sheet, "scan_rows": HEADER_SCAN_ROWS, "missing": labels(HEADER_ROLES)},
            )
        )
    return None


def labels(roles):
    return ", ".join(f'"{LABELS[role]}"' for role in roles)
