"""The first day in a real browser (headless Chromium), one tour per role (R3, R6.2, R7.2, R8, R9).

Each demo login opens Odoo, lands on "What waits for me", finds there the item
the demo left waiting for it and decides it. The demo was made through the
workflow in the years of today's date, so the tours need no fixed year.
Run by Odoo's own runner (`--test-tags dvk_tour/danvan_khe`, see scripts/test.sh).
"""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "dvk_tour")
class TestRolesFirstDay(HttpCase):
    def _registration(self, agency_xmlid):
        year = self.env["dvk.period"].search([], order="year desc", limit=1).year
        return self.env["dvk.registration"].search(
            [("department_id", "=", self.env.ref(agency_xmlid).id), ("year", "=", year)]
        )

    def test_R6_2_staff_amends_a_refused_registration(self):
        registration = self._registration("danvan_khe.dept_cl_tt")
        self.assertEqual(registration.state, "refused")
        self.start_tour("/odoo", "dvk_role_staff_amends", login="cltt.canbo")
        self.assertEqual(registration.state, "submitted")

    def test_R6_2_head_confirms(self):
        registration = self._registration("danvan_khe.dept_syt")
        self.assertEqual(registration.state, "submitted")
        self.start_tour("/odoo", "dvk_role_head_confirms", login="syt.giamdoc")
        self.assertEqual(registration.state, "confirmed")
        self.assertEqual(registration.confirmed_by_id.login, "syt.giamdoc")

    def test_R6_2_committee_approves(self):
        registration = self._registration("danvan_khe.dept_sgd")
        self.assertEqual(registration.state, "confirmed")
        self.start_tour("/odoo", "dvk_role_committee_approves", login="sgd.bcd")
        self.assertEqual(registration.state, "approved")

    def test_R9_home_affairs_grants_the_provincial_proposal(self):
        proposal = self.env["dvk.commendation"].search([("level", "=", "province"), ("state", "=", "proposed")])
        self.assertEqual(len(proposal), 1)
        self.start_tour("/odoo", "dvk_role_home_affairs_grants", login="nv.tonghop")
        self.assertEqual(proposal.state, "granted")
        self.assertEqual(proposal.decision_number, "25/QĐ-UBND")

    def test_R8_movement_admin_sends_a_late_report(self):
        report = self.env["dvk.agency.report"].search(
            [("department_id", "=", self.env.ref("danvan_khe.dept_cl_mc").id), ("is_late", "=", True)],
            order="date_deadline",
            limit=1,
        )
        self.assertTrue(report)
        self.start_tour("/odoo", "dvk_role_admin_sends_late_report", login="dvk.quantri")
        self.assertTrue(
            self.env["dvk.agency.report"].search_count(
                [("department_id", "=", report.department_id.id), ("state", "=", "sent"), ("kind", "=", "october")]
            )
        )

    def test_R7_2_committee_recognises_from_the_list(self):
        agency = self.env.ref("danvan_khe.dept_stp")
        model = self.env["dvk.model"].search([("agency_id", "=", agency.id), ("state", "=", "evaluated")])
        self.assertEqual(len(model), 1, "the demo leaves one evaluated model of Sở Tư pháp")
        self.start_tour("/odoo", "dvk_role_committee_recognises", login="stp.bcd")
        self.assertEqual(model.state, "recognized")
        self.assertEqual(model.recognition_id.state, "done")

    def test_R7_2_committee_does_not_recognise_with_a_reason(self):
        agency = self.env.ref("danvan_khe.dept_syt")
        model = self.env["dvk.model"].search([("agency_id", "=", agency.id), ("state", "=", "evaluated")])
        self.assertEqual(len(model), 1, "the demo leaves one evaluated model of Sở Y tế")
        self.start_tour("/odoo", "dvk_role_committee_does_not_recognise", login="syt.bcd")
        self.assertEqual(model.state, "not_recognized")
        self.assertEqual(model.not_recognized_reason, "Chưa lan tỏa ra các đơn vị khác")
