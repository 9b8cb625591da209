"""RA: the annex of Decision 976/QĐ-UBND (Trà Vinh, 26/06/2023), defined once.

"BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO": the registration form every
agency fills in.  Its title, its seven numbered columns, the decision it is
attached to, its signature blocks and its footnote are the regulation's words,
printed in Vietnamese whatever the user's language: they are data, not
user-interface text.  The spreadsheet reader (lib/registration_sheet), the
spreadsheet writer (report/registration_xlsx.py), the printed form (QWeb) and
the tests all take them from here.

Plain Python (no Odoo import).  QWeb templates get the same content through
:func:`annex_values`, e.g.::

    <th t-foreach="annex['columns']" t-as="col">
        <t t-out="col['label']"/><sup t-if="col['footnote']" t-out="col['footnote']"/>
    </th>
    ...
    <td t-foreach="annex['columns']" t-as="col" t-out="col['number']"/>
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .vn_format import format_vn_date

TITLE = "BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO"
UNIT_LABEL = "ĐƠN VỊ"

# The decision the annex is attached to, as printed under the title.  Every act,
# this one included, prints its own number, date and issuer: see reference().
DECISION_NUMBER = "976/QĐ-UBND"
DECISION_YEAR, DECISION_MONTH, DECISION_DAY = 2023, 6, 26
DECISION_ISSUER = "Ủy ban nhân dân tỉnh Trà Vinh"
REFERENCE = "(Kèm theo Quyết định số: 976/QĐ-UBND ngày 26 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Trà Vinh)"

FOOTNOTE_MARK = "¹"
# The footnote explains the codes of the "Lĩnh vực" column: it lists the sectors of the
# regulation in force (see footnote()); these are Decision 976's four, as its annex prints them.
FOOTNOTE_SECTORS = (
    ("KT", "kinh tế"),
    ("VH-XH", "Văn hóa - xã hội"),
    ("AN-QP", "An ninh - Quốc phòng"),
    ("XD HTCT", "Xây dựng hệ thống chính trị"),
)


def footnote(sectors=None):
    """'¹ KT = kinh tế; VH-XH = …; XD HTCT = ….': the footnote of the sector column.

    ``sectors`` are ``(code, Vietnamese name)`` pairs in the regulation's order;
    without them, Decision 976's four (:data:`FOOTNOTE_SECTORS`).
    """
    pairs = [(code, name) for code, name in (FOOTNOTE_SECTORS if sectors is None else sectors) if code]
    if not pairs:
        return ""
    return f"{FOOTNOTE_MARK} " + "; ".join(f"{code} = {name}" if name else code for code, name in pairs) + "."


FOOTNOTE = footnote()


@dataclass(frozen=True)
class AnnexColumn:
    """One column of the annex table: its number (1-7), key and printed label."""

    number: int
    key: str
    label: str
    footnote: str = ""  # the mark printed after the label ("¹" on "Lĩnh vực")

    @property
    def heading(self):
        """The label as the header cell prints it, footnote mark included."""
        return f"{self.label} {self.footnote}" if self.footnote else self.label


# Keys: what each column holds; the reader calls them roles.
SEQ, IMPLEMENTER, MODEL_NAME, SECTOR, PERIOD, RESULT, NOTE = (
    "seq",
    "implementer",
    "model_name",
    "sector",
    "period",
    "expected_result",
    "note",
)

COLUMNS = (
    AnnexColumn(1, SEQ, "TT"),
    AnnexColumn(2, IMPLEMENTER, "Tên tập thể/ cá nhân thực hiện"),
    AnnexColumn(3, MODEL_NAME, "Tên mô hình"),
    AnnexColumn(4, SECTOR, "Lĩnh vực", FOOTNOTE_MARK),
    AnnexColumn(5, PERIOD, "Thời gian thực hiện"),
    AnnexColumn(6, RESULT, "Kết quả ước đạt"),
    AnnexColumn(7, NOTE, "Ghi chú"),
)
KEYS = tuple(column.key for column in COLUMNS)
LABELS = {column.key: column.label for column in COLUMNS}
HEADINGS = tuple(column.heading for column in COLUMNS)

# Signature blocks, left to right: (title, hint).
SIGNATURES = (
    ("Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị", "(Ký tên, đóng dấu)"),
    # as the annex writes them: only the leadership's hint is in parentheses
    ("Xác nhận, duyệt của BCĐ QCDC và phong trào thi đua “Dân vận khéo”", "Ký tên, đóng dấu"),
    ("Tập thể/cá nhân đăng ký", "Ký tên"),
)


def columns():
    """The seven columns as dicts (number, key, label, footnote, heading), in order."""
    return [{**asdict(column), "heading": column.heading} for column in COLUMNS]


def column(key):
    """The :class:`AnnexColumn` of ``key`` (e.g. "model_name")."""
    for candidate in COLUMNS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def unit_line(unit_name):
    """'ĐƠN VỊ: Sở Tư pháp', the line above the title."""
    return f"{UNIT_LABEL}: {unit_name or ''}".strip()


def reference(number=None, date_issued=None, issuer=None):
    """'(Kèm theo Quyết định số: … ngày … của …)' of the act the form is attached to.

    Written from the act's own number, date and issuer, whichever act it is
    (Decision 976's data prints :data:`REFERENCE`); without a number, the
    annex's own decision (:data:`REFERENCE`).  ``date_issued`` is a
    ``datetime.date``; ``issuer`` is written in Vietnamese ("Ủy ban nhân dân tỉnh ...").
    """
    if not number:
        return REFERENCE
    text = f"(Kèm theo Quyết định số: {number}"
    if date_issued:
        text += f" {format_vn_date(date_issued)}"
    if issuer:
        text += f" của {issuer}"
    return text + ")"


def annex_values(unit_name="", reference_text=None, footnote_text=None):
    """Everything a renderer prints around the table, as plain dicts and strings.

    ``reference_text`` and ``footnote_text`` are those of the regulation in force
    (:func:`reference`, :func:`footnote`); by default, Decision 976's.
    """
    return {
        "unit_line": unit_line(unit_name),
        "title": TITLE,
        "reference": reference_text or REFERENCE,
        "columns": columns(),
        "signatures": [{"title": title, "hint": hint} for title, hint in SIGNATURES],
        "footnote_mark": FOOTNOTE_MARK,
        "footnote": FOOTNOTE if footnote_text is None else footnote_text,
    }
