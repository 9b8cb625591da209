"""Printed documents and Excel exports (RA, R7.1, R7.2, R7.3, R8).

Every PDF is rendered for real by wkhtmltopdf and read back with pdftotext:
``-layout`` shows what stands side by side and which page holds what; ``-raw``
keeps each table cell's wrapped lines together, so a column label that wraps
is still found as one phrase; ``-bbox`` places every word on the page (in
points), to measure what the paper shows: room to sign, lines of a heading.
Without wkhtmltopdf or poppler these tests fail, they are never skipped: a
printed form that was not printed proves nothing.
"""

import base64
import html
import io
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
import unicodedata
import zipfile

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..report.dvk_reports import ANNEX_COLUMN_WIDTHS, OCTOBER_COLUMNS
from ..report.dvk_xlsx_export import decode_ids
from ..report.registration_xlsx import HEADERS, REFERENCE, TITLE
from .common import DvkCase

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


class TestRegistrationForm(ReportCase):
    """RA: the annex form of Decision 976/QĐ-UBND, printed as the original."""

    def test_RA_registration_form_as_the_annex(self):
        """RA: unit, title, decision, the seven columns numbered 1–7, the lines, three signatures, footnote."""
        registration = self.make_registration(lines=2)
        registration.model_ids[0].write({"expected_result": "Giải quyết 95% hồ sơ đúng hạn", "note": "Ưu tiên"})
        printed = self.render("registration", registration, self.staff_a)
        self.assertPrinted(
            printed,
            "ĐƠN VỊ",
            f"ĐƠN VỊ: {self.dept_a.name.upper()}",  # the unit is printed in capitals
            "BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO",
            "(Kèm theo Quyết định số: 976/QĐ-UBND ngày 26 tháng 6 năm 2023 của Ủy ban nhân dân tỉnh Trà Vinh)",
            *RA_COLUMNS,
            *(f"{caption} {hint}" for caption, hint in zip(RA_SIGNATURES, RA_SIGNATURE_HINTS, strict=True)),
            RA_FOOTNOTE,
            f"Mô hình 1 của {self.dept_a.name}",
            f"Mô hình 2 của {self.dept_a.name}",
            "Giải quyết 95% hồ sơ đúng hạn",
            "Ưu tiên",
            f"Năm {self.year}",
        )
        self.assertNotPrinted(printed, "ĐIỀN HÌNH", "(Ký tên)")  # the seed's typo; "Ký tên" has no parentheses
        self.assertEqual(printed.text.count("(Ký tên, đóng dấu)"), 1, "only the leadership's hint is in parentheses")
        self.assertTrue(re.search(r"^\s*1\s+2\s+3\s+4\s+5\s+6\s+7\s*$", printed.layout, re.M), "no 1–7 row")
        self.assertRegex(printed.text, r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")
        # the three signature blocks stand side by side, on one line
        self.assertTrue(
            printed.line_with("Xác nhận, duyệt của lãnh đạo", "Xác nhận, duyệt của BCĐ QCDC và"), printed.layout
        )
        self.assertTrue(printed.line_with("(Ký tên, đóng dấu)", "Ký tên, đóng dấu", "Ký tên"), printed.layout)
        # sector codes of column 4 (R4)
        self.assertTrue(printed.line_with("KT") and printed.line_with("VH-XH"))
        # room to sign and stamp: 3 cm at least between the signers' captions and the footnote
        hints = [word for hint in RA_SIGNATURE_HINTS for run in printed.runs(hint) for word in run]
        (footnote,) = printed.runs("KT = kinh tế; VH-XH")
        room = footnote[0][2] - max(word[4] for word in hints)
        self.assertGreaterEqual(room, 3 * CM, f"{room / CM:.1f} cm to sign and stamp")
        # a Times-metric serif (Times New Roman, or Liberation Serif with the same metrics) for every
        # glyph: a Vietnamese letter the font lacks would come from another face (fonts-liberation 1.x)
        self.assertTrue(printed.fonts)
        for font in printed.fonts:
            self.assertRegex(font, r"(TimesNewRoman|LiberationSerif)", "install fonts-liberation2 (see setup.sh)")
        self.assertEqual(len(printed.pages), 1)
        self.assertNotRegex(printed.first_line(0), r"^\d+$", "the first page carries no number")

    def test_RA_annex_words_and_column_widths(self):
        """RA: the form's words are lib/annex.py's; the name of the model is the widest column, the note narrow."""
        registration = self.make_registration(lines=1)
        helper = self.env["report.danvan_khe.report_registration"]
        values = helper._dvk_annex(registration)
        self.assertEqual([column["number"] for column in values["columns"]], [1, 2, 3, 4, 5, 6, 7])
        self.assertEqual([column["label"] for column in values["columns"]], list(RA_COLUMNS))
        self.assertEqual((values["title"], values["reference"]), (TITLE, REFERENCE))
        widths = {column["key"]: column["width"] for column in values["columns"]}
        self.assertEqual(widths, ANNEX_COLUMN_WIDTHS)
        self.assertEqual(sum(widths.values()), 100)
        self.assertEqual(max(widths, key=widths.get), "model_name")
        self.assertLessEqual(widths["note"], 8)
        self.assertLess(widths["note"], widths["expected_result"])
        self.assertEqual(
            helper._dvk_rows(registration)[0],
            [1, registration.model_ids.implementer_name, registration.model_ids.name, "KT", f"Năm {self.year}", "", ""],
        )

    def test_RA_hundred_lines_on_eight_pages_in_two_seconds(self):
        """RA: a 100-line form (the benchmark's lines) prints on at most 8 A4 landscape pages, in under 2 s."""
        registration = self.make_registration(lines=0)
        self.env["dvk.model"].with_user(self.staff_a).create(
            [
                {
                    "registration_id": registration.id,
                    "name": f"Mô hình “Dân vận khéo” số {i + 1} – cải cách hành chính",
                    "sector_id": self.sector_kt.id,
                    "implementer_name": f"Tổ công tác số {i + 1}",
                    "expected_result": "Giải quyết 100% hồ sơ đúng hạn, người dân hài lòng",
                }
                for i in range(100)
            ]
        )
        self.env.flush_all()
        reports = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        timings = []
        for _attempt in range(2):  # the best of two: the first run also warms the caches
            wall, cpu = time.perf_counter(), _cpu_seconds()
            pdf, _kind = reports._render_qweb_pdf("danvan_khe.action_report_registration", registration.ids)
            timings.append((time.perf_counter() - wall, _cpu_seconds() - cpu))
        printed = PrintedPdf(pdf)
        self.assertLessEqual(len(printed.pages), 8)
        wall, cpu = min(timings, key=lambda timing: timing[1])
        # under 2 s of work (1.3 s on a quiet machine); the wall clock only bounds a stall (a network
        # timeout of wkhtmltopdf, say), with room for a machine busy with other work
        self.assertLess(cpu, 2.0, f"rendered with {cpu:.2f} s of CPU ({wall:.2f} s wall)")
        self.assertLess(wall, 6.0, f"rendered in {wall:.2f} s")
        self.assertPrinted(printed, "Mô hình “Dân vận khéo” số 100 – cải cách hành chính", RA_FOOTNOTE)
        # every page after the first is numbered, at its top
        self.assertEqual(
            [printed.first_line(page) for page in range(1, len(printed.pages))],
            [str(page) for page in range(2, len(printed.pages) + 1)],
        )

    def test_RA_long_registration_breaks_over_pages_with_the_header_repeated(self):
        """RA: 60 lines run over several pages; every page repeats the column header (thead)."""
        registration = self.make_registration(lines=60)
        printed = self.render("registration", registration)
        self.assertGreaterEqual(len(printed.pages), 2)
        for index in (1, 30, 60):
            self.assertPrinted(printed, f"Mô hình {index} của {self.dept_a.name}")
        for number, page in enumerate(printed.raw_pages, 1):
            if "Mô hình" not in page.replace("Tên mô hình", ""):
                continue  # a last page with only the signatures
            with self.subTest(page=number):
                for label in ("TT", "Tên tập thể/ cá nhân thực hiện", "Tên mô hình", "Kết quả ước đạt", "Ghi chú"):
                    self.assertIn(label, page)
                self.assertTrue(re.search(r"^\s*1\s+2\s+3\s+4\s+5\s+6\s+7\s*$", printed.pages[number - 1], re.M))
        self.assertEqual(printed.text.count("BẢNG ĐĂNG KÝ MÔ HÌNH"), 1, "the title is printed once")
        self.assertPrinted(printed, RA_FOOTNOTE, *RA_SIGNATURES)
        # page numbers in the body (unpatched wkhtmltopdf prints no footer): 2, 3, ... at the top of each page
        self.assertNotRegex(printed.first_line(0), r"^\d+$")
        for page in range(1, len(printed.pages)):
            self.assertEqual(printed.first_line(page), str(page + 1))

    def test_RA_batch_of_registrations_in_one_pdf(self):
        """RA: registrations printed together from the list, one form per page, each with its unit."""
        first = self.make_registration(lines=1)
        second = self.make_registration(self.dept_b, lines=1)
        printed = self.render("registration", first | second)
        self.assertEqual(len(printed.pages), 2)
        self.assertIn(f"ĐƠN VỊ: {self.dept_a.name.upper()}", printed.raw_pages[0])
        self.assertIn(f"ĐƠN VỊ: {self.dept_b.name.upper()}", printed.raw_pages[1])
        self.assertIn(f"Mô hình 1 của {self.dept_b.name}", printed.raw_pages[1])
        # each form is a document of its own: a one-page form carries no page number
        self.assertFalse([page for page in range(2) if re.fullmatch(r"\d+", printed.first_line(page))])


class TestEvaluationSheet(ReportCase):
    """R7.1: the evaluation sheet, five factors a–đ with score, maximum and comment."""

    def test_R7_1_evaluation_sheet(self):
        """R7.1: agency, model, implementer, sector, factors a–đ scored out of their maximum, total, class, signer."""
        model = reported_models(self, ["Mô hình “Dân hỏi – Sở trả lời” đúng hẹn"])
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})
        lines = evaluation.line_ids.sorted("sequence")
        for line, score in zip(lines, (18, 17, 16, 19, 17.5), strict=True):
            line.score = score
        lines[0].comment = "Phù hợp chức năng, nhiệm vụ của Sở"
        evaluation.note = "Đề nghị Ban Chỉ đạo xem xét công nhận"
        evaluation.action_done()
        printed = self.render("evaluation", evaluation, self.head_a)
        self.assertEqual(len(printed.pages), 1)
        self.assertPrinted(
            printed,
            "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "(Yếu tố đánh giá theo khoản 1 Điều 7 Quyết định số 976/QĐ-UBND ngày 26 tháng 6 năm 2023)",
            # the decision names five factors and no points: the scale and the classes are the province's
            "nêu năm yếu tố đánh giá a) – đ), không quy định thang điểm và xếp loại",
            "là phương pháp đánh giá của tỉnh",
            f"Cơ quan, đơn vị: {self.dept_a.name}",
            "Tên mô hình: Mô hình “Dân hỏi – Sở trả lời” đúng hẹn",
            f"Tập thể/cá nhân thực hiện: {model.implementer_name}",
            "Lĩnh vực: KT",
            "Yếu tố đánh giá",
            "Điểm/ tối đa",
            "Nhận xét",
            "Phù hợp chức năng, nhiệm vụ của Sở",
            "18/20",
            "17,5/20",
            "Tổng điểm 87,5/100",
            f"Xếp loại: {evaluation.classification_id.name}",
            "Kết luận: Đề nghị Ban Chỉ đạo xem xét công nhận",
            "NGƯỜI ĐÁNH GIÁ",
            "(Ký, ghi rõ họ tên)",
            self.head_a.name,
        )
        for letter in ("a)", "b)", "c)", "d)", "đ)"):
            self.assertRegex(printed.layout, rf"(^|\s){re.escape(letter)}\s", f"factor {letter} is not printed")
        for factor in lines.criterion_id:
            self.assertPrinted(printed, factor.name)
        self.assertRegex(printed.text, r"ngày \d{2} tháng \d{1,2} năm \d{4}")
        self.assertNotPrinted(printed, "(Dự thảo)")
        # the national heading stands beside the agency
        self.assertTrue(printed.line_with(self.dept_a.name.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))

    def test_R7_1_factors_printed_in_vietnamese_when_translated(self):
        """R7.1: the factors are data; their Vietnamese translation is what the sheet prints."""
        self.env["res.lang"]._activate_lang("vi_VN")
        factor_a = self.env.ref("danvan_khe.criterion_evaluation_a")
        factor_a.with_context(lang="vi_VN").name = "Xác định lĩnh vực phù hợp với ngành, lĩnh vực phụ trách"
        evaluation = self.evaluate(self.reported_model())
        printed = self.render("evaluation", evaluation)
        self.assertPrinted(printed, "Xác định lĩnh vực phù hợp với ngành, lĩnh vực phụ trách")
        self.assertNotPrinted(printed, factor_a.with_context(lang="en_US").name)

    def test_R7_1_batch_of_evaluations_one_page_each(self):
        """R7.1: printing several evaluations from the list gives one sheet each, a draft marked as such."""
        first = self.evaluate(reported_models(self, ["Mô hình “Một cửa thân thiện”"]))
        second = (
            self.env["dvk.evaluation"]
            .with_user(self.head_b)
            .create({"model_id": reported_models(self, ["Điển hình “Y đức”"], self.dept_b).id})
        )
        printed = self.render("evaluation", first | second)
        self.assertEqual(len(printed.pages), 2)
        self.assertIn(first.model_id.name, printed.raw_pages[0] + printed.raw_pages[1])
        self.assertPrinted(printed, first.model_id.name, second.model_id.name, self.dept_b.name, "(Dự thảo)")
        report = self.env.ref("danvan_khe.action_report_evaluation")
        self.assertEqual(report.binding_model_id.model, "dvk.evaluation")


class TestRecognitionAndCommendation(ReportCase):
    """R7.2: the recognition decision's lists and the commendation proposals by authority."""

    def _evaluated(self, names, agency=None):
        models_ = reported_models(self, names, agency)
        for model in models_:
            self.evaluate(model)
        return models_

    def test_R7_2_recognition_lists_recognised_and_not_with_reasons(self):
        """R7.2: decision number, date, committee; recognised models, then the others with the reason (R3)."""
        good, weak = self._evaluated(["Tổ hòa giải “Khéo léo – Thấu tình”", "Mô hình chưa lan tỏa ở ấp Đông"])
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "signer": "Nguyễn Thị Hồng",
                    "model_ids": [Command.set(good.ids)],
                    "rejection_ids": [Command.create({"model_id": weak.id, "reason": "Chưa có sức lan tỏa"})],
                }
            )
        )
        recognition.action_done()
        printed = self.render("recognition", recognition, self.member_a)
        self.assertPrinted(
            printed,
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC XÉT CÔNG NHẬN",
            f"Số: {recognition.name}",
            f"(Kèm theo Quyết định số {recognition.name} ngày",
            f"của {self.committee_a.name})",
            "I. Mô hình, điển hình được công nhận: 1",
            "II. Mô hình, điển hình không được công nhận: 1",
            "Lý do không công nhận",
            "Tổ hòa giải “Khéo léo – Thấu tình”",
            "Mô hình chưa lan tỏa ở ấp Đông",
            "Chưa có sức lan tỏa",
            "TM. BAN CHỈ ĐẠO",
            "Nguyễn Thị Hồng",
        )
        recognised, rejected = printed.text.split("II. Mô hình, điển hình không được công nhận")
        self.assertIn("Tổ hòa giải “Khéo léo – Thấu tình”", recognised)
        self.assertNotIn("Mô hình chưa lan tỏa ở ấp Đông", recognised)
        self.assertIn("Mô hình chưa lan tỏa ở ấp Đông", rejected)
        self.assertRegex(printed.text, r"ngày \d{2} tháng \d{1,2} năm \d{4}")

    def test_R7_2_commendation_list_grouped_by_authority(self):
        """R7.2: the selected proposals print as one table, grouped by the authority that decides."""
        province_model = self._evaluated(["Sở Tư pháp đồng hành cùng doanh nghiệp"])
        self.recognize(province_model)
        commune_model = self._evaluated(["Xã Một: “Ngày thứ Bảy cùng dân”"], self.commune)
        self.recognize(commune_model, committee=self.committee_c)
        proposals = self.env["dvk.commendation"]
        for model, user, award in (
            (province_model, self.member_a, "Giấy khen của Giám đốc Sở"),
            (commune_model, self.member_c, "Giấy khen của Ban Chỉ đạo xã"),
        ):
            proposals |= (
                self.env["dvk.commendation"]
                .with_user(user)
                .create(
                    {
                        "model_id": model.id,
                        # an award form of the proposal's tier, named as the province prints it
                        "award_form_id": self.env["dvk.award.form"]
                        .sudo()
                        .create({"name": award, "code": award, "tier_id": model.tier_id.id})
                        .id,
                        "reason": "Thành tích xuất sắc năm",
                    }
                )
            )
        proposals.filtered(lambda p: p.agency_id == self.dept_a).with_user(self.member_a).action_propose()
        printed = self.render("commendation", proposals, self.admin)
        # a member of Sở Tư pháp's committee prints its own proposals, not the commune's
        with self.assertRaises(AccessError):
            self.render("commendation", proposals, self.member_a)
        self.assertEqual(len(printed.pages), 1)
        self.assertPrinted(
            printed,
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            "Hình thức khen thưởng đề nghị",
            "Sở Tư pháp đồng hành cùng doanh nghiệp",
            "Xã Một: “Ngày thứ Bảy cùng dân”",
            "Giấy khen của Giám đốc Sở",
            "Giấy khen của Ban Chỉ đạo xã",
            "Đã đề nghị",
            "Dự thảo",
            "Tổng cộng: 2 đề nghị",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        )
        groups = re.findall(r"Cấp quyết định: (.*?) \((\d+)\)", printed.text)
        self.assertEqual(len(groups), 2, groups)
        self.assertTrue(any(self.dept_a.name in label for label, _count in groups))
        self.assertTrue(any(self.committee_c.department_id.name in label for label, _count in groups))
        self.assertEqual(printed.text.count("Hình thức khen thưởng đề nghị"), 1, "one table")


class TestAgencyReports(ReportCase):
    """R8: the February and October reports to Home Affairs, figures by sector and kind."""

    def _report(self, kind):
        return (
            self.env["dvk.agency.report"]
            .sudo()
            .create({"department_id": self.dept_a.id, "period_id": self.period.id, "kind": kind})
        )

    def test_R8_february_and_october_reports(self):
        """R8: February counts the models registered; October adds recognition, proposals, provincial list."""
        models_ = reported_models(self, ["Mô hình A", "Mô hình B", "Mô hình C"])
        reported_models(self, ["Mô hình của Sở Y tế"], self.dept_b)  # another agency: not counted
        february = self._report("february")
        february.with_user(self.head_a).action_send()
        printed = self.render("agency_report", february, self.head_a)
        self.assertPrinted(
            printed,
            f"BÁO CÁO SỐ LƯỢNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM {self.year}",
            "Kính gửi: Sở Nội vụ",
            "Thực hiện Điều 8 Quyết định số 976/QĐ-UBND",
            "Số lượng đăng ký",
            "KT - ",
            "Mô hình (tập thể)",
            "Tổng cộng 3",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
            "Nơi nhận:",
            self.head_a.name,
        )
        self.assertNotPrinted(printed, "Được công nhận", "(Dự thảo: chưa gửi)", "Mô hình của Sở Y tế")

        # October: of the three, one recognised and proposed, one not recognised, one still evaluated
        for model in models_:
            self.evaluate(model)
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "model_ids": [Command.set(models_[:1].ids)],
                    "rejection_ids": [Command.create({"model_id": models_[1].id, "reason": "Chưa lan tỏa"})],
                }
            )
        )
        recognition.action_done()
        self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": models_[0].id}).action_propose()
        october = self._report("october")
        october.with_user(self.head_a).action_refresh()
        both = self.render("agency_report", february | october)
        self.assertEqual(len(both.pages), 2)
        october_page = both.raw_pages[1]
        for phrase in (
            f"BÁO CÁO KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {self.year}",
            "Được công nhận",
            "Không được công nhận",
            "Đề nghị khen thưởng",
            "Đề nghị khen thưởng cấp tỉnh",
            "(Dự thảo: chưa gửi)",
        ):
            self.assertIn(phrase, october_page)
        # totals: 3 registered, 1 recognised, 1 not recognised, 1 proposed, 0 on the provincial list
        self.assertIn("Tổng cộng 3 1 1 1 0", october_page)
        # the figures' headings stay short: none runs over more than three lines
        for label in ("TT", "Lĩnh vực", "Loại", *(label for _field, label in OCTOBER_COLUMNS)):
            runs = both.runs(label, page=1)
            self.assertTrue(runs, label)
            self.assertLessEqual(max(both.lines_of(run) for run in runs), 3, label)
        self.assertNotIn(self.dept_b.name, october_page)


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
            .create({"registration_id": registration.id, "name": name, "sector_id": sectors[index % 3].id})
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


class TestProvincialList(ReportCase):
    """R7.3: the provincial replication list, printed from the models."""

    def test_R7_3_provincial_list(self):
        """R7.3, R9: Home Affairs' own list: agency, model, implementer, sector, its years in a row and where
        it spread; one row per model (the newest year of its chain), only listed models."""
        first = recognised_year(self, self.year - 2)
        second = recognised_year(self, self.year - 1, predecessor=first)
        third = recognised_year(self, self.year, predecessor=second)
        self.assertTrue(second.on_provincial_list and third.on_provincial_list)
        other = recognised_year(self, self.year - 1, name="Mô hình “Chợ văn minh”", agency=self.dept_b)
        other = recognised_year(self, self.year, predecessor=other, name="Mô hình “Chợ văn minh”", agency=self.dept_b)
        listed = (
            self.env["dvk.model"]
            .with_user(self.ha)
            .search([("on_provincial_list", "=", True), ("agency_id", "in", (self.dept_a | self.dept_b).ids)])
        )
        self.assertEqual(listed, second | third | other)
        printed = self.render("provincial_list", listed, self.ha)
        self.assertPrinted(
            printed,
            "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TIÊU BIỂU, CÓ SỨC LAN TỎA, NHÂN RỘNG,",
            "ĐẠT LIÊN TIẾP 02 NĂM TRỞ LÊN ĐỀ NGHỊ KHEN THƯỞNG CẤP TỈNH",
            "Theo khoản 3 Điều 7 Quyết định số 976/QĐ-UBND",
            "Các năm liên tiếp được công nhận",
            "Nơi nhân rộng",
            "Mô hình “Bến đò nhân ái”",
            "Nhân rộng tại xã Hòa Minh và xã Long Khánh",
            "VH-XH",
            self.dept_a.name,
            "GIÁM ĐỐC",
        )
        # Home Affairs' own document: headed by Home Affairs, not a letter of an agency to it
        self.assertNotPrinted(printed, "Kính gửi")
        self.assertTrue(printed.line_with(self.home_affairs.name.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        self.assertFalse(printed.line_with(self.dept_a.name.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        # one row per model: its newest year, with its three years in a row (not one row a year)
        self.assertEqual(len(printed.runs("Mô hình “Bến đò nhân ái”")), 1)
        years = ", ".join(str(year) for year in range(self.year - 2, self.year + 1))
        self.assertRegex(printed.line_with("Mô hình “Bến đò nhân ái”"), rf"{years}\s+3\s")
        self.assertRegex(printed.line_with("Mô hình “Chợ văn minh”"), rf"{self.year - 1}, {self.year}\s+2\s")
        self.assertPrinted(printed, "Tổng cộng: 2 mô hình, điển hình")
        self.assertEqual(self.env["report.danvan_khe.report_provincial_list"]._dvk_models(listed.ids), third | other)
        self.assertNotIn(first, listed)
        with self.assertRaisesRegex(UserError, "provincial list"):
            self.render("provincial_list", first)
        report = self.env.ref("danvan_khe.action_report_provincial_list")
        self.assertEqual((report.binding_model_id.model, report.binding_view_types), ("dvk.model", "list"))


class TestExcelExports(DvkCase):
    """RA, R7.1, R7.2, R7.3, R8: the same tables in Excel, user text never a formula.

    What the files hold; how they travel (streamed by /dvk/xlsx, no attachment, the
    user's rights) is test_xlsx_export.py's.
    """

    def export(self, method, records, user=None):
        """The bytes of the file an "Export to Excel" action leads ``user`` to (the controller's build)."""
        exporter = self.env["dvk.xlsx.export"].with_user(user) if user else self.env["dvk.xlsx.export"]
        action = getattr(exporter, method)(records.ids)
        self.assertEqual(action["type"], "ir.actions.act_url")
        document, ids = re.fullmatch(r"/dvk/xlsx/(\w+)/([\d,-]+)", action["url"]).groups()
        _filename, data, _mimetype = exporter._dvk_build(document, decode_ids(ids))
        return data

    @staticmethod
    def sheet(data):
        return openpyxl.load_workbook(io.BytesIO(data)).active

    @staticmethod
    def values(worksheet):
        return [[cell.value for cell in row] for row in worksheet.iter_rows()]

    def test_RA_registration_export_is_the_annex(self):
        """RA: the export is the annex layout; only who reads the registration exports it."""
        registration = self.make_registration(lines=2)
        worksheet = self.sheet(self.export("export_registration", registration, self.staff_a))
        self.assertEqual(worksheet["A1"].value, f"ĐƠN VỊ: {self.dept_a.name}")
        self.assertEqual(worksheet["A2"].value, TITLE)
        self.assertEqual(worksheet["A3"].value, REFERENCE)
        self.assertEqual([cell.value for cell in worksheet[5]], list(HEADERS))
        self.assertEqual([cell.value for cell in worksheet[6]], [1, 2, 3, 4, 5, 6, 7])
        first = registration.model_ids[0]
        self.assertEqual(
            [cell.value for cell in worksheet[7]][:5],
            [1, first.implementer_name, first.name, first.sector_id.code, f"Năm {self.year}"],
        )
        texts = {value for row in self.values(worksheet) for value in row if isinstance(value, str)}
        self.assertTrue(any(text.startswith("Xác nhận, duyệt của lãnh đạo") for text in texts))
        self.assertTrue(any("ngày" in text for text in texts))
        # the file follows the registration's access: another agency's staff cannot have it
        self.assertTrue(self.export("export_registration", registration, self.head_a))
        with self.assertRaises(AccessError):
            self.export("export_registration", registration, self.staff_b)

    def test_RA_registration_export_round_trip_through_the_import_wizard(self):
        """RA: exported, then imported again by the wizard into the agency's year, the same lines come back."""
        registration = self.make_registration(lines=3)
        lines = registration.model_ids
        lines[0].write({"expected_result": "Giảm 30% hồ sơ trễ hạn\nkhông khiếu nại", "note": "Phối hợp Hội Nông dân"})
        lines[1].write({"date_start": f"{self.year}-03-01", "date_end": f"{self.year}-09-30"})
        lines[2].write({"name": '=HYPERLINK("http://x";"Mô hình")', "note": "+84 đường dây nóng"})

        def snapshot(models_):
            return [
                (
                    m.implementer_name,
                    m.name,
                    m.sector_id.code,
                    m.date_start,
                    m.date_end,
                    m.expected_result or "",
                    m.note or "",
                )
                for m in models_.sorted(lambda m: (m.sequence, m.id))
            ]

        before = snapshot(lines)
        # the wizard matches sectors by their Vietnamese names too: it needs vi_VN installed
        self.env["res.lang"]._activate_lang("vi_VN")
        data = self.export("export_registration", registration, self.staff_a)
        # the registration of this agency-year is withdrawn, its lines come back from the file
        registration.unlink()
        # another agency cannot take the file: it is in the name of Sở Tư pháp
        wizard = (
            self.env["dvk.registration.import"]
            .with_user(self.staff_b)
            .create({"department_id": self.dept_b.id, "period_id": self.period.id, "file_data": base64.b64encode(data)})
        )
        with self.assertRaisesRegex(UserError, "in the name of"):
            wizard.action_import()
        wizard = (
            self.env["dvk.registration.import"]
            .with_user(self.staff_a)
            .create(
                {
                    "department_id": self.dept_a.id,
                    "period_id": self.period.id,
                    "file_data": base64.b64encode(data),
                    "file_name": "dang_ky.xlsx",
                }
            )
        )
        action = wizard.action_import()
        imported = self.env["dvk.registration"].browse(action["res_id"])
        self.assertEqual(imported.department_id, self.dept_a)
        self.assertEqual(snapshot(imported.model_ids), before)

    def test_RA_formula_characters_stay_text(self):
        """RA: a model named "=..." is written as a string cell, never as a formula, in every export."""
        registration = self.make_registration(lines=1)
        registration.model_ids.write({"name": "=1+1", "expected_result": "@SUM(A1:A9)", "note": "-2"})
        data = self.export("export_registration", registration, self.staff_a)
        worksheet = self.sheet(data)
        self.assertEqual((worksheet["C7"].value, worksheet["C7"].data_type), ("=1+1", "s"))
        self.assertEqual((worksheet["F7"].value, worksheet["F7"].data_type), ("@SUM(A1:A9)", "s"))
        self.assertNotIn(b"<f>", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))
        model = reported_models(self, ['=HYPERLINK("http://x")'], self.dept_b)
        evaluation = self.evaluate(model)
        data = self.export("export_evaluation", evaluation)
        cells = [cell for row in self.sheet(data).iter_rows() for cell in row if cell.value == model.name]
        self.assertTrue(cells)
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        self.assertNotIn(b"<f>", zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml"))

    def test_R7_1_R7_2_evaluation_recognition_commendation_exports(self):
        """R7.1, R7.2: evaluation factors, the decision's two lists, the proposals by authority."""
        good, weak = reported_models(self, ["Mô hình “Khéo”", "Mô hình yếu"])
        evaluation = self.evaluate(good)
        self.evaluate(weak, scores=(5, 5, 5, 5, 5))
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "model_ids": [Command.set(good.ids)],
                    "rejection_ids": [Command.create({"model_id": weak.id, "reason": "Chưa đạt yêu cầu"})],
                }
            )
        )
        recognition.action_done()
        proposal = (
            self.env["dvk.commendation"]
            .with_user(self.member_a)
            .create(
                {
                    "model_id": good.id,
                    "award_form_id": self.env["dvk.award.form"]
                    .sudo()
                    .create({"name": "Giấy khen của Giám đốc Sở", "code": "test-dept", "tier_id": good.tier_id.id})
                    .id,
                }
            )
        )

        rows = self.values(self.sheet(self.export("export_evaluation", evaluation, self.head_a)))
        self.assertEqual(rows[0][0], "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”")
        self.assertIn("Quyết định số 976/QĐ-UBND", rows[1][0])
        self.assertEqual(rows[3][6:10], ["TT", "Yếu tố đánh giá", "Điểm", "Tối đa"])
        factors = [row for row in rows[4:] if row[6]]
        self.assertEqual([row[6] for row in factors], ["a)", "b)", "c)", "d)", "đ)"])
        self.assertEqual([row[8] for row in factors], [18, 17, 16, 19, 18])
        self.assertEqual(rows[-1][7:10], ["Tổng điểm", 88, 100])
        self.assertEqual(rows[4][:4], [self.dept_a.name, "Mô hình “Khéo”", good.implementer_name, "KT"])

        rows = self.values(self.sheet(self.export("export_recognition", recognition, self.member_a)))
        self.assertEqual(rows[1][:4], ["Quyết định số", "Ngày", "Ban Chỉ đạo", "Kết quả"])
        results = {row[6]: (row[3], row[11]) for row in rows[2:]}
        self.assertEqual(results["Mô hình “Khéo”"], ("Được công nhận", None))
        self.assertEqual(results["Mô hình yếu"], ("Không được công nhận", "Chưa đạt yêu cầu"))

        rows = self.values(self.sheet(self.export("export_commendation", proposal, self.member_a)))
        self.assertEqual(rows[1][9], "Hình thức khen thưởng đề nghị")
        self.assertIn(self.dept_a.name, rows[2][0])
        self.assertEqual(rows[2][4], "Mô hình “Khéo”")
        self.assertEqual(rows[2][9], "Giấy khen của Giám đốc Sở")

    def test_R8_R7_3_report_and_provincial_list_exports(self):
        """R7.3: the provincial list; R8: the figures sent to Home Affairs; several records in one file."""
        first = recognised_year(self, self.year - 1)
        second = recognised_year(self, self.year, predecessor=first)
        rows = self.values(self.sheet(self.export("export_provincial_list", first | second, self.ha)))
        self.assertIn("ĐẠT LIÊN TIẾP 02 NĂM TRỞ LÊN", rows[0][0])
        self.assertIn("khoản 3 Điều 7", rows[1][0])
        self.assertEqual(len(rows), 5, "only the listed model, after title, subtitle, blank and header rows")
        self.assertEqual(rows[4][1:4], [self.dept_a.name, second.implementer_name, "Mô hình “Bến đò nhân ái”"])
        self.assertEqual(rows[4][6:9], [self.year, 2, "Nhân rộng tại xã Hòa Minh và xã Long Khánh"])

        reports = self.env["dvk.agency.report"]
        for kind in ("february", "october"):
            reports |= (
                self.env["dvk.agency.report"]
                .sudo()
                .create({"department_id": self.dept_a.id, "period_id": self.period.id, "kind": kind})
            )
        reports.with_user(self.head_a).action_refresh()
        # several records in one file
        rows = self.values(self.sheet(self.export("export_agency_report", reports, self.head_a)))
        labels = [label for _field, label in OCTOBER_COLUMNS]
        self.assertEqual(rows[3], ["Cơ quan, đơn vị", "Năm", "Báo cáo", "Lĩnh vực", "Loại", *labels])
        self.assertEqual(
            labels[:4], ["Số lượng đăng ký", "Được công nhận", "Không được công nhận", "Đề nghị khen thưởng"]
        )
        totals = [row for row in rows[4:] if row[3] == "Tổng cộng"]
        # February: 1 registered; October: 1 registered, 1 recognised, 0 not, 0 proposed, 1 on the provincial list
        self.assertEqual(totals[0][2:], ["Tháng 02", "Tổng cộng", None, 1, None, None, None, None])
        self.assertEqual(totals[1][2:], ["Tháng 10", "Tổng cộng", None, 1, 1, 0, 0, 1])

    def test_actions_are_bound_to_their_models(self):
        """RA, R7.1, R7.2, R7.3, R8: each document prints and exports from its model's Print and Action menus."""
        for name, model in (
            ("registration", "dvk.registration"),
            ("evaluation", "dvk.evaluation"),
            ("recognition", "dvk.recognition"),
            ("commendation", "dvk.commendation"),
            ("agency_report", "dvk.agency.report"),
            ("provincial_list", "dvk.model"),
        ):
            with self.subTest(document=name):
                report = self.env.ref(f"danvan_khe.action_report_{name}")
                self.assertEqual((report.binding_model_id.model, report.report_type), (model, "qweb-pdf"))
                export = self.env.ref(f"danvan_khe.action_xlsx_export_{name}")
                self.assertEqual((export.binding_model_id.model, export.state), (model, "code"))
        # the Action menu's server action, run as the user on the selected records
        registration = self.make_registration(lines=1)
        action = (
            self.env.ref("danvan_khe.action_xlsx_export_registration")
            .with_user(self.staff_a)
            .with_context(active_model="dvk.registration", active_ids=registration.ids, active_id=registration.id)
            .run()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/dvk/xlsx/registration/{registration.id}")
