"""Message templates of the reader: English source strings, translated by the Odoo layer.

They are marked with :func:`_lt` so that Odoo's translation exporter picks them
up; :meth:`~.results.Problem.render` fills them, translated when the caller
gives a translation function (the wizard passes ``env._``).
"""


def _lt(message):
    """Mark ``message`` for translation; the caller translates it when rendering."""
    return message


MSG_PREFIX_ROW_COLUMN = _lt("Row %(row)s, column %(column)s: ")
MSG_PREFIX_ROW = _lt("Row %(row)s: ")
MSG_PREFIX_COLUMN = _lt("Column %(column)s: ")

# the file
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

# the workbook and its table
MSG_EMPTY_WORKBOOK = _lt("The workbook %(file_name)s has no worksheet.")
MSG_EMPTY_SHEET = _lt("The worksheet %(sheet)s is empty.")
MSG_NO_HEADER = _lt(
    "No header row of the registration table was found in the first %(scan_rows)s rows "
    "of worksheet %(sheet)s; missing columns: %(missing)s."
)
MSG_HEADER_INCOMPLETE = _lt("The header row of worksheet %(sheet)s lacks the required columns: %(missing)s.")
MSG_NO_DATA = _lt("The registration table has no data rows under its header.")
MSG_TOO_MANY_ROWS = _lt("The table has more than %(max_rows)s data rows; split it into several files.")

# the cells
MSG_MISSING_VALUE = _lt("This required cell is empty.")
MSG_UNKNOWN_SECTOR = _lt('Unknown sector "%(value)s"; expected one of: %(expected)s.')
MSG_BAD_PERIOD = _lt(
    'Cannot read the period "%(value)s"; write for example "Năm 2024", "3/2024 - 12/2024" or "Quý I - IV/2024".'
)
MSG_PERIOD_NO_YEAR = _lt('The period "%(value)s" does not say which year.')
MSG_PERIOD_REVERSED = _lt('The period "%(value)s" ends (%(date_end)s) before it starts (%(date_start)s).')
MSG_FORMULA = _lt(
    'Cell %(cell)s holds the formula "%(value)s" without its calculated value; open the file in Excel '
    "or LibreOffice, save it again and upload it, or type the value itself."
)
MSG_CELL_ERROR = _lt('Cell %(cell)s holds the error value "%(value)s".')
MSG_MERGED = _lt("Cells %(range)s are merged inside the table; unmerge them and fill every row.")
MSG_DUPLICATE = _lt("Duplicate of row %(other_row)s (same implementer and model name).")
MSG_TOO_LONG = _lt("The text is %(length)s characters long, more than the %(limit)s allowed; it was cut.")
