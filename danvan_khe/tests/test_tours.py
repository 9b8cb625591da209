"""The main path in a real browser (headless Chromium), as the demo province's users.

Run by Odoo's own runner (`--test-tags dvk_tour/danvan_khe`, see scripts/test.sh):
staff registers two models, the head confirms and the committee approves on the
kanban boards, the head evaluates, the committee recognises, Home Affairs opens
the October reports and prints the registration form.

Time is part of the test: the path runs in the year of the day it runs, whatever
that year is. The test makes that year's period (open) when the demo has none,
and clears the way for Sở Tư pháp's form of that year; it hands the year to the
browser, which looks for it on the reports board. No demo record of a fixed year
is relied on.
"""

import json

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "dvk_tour")
class TestMainPathTour(HttpCase):
    def _this_year(self):
        """The period of the year the staff's new form defaults to (today, in the staff's timezone), open,
        with no form of Sở Tư pháp yet (one form a year per agency: the tour registers it)."""
        staff = self.env.ref("danvan_khe.user_stp_canbo")
        year = fields.Date.context_today(self.env["dvk.registration"].with_user(staff)).year
        Period = self.env["dvk.period"]
        period = Period.search([("year", "=", year)]) or Period.create({"year": year})
        if period.state != "open":
            period.write({"state": "open"})
        # the demo's own form of this year, if any, is withdrawn as its actors would: refused by the
        # head when it was on its way, put back to draft and deleted by the staff
        stp = self.env.ref("danvan_khe.dept_stp")
        existing = self.env["dvk.registration"].search([("department_id", "=", stp.id), ("period_id", "=", period.id)])
        if existing.state in ("submitted", "confirmed"):
            head = self.env.ref("danvan_khe.user_stp_giamdoc")
            existing.with_user(head).action_refuse(reason="Nhường chỗ cho bài kiểm thử trên trình duyệt")
        if existing.state == "refused":
            existing.with_user(staff).action_draft()
        existing.with_user(staff).unlink()
        return period

    def _tour(self, tour, login, year, registration=None):
        """Start ``tour`` as ``login``; the browser gets the year, and the number of the form the tour
        registered, through its local storage."""
        options = {"stepDelay": 0, "keepWatchBrowser": False, "debug": False, "startUrl": "/odoo"}
        number = registration.name if registration else ""
        code = (
            f"localStorage.setItem('dvk_tour_year', {json.dumps(str(year))}); "
            f"localStorage.setItem('dvk_tour_form', {json.dumps(number)}); "
            f"odoo.startTour({json.dumps(tour)}, {json.dumps(options)})"
        )
        self.start_tour("/odoo", tour, login=login, code=code)

    def test_main_path(self):
        env = self.env
        period = self._this_year()
        year = period.year
        Registration = env["dvk.registration"]
        stp = env.ref("danvan_khe.dept_stp")

        self._tour("dvk_staff_registers", "stp.canbo", year)
        registration = Registration.search([("department_id", "=", stp.id), ("state", "=", "submitted")])
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.period_id, period, "the form is this year's")
        self.assertEqual(len(registration.model_ids), 2)

        self._tour("dvk_head_confirms", "stp.giamdoc", year, registration)
        self.assertEqual(registration.state, "confirmed")

        self._tour("dvk_committee_approves", "stp.bcd", year, registration)
        self.assertEqual(registration.state, "approved")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"in_progress"})

        model = registration.model_ids.filtered(lambda m: m.name.startswith("Tour: tiếp công dân"))
        staff = env.ref("danvan_khe.user_stp_canbo")
        model.with_user(staff).write({"result_summary": "Tiếp 120 lượt công dân, không có khiếu nại vượt cấp"})
        model.with_user(staff).action_report()
        self._tour("dvk_head_evaluates", "stp.giamdoc", year)
        self.assertEqual(model.state, "evaluated")
        self.assertEqual(model.score_total, 88, "the five factors a–đ: 18 + 17 + 16 + 19 + 18")

        self._tour("dvk_committee_recognises", "stp.bcd", year)
        self.assertEqual(model.state, "recognized")

        env["dvk.agency.report"]._dvk_ensure_reports(period)
        self._tour("dvk_home_affairs_october", "nv.tonghop", year)

        self.authenticate("nv.tonghop", "demo")
        response = self.url_open(f"/report/html/danvan_khe.report_registration/{registration.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO", response.text)
        self.assertIn("Tour: hòa giải ở cơ sở", response.text)
