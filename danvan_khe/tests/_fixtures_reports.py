"""Printing and reading back the movement's documents: the shared tools of the report tests.

Every PDF is rendered for real by wkhtmltopdf and read back with pdftotext:
``-layout`` shows what stands side by side and which page holds what; ``-raw``
keeps each table cell's wrapped lines together, so a column label that wraps
is still found as one phrase; ``-bbox`` places every word on the page (in
points), to measure what the paper shows: room to sign, lines of a heading.
Without wkhtmltopdf or poppler these tests fail, they are never skipped: a
printed form that was not printed proves nothing.
"""

import html
import os
import re
import resource
import shutil
import subprocess
import tempfile
import unicodedata

from .common import R5_1_COMPLETE, DvkCase

PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")
MISSING_POPPLER = "pdftotext and pdffonts (Debian's poppler-utils) are needed to read the printed forms back"
MISSING_WKHTMLTOPDF = "wkhtmltopdf is needed to print the forms (state: %s)"
CM = 72 / 2.54  # PDF points in a centimetre

RA_COLUMNS = (
    "TT",
    "Tên tập thể/ cá nhân thực hiện",
    "Tên mô hình",
    "Lĩnh vực",
    "Thời gian thực hiện",
    "Kết quả ước đạt",
    "Ghi chú",
)
RA_SIGNATURES = (
    "Xác nhận, duyệt của lãnh đạo cơ quan, đơn vị",
    "Xác nhận, duyệt của BCĐ QCDC và phong trào thi đua “Dân vận khéo”",
    "Tập thể/cá nhân đăng ký",
)
# what each signer does, as the annex writes it: only the leadership's in parentheses
RA_SIGNATURE_HINTS = ("(Ký tên, đóng dấu)", "Ký tên, đóng dấu", "Ký tên")
RA_FOOTNOTE = (
    "KT = kinh tế; VH-XH = Văn hóa - xã hội; AN-QP = An ninh - Quốc phòng; XD HTCT = Xây dựng hệ thống chính trị."
)


def _cpu_seconds():
    """CPU time of this process and of its finished children (wkhtmltopdf): what a print costs,
    whatever else the machine runs meanwhile (the wall clock of a shared machine is not the print's)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _collapse(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


class PrintedPdf:
    """A rendered PDF read back: its pages (layout text), its whole text as phrases (raw), its words
    with their boxes in points (bbox), and the fonts it embeds."""

    def __init__(self, pdf):
        self.pdf = pdf
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            layout = self._run("-layout", handle.name)
            raw = self._run("-raw", handle.name)
            bbox = self._run("-bbox", handle.name, "-raw")  # the words in the order they are drawn
            fonts = subprocess.run([PDFFONTS, handle.name], check=True, capture_output=True, timeout=120).stdout.decode(
                "utf-8"
            )
        self.pages = [unicodedata.normalize("NFC", page) for page in layout.split("\f") if page.strip()]
        self.raw_pages = [_collapse(page) for page in raw.split("\f") if page.strip()]
        self.layout = "\n".join(self.pages)
        self.text = " ".join(self.raw_pages)
        # words of each page: (text, xMin, yMin, xMax, yMax), y from the top of the page
        self.words = [
            [
                (unicodedata.normalize("NFC", html.unescape(text)), *map(float, box))
                for *box, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
                )
            ]
            for page in re.findall(r"<page .*?</page>", bbox, re.S)
        ]
        self.fonts = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]

    @staticmethod
    def _run(mode, path, *options):
        return subprocess.run(
            [PDFTOTEXT, mode, *options, "-enc", "UTF-8", path, "-"], check=True, capture_output=True, timeout=120
        ).stdout.decode("utf-8")

    def runs(self, phrase, page=None):
        """The boxes of ``phrase``'s words wherever they follow each other on a page: a list of runs."""
        wanted = _collapse(phrase).split(" ")
        found = []
        for number, words in enumerate(self.words):
            if page is not None and number != page:
                continue
            texts = [word[0] for word in words]
            for start in range(len(texts) - len(wanted) + 1):
                if texts[start : start + len(wanted)] == wanted:
                    found.append(words[start : start + len(wanted)])
        return found

    @staticmethod
    def lines_of(run):
        """How many printed lines the words of a run stand on."""
        tops = sorted({round(word[2]) for word in run})
        return len([top for index, top in enumerate(tops) if index == 0 or top - tops[index - 1] > 2])

    def first_line(self, page):
        """The first printed line of a page (layout), stripped."""
        return next((line.strip() for line in self.pages[page].splitlines() if line.strip()), "")

    def line_with(self, *phrases):
        """The first layout line holding all ``phrases`` (side by side), or None."""
        for line in self.layout.splitlines():
            if all(phrase in line for phrase in phrases):
                return line
        return None


class ReportCase(DvkCase):
    def setUp(self):
        super().setUp()
        # fail, never skip: a report test that did not print proves nothing
        if not (PDFTOTEXT and PDFFONTS):
            self.fail(MISSING_POPPLER)
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state not in ("ok", "upgrade"):
            self.fail(MISSING_WKHTMLTOPDF % state)

    def render(self, report, records, user=None):
        """Render for real; as ``user`` when given (reading the records with their rights)."""
        reports = self.env["ir.actions.report"].with_user(user) if user else self.env["ir.actions.report"]
        pdf, kind = reports.with_context(force_report_rendering=True)._render_qweb_pdf(
            f"danvan_khe.action_report_{report}", records.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf produced no PDF")
        if os.environ.get("DVK_REPORT_DUMP"):  # a folder to keep the PDFs in, to look at them
            with open(os.path.join(os.environ["DVK_REPORT_DUMP"], f"{self._testMethodName}-{report}.pdf"), "wb") as f:
                f.write(pdf)
        return PrintedPdf(pdf)

    def assertPrinted(self, printed, *phrases):
        for phrase in phrases:
            self.assertIn(_collapse(str(phrase)), printed.text, f"{phrase!r} is not printed")

    def assertNotPrinted(self, printed, *phrases):
        for phrase in phrases:
            self.assertNotIn(_collapse(str(phrase)), printed.text, f"{phrase!r} is printed")


def reported_models(case, names, agency=None, period=None):
    """Models of one registration (an agency registers once a year), approved and their results reported."""
    agency = agency or case.dept_a
    staff = case._staff_of(agency)
    registration = case.make_registration(agency, lines=0, period=period)
    sectors = (case.sector_kt, case.sector_vhxh, case.sector_xdhtct)
    models_ = case.env["dvk.model"]
    for index, name in enumerate(names):
        models_ |= (
            case.env["dvk.model"]
            .with_user(staff)
            .create(
                {"registration_id": registration.id, "name": name, "sector_id": sectors[index % 3].id, **R5_1_COMPLETE}
            )
        )
    registration.action_submit()
    registration.with_user(case.head_of(agency)).action_confirm()
    registration.with_user(case.member_of(agency)).action_approve()
    for model in models_:
        model.with_user(staff).write({"result_summary": "Đạt kết quả tốt"})
        model.with_user(staff).action_report()
    return models_


def recognised_year(case, year, predecessor=None, name="Mô hình “Bến đò nhân ái”", agency=None):
    """R7.3: a spreading model of an agency (Sở Tư pháp), registered, evaluated and recognised in ``year``."""
    agency = agency or case.dept_a
    staff, head = case._staff_of(agency), case.head_of(agency)
    committee = case.env["dvk.committee"].search([("department_id", "=", agency.id)], limit=1)
    registration = case.make_registration(agency, lines=0, period=case.period_for(year))
    model = (
        case.env["dvk.model"]
        .with_user(staff)
        .create(
            {
                "registration_id": registration.id,
                "name": name,
                "sector_id": case.sector_vhxh.id,
                **R5_1_COMPLETE,
                "predecessor_id": predecessor and predecessor.id,
            }
        )
    )
    registration.action_submit()
    registration.with_user(head).action_confirm()
    registration.with_user(case.member_of(agency)).action_approve()
    model.with_user(staff).write({"result_summary": "Đạt kết quả tốt"})
    model.with_user(staff).action_report()
    case.evaluate(model, user=head)
    # the agency head finds that it spread, and where (R7.3 "có sức lan tỏa, nhân rộng")
    model.with_user(head).write({"replicated": True, "replication_note": "Nhân rộng tại xã Hòa Minh và xã Long Khánh"})
    case.recognize(model, committee=committee, user=case.member_of(agency))
    return model
