"""File safety: what is checked before a workbook library is let near the bytes.

A file is told apart by its content, never by its name: a zip container (.xlsx)
is vetted from its central directory (encryption, size once unpacked, zip
bombs, number of parts, XML entity declarations); an OLE2 file is either a
legacy .xls or a password-protected .xlsx.  Anything else is not a spreadsheet.
"""

import io
import zipfile

from xlrd import compdoc

from .limits import (
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
    OLE2_MAGIC,
    RATIO_CHECK_MIN_BYTES,
    XML_PROLOG_SCAN_BYTES,
    ZIP_MAGICS,
)
from .messages import (
    MSG_CORRUPT,
    MSG_EMPTY_FILE,
    MSG_ENCRYPTED,
    MSG_FILE_TOO_BIG,
    MSG_NOT_SPREADSHEET,
    MSG_TOO_MANY_PARTS,
    MSG_UNPACKED_TOO_BIG,
    MSG_XML_DTD,
    MSG_ZIP_BOMB,
)
from .text import quote


class FileProblem(Exception):
    """Stops reading a file; carries the file-level problem to report."""

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params


def mb(size):
    return round(size / (1024 * 1024), 1)


def describe(exc):
    """Short description of an exception, for a "damaged file" message."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return quote(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def sniff(data):
    """Return "xlsx" or "xls" for bytes that passed the checks; raise :class:`FileProblem` otherwise."""
    if not data:
        raise FileProblem(MSG_EMPTY_FILE)
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(MSG_FILE_TOO_BIG, size_mb=mb(len(data)), limit_mb=mb(MAX_FILE_BYTES))
    if data.startswith(ZIP_MAGICS):
        check_zip(data)
        return "xlsx"
    if data.startswith(OLE2_MAGIC):
        check_ole(data)
        return "xls"
    raise FileProblem(MSG_NOT_SPREADSHEET)


def check_zip(data):
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
        raise FileProblem(MSG_CORRUPT, detail=describe(exc)) from exc
    with archive:
        if len(members) > MAX_ZIP_MEMBERS:
            raise FileProblem(MSG_TOO_MANY_PARTS, count=len(members), limit=MAX_ZIP_MEMBERS)
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise FileProblem(
                MSG_UNPACKED_TOO_BIG,
                size_mb=mb(total),
                limit_mb=mb(MAX_UNCOMPRESSED_BYTES),
            )
        for member in members:
            _check_member(member)
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or not any(name.endswith("workbook.xml") for name in names):
            raise FileProblem(MSG_NOT_SPREADSHEET)
        for member in members:
            _check_xml_prolog(archive, member)


def _check_member(member):
    if member.flag_bits & 0x1:
        raise FileProblem(MSG_ENCRYPTED)
    if member.file_size >= RATIO_CHECK_MIN_BYTES:
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise FileProblem(MSG_ZIP_BOMB, member=quote(member.filename), ratio=int(ratio))


def _check_xml_prolog(archive, member):
    """Refuse XML parts declaring a DTD: entity expansion is the XML flavour of a bomb."""
    if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
        return
    try:
        with archive.open(member) as stream:
            head = stream.read(XML_PROLOG_SCAN_BYTES)
    except Exception as exc:
        raise FileProblem(MSG_CORRUPT, detail=describe(exc)) from exc
    head = head.replace(b"\x00", b"")  # also catches UTF-16/UTF-32 encoded parts
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise FileProblem(MSG_XML_DTD, member=quote(member.filename))


def check_ole(data):
    """An OLE2 file is either a legacy .xls or an encrypted .xlsx (EncryptionInfo stream)."""
    try:
        document = compdoc.CompDoc(data, logfile=io.StringIO())
        names = {entry.name for entry in document.dirlist}
    except Exception as exc:
        raise FileProblem(MSG_CORRUPT, detail=describe(exc)) from exc
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        raise FileProblem(MSG_ENCRYPTED)
