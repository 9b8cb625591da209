"""Registration and approval (R6.2) and the head's inspections (R6.4), on three tiers and on two.

Staff register their agency's models, the head confirms, the committee approves (or
refuses, with a reason; a line, or the whole list) and the next actor gets an activity;
the head inspects a model being implemented.  ``TestRegistrationTwoTier`` runs the
same workflow on the two-tier organisation of the 2025 reform.

The rest of registering: test_registration_guards.py (R3: the transition guards and
scopes), test_registration_input.py (bad input: R4, R5.1, R6.1–R6.3, RA, R8) and
test_catalogues.py (R1, R4, R5, R7.1: the catalogues, versioned by regulation).
"""

from datetime import date

from odoo.exceptions import AccessError, UserError

from .common import DvkCase


class TestRegistrationWorkflow(DvkCase):
    def test_R6_2_happy_path_staff_head_committee(self):
        """R6.2: staff register two models, the head confirms, the committee approves; lines go to implementation."""
        registration = self.make_registration(lines=2)
        self.assertEqual(registration.state, "draft")
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"submitted"})
        registration.with_user(self.head_a).action_confirm()
        self.assertEqual(registration.state, "confirmed")
        registration.with_user(self.member_a).action_approve()
        self.assertEqual(registration.state, "approved")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"in_progress"})
        self.assertEqual(registration.approved_by_id, self.member_a)
        self.assertEqual(registration.committee_id, self.committee_a)

    def test_R6_2_next_actor_gets_activity(self):
        """R6.2: the head gets an activity to confirm, then the committee chair one to approve."""
        registration = self.make_registration()
        registration.action_submit()
        confirm = self.env.ref("danvan_khe.mail_act_dvk_confirm")
        activity = registration.sudo().activity_ids.filtered(lambda a: a.activity_type_id == confirm)
        self.assertEqual(activity.user_id, self.head_a)
        registration.with_user(self.head_a).action_confirm()
        approve = self.env.ref("danvan_khe.mail_act_dvk_approve")
        activities = registration.sudo().activity_ids
        self.assertFalse(activities.filtered(lambda a: a.activity_type_id == confirm))
        self.assertEqual(activities.filtered(lambda a: a.activity_type_id == approve).user_id, self.member_a)

    def test_R3_chatter_records_who_decided(self):
        """R3: every decision is recorded with who, when and what (tracking on state, actor fields)."""
        registration = self.make_registration().with_context(tracking_disable=False, mail_notrack=False)
        registration.action_submit()
        self.env.flush_all()
        self.cr.precommit.run()  # each RPC call is its own transaction: its tracking is written at commit
        registration.with_user(self.head_a).action_confirm()
        self.env.flush_all()
        self.cr.precommit.run()
        registration.invalidate_recordset(["message_ids"])
        tracked = registration.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state" and t.new_value_char == "Confirmed"
        )
        self.assertEqual(tracked.mail_message_id.author_id, self.head_a.partner_id)
        self.assertEqual(registration.submitted_by_id, self.staff_a)
        self.assertEqual(registration.confirmed_by_id, self.head_a)
        self.assertTrue(registration.date_submitted and registration.date_confirmed)

    def test_R6_2_refuse_needs_reason_and_returns_to_draft(self):
        """R6.2/R3: a refusal needs a reason, is recorded, and the agency amends after reset to draft."""
        registration = self.make_registration()
        registration.action_submit()
        with self.assertRaisesRegex(UserError, "reason"):
            registration.with_user(self.head_a).action_refuse()
        with self.assertRaisesRegex(UserError, "reason"):
            registration.with_user(self.head_a).action_refuse(reason="   ")
        self.assertEqual(registration.state, "submitted")
        registration.with_user(self.head_a).action_refuse(reason="Thiếu kết quả ước đạt")
        self.assertEqual(registration.state, "refused")
        self.assertEqual(registration.refuse_reason, "Thiếu kết quả ước đạt")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"refused"})
        registration.action_draft()
        self.assertEqual(registration.state, "draft")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"draft"})
        registration.model_ids[0].expected_result = "Bổ sung kết quả"
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")

    def test_R6_2_my_agency_filter(self):
        """The "My agency" filter finds the records of the user's own agency, on every record of the workflow."""
        mine = self.make_registration()
        self.make_registration(self.dept_b)
        Registration = self.env["dvk.registration"].with_user(self.admin)
        self.assertEqual(Registration.with_user(self.staff_a).search([("in_my_agency", "=", True)]), mine)
        found = self.env["dvk.model"].with_user(self.staff_a).search([("in_my_agency", "=", True)])
        self.assertEqual(found, mine.model_ids)
        self.assertTrue(mine.in_my_agency)
        self.assertNotIn(mine, Registration.search([("in_my_agency", "=", True)]), "the admin works for Sở Nội vụ")

    def test_R6_2_refuse_wizard(self):
        """R6.2: the refuse button asks the reason in a wizard."""
        registration = self.make_registration()
        registration.action_submit()
        action = registration.with_user(self.head_a).action_open_refuse_wizard()
        wizard = (
            self.env["dvk.refuse.wizard"]
            .with_user(self.head_a)
            .with_context(**action["context"])
            .create({"reason": "Không phù hợp"})
        )
        wizard.action_refuse()
        self.assertEqual(registration.state, "refused")

    def test_R6_2_committee_refuses_single_line(self):
        """R6.2: at approval the committee refuses one line with a reason; the others go into implementation."""
        registration = self.make_registration(lines=2)
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        first, second = registration.model_ids.sorted("id")
        with self.assertRaisesRegex(UserError, "reason"):
            first.with_user(self.member_a).action_refuse()
        with self.assertRaises(AccessError):
            first.with_user(self.member_b).action_refuse(reason="x")
        first.with_user(self.member_a).action_refuse(reason="Trùng với mô hình năm trước")
        registration.with_user(self.member_a).action_approve()
        self.assertEqual(first.state, "refused")
        self.assertEqual(first.refuse_reason, "Trùng với mô hình năm trước")
        self.assertEqual(second.state, "in_progress")

    def test_R6_2_all_lines_refused_cannot_be_approved(self):
        registration = self.make_registration(lines=1)
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.model_ids.with_user(self.member_a).action_refuse(reason="Không đạt")
        with self.assertRaisesRegex(UserError, "refuse the registration instead"):
            registration.with_user(self.member_a).action_approve()
        self.assertEqual(registration.state, "confirmed")

    def test_R6_2_batch_approve_is_all_or_nothing(self):
        """R6.2: approving several forms at once approves none when one of them is not the user's to approve."""
        reg_a = self.make_registration(self.dept_a)
        reg_b = self.make_registration(self.dept_b)
        for reg in (reg_a, reg_b):
            reg.action_submit()
            reg.with_user(self.head_of(reg.department_id)).action_confirm()
        both = (reg_a | reg_b).with_user(self.member_a)
        with self.assertRaises(AccessError):
            both.action_approve()
        self.assertEqual(reg_a.state, "confirmed")
        self.assertEqual(reg_b.state, "confirmed")


class TestInspection(DvkCase):
    def test_R6_4_head_inspects_model_in_implementation(self):
        """R6.4: the agency head logs an inspection on a model being implemented."""
        model = self.approved_registration().model_ids[0]
        inspection = (
            self.env["dvk.inspection"]
            .with_user(self.head_a)
            .create(
                {
                    "model_id": model.id,
                    "progress": 40,
                    "findings": "Đúng tiến độ",
                    "obstacles": "Thiếu kinh phí",
                    "date_follow_up": date(self.year, 12, 1),
                }
            )
        )
        self.assertEqual(model.inspection_count, 1)
        self.assertEqual(inspection.inspector_id, self.head_a)
        self.assertTrue(inspection.sudo().activity_ids, "a follow-up date schedules an activity")

    def test_R6_4_only_heads_in_scope_inspect(self):
        model = self.approved_registration().model_ids[0]
        for user in (self.head_b, self.head_c):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["dvk.inspection"].with_user(user).create({"model_id": model.id})
        with self.assertRaises(AccessError):  # staff have no right to create inspections
            self.env["dvk.inspection"].with_user(self.staff_a).create({"model_id": model.id})

    def test_R6_4_no_inspection_before_implementation(self):
        model = self.make_registration().model_ids[0]
        with self.assertRaisesRegex(UserError, "not in implementation"):
            self.env["dvk.inspection"].with_user(self.head_a).create({"model_id": model.id})


class TestRegistrationTwoTier(TestRegistrationWorkflow):
    """The same workflow on the two-tier organisation of the 2025 reform."""

    two_tier = True

    def test_R1_two_tier_commune_under_province(self):
        registration = self.make_registration(self.commune)
        registration.action_submit()
        registration.with_user(self.head_c).action_confirm()
        registration.with_user(self.member_c).action_approve()
        self.assertEqual(registration.state, "approved")
        self.assertFalse(self.tier_district.active)
        self.assertEqual(registration.tier_id, self.tier_commune)
