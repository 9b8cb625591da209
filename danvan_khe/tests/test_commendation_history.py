"""R7.3: the achievement history and dossier of an agency or a person, and the periodic review.

What the province's commendation systems (MISA CeGov "Thi đua khen thưởng", QLKT) offer,
here: an agency's and a person's achievements year by year and the printed dossier
(hồ sơ thành tích; R7.2: a person's exemplars, without their private data), and the
agency head's periodic review (sơ kết, tổng kết), held, closed and printed.

Each role acts inside and outside its scope (``with_user``, R3).
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError

from ._fixtures_commendation import CommendationSystemCase
from ._fixtures_reports import ReportCase


class TestAchievementHistory(CommendationSystemCase, ReportCase):
    """R7.2, R7.3: an agency's and a person's achievements year by year, and the dossier."""

    def _history(self):
        previous = self.recognised(self.dept_a, ["Trợ giúp pháp lý lưu động"], period=self.period_for(self.year - 1))
        granted = self.propose(previous)
        self.decision(granted, self.head_a, number="15/QĐ-STP").action_issue()
        current = self.recognised(self.dept_a, ["Một cửa thân thiện", "Phổ biến pháp luật trực tuyến"])
        self.propose(current[:1])
        exemplar = self.recognised(
            self.dept_b, ["Cán bộ y tế tận tụy"], period=self.period_for(self.year - 1), employee=self.nurse
        )
        return previous, current, exemplar

    def setUp(self):
        super().setUp()
        self.nurse = self.env["hr.employee"].create(
            {"name": "Nguyễn Thị Điều Dưỡng", "department_id": self.dept_b.id, "work_email": "dieuduong@example.com"}
        )

    def test_R7_3_agency_history_lists_every_year(self):
        """R7.3: the agency's history holds every year's models, recognitions and commendations."""
        previous, current, _exemplar = self._history()
        department = self.dept_a.with_user(self.head_a)
        self.assertEqual(department.dvk_history_model_ids, previous | current)
        self.assertEqual(department.dvk_history_model_count, 3)
        self.assertEqual(department.dvk_history_recognized_count, 3)
        self.assertEqual(department.dvk_history_commendation_count, 1)
        self.assertEqual(set(department.dvk_history_model_ids.mapped("year")), {self.year - 1, self.year})
        years = department._dvk_history_years()
        self.assertEqual([year for year, _rows in years], [self.year, self.year - 1])
        (row,) = years[1][1]
        self.assertEqual(row["awards"][0]["decision_number"], "15/QĐ-STP")
        self.assertTrue(row["recognition_number"])
        action = department.action_dvk_history_models()
        self.assertEqual(self.env["dvk.model"].with_user(self.head_a).search(action["domain"]), previous | current)

    def test_R3_history_and_dossier_within_scope(self):
        """R3: each role reads the history of its scope; outside it, nothing, and no dossier."""
        previous, current, exemplar = self._history()
        for user in (self.staff_a, self.head_a, self.member_a, self.ha, self.admin):
            self.assertEqual(self.dept_a.with_user(user).dvk_history_model_ids, previous | current, user.login)
            self.dept_a.with_user(user)._dvk_check_history_access()
        for user in (self.staff_b, self.head_b, self.member_b, self.staff_c, self.head_c, self.member_c):
            self.assertFalse(self.dept_a.with_user(user).dvk_history_model_ids, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.dept_a.with_user(user).action_dvk_print_dossier()
        employee = self.nurse
        for user in (self.staff_b, self.head_b, self.member_b, self.ha, self.admin):
            self.assertEqual(employee.with_user(user).dvk_history_model_ids, exemplar, user.login)
        for user in (self.staff_a, self.head_a, self.member_a, self.head_c):
            with self.assertRaises(AccessError, msg=user.login):
                self.render("achievement_employee", employee, user)

    def test_R7_3_dossier_prints_the_years(self):
        """R7.3: the dossier (hồ sơ thành tích) prints each year's models, recognition and award decision."""
        previous, _current, _exemplar = self._history()
        printed = self.render("achievement_department", self.dept_a, self.head_a)
        recognition = previous.recognition_id
        self.assertPrinted(
            printed,
            "HỒ SƠ THÀNH TÍCH PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”",
            f"Năm {self.year}",
            f"Năm {self.year - 1}",
            "Trợ giúp pháp lý lưu động",
            "Một cửa thân thiện",
            "Phổ biến pháp luật trực tuyến",
            f"Số {recognition.name}",
            "Quyết định số 15/QĐ-STP",
            "3 mô hình, điển hình đăng ký thực hiện",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        )
        self.assertLess(printed.text.index(f"Năm {self.year}"), printed.text.index(f"Năm {self.year - 1}"))

    def test_R7_2_person_dossier(self):
        """R7.2: a person's dossier lists their exemplars, without their private data."""
        _previous, _current, exemplar = self._history()
        self.propose(exemplar)
        printed = self.render("achievement_employee", self.nurse, self.head_b)
        self.assertPrinted(printed, "Cá nhân: Nguyễn Thị Điều Dưỡng", "Cán bộ y tế tận tụy", f"Năm {self.year - 1}")
        self.assertNotPrinted(printed, "dieuduong@example.com", "Một cửa thân thiện")


class TestReview(CommendationSystemCase, ReportCase):
    """R7.3 "định kỳ tổ chức sơ kết, tổng kết": the agency head's periodic review."""

    def _values(self, models_=None, **values):
        return {
            "name": f"Sơ kết 6 tháng năm {self.year}",
            "department_id": self.dept_a.id,
            "period_id": self.period.id,
            "kind": "preliminary",
            "results": "<p>Ba mô hình được công nhận, người dân hài lòng.</p>",
            "limitations": "<p>Kinh phí còn hạn chế.</p>",
            "model_ids": [Command.set((models_ or self.env["dvk.model"]).ids)],
            **values,
        }

    def test_R7_3_the_head_holds_and_closes_the_review(self):
        """R7.3: the head puts forward recognised models of the agency's scope and closes the review."""
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện"])
        review = self.env["dvk.review"].with_user(self.head_a).create(self._values(recognised))
        review.conclusions = "<p>Tiếp tục nhân rộng mô hình một cửa.</p>"
        review.action_done()
        self.assertEqual((review.state, review.closed_by_id), ("done", self.head_a))
        self.assertIn("Sơ kết 6 tháng", recognised.sudo().message_ids[:1].body)
        with self.assertRaises(AccessError):
            review.conclusions = "<p>Sửa sau khi đã họp</p>"
        with self.assertRaises(AccessError):
            review.unlink()

    def test_R7_3_review_roles_in_and_out_of_scope(self):
        """R3: staff, committee and Home Affairs read but do not hold it; another agency's head cannot."""
        Review = self.env["dvk.review"]
        for user in (self.staff_a, self.member_a, self.ha, self.head_b, self.head_c):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                Review.with_user(user).create(self._values())
        review = Review.with_user(self.head_a).create(self._values())
        for user in (self.staff_a, self.member_a, self.ha, self.admin):
            self.assertEqual(review.with_user(user).read(["name"])[0]["name"], review.name)
        for user in (self.staff_b, self.head_b, self.member_c):
            with self.assertRaises(AccessError, msg=user.login):
                review.with_user(user).read(["name"])
        for user in (self.staff_a, self.member_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                review.with_user(user).action_done()
        with self.assertRaises(AccessError):
            review.with_user(self.member_a).write({"name": "Đổi tên"})
        admin_review = Review.with_user(self.admin).create(self._values(name="Tổng kết năm", kind="final"))
        self.assertEqual(admin_review.kind, "final")

    def test_R7_3_only_recognised_models_of_the_scope_and_a_finding(self):
        """R7.3: a review puts forward recognised models of its scope, and closes on what it found."""
        other = self.recognised(self.dept_b, ["Mô hình của Sở Y tế"])
        registration = self.make_registration(self.dept_a, lines=1)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["dvk.review"].with_user(self.head_a).create(self._values(other))
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["dvk.review"].with_user(self.head_a).create(self._values(registration.model_ids))
        empty = (
            self.env["dvk.review"].with_user(self.head_a).create(self._values(results="<p><br></p>", limitations=False))
        )
        with self.assertRaises(UserError):
            empty.action_done()

    def test_R7_3_review_prints(self):
        """R7.3: the review report prints its findings and the models it puts forward."""
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện"])
        review = self.env["dvk.review"].with_user(self.head_a).create(self._values(recognised))
        review.action_done()
        printed = self.render("review", review, self.staff_a)
        self.assertPrinted(
            printed,
            f"BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {self.year}",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "Ba mô hình được công nhận, người dân hài lòng.",
            "Kinh phí còn hạn chế.",
            "Một cửa thân thiện",
            "khoản 3 Điều 7",
        )
