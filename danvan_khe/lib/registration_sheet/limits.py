"""Limits of the reader.  They bound time and memory for hostile files; a real
annex is far below each of them."""

# the file and its container
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Small parts may legitimately compress very well; a bomb must also be big.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 5000
XML_PROLOG_SCAN_BYTES = 64 * 1024

# the workbook and its table
MAX_SHEETS = 50
MAX_COLUMNS = 30
HEADER_SCAN_ROWS = 50
MAX_BLANK_RUN = 100
MAX_MERGED_RANGES = 1000

# the cells
NAME_MAX_CHARS = 2000
TEXT_MAX_CHARS = 10000
QUOTE_MAX_CHARS = 80
YEAR_MIN, YEAR_MAX = 1900, 2100

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
