"""The first day in the province: every role lands on its work, and nothing breaks (R3, R6.2–R9).

Driven as the web client and RPC would: ``Form`` plays the form's onchange and save
exactly as the browser does, ``with_user`` applies the rules of each role.
"""

from datetime import date

from odoo import Command
from odoo.tests import Form, new_test_user

from .common import DvkCase

# every form a menu of the movement opens on "New"
FORMS = (
    "dvk.registration",
    "dvk.model",
    "dvk.inspection",
    "dvk.evaluation",
    "dvk.recognition",
    "dvk.commendation",
)


class TestFirstDay(DvkCase):
    def _approved_model(self):
        registration = self.make_registration(lines=1)
        registration.model_ids.with_user(self.staff_a).write({"address": "Phường 1"})
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        return registration.model_ids

    def test_R3_new_opens_on_every_form_for_every_role(self):
        """R3: "New" on every form of the movement opens without error for every role that has the menu."""
        for user in (self.staff_a, self.head_a, self.member_a, self.ha, self.admin):
            for model in FORMS:
                Model = self.env[model].with_user(user)
                if not Model.has_access("create"):
                    continue
                with self.subTest(user=user.login, model=model):
                    form = Form(Model)
                    self.assertFalse(form.id)

    def test_R7_2_commendation_form_opens_empty(self):
        """R7.2: a new proposal computes no authority until its model is chosen ("Expected singleton" before)."""
        form = Form(self.env["dvk.commendation"].with_user(self.member_a))
        self.assertFalse(form.authority_user_id)

    def test_R6_3_the_implementer_is_told_to_carry_out_by_october(self):
        """R6.3, R8: after approval the implementer has an activity due by the October deadline."""
        model = self._approved_model()
        implement = self.env.ref("danvan_khe.mail_act_dvk_implement")
        activity = model.activity_ids.filtered(lambda a: a.activity_type_id == implement)
        self.assertEqual(activity.user_id, self.staff_a)
        self.assertEqual(activity.date_deadline, date(self.year, 10, 31))
        model.with_user(self.staff_a).write({"result_summary": "Đạt"})
        model.with_user(self.staff_a).action_report()
        self.assertFalse(model.activity_ids.filtered(lambda a: a.activity_type_id == implement))
        self.assertEqual(model.activity_ids.user_id, self.head_a, "the head evaluates next")

    def test_R9_home_affairs_is_told_of_a_report_sent(self):
        """R8, R9: a report sent reaches Home Affairs as an activity."""
        report = (
            self.env["dvk.agency.report"]
            .sudo()
            .create({"department_id": self.dept_a.id, "period_id": self.period.id, "kind": "february"})
        )
        report.with_user(self.head_a).action_send()
        self.assertIn(self.ha, report.activity_ids.user_id)

    def test_R7_2_recognition_and_award_are_told_to_the_implementer(self):
        """R7.2: after recognition and after a commendation, the implementer is told."""
        model = self._approved_model()
        model.with_user(self.staff_a).write({"result_summary": "Đạt"})
        model.with_user(self.staff_a).action_report()
        self.evaluate(model)
        self.recognize(model)
        recognised = self.env.ref("danvan_khe.mail_act_dvk_recognized")
        self.assertEqual(model.activity_ids.filtered(lambda a: a.activity_type_id == recognised).user_id, self.staff_a)
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        proposal.action_propose()
        proposal.with_user(proposal.authority_user_id).action_grant(decision_number="7/QĐ")
        awarded = proposal.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("danvan_khe.mail_act_dvk_awarded")
        )
        self.assertIn(self.staff_a, awarded.user_id)

    def test_R6_2_the_overview_counts_what_waits_for_each_role(self):
        """R6.2: the overview counts, for each role, the records waiting for it; a click opens them."""
        registration = self.make_registration(lines=1)
        registration.action_submit()
        steps = self.env["dvk.step"]
        confirm = self.env.ref("danvan_khe.step_confirm")
        self.assertEqual(confirm.with_user(self.head_a).count, 1)
        self.assertEqual(confirm.with_user(self.head_b).count, 0, "another agency's head")
        self.assertNotIn(confirm, steps.with_user(self.staff_a).search([("is_mine", "=", True)]))
        action = confirm.with_user(self.head_a).action_open()
        self.assertEqual(self.env["dvk.registration"].with_user(self.head_a).search(action["domain"]), registration)
        registration.with_user(self.head_a).action_confirm()
        self.assertEqual(confirm.with_user(self.head_a).count, 0)
        self.assertEqual(self.env.ref("danvan_khe.step_approve").with_user(self.member_a).count, 1)

    def test_R3_officers_without_email_refuse_a_line(self):
        """R3: a committee member without an e-mail address refuses a line and approves the rest."""
        member = new_test_user(self.env, login="t.member.noemail", groups="danvan_khe.group_dvk_committee")
        member.partner_id.email = False
        self.env["hr.employee"].create({"name": "Không thư", "user_id": member.id, "department_id": self.dept_a.id})
        self.committee_a.member_ids = [Command.link(member.id)]
        registration = self.make_registration(lines=2)
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.model_ids[:1].with_user(member).action_refuse(reason="Trùng lặp")
        registration.with_user(member).action_approve()
        self.assertEqual(registration.state, "approved")

    def test_R8_numbers_and_years_read_as_the_province_writes_them(self):
        """R8: a registration is numbered by its year; a year is never summed; dates read dd/mm/yyyy."""
        period = self.period_for(self.year - 3)
        registration = self.make_registration(lines=0, period=period)
        self.assertIn(f"/{self.year - 3}/", registration.name)
        for model in ("dvk.registration", "dvk.model", "dvk.period"):
            self.assertFalse(self.env[model].fields_get(["year"])["year"].get("aggregator"), model)
        model = self._approved_model()
        inspection = self.env["dvk.inspection"].with_user(self.head_a).with_context(lang="vi_VN")
        self.env["res.lang"]._activate_lang("vi_VN")
        record = inspection.create({"model_id": model.id, "date": date(self.year, 3, 5), "progress": 10})
        self.assertIn(f"05/03/{self.year}", record.with_context(lang="vi_VN").display_name)

    def test_R4_pickers_read_as_officers_search(self):
        """R4, R7.3: "XD" finds the sector XD HTCT; the predecessor picker shows year and agency."""
        found = self.env["dvk.sector"].with_user(self.staff_a).name_search("XD")
        self.assertIn(self.sector_xdhtct.id, [sector_id for sector_id, _name in found])
        model = self._approved_model()
        shown = model.with_context(dvk_show_year=True).display_name
        self.assertTrue(shown.startswith(f"{self.year} · {self.dept_a.name} · "), shown)
