"""The boards' decisions (R5.1, R7.1, R7.2): what waits for me, and deciding from a card or a list selection."""

from odoo.exceptions import AccessError, UserError

from .common import DvkCase


class TestModelBoard(DvkCase):
    def _reported(self, count=2):
        """``count`` reported models of one form of Sở A (an agency has one form a year)."""
        models = self.approved_registration(lines=count).model_ids
        staff = models.with_user(self.staff_a)
        staff.write({"result_summary": "Đạt kết quả tốt"})
        staff.action_report()
        return models

    def _evaluated(self, count=2):
        models = self._reported(count)
        for model in models:
            self.evaluate(model)
        return models

    def test_R7_1_reported_models_wait_for_their_head_only(self):
        """R7.1: a reported model waits for its own head, not for another agency's head or its staff."""
        model = self._reported(1)
        Model = self.env["dvk.model"]
        self.assertIn(model, Model.with_user(self.head_a).search([("is_waiting_for_me", "=", True)]))
        self.assertTrue(model.with_user(self.head_a).is_waiting_for_me)
        self.assertNotIn(model, Model.with_user(self.head_b).search([("is_waiting_for_me", "=", True)]))
        self.assertNotIn(model, Model.with_user(self.staff_a).search([("is_waiting_for_me", "=", True)]))
        self.assertNotIn(model, Model.with_user(self.member_a).search([("is_waiting_for_me", "=", True)]))

    def test_R6_3_a_model_in_implementation_waits_for_its_implementer(self):
        """R6.3: the staff who registered a collective's model carry it out and report it."""
        model = self.approved_registration(lines=1).model_ids
        self.assertEqual(model.state, "in_progress")
        self.assertTrue(model.with_user(self.staff_a).is_waiting_for_me)
        self.assertFalse(model.with_user(self.head_a).is_waiting_for_me)

    def test_R7_1_evaluate_from_the_board_opens_one_evaluation_per_model(self):
        """R7.1: 'Evaluate' on two cards makes the head's draft evaluation of each, once."""
        models = self._reported(2)
        action = models.with_user(self.head_a).action_evaluate()
        evaluations = self.env["dvk.evaluation"].search(action["domain"])
        self.assertEqual(evaluations.model_id, models)
        self.assertEqual(set(evaluations.mapped("state")), {"draft"})
        self.assertEqual(evaluations.evaluator_id, self.head_a)
        again = models[:1].with_user(self.head_a).action_evaluate()
        self.assertIn(again["res_id"], evaluations.ids, "the head's draft is reopened, not duplicated")
        self.assertEqual(self.env["dvk.evaluation"].search_count([("model_id", "in", models.ids)]), 2)

    def test_R7_1_only_reported_models_and_only_heads_evaluate(self):
        """R7.1: a model in implementation is not evaluated; staff do not evaluate."""
        model, reported = self.approved_registration(lines=2).model_ids
        with self.assertRaisesRegex(UserError, "Only reported models"):
            model.with_user(self.head_a).action_evaluate()
        reported.with_user(self.staff_a).write({"result_summary": "Đạt"})
        reported.with_user(self.staff_a).action_report()
        with self.assertRaises(UserError):
            reported.with_user(self.staff_a).action_evaluate()
        self.assertFalse(self.env["dvk.evaluation"].search([("model_id", "=", reported.id)]))

    def test_R7_2_recognise_from_the_list_gathers_one_draft_decision(self):
        """R7.2: recognising models from the list puts them in the committee's one draft decision of the year."""
        first, second = self._evaluated(2)
        action = first.with_user(self.member_a).action_recognize()
        decision = self.env["dvk.recognition"].browse(action["res_id"])
        self.assertEqual(decision.state, "draft")
        self.assertEqual(decision.committee_id, self.committee_a)
        self.assertEqual(first.state, "evaluated", "nothing is decided before the decision is taken")
        second.with_user(self.member_a).action_open_not_recognize_wizard()
        wizard = (
            self.env["dvk.refuse.wizard"]
            .with_user(self.member_a)
            .with_context(active_model="dvk.model", active_ids=second.ids, dvk_decision="not_recognize")
            .create({"reason": "Chưa lan tỏa"})
        )
        wizard.action_refuse()
        self.assertEqual(decision.model_ids, first)
        self.assertEqual(decision.rejection_ids.model_id, second)
        self.assertEqual(decision.rejection_ids.reason, "Chưa lan tỏa")
        # changing one's mind moves the model, it does not list it twice
        second.with_user(self.member_a).action_recognize()
        self.assertEqual(decision.model_ids, first | second)
        self.assertFalse(decision.rejection_ids)
        decision.with_user(self.member_a).action_done()
        self.assertEqual(set((first | second).mapped("state")), {"recognized"})

    def test_R7_2_another_committee_cannot_recognise_from_the_board(self):
        """R7.2: the committee of another agency gets a clear error and no decision is made."""
        model = self._evaluated(1)
        with self.assertRaises(UserError):  # it does not even read the model
            model.with_user(self.member_b).action_recognize()
        with self.assertRaises(UserError):
            model.with_user(self.head_a).action_recognize()
        self.assertFalse(self.env["dvk.recognition"].search([("model_ids", "in", model.ids)]))

    def test_R7_2_not_recognising_needs_a_reason(self):
        model = self._evaluated(1)
        with self.assertRaisesRegex(UserError, "reason"):
            model.with_user(self.member_a).action_not_recognize(reason="  ")

    def test_R7_2_the_wizard_decides_only_what_it_names(self):
        """R3: the reason wizard cannot be pointed at another method or model."""
        registration = self.make_registration(lines=1)
        wizard = (
            self.env["dvk.refuse.wizard"]
            .with_user(self.member_a)
            .with_context(active_model="dvk.registration", active_ids=registration.ids, dvk_decision="not_recognize")
            .create({"reason": "x"})
        )
        with self.assertRaisesRegex(UserError, "Nothing to refuse"):
            wizard.action_refuse()


class TestR51BeforeSubmit(DvkCase):
    def test_R5_1_a_model_needs_an_address_and_a_content_before_submitting(self):
        """R5.1a: every incomplete line is named with what it lacks, and nothing is submitted."""
        registration = self.make_registration(lines=3)
        first, second, third = registration.model_ids.sorted("sequence")
        first.write({"address": False})
        third.write({"survey_content": "  "})
        with self.assertRaises(UserError) as caught:
            registration.action_submit()
        message = str(caught.exception)
        self.assertIn(f"line 1, {first.name}: Address", message)
        self.assertIn(f"line 3, {third.name}: Chosen content", message)
        self.assertNotIn(second.name, message)
        self.assertEqual(registration.state, "draft")
        self.assertEqual(set(registration.model_ids.mapped("state")), {"draft"})
        first.write({"address": "Khóm 2, Phường 1"})
        third.write({"survey_content": "Hòa giải ở cơ sở"})
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")

    def test_R5_2_an_exemplar_needs_no_address(self):
        """R5.2: an individual exemplar is the person; the address and content are the collective's."""
        registration = self.make_registration(lines=0)
        employee = self.staff_a.employee_ids[:1]
        self.env["dvk.model"].with_user(self.staff_a).create(
            {
                "registration_id": registration.id,
                "name": "Tận tụy với dân",
                "kind": "individual",
                "employee_id": employee.id,
                "sector_id": self.sector_kt.id,
            }
        )
        registration.action_submit()
        self.assertEqual(registration.state, "submitted")


class TestBoardAttacks(DvkCase):
    """What an attack over RPC found on the boards' decisions, each closed (R5.1, R6.2, R7.1, R7.2)."""

    def _evaluated(self, count=1, period=None):
        models = self.approved_registration(lines=count, period=period).model_ids
        staff = models.with_user(self.staff_a)
        staff.write({"result_summary": "Đạt kết quả tốt"})
        staff.action_report()
        for model in models:
            self.evaluate(model)
        return models

    def test_R7_2_a_decision_recognises_the_models_of_its_own_year(self):
        model = self._evaluated()
        other_year = self.period_for(self.year - 1)
        with self.assertRaisesRegex(UserError, "recognises that year's models only"):
            self.env["dvk.recognition"].with_user(self.member_a).create(
                {"committee_id": self.committee_a.id, "period_id": other_year.id, "model_ids": [(4, model.id)]}
            )
        self.assertEqual(model.state, "evaluated")

    def test_R7_2_a_model_sits_in_one_draft_decision(self):
        model = self._evaluated()
        Recognition = self.env["dvk.recognition"].with_user(self.member_a)
        first = Recognition.create(
            {"committee_id": self.committee_a.id, "period_id": self.period.id, "model_ids": [(4, model.id)]}
        )
        with self.assertRaisesRegex(UserError, "already in the draft decision"):
            Recognition.create(
                {"committee_id": self.committee_a.id, "period_id": self.period.id, "model_ids": [(4, model.id)]}
            )
        # the board moves it instead: into the newest draft, out of the other
        second = Recognition.create({"committee_id": self.committee_a.id, "period_id": self.period.id})
        model.with_user(self.member_a).action_not_recognize(reason="Chưa lan tỏa")
        self.assertFalse(first.model_ids)
        self.assertEqual(second.rejection_ids.model_id, model)

    def test_R7_2_a_closed_year_takes_no_more_evaluations_or_decisions(self):
        reported, evaluated = self.approved_registration(lines=2).model_ids
        staff = (reported | evaluated).with_user(self.staff_a)
        staff.write({"result_summary": "Đạt"})
        staff.action_report()
        draft = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": evaluated.id})
        self.period.with_user(self.admin).action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            reported.with_user(self.head_a).action_evaluate()
        for line, score in zip(draft.line_ids.sorted("sequence"), (18, 17, 16, 19, 18), strict=True):
            line.sudo().score = score
        with self.assertRaisesRegex(UserError, "is closed"):
            draft.action_done()
        self.assertEqual(evaluated.state, "reported")

    def test_R7_2_only_the_committee_role_recognises_and_the_admin_waits_only_to_evaluate(self):
        model = self._evaluated()
        self.committee_a.member_ids = [(4, self.head_a.id)]  # a member without the committee role
        with self.assertRaisesRegex(UserError, "with the committee role"):
            model.with_user(self.head_a).action_recognize()
        self.assertFalse(model.with_user(self.admin).is_waiting_for_me, "the admin is no committee member")

    def test_R5_1_invisible_characters_are_no_address(self):
        registration = self.make_registration(lines=1)
        registration.model_ids.write({"address": "\u200b", "survey_content": "\u200b\u2060\ufeff "})
        with self.assertRaisesRegex(UserError, "Address, Chosen content"):
            registration.action_submit()

    def test_R5_1_the_head_confirms_only_complete_lines(self):
        registration = self.make_registration(lines=1)
        registration.action_submit()
        registration.model_ids.with_user(self.admin).write({"address": False})
        with self.assertRaisesRegex(UserError, "Address"):
            registration.with_user(self.head_a).action_confirm()
        self.assertEqual(registration.state, "submitted")

    def test_R3_officers_without_email_write_in_the_chatter(self):
        """R3: a comment or a note by an officer without an e-mail address is posted, in their name."""
        registration = self.make_registration(lines=1)
        self.staff_a.partner_id.email = False
        for subtype in ("mail.mt_comment", "mail.mt_note"):
            message = registration.with_user(self.staff_a).message_post(
                body="Góp ý", message_type="comment", subtype_xmlid=subtype
            )
            self.assertEqual(message.author_id, self.staff_a.partner_id)

    def test_R3_only_hr_officers_reshape_the_organisation(self):
        """R3: scopes ride on the department tree: an officer cannot move, rename or archive a department."""
        for vals in ({"parent_id": self.dept_a.id}, {"name": "pwned"}, {"active": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.commune.with_user(self.staff_a).write(vals)
        self.assertEqual(self.commune.parent_id, self.district or self.root)

    def test_R7_2_a_closed_year_freezes_its_decisions_lines(self):
        """R7.2: in a closed year, no one changes or removes a draft evaluation's factors or a rejection."""
        reported = self.approved_registration(lines=1).model_ids
        reported.with_user(self.staff_a).write({"result_summary": "Đạt"})
        reported.with_user(self.staff_a).action_report()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": reported.id})
        self.period.with_user(self.admin).action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            evaluation.line_ids[:1].write({"score": 1})
        with self.assertRaisesRegex(UserError, "is closed"):
            evaluation.write({"note": "x"})
        with self.assertRaisesRegex(UserError, "is closed"):
            evaluation.unlink()
