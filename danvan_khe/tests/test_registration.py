"""Registration and approval (R4, R5, R6.1–R6.4, RA, R3), on the three-tier organisation."""

from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

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


class TestTransitionGuards(DvkCase):
    """R3: only the competent role at the competent level takes each step, whatever the client sends."""

    def test_R3_state_cannot_be_written_directly(self):
        registration = self.make_registration()
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.with_user(self.admin).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.model_ids[0].write({"state": "in_progress"})
        with self.assertRaisesRegex(UserError, "first state"):
            self.env["dvk.registration"].with_user(self.staff_b).create(
                {"department_id": self.dept_b.id, "period_id": self.period.id, "state": "approved"}
            )
        self.assertEqual(registration.state, "draft")

    def test_R3_steps_cannot_be_skipped(self):
        registration = self.make_registration()
        with self.assertRaisesRegex(UserError, "Confirming is not possible"):
            registration.with_user(self.head_a).action_confirm()
        with self.assertRaisesRegex(UserError, "Approving is not possible"):
            registration.with_user(self.member_a).action_approve()
        registration.action_submit()
        with self.assertRaisesRegex(UserError, "Approving is not possible"):
            registration.with_user(self.member_a).action_approve()
        with self.assertRaisesRegex(UserError, "Submitting is not possible"):
            registration.action_submit()

    def test_R3_wrong_roles_are_refused_at_each_step(self):
        registration = self.make_registration()
        # only staff or heads of the agency submit
        for user in (self.staff_b, self.member_b, self.ha, self.outsider):
            with self.assertRaises(UserError, msg=user.login):
                registration.with_user(user).action_submit()
        registration.action_submit()
        # only a head over the agency confirms
        for user in (self.staff_a, self.member_a, self.head_b, self.ha, self.head_c):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_confirm()
        registration.with_user(self.head_a).action_confirm()
        # only a member of a committee covering the agency approves
        for user in (self.staff_a, self.head_a, self.member_b, self.member_c, self.ha):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_approve()
        registration.with_user(self.member_a).action_approve()
        self.assertEqual(registration.state, "approved")

    def test_R3_admin_may_correct(self):
        """The movement's administrator may take any step, to correct mistakes."""
        registration = self.make_registration()
        registration.with_user(self.admin).action_submit()
        registration.with_user(self.admin).action_confirm()
        registration.with_user(self.admin).action_approve()
        self.assertEqual(registration.state, "approved")


class TestDistrictScopes(DvkCase):
    """R3 on the three tiers of the decision: the district between the province and its communes.

    Three tiers only: the two-tier classes below do not inherit these tests (a district
    test run without a district proves nothing).
    """

    def test_R3_district_head_and_committee_cover_their_communes(self):
        """Scopes ride on the org tree: the district's head confirms, and its committee approves, for a
        commune below it that has no committee of its own (R6.2 "của cơ quan, đơn vị")."""
        self.assertTrue(self.district and self.commune2.parent_id == self.district)
        self.assertFalse(self.env["dvk.committee"].search([("department_id", "=", self.commune2.id)]))
        staff = self._person("t.staff.c2", self.commune2, "danvan_khe.group_dvk_user")
        registration = self.make_registration(self.commune2, user=staff)
        registration.action_submit()
        with self.assertRaises(AccessError):  # a neighbouring commune's head is not above it
            registration.with_user(self.head_c).action_confirm()
        registration.with_user(self.head_d).action_confirm()
        with self.assertRaises(AccessError):
            registration.with_user(self.member_c).action_approve()
        registration.with_user(self.member_d).action_approve()
        self.assertEqual(registration.state, "approved")
        self.assertEqual(registration.approved_by_id, self.member_d)

    def test_R3_commune_head_does_not_cover_district(self):
        """The tree is not read upwards: a commune's head and committee cannot act for their district."""
        registration = self.make_registration(self.district, user=self.staff_d)
        registration.action_submit()
        with self.assertRaises(AccessError):
            registration.with_user(self.head_c).action_confirm()
        registration.with_user(self.head_d).action_confirm()
        with self.assertRaises(AccessError):
            registration.with_user(self.member_c).action_approve()
        registration.with_user(self.member_d).action_approve()
        self.assertEqual(registration.state, "approved")


class TestRegistrationBadInput(DvkCase):
    """Bad input gets a clear error and writes nothing."""

    def test_R6_2_empty_registration_cannot_be_submitted(self):
        registration = self.make_registration(lines=0)
        with self.assertRaisesRegex(UserError, "no model or exemplar"):
            registration.action_submit()
        self.assertEqual(registration.state, "draft")

    def test_R4_model_without_sector_is_refused(self):
        """R4: every model belongs to one of the sectors."""
        registration = self.make_registration(lines=0)
        with self.assertRaisesRegex(UserError, "no sector"):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {"registration_id": registration.id, "name": "Không lĩnh vực", "kind": "collective"}
            )
        self.assertFalse(registration.model_ids)

    def test_R5_1_name_address_and_sector_of_a_model(self):
        """R5.1a: a model has a name, an address and content in one of the sectors; the form freezes them."""
        registration = self.make_registration(lines=0)
        Model = self.env["dvk.model"].with_user(self.staff_a)
        with self.assertRaisesRegex(UserError, "no sector"):
            Model.create({"registration_id": registration.id, "name": "Không lĩnh vực", "address": "Ấp 1"})
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):  # a name
            Model.create({"registration_id": registration.id, "sector_id": self.sector_kt.id, "name": False})
        model = Model.create(
            {
                "registration_id": registration.id,
                "name": "Tổ tư vấn pháp luật lưu động",
                "address": "Ấp Long Hòa, xã Mỹ Cẩm",
                "sector_id": self.sector_kt.id,
            }
        )
        self.assertEqual(
            (model.name, model.address, model.sector_id.code),
            ("Tổ tư vấn pháp luật lưu động", "Ấp Long Hòa, xã Mỹ Cẩm", "KT"),
        )
        registration.action_submit()
        for field, value in (("address", "Nơi khác"), ("sector_id", self.sector_vhxh.id), ("name", "Tên khác")):
            with self.subTest(field=field), self.assertRaisesRegex(UserError, "frozen"):
                model.write({field: value})
        self.assertEqual(model.address, "Ấp Long Hòa, xã Mỹ Cẩm")

    def test_RA_period_ending_before_start(self):
        """RA column 5 "Thời gian thực hiện": a period that ends before it starts is refused."""
        registration = self.make_registration(lines=0)
        with self.assertRaisesRegex(ValidationError, "ends .* before it starts"):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": registration.id,
                    "name": "Ngược thời gian",
                    "sector_id": self.sector_kt.id,
                    "date_start": date(self.year, 10, 1),
                    "date_end": date(self.year, 3, 1),
                }
            )

    def test_RA_period_outside_the_year(self):
        """RA column 5: the implementation period lies in the year of the registration form."""
        registration = self.make_registration(lines=0)
        with self.assertRaisesRegex(ValidationError, "outside the year"):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": registration.id,
                    "name": "Sang năm sau",
                    "sector_id": self.sector_kt.id,
                    "date_start": date(self.year, 10, 1),
                    "date_end": date(self.year + 1, 3, 1),
                }
            )

    def test_RA_dates_default_to_the_year(self):
        """RA columns 2 and 5: the period defaults to the form's year, the implementer to the agency."""
        registration = self.make_registration(lines=1)
        model = registration.model_ids
        self.assertEqual(model.date_start, date(self.year, 1, 1))
        self.assertEqual(model.date_end, date(self.year, 12, 31))
        self.assertEqual(model.department_id, self.dept_a, "the collective defaults to the agency")
        self.assertEqual(model.implementer_name, self.dept_a.name)

    def test_R6_2_same_implementer_same_model_twice_in_a_year(self):
        registration = self.make_registration(lines=1)
        model = registration.model_ids
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": registration.id,
                    "name": model.name.upper() + "  ",
                    "sector_id": self.sector_vhxh.id,
                }
            )

    def test_R6_2_same_names_in_two_agencies_are_two_models(self):
        """Duplicates are within an agency: another agency may run a model of the same name."""
        mine = self.make_registration(lines=1).model_ids
        theirs = self.make_registration(self.dept_b, lines=0)
        other = (
            self.env["dvk.model"]
            .with_user(self.staff_b)
            .create(
                {
                    "registration_id": theirs.id,
                    "name": mine.name,
                    "implementer_name": mine.implementer_name,
                    "sector_id": self.sector_kt.id,
                }
            )
        )
        self.assertEqual(other.dedup_key, mine.dedup_key)

    def test_R6_2_second_registration_same_agency_year(self):
        self.make_registration(lines=0)
        with self.assertRaisesRegex(UserError, "already has a registration form"):
            self.env["dvk.registration"].with_user(self.staff_a).create(
                {"department_id": self.dept_a.id, "period_id": self.period.id}
            )

    def test_R6_2_registering_outside_ones_agency(self):
        with self.assertRaisesRegex(AccessError, "outside your agency"):
            self.env["dvk.registration"].with_user(self.staff_a).create(
                {"department_id": self.dept_b.id, "period_id": self.period.id}
            )

    def test_R1_user_without_agency_gets_a_clear_message(self):
        """A user with no employee in an agency is told so, not shown a traceback."""
        with self.assertRaisesRegex(UserError, "not linked to an employee"):
            self.env["dvk.registration"].with_user(self.outsider).create({"period_id": self.period.id})

    def test_R6_2_lines_frozen_after_submit(self):
        """R6.2: what was registered cannot change once submitted, except through reset to draft."""
        registration = self.make_registration()
        registration.action_submit()
        model = registration.model_ids[0]
        with self.assertRaisesRegex(UserError, "frozen"):
            model.write({"name": "Đổi tên"})
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {"registration_id": registration.id, "name": "Thêm dòng", "sector_id": self.sector_kt.id}
            )
        with self.assertRaisesRegex(UserError, "draft line"):
            model.unlink()
        with self.assertRaisesRegex(UserError, "cannot change"):
            registration.write({"department_id": self.dept_b.id})

    def test_R6_3_implementation_fields_stay_open(self):
        """R6.3: resources and forms of mobilisation are recorded during implementation."""
        registration = self.approved_registration()
        model = registration.model_ids[0].with_user(self.staff_a)
        model.write({"resources": "Kinh phí 20 triệu đồng", "mobilisation_forms": "Tuyên truyền tại chùa"})
        self.assertEqual(model.resources, "Kinh phí 20 triệu đồng")

    def test_R6_1_survey_is_recorded_before_registering(self):
        """R6.1: the survey (situation, advantages, difficulties, content, criteria, objectives...) is on the model."""
        registration = self.make_registration(lines=1)
        model = registration.model_ids
        model.write(
            {
                "survey_situation": "Người dân chưa quen thủ tục trực tuyến",
                "survey_advantages": "Có đường truyền",
                "survey_difficulties": "Người cao tuổi",
                "survey_content": "Hướng dẫn dịch vụ công",
                "own_criteria": "80% hồ sơ trực tuyến",
                "objectives": "Giảm thời gian chờ",
                "tasks": "Tổ hỗ trợ",
                "solutions": "Tập huấn",
            }
        )
        registration.action_submit()
        with self.assertRaisesRegex(UserError, "frozen"):
            model.write({"survey_situation": "Khác"})

    def test_R6_closed_year_is_read_only(self):
        registration = self.make_registration(lines=1)
        self.period.with_user(self.admin).action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            registration.model_ids.write({"expected_result": "x"})
        with self.assertRaisesRegex(UserError, "closed"):
            registration.action_submit()
        with self.assertRaisesRegex(UserError, "administrator"):
            self.period.with_user(self.head_a).action_reopen()

    def test_R8_period_from_year_alone(self):
        """A year of the movement is created from its year; deadlines default to February and October (R8)."""
        period = self.period_for(2037)
        self.assertEqual(period.date_february, date(2037, 2, 28))
        self.assertEqual(period.date_october, date(2037, 10, 31))
        self.assertEqual(self.period_for(2036).date_february, date(2036, 2, 29))
        self.assertTrue(period.regulation_id)


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


class TestCatalogues(DvkCase):
    def test_R4_four_sectors_with_guidance(self):
        """R4: the four sectors KT, VH-XH, AN-QP, XD HTCT, each with the decision's guidance text."""
        regulation = self.env.ref("danvan_khe.regulation_976_2023")
        sectors = self.env["dvk.sector"].search([("regulation_id", "=", regulation.id)])
        self.assertEqual(set(sectors.mapped("code")), {"KT", "VH-XH", "AN-QP", "XD HTCT"})
        self.assertTrue(all(sectors.mapped("guidance")))

    def test_R5_criteria_and_R7_1_factors(self):
        """R5.1 a–đ, R5.2 a–d and the five evaluation factors of R7.1, with a maximum score."""
        regulation = self.env.ref("danvan_khe.regulation_976_2023")
        criteria = self.env["dvk.criterion"].search([("regulation_id", "=", regulation.id)])
        letters = {
            kind: criteria.filtered(lambda c, k=kind: c.kind == k).mapped("letter")
            for kind in ("collective", "individual", "evaluation")
        }
        self.assertEqual(letters["collective"], ["a", "b", "c", "d", "đ"])
        self.assertEqual(letters["individual"], ["a", "b", "c", "d"])
        self.assertEqual(letters["evaluation"], ["a", "b", "c", "d", "đ"])
        self.assertTrue(all(c.max_score > 0 for c in criteria if c.kind == "evaluation"))

    def test_R4_an_amendment_is_a_new_version(self):
        """Catalogues are versioned by regulation: a year under an amendment is evaluated on the
        amendment's factors, an earlier year still on the five factors of 976/2023 (which replaced 457/2016)."""
        new = self.env.ref("danvan_khe.regulation_976_2023")
        self.assertEqual(new.replaced_id, self.env.ref("danvan_khe.regulation_457_2016"))
        earlier = self.period_for(self.year - 1)
        self.assertEqual(earlier.regulation_id, new)
        admin = self.admin
        amendment = (
            self.env["dvk.regulation"]
            .with_user(admin)
            .create({"name": "Sửa đổi", "number": "1/QĐ-UBND", "replaced_id": new.id})
        )
        sector = (
            self.env["dvk.sector"]
            .with_user(admin)
            .create({"name": "Kinh tế", "code": "KT", "regulation_id": amendment.id})
        )
        factors = (
            self.env["dvk.criterion"]
            .with_user(admin)
            .create(
                [
                    {
                        "name": f"Yếu tố {letter} (sửa đổi)",
                        "letter": letter,
                        "sequence": index,
                        "kind": "evaluation",
                        "max_score": 10,
                        "regulation_id": amendment.id,
                    }
                    for index, letter in enumerate(("a", "b"), 1)
                ]
            )
        )
        self.period.with_user(admin).regulation_id = amendment
        # a model of this year, under the amendment, and one of the year before, under 976/2023
        registration = self.make_registration(lines=0)
        current = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create({"registration_id": registration.id, "name": "Mô hình theo quy định mới", "sector_id": sector.id})
        )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        current.with_user(self.staff_a).write({"result_summary": "Đạt"})
        current.with_user(self.staff_a).action_report()
        old = self.reported_model(period=earlier)
        evaluation = self.evaluate(current, scores=(8, 9))
        self.assertEqual(evaluation.line_ids.criterion_id, factors)
        self.assertEqual((evaluation.score_total, evaluation.score_max), (17, 20))
        old_evaluation = self.evaluate(old)
        self.assertEqual(old_evaluation.line_ids.criterion_id.regulation_id, new)
        self.assertEqual(old_evaluation.line_ids.criterion_id.mapped("letter"), ["a", "b", "c", "d", "đ"])
        self.assertEqual(old.sector_id.regulation_id, new, "old records keep their sector version")

    def test_R1_one_app_category(self):
        """The app and its groups sit in one category, the one the manifest names: no second "Dân vận khéo"."""
        module = self.env["ir.module.module"].search([("name", "=", "danvan_khe")])
        category = module.category_id
        self.assertEqual(category.name, "Dân vận khéo")
        self.assertEqual(category.parent_id, self.env.ref("base.module_category_human_resources"))
        groups = self.env["res.groups"].browse(
            self.env.ref(f"danvan_khe.group_dvk_{role}").id
            for role in ("user", "manager", "committee", "home_affairs", "admin")
        )
        self.assertEqual(groups.category_id, category)
        self.assertEqual(self.env["ir.module.category"].search([("name", "=", "Dân vận khéo")]), category)

    def test_R1_catalogues_are_admin_data(self):
        with self.assertRaises(AccessError):
            self.env["dvk.sector"].with_user(self.head_a).create(
                {"name": "X", "code": "X", "regulation_id": self.sector_kt.regulation_id.id}
            )
        with self.assertRaises(AccessError):
            self.tier_commune.with_user(self.member_a).write({"commendation_authority": "x"})
        self.tier_commune.with_user(self.admin).write({"commendation_authority": "Ban Chỉ đạo cấp xã"})


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


class TestGuardsTwoTier(TestTransitionGuards):
    two_tier = True

    def test_R3_two_tier_commune_head_does_not_cover_neighbour_commune(self):
        """Two tiers: communes sit side by side under the province; one's head does not act for the other."""
        self.assertFalse(self.district)
        self.assertEqual(self.commune2.parent_id, self.root)
        staff = self._person("t.staff.c2", self.commune2, "danvan_khe.group_dvk_user")
        registration = self.make_registration(self.commune2, user=staff)
        registration.action_submit()
        for user in (self.head_c, self.head_a):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_confirm()
        self.assertEqual(registration.state, "submitted")


__all__ = ["Command"]
