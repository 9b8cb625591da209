"""Evaluation (R7.1), recognition and commendation by tier (R7.2), replication (R7.3)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import R5_1_COMPLETE, DvkCase


class TestEvaluation(DvkCase):
    def test_R7_1_five_factors_total_and_classification(self):
        """R7.1: the head scores the five factors a–đ; the total and a configured class decide the result."""
        model = self.reported_model()
        evaluation = self.evaluate(model, scores=(20, 18, 17, 19, 16))
        self.assertEqual(len(evaluation.line_ids), 5)
        self.assertEqual(evaluation.line_ids.criterion_id.mapped("letter"), ["a", "b", "c", "d", "đ"])
        self.assertEqual(evaluation.score_total, 90)
        self.assertEqual(evaluation.score_max, 100)
        self.assertEqual(evaluation.classification_id, self.env.ref("danvan_khe.classification_excellent"))
        self.assertTrue(evaluation.is_decisive)
        self.assertEqual(model.state, "evaluated")
        self.assertEqual(model.score_total, 90)
        self.assertEqual(model.classification_id, evaluation.classification_id)

    def test_R7_1_thresholds_are_configuration(self):
        model = self.reported_model()
        self.env.ref("danvan_khe.classification_good").with_user(self.admin).min_percent = 60
        evaluation = self.evaluate(model, scores=(13, 13, 13, 13, 13))  # 65 %
        self.assertEqual(evaluation.classification_id, self.env.ref("danvan_khe.classification_good"))

    def test_R7_1_several_evaluators_head_decides(self):
        """R7.1: a committee member may score too; only the head's done evaluation decides."""
        model = self.reported_model()
        other = self.evaluate(model, scores=(10, 10, 10, 10, 10), user=self.member_a)
        self.assertFalse(other.is_decisive)
        self.assertEqual(model.state, "reported")
        decisive = self.evaluate(model, scores=(15, 15, 15, 15, 15))
        self.assertEqual(model.state, "evaluated")
        self.assertEqual(model.evaluation_id, decisive)
        self.assertEqual(len(model.evaluation_ids), 2)

    def test_R7_1_score_out_of_range(self):
        model = self.reported_model()
        evaluation = self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})
        line = evaluation.line_ids[0]
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            line.score = 21
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            line.score = -1

    def test_R7_1_model_not_reported_cannot_be_evaluated(self):
        model = self.approved_registration(lines=1).model_ids
        with self.assertRaisesRegex(UserError, "not been reported"):
            self.env["dvk.evaluation"].with_user(self.head_a).create({"model_id": model.id})

    def test_R7_1_evaluation_outside_scope(self):
        model = self.reported_model()
        for user in (self.head_b, self.member_b, self.staff_a):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["dvk.evaluation"].with_user(user).create({"model_id": model.id})

    def test_R7_1_done_evaluation_is_frozen(self):
        model = self.reported_model()
        evaluation = self.evaluate(model)
        with self.assertRaisesRegex(UserError, "cannot change"):
            evaluation.with_user(self.head_a).note = "Sửa"
        with self.assertRaisesRegex(UserError, "Closing the evaluation is not possible"):
            evaluation.with_user(self.head_a).action_done()

    def test_R7_1_report_moves_to_reported(self):
        """R7.1: evaluation rests on the results report: an empty report is refused, a written one is reported."""
        model = self.approved_registration(lines=1).model_ids
        with self.assertRaisesRegex(UserError, "results achieved"):
            model.with_user(self.staff_a).action_report()
        model.with_user(self.staff_a).write({"result_summary": "Giảm 30% hồ sơ trễ hạn"})
        model.with_user(self.staff_a).action_report()
        self.assertEqual(model.state, "reported")
        self.assertTrue(model.date_reported)
        with self.assertRaisesRegex(UserError, "Reporting results is not possible"):
            model.with_user(self.staff_a).action_report()


class TestRecognition(DvkCase):
    def test_R7_2_committee_recognises_and_rejects_with_reason(self):
        """R7.2: the committee's decision recognises some evaluated models and not others, with reasons."""
        first, second = self.approved_registration(lines=2).model_ids  # one decision, one year
        (first | second).with_user(self.staff_a).write({"result_summary": "Đạt kết quả tốt"})
        (first | second).with_user(self.staff_a).action_report()
        self.evaluate(first)
        self.evaluate(second)
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "signer": "Võ Thị Kim Loan",
                    "reasoning": "Họp BCĐ",
                    "model_ids": [Command.set(first.ids)],
                    "rejection_ids": [Command.create({"model_id": second.id, "reason": "Chưa lan tỏa"})],
                }
            )
        )
        recognition.action_done()
        self.assertEqual(first.state, "recognized")
        self.assertEqual(second.state, "not_recognized")
        self.assertEqual(second.not_recognized_reason, "Chưa lan tỏa")
        self.assertEqual(first.recognition_id, recognition)
        with self.assertRaisesRegex(UserError, "cannot change"):
            recognition.reasoning = "x"

    def test_R7_2_not_evaluated_or_outside_scope(self):
        reported = self.reported_model()
        with self.assertRaisesRegex(UserError, "has not been evaluated"):
            self.recognize(reported)
        other = self.reported_model(self.dept_b)
        self.evaluate(other)
        with self.assertRaisesRegex(UserError, "outside the scope"):
            self.recognize(other, committee=self.committee_a)
        with self.assertRaises(AccessError):
            self.recognize(other, committee=self.committee_b, user=self.member_a)
        self.assertEqual(other.state, "evaluated")

    def test_R7_2_same_level_committee_recognises(self):
        """R7.2 "cùng cấp": a commune with its own committee is recognised by it, not by the district's;
        R6.2: a commune without a committee falls to the nearest one above."""
        self.assertTrue(self.district, "a three-tier province")
        model = self.reported_model(self.commune)
        self.evaluate(model, user=self.head_c)
        with self.assertRaisesRegex(UserError, "outside the scope"), self.env.cr.savepoint():
            self.recognize(model, committee=self.committee_d, user=self.member_d)
        self.recognize(model, committee=self.committee_c, user=self.member_c)
        self.assertEqual(model.state, "recognized")
        self.assertNotIn(self.commune, self.member_d.dvk_committee_competent_ids)
        self.assertIn(self.commune2, self.member_d.dvk_committee_competent_ids, "xã Hai has no committee")
        self.assertNotIn(self.commune, self.head_d.dvk_head_competent_ids, "xã Một has its own head")
        self.assertIn(self.commune2, self.head_d.dvk_head_competent_ids, "xã Hai has no head")


class CommendationCase(DvkCase):
    """Helpers: a recognised model of an agency, a proposal sent for it."""

    def _recognized(self, agency, committee):
        model = self.reported_model(agency)
        self.evaluate(model, user=self.head_of(agency))
        self.recognize(model, committee=committee, user=committee.member_ids[:1])
        return model

    def _propose(self, model, user):
        proposal = (
            self.env["dvk.commendation"].with_user(user).create({"model_id": model.id})
        )
        proposal.action_propose()
        return proposal


class TestCommendationRouting(CommendationCase):
    """R7.2: each tier's proposals reach the authority its tier names in data (three tiers, then two)."""

    def test_R7_2_province_tier_goes_to_department_head(self):
        model = self._recognized(self.dept_a, self.committee_a)
        proposal = self._propose(model, self.member_a)
        self.assertEqual(proposal.authority_department_id, self.dept_a)
        self.assertEqual(proposal.authority_user_id, self.head_a)
        self.assertIn("head", proposal.authority_text)
        with self.assertRaises(AccessError):
            proposal.with_user(self.member_a).action_grant()
        proposal.with_user(self.head_a).action_grant(decision_number="12/QĐ-STP")
        self.assertEqual(proposal.state, "granted")
        self.assertEqual(proposal.decision_number, "12/QĐ-STP")

    def test_R7_2_commune_committee_proposes_to_the_commune_peoples_committee(self):
        """R7.2: "Ban Chỉ đạo cấp xã" proposes; the commune People's Committee (its chairman) decides."""
        model = self._recognized(self.commune, self.committee_c)
        proposal = self._propose(model, self.member_c)
        self.assertEqual(proposal.authority_department_id, self.commune)
        self.assertEqual(proposal.authority_user_id, self.head_c)
        with self.assertRaises(AccessError):
            proposal.with_user(self.member_c).action_reject(reason="Tự quyết")
        proposal.with_user(self.head_c).action_reject(reason="Hết chỉ tiêu")
        self.assertEqual(proposal.state, "rejected")

    def test_R7_2_routing_is_data(self):
        """Changing a tier's route in configuration reroutes its proposals: nothing is hard-coded."""
        self.tier_province.with_user(self.admin).write(
            {"commendation_route": "committee", "commendation_authority": "BCĐ tự quyết"}
        )
        model = self._recognized(self.dept_a, self.committee_a)
        proposal = self._propose(model, self.member_a)
        self.assertEqual(proposal.authority_user_id, self.member_a)
        self.assertEqual(proposal.authority_text, "BCĐ tự quyết")

    def test_R7_2_unrecognised_model_cannot_be_proposed(self):
        model = self.reported_model()
        with self.assertRaisesRegex(UserError, "not recognised"):
            self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})


class TestCommendationRoutingTwoTier(TestCommendationRouting):
    two_tier = True


class TestCommendationRoutingDistrict(CommendationCase):
    """R7.2 on the three tiers of the decision: the district tier exists only there.

    (Not inherited by the two-tier class: a test of the district route that returned
    early without a district would pass without proving anything.)
    """

    def test_R7_2_district_tier_goes_to_district_peoples_committee(self):
        """R7.2: "Ban Chỉ đạo cấp huyện đề nghị Ủy ban nhân dân cùng cấp": a district unit's proposal goes up."""
        self.assertTrue(self.district, "this test needs the three-tier province")
        unit = self._agency("Phòng Tư pháp huyện Thử", self.tier_district, self.district)
        staff = self._person("t.staff.u", unit, "danvan_khe.group_dvk_user")
        registration = self.make_registration(unit, user=staff, lines=1)
        registration.action_submit()
        registration.with_user(self.head_d).action_confirm()
        registration.with_user(self.member_d).action_approve()
        model = registration.model_ids
        model.with_user(staff).write({"result_summary": "Đạt kết quả tốt"})
        model.with_user(staff).action_report()
        self.evaluate(model, user=self.head_d)
        self.recognize(model, committee=self.committee_d, user=self.member_d)
        proposal = self._propose(model, self.member_d)
        self.assertNotEqual(proposal.agency_id, self.district, "the proposal is the unit's, below the district")
        self.assertEqual(
            proposal.authority_department_id,
            self.district,
            "a district-level unit's proposal goes to the district People's Committee",
        )
        self.assertEqual(proposal.authority_user_id, self.head_d)
        with self.assertRaises(AccessError):
            proposal.with_user(self.member_d).action_grant()
        proposal.with_user(self.head_d).action_grant(decision_number="5/QĐ-UBND")
        self.assertEqual(proposal.state, "granted")


class TestReplication(DvkCase):
    """R7.3: models recognised two or more years in a row, that spread, go on the provincial list."""

    def _year(self, year, lines):
        """One year of the agency: ``lines`` are (name, predecessor, replicated, recognised) tuples."""
        period = self.period_for(year)
        registration = self.make_registration(lines=0, period=period)
        models = self.env["dvk.model"]
        for name, predecessor, _replicated, _recognized in lines:
            models |= (
                self.env["dvk.model"]
                .with_user(self.staff_a)
                .create(
                    {
                        "registration_id": registration.id,
                        "name": name,
                        "sector_id": self.sector_kt.id,
                        **R5_1_COMPLETE,
                        "predecessor_id": predecessor and predecessor.id,
                    }
                )
            )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        models.with_user(self.staff_a).write({"result_summary": "Kết quả"})
        models.with_user(self.staff_a).action_report()
        for model in models:
            self.evaluate(model)
        # R7.3: whether a model spreads is the head's finding, once it is evaluated
        for model, (_name, _predecessor, replicated, _recognized) in zip(models, lines, strict=True):
            model.with_user(self.head_a).replicated = replicated
        recognized = models.filtered(lambda m: dict((n, r) for n, _p, _s, r in lines)[m.name])
        recognition = (
            self.env["dvk.recognition"]
            .with_user(self.member_a)
            .create(
                {
                    "committee_id": self.committee_a.id,
                    "model_ids": [Command.set(recognized.ids)],
                    "rejection_ids": [
                        Command.create({"model_id": m.id, "reason": "Không đạt"}) for m in models - recognized
                    ],
                }
            )
        )
        recognition.action_done()
        return models

    def _one(self, year, predecessor=None, replicated=True, recognize=True, name="Mô hình nhân rộng"):
        return self._year(year, [(name, predecessor, replicated, recognize)])

    def test_R7_3_three_year_scenario(self):
        """Over three years: recognised twice running → on the list; recognised once → not."""
        y = self.year - 2
        a1, b1 = self._year(y, [("A", None, True, True), ("B", None, True, True)])
        a2, b2 = self._year(y + 1, [("A", a1, True, True), ("B", b1, True, False)])
        a3, b3, c3 = self._year(y + 2, [("A", a2, True, True), ("B", b2, True, True), ("C", None, True, True)])
        self.assertEqual([a1.consecutive_years, a2.consecutive_years, a3.consecutive_years], [1, 2, 3])
        self.assertEqual([b1.consecutive_years, b2.consecutive_years, b3.consecutive_years], [1, 0, 1])
        self.assertEqual(c3.consecutive_years, 1)
        listed = (
            self.env["dvk.model"]
            .with_user(self.ha)
            .search([("on_provincial_list", "=", True), ("agency_id", "=", self.dept_a.id)])
        )
        self.assertEqual(listed, a2 | a3)
        # Home Affairs compiles the list (R9) and proposes provincial commendation
        proposal = (
            self.env["dvk.commendation"]
            .with_user(self.member_a)
            .create({"model_id": a3.id, "level": "province"})
        )
        proposal.action_propose()
        with self.assertRaises(AccessError):
            proposal.with_user(self.head_a).action_grant()
        proposal.with_user(self.ha).action_grant(decision_number="100/QĐ-UBND")
        self.assertEqual(proposal.state, "granted")
        with self.assertRaisesRegex(UserError, "not on the provincial list"):
            self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": b3.id, "level": "province"})

    def test_R7_3_a_gap_breaks_the_run(self):
        y = self.year - 2
        first = self._one(y)
        third = self._one(y + 2, predecessor=first)
        self.assertEqual(third.consecutive_years, 1)
        self.assertFalse(third.on_provincial_list)

    def test_R7_3_must_spread(self):
        y = self.year - 1
        first = self._one(y, replicated=False)
        second = self._one(y + 1, predecessor=first, replicated=False)
        self.assertEqual(second.consecutive_years, 2)
        self.assertFalse(second.on_provincial_list)
        second.with_user(self.head_a).replicated = True
        self.assertTrue(second.on_provincial_list)

    def test_R7_3_minimum_years_is_configuration(self):
        y = self.year - 1
        first = self._one(y)
        second = self._one(y + 1, predecessor=first)
        self.assertTrue(second.on_provincial_list)
        self.period.regulation_id.with_user(self.admin).replication_min_years = 3
        self.assertFalse(second.on_provincial_list)

    def test_R7_3_bad_predecessor(self):
        y = self.year - 1
        earlier = self._one(y)
        same_year = self.make_registration(lines=1, period=self.period_for(y + 1)).model_ids
        with self.assertRaisesRegex(ValidationError, "must come before"):
            earlier.sudo().predecessor_id = same_year
        other_agency = self.make_registration(self.dept_b, lines=1).model_ids
        with self.assertRaisesRegex(ValidationError, "continues within its own agency"):
            other_agency.predecessor_id = earlier
