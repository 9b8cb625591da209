"""Activities and tracking notes of a transition, made in batch for all the lines of a form (issue 13).

An approval moves every line of a registration: the activities of the state left are
closed, those of the state reached given, and each line's state change is tracked in
its chatter. Made one record at a time (``activity_feedback``/``activity_schedule`` and
mail.thread's tracking, as before), or in batch: the result must be the same, and the
queries of a transition must not grow with the number of lines.
"""

from odoo.addons.mail.models.mail_thread import MailThread

from .common import DvkCase

# what a collective model needs before its registration is submitted (R5.1a)
COMPLETE = {"address": "Khóm 3, Phường 1", "survey_content": "Giải quyết thủ tục hành chính đúng hẹn"}
SUMMARY_VI = "Đăng ký đã được duyệt: thực hiện mô hình và báo cáo kết quả trước hạn tháng Mười."


def _one_by_one(self):
    """The activities as they were made before issue 13: activity_feedback and activity_schedule per record."""
    types = {spec[0] for spec in self._dvk_activities.values()}
    if not types:
        return
    records = self.sudo()
    by_state = {}
    for record in records:
        by_state.setdefault(record.state, records.browse())
        by_state[record.state] |= record
    for state, group in by_state.items():
        current = self._dvk_activities.get(state)
        stale = sorted(types - {current[0]} if current else types)
        if stale:
            group.activity_feedback(stale)
        if not current:
            continue
        xmlid, users_method, *deadline_method = current
        activity_type = group.env.ref(xmlid)
        for record in group:
            users = getattr(record, users_method)()
            waiting = record.activity_ids.filtered(lambda a, t=activity_type: a.activity_type_id == t).user_id
            deadline = getattr(record, deadline_method[0])() if deadline_method else None
            for user in users - waiting:
                record.with_context(
                    lang=user.lang or self.env.lang, mail_activity_quick_update=not self._dvk_activity_notify
                ).activity_schedule(
                    xmlid, user_id=user.id, date_deadline=deadline or activity_type._get_date_deadline()
                )


def _track_one_by_one(self, fields_iter, initial_values_dict):
    """mail.thread's tracking as it is: one note per record."""
    return MailThread._message_track(self, fields_iter, initial_values_dict)


class TestActivityBatch(DvkCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.implement = cls.env.ref("danvan_khe.mail_act_dvk_implement")
        cls.implement.with_context(lang="vi_VN").summary = SUMMARY_VI
        # two exemplars: one with a login that reads Vietnamese, one without a login (their head acts)
        cls.exemplar_user = cls._person("t.exemplar.a", cls.dept_a_office, "danvan_khe.group_dvk_user")
        cls.exemplar_user.write({"lang": "vi_VN"})
        cls.exemplar_user.partner_id.email = False
        cls.exemplar = cls.exemplar_user.employee_ids
        cls.exemplar_no_login = cls.env["hr.employee"].create(
            {"name": "Chưa có tài khoản", "department_id": cls.dept_a.id}
        )

    def _form(self, lines, exemplars=True, period=None):
        """A registration of agency A with ``lines`` collective models (and the two exemplars), confirmed."""
        registration = self.make_registration(lines=0, period=period)
        values = [
            {
                "registration_id": registration.id,
                "name": f"Mô hình {index + 1}",
                "kind": "collective",
                "sector_id": (self.sector_kt, self.sector_vhxh, self.sector_xdhtct)[index % 3].id,
                **COMPLETE,
            }
            for index in range(lines)
        ]
        if exemplars:
            values += [
                {
                    "registration_id": registration.id,
                    "name": f"Điển hình {employee.name}",
                    "kind": "individual",
                    "employee_id": employee.id,
                    "sector_id": self.sector_kt.id,
                    **COMPLETE,
                }
                for employee in (self.exemplar, self.exemplar_no_login)
            ]
        self.env["dvk.model"].with_user(self.staff_a).create(values)
        self._commit_like()  # each step is a request of its own: what it created is tracked from then on
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        self._commit_like()
        return registration

    def _tracked(self, registration):
        return registration.with_context(tracking_disable=False, mail_notrack=False)

    def _commit_like(self):
        """What the end of an RPC request runs before COMMIT: the flush and the tracking notes."""
        self.env.flush_all()
        self.cr.precommit.run()

    def _story(self, registration):
        """Per line (in line order): its activities and its chatter, as comparable values."""
        self.env.invalidate_all()
        story = []
        for line in registration.sudo().model_ids.sorted(lambda m: (m.sequence, m.id)):
            activities = sorted(
                (
                    a.activity_type_id.id,
                    a.user_id.id,
                    a.date_deadline,
                    a.summary,
                    str(a.note or ""),
                    a.automated,
                    a.create_uid.id,
                )
                for a in self.env["mail.activity"].search([("res_model", "=", "dvk.model"), ("res_id", "=", line.id)])
            )
            messages = [
                (
                    m.message_type,
                    m.subtype_id.id,
                    m.author_id.id,
                    str(m.body or ""),
                    m.is_internal,
                    m.email_from,
                    m.reply_to,
                    m.record_name,
                    sorted(
                        (t.field_id.name, t.old_value_char, t.new_value_char, t.old_value_integer)
                        for t in m.tracking_value_ids
                    ),
                )
                for m in line.message_ids.sorted("id")
            ]
            followers = sorted(line.message_partner_ids.ids)
            story.append((line.name, activities, messages, followers))
        return story

    def _approve(self, registration):
        self._tracked(registration).with_user(self.member_a).action_approve()
        self._commit_like()

    def test_R6_3_approving_gives_every_line_the_same_activities_as_one_by_one(self):
        """R6.3: after approval each line has the activity to carry it out, for its implementer, due by October,
        in the implementer's language, and the same chatter, as when they were made one line at a time."""
        batched = self._form(lines=4)
        other_year = self.period_for(self.year + 1)
        reference = self._form(lines=4, period=other_year)
        self._approve(batched)
        # the reference: the lines' activities and tracking notes made one record at a time
        Model = self.registry["dvk.model"]
        self.patch(Model, "_dvk_activity_update", _one_by_one)
        self.patch(Model, "_message_track", _track_one_by_one)
        self._approve(reference)

        story = self._story(batched)
        self.assertEqual(len(story), 6)
        for name, activities, _messages, _followers in story:
            with self.subTest(line=name):
                self.assertEqual(len(activities), 1, "one activity per line")
                type_id, user_id, deadline, summary, _note, automated, _uid = activities[0]
                self.assertEqual(type_id, self.implement.id)
                self.assertTrue(automated)
                self.assertEqual(deadline, self.period.date_october)
                expected = {
                    f"Điển hình {self.exemplar.name}": self.exemplar_user,
                    f"Điển hình {self.exemplar_no_login.name}": self.head_a,
                }.get(name, self.staff_a)
                self.assertEqual(user_id, expected.id)
                if expected == self.exemplar_user:
                    self.assertEqual(summary, SUMMARY_VI, "the summary in the implementer's language")
                else:
                    self.assertEqual(summary, self.implement.with_context(lang="en_US").summary)
        # the same activities, notes and followers as one line at a time (the year aside, nothing differs)
        expected_story = self._story(reference)
        for (name, activities, messages, followers), (_n, ref_activities, ref_messages, ref_followers) in zip(
            story, expected_story, strict=True
        ):
            with self.subTest(line=name):
                self.assertEqual(
                    [a[:2] + a[3:] for a in activities], [a[:2] + a[3:] for a in ref_activities], "activities"
                )
                self.assertEqual(messages, ref_messages, "chatter: the tracking note of the state, nothing else")
                self.assertEqual(followers, ref_followers, "followers")
                self.assertTrue(messages, "the state change is tracked")
        # the registration's own activity to approve is closed, as one by one
        approve = self.env.ref("danvan_khe.mail_act_dvk_approve")
        for registration in (batched, reference):
            self.assertFalse(registration.sudo().activity_ids.filtered(lambda a: a.activity_type_id == approve))

    def test_R6_3_no_duplicate_activity_and_stale_ones_closed(self):
        """R6.3: a line that has its activity already does not get a second one; leaving the state closes it."""
        registration = self._form(lines=2, exemplars=False)
        self._approve(registration)
        lines = registration.model_ids.sudo()
        lines._dvk_activity_update()  # again, in the same state: nothing more
        self.assertEqual(len(lines.activity_ids), 2)
        lines.write({"result_summary": "Đạt"})
        lines.with_user(self.staff_a).action_report()
        evaluate = self.env.ref("danvan_khe.mail_act_dvk_evaluate")
        self.assertEqual(lines.activity_ids.activity_type_id, evaluate, "carrying out closed, evaluating given")
        self.assertEqual(lines.activity_ids.user_id, self.head_a)
        done = lines.message_ids.filtered(lambda m: m.mail_activity_type_id == self.implement)
        self.assertEqual(len(done), 2, "each closed activity is logged in its line's chatter")

    def test_R3_activities_need_no_email_and_send_none(self):
        """R3: an implementer without an e-mail address gets the activity; no activity is e-mailed."""
        mails_before = self.env["mail.mail"].sudo().search_count([])
        registration = self._form(lines=2)
        self._approve(registration)
        mine = registration.model_ids.sudo().activity_ids.filtered(lambda a: a.user_id == self.exemplar_user)
        self.assertEqual(len(mine), 1)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before, "nothing is e-mailed")

    def test_R6_2_transitions_cost_no_more_queries_with_more_lines(self):
        """Issue 13: submitting, confirming and approving a form of 10 lines costs the queries of 2 lines
        (activities, tracking notes and states of all the lines are written in batch)."""
        counts = {}
        for lines, year in ((1, self.year + 2), (2, self.year + 3), (10, self.year + 4)):  # 1: warms the caches
            registration = self.make_registration(lines=0, period=self.period_for(year))
            self.env["dvk.model"].with_user(self.staff_a).create(
                [
                    {
                        "registration_id": registration.id,
                        "name": f"Mô hình {index + 1}",
                        "sector_id": self.sector_kt.id,
                        **COMPLETE,
                    }
                    for index in range(lines)
                ]
            )
            self._commit_like()
            for user, method in ((self.staff_a, "action_submit"), (self.head_a, "action_confirm")):
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                getattr(self._tracked(registration).with_user(user), method)()
                self._commit_like()
                counts[method, lines] = self.cr.sql_log_count - before
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._approve(registration)
            counts["action_approve", lines] = self.cr.sql_log_count - before
            self.assertEqual(len(registration.model_ids.sudo().activity_ids), lines)
        for method in ("action_submit", "action_confirm", "action_approve"):
            with self.subTest(method=method):
                self.assertLessEqual(
                    counts[method, 10] - counts[method, 2],
                    4,
                    f"{method}: {counts[method, 2]} queries for 2 lines, {counts[method, 10]} for 10",
                )
