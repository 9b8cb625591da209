"""The main path in a real browser (headless Chromium), as the demo province's users.

Run by Odoo's own runner (`--test-tags dvk_tour/danvan_khe`, see scripts/test.sh):
staff registers two models, the head confirms and the committee approves on the
kanban boards, the head evaluates, the committee recognises, Home Affairs opens
the October reports and prints the registration form.
"""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "dvk_tour")
class TestMainPathTour(HttpCase):
    def test_main_path(self):
        env = self.env
        # the demo's own 2026 draft of Sở Tư pháp would take the tour's place (one form a year)
        env.ref("danvan_khe.registration_stp_2026").unlink()
        Registration = env["dvk.registration"]
        stp = env.ref("danvan_khe.dept_stp")

        self.start_tour("/odoo", "dvk_staff_registers", login="stp.canbo")
        registration = Registration.search([("department_id", "=", stp.id), ("state", "=", "submitted")])
        self.assertEqual(len(registration), 1)
        self.assertEqual(len(registration.model_ids), 2)

        self.start_tour("/odoo", "dvk_head_confirms", login="stp.giamdoc")
        self.assertEqual(registration.state, "confirmed")

        self.start_tour("/odoo", "dvk_committee_approves", login="stp.bcd")
        self.assertEqual(registration.state, "approved")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"in_progress"})

        model = registration.model_ids.filtered(lambda m: m.name.startswith("Tour: tiếp công dân"))
        model.with_user(env.ref("danvan_khe.user_stp_canbo")).action_report()
        self.start_tour("/odoo", "dvk_head_evaluates", login="stp.giamdoc")
        self.assertEqual(model.state, "evaluated")
        self.assertEqual(model.score_total, 18)

        self.start_tour("/odoo", "dvk_committee_recognises", login="stp.bcd")
        self.assertEqual(model.state, "recognized")

        env["dvk.agency.report"]._dvk_ensure_reports(registration.period_id)
        self.start_tour("/odoo", "dvk_home_affairs_october", login="nv.tonghop")

        self.authenticate("nv.tonghop", "demo")
        response = self.url_open(f"/report/html/danvan_khe.report_registration/{registration.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("BẢNG ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO", response.text)
        self.assertIn("Tour: hòa giải ở cơ sở", response.text)
