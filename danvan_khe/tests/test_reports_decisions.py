"""Recognition, commendation, agency reports and the provincial list, printed for real (R7.2, R7.3, R8)."""

import re

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ..report.dvk_reports import OCTOBER_COLUMNS
from ._fixtures_reports import (
    ReportCase,
    recognised_year,
    reported_models,
)


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
