"""The reporting calendar (R8) and Home Affairs' province-wide compilation (R9)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import DvkCase


class TestAgencyReports(DvkCase):
    def _reports(self, period=None):
        period = period or self.period
        Report = self.env["dvk.agency.report"]
        Report._dvk_ensure_reports(period)
        return Report.sudo().search([("period_id", "=", period.id)])

    def test_R8_one_report_of_each_kind_per_agency(self):
        reports = self._reports()
        agencies = self.env["hr.department"].search([("dvk_is_agency", "=", True)])
        for agency in self.dept_a | self.dept_b | self.commune:
            kinds = reports.filtered(lambda r, a=agency: r.department_id == a).mapped("kind")
            self.assertEqual(sorted(kinds), ["february", "october"])
        self.assertEqual(len(reports), 2 * len(agencies))
        self.assertFalse(self.env["dvk.agency.report"]._dvk_ensure_reports(self.period), "idempotent")
        february = reports.filtered(lambda r: r.kind == "february")[:1]
        self.assertEqual(february.date_deadline, self.period.date_february)

    def test_R8_february_counts_models_registered(self):
        """R8: in February each head sends the number of models registered, by sector and kind."""
        registration = self.make_registration(lines=3)
        registration.action_submit()
        draft = self.make_registration(self.dept_b, lines=2)
        reports = self._reports().filtered(lambda r: r.kind == "february")
        report = reports.filtered(lambda r: r.department_id == self.dept_a)
        report.with_user(self.head_a).action_send()
        self.assertEqual(report.state, "sent")
        self.assertEqual(report.model_count, 3)
        self.assertEqual(sum(report.line_ids.mapped("registered_count")), 3)
        self.assertEqual(len(report.line_ids), 3, "one line per sector and kind")
        self.assertEqual(report.sent_by_id, self.head_a)
        # a draft form is not registered yet: Sở Y tế's two draft lines count for nothing...
        report_b = reports.filtered(lambda r: r.department_id == self.dept_b)
        report_b.with_user(self.head_b).action_refresh()
        self.assertEqual(draft.state, "draft")
        self.assertEqual((report_b.model_count, len(report_b.line_ids)), (0, 0))
        # ...until they are submitted: the same lines, now registered
        draft.action_submit()
        report_b.with_user(self.head_b).action_refresh()
        self.assertEqual(report_b.model_count, 2)
        self.assertEqual(sum(report_b.line_ids.mapped("registered_count")), 2)
        # a refused line is not registered either
        draft.with_user(self.head_b).action_refuse(reason="Thiếu nội dung")
        report_b.with_user(self.head_b).action_refresh()
        self.assertEqual(report_b.model_count, 0)

    def test_R8_october_recognition_and_proposals(self):
        """R8: in October the results of recognition and the commendation proposals."""
        model = self.reported_model()
        self.evaluate(model)
        self.recognize(model)
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        proposal.action_propose()
        report = self._reports().filtered(lambda r: r.kind == "october" and r.department_id == self.dept_a)
        report.with_user(self.head_a).action_send()
        self.assertEqual(report.recognized_count, 1)
        self.assertEqual(report.proposal_count, 1)

    def test_R8_only_the_head_sends_for_their_agency(self):
        report = self._reports().filtered(lambda r: r.kind == "february" and r.department_id == self.dept_a)
        for user in (self.staff_a, self.member_a, self.head_b, self.ha):
            with self.assertRaises(UserError, msg=user.login):
                report.with_user(user).action_send()
        self.assertEqual(report.state, "draft")

    def test_R8_closed_or_future_year(self):
        future = self.period_for(self.year + 1)
        report = self._reports(future).filtered(lambda r: r.department_id == self.dept_a)[:1]
        with self.assertRaisesRegex(UserError, "has not begun"):
            report.with_user(self.head_a).action_send()
        report = self._reports().filtered(lambda r: r.department_id == self.dept_a)[:1]
        self.period.with_user(self.admin).action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            report.with_user(self.head_a).action_send()

    def test_R9_home_affairs_sees_who_is_late(self):
        """R9: Home Affairs reads every agency's reports and sees who has sent and who is late."""
        reports = self._reports()
        sent = reports.filtered(lambda r: r.kind == "february" and r.department_id == self.dept_a)
        sent.with_user(self.head_a).action_send()
        Report = self.env["dvk.agency.report"].with_user(self.ha)
        with freeze_time(date(self.year, 3, 15)):
            late = Report.search(
                [("period_id", "=", self.period.id), ("kind", "=", "february"), ("is_late", "=", True)]
            )
            self.assertIn(self.dept_b, late.department_id)
            self.assertNotIn(self.dept_a, late.department_id)
            self.assertTrue(Report.browse(late[:1].id).is_late)
        with freeze_time(date(self.year, 2, 1)):
            self.assertFalse(Report.search([("period_id", "=", self.period.id), ("is_late", "=", True)]))
        with self.assertRaises(AccessError):
            Report.browse(sent.id).write({"note": "Home Affairs only reads"})

    def test_R9_province_figures_aggregate_in_the_database(self):
        """R9: the province report is one read_group per measure, whatever the number of agencies."""
        for agency in (self.dept_a, self.dept_b, self.commune):
            self.make_registration(agency, lines=2).action_submit()
        Report = self.env["dvk.agency.report"]
        with self.assertQueryCount(__system__=4):
            figures = Report._dvk_figures(self.period, "october")
        mine = {k: v for k, v in figures.items() if k[0] in (self.dept_a | self.dept_b | self.commune).ids}
        self.assertEqual(sum(v["registered"] for v in mine.values()), 6)

    def test_R8_cron_reminds_heads_before_deadline(self):
        """R8: before each deadline the heads of agencies that have not sent get one reminder."""
        activity_type = self.env.ref("danvan_khe.mail_act_dvk_send_report")
        Report = self.env["dvk.agency.report"]
        before = self.period.date_february - timedelta(days=5)
        with freeze_time(before):
            Report._cron_remind_deadlines()
            Report._cron_remind_deadlines()  # a second run adds nothing
        reports = self._reports().filtered(lambda r: r.kind == "february")
        report_a = reports.filtered(lambda r: r.department_id == self.dept_a)
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "dvk.agency.report"),
                ("res_id", "=", report_a.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.head_a)
        october = reports.browse()  # October is not due yet
        october = self._reports().filtered(lambda r: r.kind == "october" and r.department_id == self.dept_a)
        self.assertFalse(october.activity_ids)
        report_a.with_user(self.head_a).action_send()
        self.assertFalse(report_a.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))
