"""The entry point: bytes of a file in, a :class:`~.results.SheetResult` out."""

import warnings

from openpyxl.utils import get_column_letter

from .locate import locate_table
from .messages import MSG_CORRUPT, MSG_NO_DATA
from .results import Problem, SheetResult
from .rows import Merges, TableReader
from .safety import FileProblem, describe
from .text import SectorMatcher, quote
from .workbook import open_book


def parse_registration_sheet(data, file_name, sectors, *, default_year=None, max_rows=20000, head_only=False):
    """Read a registration sheet (.xlsx or .xls, told apart by content).

    ``sectors`` are the known (code, name) pairs.  ``default_year`` fills a
    period that names no year, and is the period of a row whose "Thời gian
    thực hiện" is blank.  ``head_only`` stops at the header: the file-level
    problems and the unit name ("ĐƠN VỊ") without reading the rows.  Never
    raises: whatever is wrong is in ``result.problems`` (file level) or
    ``row.problems``.
    """
    result = SheetResult(file_name=file_name or "")
    book = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = open_book(bytes(data or b""))
            result.file_format = book.file_format
            _read_book(book, result, SectorMatcher(sectors or []), default_year, max_rows, head_only)
    except FileProblem as problem:
        result.problems.append(_file_problem(problem.message, file_name, problem.params))
    except Exception as exc:
        result.problems.append(_file_problem(MSG_CORRUPT, file_name, {"detail": describe(exc)}))
    finally:
        if book is not None:
            try:
                book.close()
            except Exception:  # noqa: S110 - closing a broken file is best effort
                pass
    return result


def _file_problem(message, file_name, params):
    return Problem(None, None, message, {"file_name": quote(file_name or "?"), **params})


def _read_book(book, result, matcher, default_year, max_rows, head_only):
    located = locate_table(book, result)
    if located is None or head_only:
        return
    sheet, header_row, columns, rows = located
    result.header_row = header_row
    result.columns = {role: get_column_letter(column) for role, column in columns.items()}
    merges = Merges(sheet.merged(), header_row)
    TableReader(columns, matcher, default_year, max_rows, merges).collect(rows, result)
    if not result.rows:
        result.problems.append(Problem(header_row, None, MSG_NO_DATA, {}))
