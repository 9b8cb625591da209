"""R8, R9: the October report carries its lists; Home Affairs compiles the province in one document.

What the province's commendation systems (MISA CeGov "Thi đua khen thưởng", QLKT) offer,
here: an agency's October report sends its recognised models with their decision and
its proposals, frozen once sent; Home Affairs prints the province's compilation as one
PDF and downloads it as one workbook, whose cells are text, never formulas.

Each role acts inside and outside its scope (``with_user``, R3).
"""

import io

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError

from ..report.october_compilation_xlsx import write_october_compilation
from ._fixtures_commendation import CommendationSystemCase
from ._fixtures_reports import ReportCase


class TestOctoberCompilation(CommendationSystemCase, ReportCase):
    """R8, R9: the October report carries its lists; Home Affairs compiles the province in one document."""

    def _october(self, agency):
        Report = self.env["dvk.agency.report"].sudo()
        return Report.search(
            [("department_id", "=", agency.id), ("period_id", "=", self.period.id), ("kind", "=", "october")]
        ) or Report.create({"department_id": agency.id, "period_id": self.period.id, "kind": "october"})

    def _sent(self):
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện", "Trợ giúp pháp lý lưu động"])
        granted = self.propose(recognised[:1])
        self.decision(granted, self.head_a, number="88/QĐ-STP").action_issue()
        waiting = self.propose(recognised[1:])
        report_a = self._october(self.dept_a)
        report_a.with_user(self.head_a).action_send()
        report_b = self._october(self.dept_b)
        return recognised, granted, waiting, report_a, report_b

    def test_R8_october_report_carries_the_lists(self):
        """R8: the agency's October report sends the recognised models with their decision, and its proposals."""
        recognised, granted, waiting, report, _report_b = self._sent()
        items = report.with_user(self.head_a).item_ids
        listed = items.filtered(lambda i: i.item_type == "recognized")
        self.assertEqual(listed.model_id, recognised)
        self.assertEqual(set(listed.mapped("recognition_number")), {recognised.recognition_id.name})
        self.assertTrue(all(listed.mapped("recognition_date")))
        proposals = items.filtered(lambda i: i.item_type == "proposal")
        self.assertEqual(proposals.proposal_id, granted | waiting)
        by_state = {item.proposal_state: item for item in proposals}
        self.assertEqual(by_state["granted"].decision_number, "88/QĐ-STP")
        self.assertFalse(by_state["proposed"].decision_number)
        self.assertTrue(by_state["granted"].award_form)
        # frozen when sent: a later decision does not rewrite what the agency sent
        self.decision(waiting, self.head_a, number="99/QĐ-STP").action_issue()
        self.assertFalse(by_state["proposed"].decision_number)
        self.assertEqual(by_state["proposed"].proposal_state, "proposed")
        # nobody but the server writes the lists
        for user in (self.head_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                items[:1].with_user(user).write({"model_name": "Sửa"})
        # read in scope only
        for user in (self.staff_a, self.member_a, self.ha, self.admin):
            self.assertEqual(len(report.with_user(user).item_ids), 4, user.login)
        for user in (self.staff_b, self.head_b, self.member_c):
            self.assertFalse(self.env["dvk.agency.report.item"].with_user(user).search([("id", "in", items.ids)]))

    def test_R9_home_affairs_prints_one_compilation(self):
        """R9: one PDF for the province: who sent, the recognised models with their decision, the proposals."""
        recognised, _granted, _waiting, report_a, report_b = self._sent()
        reports = report_a | report_b
        printed = self.render("october_compilation", reports, self.ha)
        recognition = recognised.recognition_id
        self.assertPrinted(
            printed,
            "TỔNG HỢP KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            self.dept_a.name,
            self.dept_b.name,
            "Chưa gửi",
            "II. DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH ĐƯỢC CÔNG NHẬN",
            "Một cửa thân thiện",
            "Trợ giúp pháp lý lưu động",
            f"Số {recognition.name}",
            "III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            "Quyết định số 88/QĐ-STP",
            "Tổng cộng: 2 đề nghị",
        )
        self.assertEqual(printed.text.count("TỔNG HỢP KẾT QUẢ XÉT CÔNG NHẬN"), 1, "one document")
        self.render("october_compilation", reports, self.admin)
        for user in (self.staff_a, self.head_a, self.member_a, self.head_b):
            with self.assertRaises(AccessError, msg=user.login):
                self.render("october_compilation", report_a, user)

    def test_R9_home_affairs_downloads_one_workbook(self):
        """R9: the same compilation as one .xlsx (streamed by /dvk/xlsx), for Home Affairs only."""
        _recognised, _granted, _waiting, report_a, report_b = self._sent()
        reports = report_a | report_b
        Export = self.env["dvk.xlsx.export"]
        action = Export.with_user(self.ha).export_october_compilation(reports.ids)
        self.assertTrue(action["url"].startswith("/dvk/xlsx/october_compilation/"), action)
        filename, data, mimetype = Export.with_user(self.ha)._dvk_build("october_compilation", reports.ids)
        self.assertTrue(filename.endswith(".xlsx"))
        self.assertIn("spreadsheetml", mimetype)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual(workbook.sheetnames, ["Tổng hợp", "Được công nhận", "Đề nghị khen thưởng"])
        summary = [row for row in workbook["Tổng hợp"].iter_rows(min_row=5, values_only=True) if row[0]]
        self.assertEqual(
            {row[2]: row[3] for row in summary}, {self.dept_a.name: "Đã gửi", self.dept_b.name: "Chưa gửi"}
        )
        recognised = list(workbook["Được công nhận"].iter_rows(min_row=5, values_only=True))
        self.assertEqual({row[4] for row in recognised}, {"Một cửa thân thiện", "Trợ giúp pháp lý lưu động"})
        proposals = list(workbook["Đề nghị khen thưởng"].iter_rows(min_row=5, values_only=True))
        self.assertIn("88/QĐ-STP", [row[10] for row in proposals])
        for user in (self.staff_a, self.head_a, self.member_a):
            with self.assertRaises(AccessError, msg=user.login):
                Export.with_user(user)._dvk_build("october_compilation", reports.ids)

    def test_R9_workbook_writes_text_never_formulas(self):
        """R9: the plain builder writes names as text: "=…" never becomes a formula."""
        data = write_october_compilation(
            "TỔNG HỢP",
            "(Theo Điều 8, Điều 9)",
            [
                {
                    "year": 2025,
                    "agencies": [
                        {
                            "name": '=HYPERLINK("http://x")',
                            "sent": True,
                            "state_label": "Đã gửi",
                            "date_sent": fields.Date.today(),
                            "recognized": [],
                            "proposals": [],
                        }
                    ],
                }
            ],
        )
        cell = openpyxl.load_workbook(io.BytesIO(data))["Tổng hợp"].cell(row=5, column=3)
        self.assertEqual((cell.value, cell.data_type), ('=HYPERLINK("http://x")', "s"))
