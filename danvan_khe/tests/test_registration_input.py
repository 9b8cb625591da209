"""Bad input to a registration gets a clear error and writes nothing (R4, R5.1, R6.1–R6.3, RA, R8).

An empty registration (R6.2), a model without a sector (R4) or a name (R5.1a: a name, an
address and content, frozen once submitted), a period ending before it starts or
outside its year (RA), the same model twice in an agency's year or a second
registration of the year (R6.2), registering outside one's agency, a user without an
agency (R1); lines frozen once submitted while the implementation fields stay open
(R6.3), the survey recorded before registering (R6.1), a closed year read-only, a year
created from its year alone (R8).
"""

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import R5_1_COMPLETE, DvkCase


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
                "survey_content": "Tư vấn pháp luật tại ấp",
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
                    **R5_1_COMPLETE,
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
                    **R5_1_COMPLETE,
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
                    **R5_1_COMPLETE,
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
                    **R5_1_COMPLETE,
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
