"""Text of the cells: comparable names, cell values as text, sector codes."""

import datetime as dt
import hashlib
import re
import unicodedata

from .limits import QUOTE_MAX_CHARS


class _AccentTable(dict):
    """``str.translate`` table taking diacritics off, filled one character at a time.

    A character maps to its compatibility decomposition without combining marks
    ("ộ" → "o", a lone combining mark → ""), and "đ" to "d": the same as
    decomposing the whole text, for a decomposition is done character by character.
    """

    def __missing__(self, code):
        char = chr(code)
        if char in "đĐ":
            base = "d" if char == "đ" else "D"
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if len(self) < 20000:  # Vietnamese needs a few hundred; a hostile file may not grow it further
            self[code] = base
        return base


_ACCENTS = _AccentTable()
_NON_WORD = re.compile(r"[\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
WHITESPACE = re.compile(r"\s+")


def strip_accents(text):
    """Remove Vietnamese diacritics (đ→d) but keep case and punctuation."""
    if text.isascii():
        return text
    return text.translate(_ACCENTS)


def normalize_text(value):
    """Comparable form of a name: lower case, no diacritics, words split by one space.

    ``"Phòng Tư   pháp."`` and ``"phong tu phap"`` give the same result; the
    Odoo layer uses it to match implementers, agencies and sectors.
    """
    if value is None:
        return ""
    return _NON_WORD.sub(" ", strip_accents(str(value)).casefold()).strip()


def dedup_key(implementer, name):
    """Key telling that two lines are the same model: same implementer, same name (R6.2).

    Case, diacritics, spacing and punctuation do not matter; a digest keeps it
    short whatever the length of the names (dvk.model stores it in an index).
    """
    key = f"{normalize_text(implementer or '')}|{normalize_text(name or '')}"
    return hashlib.sha1(key.encode()).hexdigest()  # noqa: S324 - a key, not a secret


def compact(value):
    return normalize_text(value).replace(" ", "")


def quote(value):
    """``value`` as text short enough to be quoted in a message."""
    text = str(value)
    return text if len(text) <= QUOTE_MAX_CHARS else text[: QUOTE_MAX_CHARS - 1] + "…"


def text_or_none(value):
    """Drop blank strings so that a cell holding spaces counts as empty."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def to_text(value):
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


_INT_TEXT = re.compile(r"\s*\(?(\d{1,9})[.)]?\s*")


def as_int(value):
    """A row number as written in "TT" ("3", "3.", "(3)", 3.0), or None."""
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
        self._seen = {}  # value -> code: a sheet repeats the same few values
        for code, name in sectors:
            for label in (code, name):
                self._add(label, code)

    def _add(self, label, code):
        if not label:
            return
        key = compact(label)
        if key:
            self._by_key.setdefault(key, code)
        parts = self._parts(label)
        if len(parts) > 1:
            self._by_parts.setdefault(parts, code)

    @staticmethod
    def _parts(label):
        plain = strip_accents(str(label)).casefold()
        return frozenset(filter(None, (compact(part) for part in _SECTOR_PARTS.split(plain))))

    def match(self, value):
        """Return the sector code ``value`` designates, or None."""
        if value is None:
            return None
        text = str(value)
        if text not in self._seen:
            if len(self._seen) > 10000:
                self._seen.clear()
            self._seen[text] = self._match(text)
        return self._seen[text]

    def _match(self, text):
        candidates = [text, _PARENTHESES.sub(" ", text), *_PARENTHESES.findall(text)]
        for candidate in candidates:
            key = compact(candidate)
            if key.startswith("linhvuc") and key != "linhvuc":
                key = key[len("linhvuc") :]
            if key in self._by_key:
                return self._by_key[key]
            parts = self._parts(candidate)
            if len(parts) > 1 and parts in self._by_parts:
                return self._by_parts[parts]
        return None
