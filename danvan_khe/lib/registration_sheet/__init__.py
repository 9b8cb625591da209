"""Reader for "Dân vận khéo" registration sheets (RA, R6.2).

Agencies keep their registrations in Excel, laid out as the annex of Decision
976/QĐ-UBND (Trà Vinh, 26/06/2023; the layout is defined once in ``lib/annex.py``)::

    ĐƠN VỊ: <agency>                                   (title rows, optional)
    BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO
    (Kèm theo Quyết định số: 976/QĐ-UBND ...)
    TT | Tên tập thể/ cá nhân thực hiện | Tên mô hình | Lĩnh vực ¹ | ...   header
    1  | 2 | 3 | 4 | 5 | 6 | 7                                            optional
    1  | Phòng Tư pháp | Mô hình ... | KT | Năm 2024 | ... | ...         data
    ...signature blocks, footnote "¹ KT = kinh tế; ..."                 ignored

Plain Python on purpose (no Odoo import): it is tested standalone and the Odoo
layer only maps its result onto records.  It never raises on bad input:
everything wrong with a file is reported as a :class:`Problem` that names the
row and column concerned.

The package, one job per module:

* ``messages``  the message templates (English, translated by the Odoo layer)
* ``results``   what is returned: :class:`SheetResult`, :class:`SheetRow`, :class:`Problem`
* ``limits``    bounds on size and time for hostile files
* ``safety``    checks of the bytes before any workbook library reads them
* ``workbook``  .xlsx / .xls as rows of cells, formulas read by their saved value
* ``periods``   "Thời gian thực hiện" turned into dates
* ``text``      comparable names, cell text, sector codes
* ``locate``    the sheet, header row, columns and unit name of the table
* ``rows``      the data rows under the header and their problems
* ``reader``    :func:`parse_registration_sheet`, the entry point
"""

from ..annex import IMPLEMENTER, MODEL_NAME, NOTE, PERIOD, RESULT, SECTOR, SEQ
from ..annex import LABELS as COLUMN_LABELS
from .limits import (
    HEADER_SCAN_ROWS,
    MAX_BLANK_RUN,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_MERGED_RANGES,
    MAX_SHEETS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
    NAME_MAX_CHARS,
    OLE2_MAGIC,
    QUOTE_MAX_CHARS,
    RATIO_CHECK_MIN_BYTES,
    TEXT_MAX_CHARS,
    XML_PROLOG_SCAN_BYTES,
    YEAR_MAX,
    YEAR_MIN,
    ZIP_MAGICS,
)
from .messages import (
    _lt,
    MSG_BAD_PERIOD,
    MSG_CELL_ERROR,
    MSG_CORRUPT,
    MSG_DUPLICATE,
    MSG_EMPTY_FILE,
    MSG_EMPTY_SHEET,
    MSG_EMPTY_WORKBOOK,
    MSG_ENCRYPTED,
    MSG_FILE_TOO_BIG,
    MSG_FORMULA,
    MSG_HEADER_INCOMPLETE,
    MSG_MERGED,
    MSG_MISSING_VALUE,
    MSG_NOT_SPREADSHEET,
    MSG_NO_DATA,
    MSG_NO_HEADER,
    MSG_PERIOD_NO_YEAR,
    MSG_PERIOD_REVERSED,
    MSG_PREFIX_COLUMN,
    MSG_PREFIX_ROW,
    MSG_PREFIX_ROW_COLUMN,
    MSG_TOO_LONG,
    MSG_TOO_MANY_PARTS,
    MSG_TOO_MANY_ROWS,
    MSG_UNKNOWN_SECTOR,
    MSG_UNPACKED_TOO_BIG,
    MSG_XML_DTD,
    MSG_ZIP_BOMB,
)
from .periods import PeriodError, parse_period, whole_year
from .reader import parse_registration_sheet
from .results import Problem, SheetResult, SheetRow
from .rows import REQUIRED_ROLES, ROLES
from .text import SectorMatcher, dedup_key, normalize_text
from .workbook import ERROR, FORMULA, VALUE

__all__ = [
    "COLUMN_LABELS",
    "ERROR",
    "FORMULA",
    "HEADER_SCAN_ROWS",
    "IMPLEMENTER",
    "MAX_BLANK_RUN",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_FILE_BYTES",
    "MAX_MERGED_RANGES",
    "MAX_SHEETS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_ZIP_MEMBERS",
    "MODEL_NAME",
    "MSG_BAD_PERIOD",
    "MSG_CELL_ERROR",
    "MSG_CORRUPT",
    "MSG_DUPLICATE",
    "MSG_EMPTY_FILE",
    "MSG_EMPTY_SHEET",
    "MSG_EMPTY_WORKBOOK",
    "MSG_ENCRYPTED",
    "MSG_FILE_TOO_BIG",
    "MSG_FORMULA",
    "MSG_HEADER_INCOMPLETE",
    "MSG_MERGED",
    "MSG_MISSING_VALUE",
    "MSG_NOT_SPREADSHEET",
    "MSG_NO_DATA",
    "MSG_NO_HEADER",
    "MSG_PERIOD_NO_YEAR",
    "MSG_PERIOD_REVERSED",
    "MSG_PREFIX_COLUMN",
    "MSG_PREFIX_ROW",
    "MSG_PREFIX_ROW_COLUMN",
    "MSG_TOO_LONG",
    "MSG_TOO_MANY_PARTS",
    "MSG_TOO_MANY_ROWS",
    "MSG_UNKNOWN_SECTOR",
    "MSG_UNPACKED_TOO_BIG",
    "MSG_XML_DTD",
    "MSG_ZIP_BOMB",
    "NAME_MAX_CHARS",
    "NOTE",
    "OLE2_MAGIC",
    "PERIOD",
    "QUOTE_MAX_CHARS",
    "RATIO_CHECK_MIN_BYTES",
    "REQUIRED_ROLES",
    "RESULT",
    "ROLES",
    "SECTOR",
    "SEQ",
    "TEXT_MAX_CHARS",
    "VALUE",
    "XML_PROLOG_SCAN_BYTES",
    "YEAR_MAX",
    "YEAR_MIN",
    "ZIP_MAGICS",
    "PeriodError",
    "Problem",
    "SectorMatcher",
    "SheetResult",
    "SheetRow",
    "_lt",
    "dedup_key",
    "normalize_text",
    "parse_period",
    "parse_registration_sheet",
    "whole_year",
]
