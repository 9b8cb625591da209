"""What the province's commendation systems offer (MISA CeGov "Thi đua khen thưởng", QLKT), here.

R7.2: award forms are a catalogue by the level that grants them, and the authority's
commendation decision is a record that grants its proposals; R7.3: the achievement
history and dossier of an agency or a person, and the periodic review (sơ kết, tổng
kết); R8, R9: the October report carries its lists, and Home Affairs prints the
province's compilation as one PDF and one workbook; R3 (Art. 3 "công khai"): the
public page and the proposals' public comment period.

Each role acts inside and outside its scope (``with_user``): staff, agency head,
committee member, Home Affairs and the administrator.

``TestPublicPage`` is an HttpCase: Odoo's runner runs it (tag ``dvk_tour``, as
``make test`` runs the browser tours), pytest-odoo would only skip it (it serves no
HTTP without ``--odoo-http``), so it is hidden from pytest's collection.
"""

import io
from datetime import timedelta

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from ..report.october_compilation_xlsx import write_october_compilation
from .common import DvkCase
from .test_reports import ReportCase


class CommendationSystemCase(DvkCase):
    """Helpers: recognised models of an agency, proposals sent for them, a decision granting them."""

    def committee_of(self, agency):
        return {
            self.dept_a: self.committee_a,
            self.dept_b: self.committee_b,
            self.commune: self.committee_c,
            self.district: getattr(self, "committee_d", self.env["dvk.committee"]),
        }[agency]

    def recognised(self, agency, names, period=None, employee=None):
        """Models (or, with ``employee``, exemplars) of ``agency`` taken to recognition by their actors."""
        staff, head, member = self._staff_of(agency), self.head_of(agency), self.member_of(agency)
        registration = self.make_registration(agency, user=staff, lines=0, period=period)
        Model = self.env["dvk.model"].with_user(staff)
        models_ = Model.browse()
        for index, name in enumerate(names):
            vals = {
                "registration_id": registration.id,
                "name": name,
                "sector_id": (self.sector_kt, self.sector_vhxh, self.sector_xdhtct)[index % 3].id,
            }
            if employee:
                vals.update(kind="individual", employee_id=employee.id)
            models_ |= Model.create(vals)
        registration.action_submit()
        registration.with_user(head).action_confirm()
        registration.with_user(member).action_approve()
        for model in models_:
            model.with_user(staff).write({"result_summary": "Đạt và vượt chỉ tiêu đăng ký"})
            model.with_user(staff).action_report()
            evaluation = self.env["dvk.evaluation"].with_user(head).create({"model_id": model.id})
            for line in evaluation.line_ids:
                line.score = round(line.max_score * 0.9)
            evaluation.action_done()
        self.recognize(models_, committee=self.committee_of(agency), user=member)
        return models_

    def propose(self, models_, user=None, level="tier"):
        proposals = self.env["dvk.commendation"]
        for model in models_:
            user_ = user or self.member_of(model.agency_id)
            proposal = (
                self.env["dvk.commendation"]
                .with_user(user_)
                .create({"model_id": model.id, "level": level, "reason": "Thành tích tiêu biểu"})
            )
            proposal.action_propose()
            proposals |= proposal
        return proposals

    def decision(self, proposals, user, number="15/QĐ-STP", **values):
        proposals = proposals.sudo()
        return (
            self.env["dvk.commendation.decision"]
            .with_user(user)
            .create(
                {
                    "name": number,
                    "date": values.pop("date", fields.Date.today() - timedelta(days=2)),
                    "level": proposals[:1].level or "tier",
                    "authority_department_id": proposals[:1].authority_department_id.id,
                    "award_form_id": proposals[:1].award_form_id.id,
                    "proposal_ids": [Command.set(proposals.ids)],
                    **values,
                }
            )
        )


class TestAwardForms(CommendationSystemCase):
    """R7.2, R7.3: the award forms are a catalogue by the level that grants them."""

    def test_R7_2_proposal_defaults_to_the_award_form_of_its_tier(self):
        """R7.2: a proposal proposes the first form of its agency's tier; R7.3: a provincial one the province's."""
        ref = self.env.ref
        forms = {
            "commune": ref("danvan_khe.award_form_commune"),
            "district": ref("danvan_khe.award_form_district"),
            "department": ref("danvan_khe.award_form_department"),
            "province": ref("danvan_khe.award_form_province"),
        }
        self.assertEqual(forms["commune"].tier_id, self.tier_commune)
        self.assertEqual(forms["district"].tier_id, self.tier_district)
        self.assertEqual(forms["department"].tier_id, self.tier_province)
        self.assertEqual((forms["province"].level, forms["province"].tier_id.id), ("province", False))
        department_model = self.recognised(self.dept_a, ["Sở: một cửa thân thiện"])
        commune_model = self.recognised(self.commune, ["Xã: ngày thứ Bảy cùng dân"])
        district_model = self.recognised(self.district, ["Huyện: tiếp dân cuối tuần"])
        self.assertEqual(self.propose(department_model).award_form_id, forms["department"])
        self.assertEqual(self.propose(commune_model).award_form_id, forms["commune"])
        self.assertEqual(self.propose(district_model).award_form_id, forms["district"])
        # a provincial proposal (R7.3) defaults to the province's form, whatever the tier
        proposal = self.env["dvk.commendation"].with_user(self.member_a).new({"model_id": department_model.id})
        proposal.level = "province"
        self.assertEqual(proposal.award_form_id, forms["province"])

    def test_R7_2_award_form_must_fit_the_proposal_level(self):
        """R7.2: the committee cannot propose a form granted at another tier or by the province."""
        model = self.recognised(self.dept_a, ["Mô hình Sở Tư pháp"])
        Commendation = self.env["dvk.commendation"].with_user(self.member_a)
        for xmlid in ("danvan_khe.award_form_commune", "danvan_khe.award_form_province"):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                Commendation.create({"model_id": model.id, "award_form_id": self.env.ref(xmlid).id})
        proposal = Commendation.create({"model_id": model.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            proposal.award_form_id = self.env.ref("danvan_khe.award_form_district")

    def test_R3_award_form_is_the_committees_to_choose_while_draft(self):
        """R3: award_form_id is in the committee's row of the table while draft, in nobody's once proposed."""
        model = self.recognised(self.dept_a, ["Mô hình một cửa"])
        other = (
            self.env["dvk.award.form"]
            .sudo()
            .create(
                {"name": "Giấy khen của Giám đốc Sở (đợt 2)", "code": "test-dept-2", "tier_id": self.tier_province.id}
            )
        )
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        proposal.award_form_id = other  # the committee chooses while draft
        self.assertEqual(proposal.award_form_id, other)
        for user in (self.staff_a, self.head_a, self.ha):
            with self.assertRaises(AccessError), self.cr.savepoint():
                proposal.with_user(user).award_form_id = self.env.ref("danvan_khe.award_form_department")
        proposal.action_propose()
        with self.assertRaises(AccessError):
            proposal.award_form_id = self.env.ref("danvan_khe.award_form_department")
        self.assertEqual(proposal.award_form_id, other)

    def test_R3_award_forms_read_by_all_edited_by_the_admin(self):
        """R3: every role reads the catalogue; only the administrator edits it (data, never code)."""
        form = self.env.ref("danvan_khe.award_form_department")
        for user in (self.staff_a, self.head_a, self.member_a, self.ha, self.staff_c):
            self.assertTrue(form.with_user(user).name)
            with self.assertRaises(AccessError), self.cr.savepoint():
                form.with_user(user).write({"issuer": "Ai đó"})
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.env["dvk.award.form"].with_user(user).create({"name": "Mới", "code": "new"})
        form.with_user(self.admin).write({"issuer": "Giám đốc Sở"})
        archived = (
            self.env["dvk.award.form"]
            .with_user(self.admin)
            .create({"name": "Giấy khen huyện (cũ)", "code": "old-district", "tier_id": self.tier_district.id})
        )
        archived.active = False
        self.assertEqual(form.issuer, "Giám đốc Sở")


class TestCommendationDecision(CommendationSystemCase):
    """R7.2: the authority's decision is a record; issuing it grants its proposals."""

    def test_R7_2_decision_grants_its_proposals_and_tells_the_awardees(self):
        """R7.2: the head of Sở Tư pháp issues one decision; each proposal is granted with its number and date."""
        collective = self.recognised(self.dept_a, ["Một cửa thân thiện", "Trợ giúp pháp lý lưu động"])
        exemplar = self.recognised(
            self.dept_a,
            ["Cán bộ hòa giải giỏi"],
            period=self.period_for(self.year - 1),
            employee=self.staff_a.employee_ids,
        )
        proposals = self.propose(collective)
        individual = self.propose(exemplar)
        self.assertEqual(set(proposals.mapped("authority_user_id")), {self.head_a})
        day = fields.Date.today() - timedelta(days=3)
        decision = self.decision(proposals | individual, self.head_a, number="125/QĐ-STP", date=day, signer="Giám đốc")
        self.assertEqual(decision.authority_user_id, self.head_a)
        self.assertEqual(decision.state, "draft")
        decision.action_issue()
        self.assertEqual(decision.state, "issued")
        self.assertEqual(decision.issued_by_id, self.head_a)
        for proposal in proposals | individual:
            self.assertEqual(proposal.state, "granted")
            self.assertEqual((proposal.decision_number, proposal.decision_date), ("125/QĐ-STP", day))
            self.assertEqual(proposal.sudo().decision_id, decision)
            self.assertIn("125/QĐ-STP", proposal.sudo().message_ids[:1].body)
        awarded = self.env.ref("danvan_khe.mail_act_dvk_awarded")

        def told(proposal):
            activities = proposal.sudo().activity_ids.filtered(lambda a: a.activity_type_id == awarded)
            return activities.user_id

        # a collective: its agency head; an individual: the exemplar's own user (no e-mail needed)
        self.assertIn(self.head_a, told(proposals[0]))
        self.assertIn(self.staff_a, told(individual))
        # the waiting "decide" activity of the authority is closed
        commend = self.env.ref("danvan_khe.mail_act_dvk_commend")
        self.assertFalse(proposals.sudo().activity_ids.filtered(lambda a: a.activity_type_id == commend))
        # issued, the decision is kept: only its scan may still be attached
        with self.assertRaises(AccessError):
            decision.name = "126/QĐ-STP"
        scan = self.env["ir.attachment"].create({"name": "qd-125.pdf", "raw": b"%PDF-1.4"})
        decision.attachment_ids = [Command.link(scan.id)]
        with self.assertRaises(UserError):
            decision.action_issue()
        with self.assertRaises(AccessError):
            decision.unlink()

    def test_R7_2_only_the_authority_issues_in_its_scope(self):
        """R7.2: staff, the proposing committee, another agency's head and Home Affairs cannot; the head can."""
        proposals = self.propose(self.recognised(self.dept_a, ["Mô hình A"]))
        values = {
            "name": "01/QĐ",
            "authority_department_id": self.dept_a.id,
            "award_form_id": proposals.award_form_id.id,
            "proposal_ids": [Command.set(proposals.ids)],
        }
        Decision = self.env["dvk.commendation.decision"]
        for user in (self.staff_a, self.member_a, self.head_b, self.member_b, self.head_c, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                Decision.with_user(user).create(values)
        decision = Decision.with_user(self.head_a).create(values)
        for user in (self.staff_a, self.member_a, self.head_b, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                decision.with_user(user).action_issue()
        self.assertEqual(proposals.state, "proposed")
        decision.action_issue()
        self.assertEqual(proposals.state, "granted")
        # the administrator corrects any decision (and the correction is logged)
        decision.with_user(self.admin).signer = "Phó Giám đốc"
        self.assertEqual(decision.signer, "Phó Giám đốc")

    def test_R7_2_the_proposer_never_decides_through_a_decision(self):
        """R7.2: a head who sat on the proposing committee cannot grant that proposal by a decision."""
        model = self.recognised(self.dept_a, ["Mô hình do Giám đốc đề nghị"])
        self.committee_a.sudo().member_ids = [Command.link(self.head_a.id)]
        self.head_a.sudo().groups_id = [Command.link(self.env.ref("danvan_khe.group_dvk_committee").id)]
        self.env.invalidate_all()  # the users' scopes are computed from the committees
        self.env.registry.clear_cache()
        proposal = self.propose(model, user=self.head_a)
        decision = self.decision(proposal, self.head_a)
        with self.assertRaises(AccessError):
            decision.action_issue()
        self.assertEqual((decision.state, proposal.state), ("draft", "proposed"))

    def test_R7_2_awardees_are_proposals_waiting_for_this_authority(self):
        """R7.2: a decision grants proposed proposals of its own authority and award form, nothing else."""
        own = self.propose(self.recognised(self.dept_a, ["Mô hình của Sở"]))
        commune = self.propose(self.recognised(self.commune, ["Mô hình của xã"]))
        draft = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": own.model_id.id})
        decision = self.decision(own, self.head_a)
        for intruder in (commune, draft):
            with self.assertRaisesRegex(UserError, "proposed to|wait for it"), self.cr.savepoint():
                decision.proposal_ids = [Command.link(intruder.id)]
        other_form = (
            self.env["dvk.award.form"]
            .sudo()
            .create({"name": "Giấy khen khác", "code": "test-other", "tier_id": self.tier_province.id})
        )
        with self.assertRaises(UserError), self.cr.savepoint():
            decision.award_form_id = other_form
        with self.assertRaises(UserError):
            self.env["dvk.commendation.decision"].with_user(self.head_a).create(
                {"name": "02/QĐ", "authority_department_id": self.dept_a.id, "award_form_id": other_form.id}
            ).action_issue()

    def test_R7_3_home_affairs_records_the_provincial_decision(self):
        """R7.3, R9: provincial proposals are granted by a provincial decision that Home Affairs records."""
        first = self.recognised(self.dept_a, ["Mô hình hai năm liền"], period=self.period_for(self.year - 1))
        first.with_user(self.head_a).replicated = True
        registration = self.make_registration(self.dept_a, lines=0)
        second = (
            self.env["dvk.model"]
            .with_user(self.staff_a)
            .create(
                {
                    "registration_id": registration.id,
                    "name": "Mô hình hai năm liền",
                    "sector_id": self.sector_kt.id,
                    "predecessor_id": first.id,
                }
            )
        )
        registration.action_submit()
        registration.with_user(self.head_a).action_confirm()
        registration.with_user(self.member_a).action_approve()
        second.with_user(self.staff_a).write({"result_summary": "Nhân rộng 3 huyện"})
        second.with_user(self.staff_a).action_report()
        self.evaluate(second, user=self.head_a)
        self.recognize(second)
        second.with_user(self.head_a).replicated = True
        self.assertTrue(second.on_provincial_list)
        proposal = self.propose(second, level="province")
        self.assertEqual(proposal.award_form_id, self.env.ref("danvan_khe.award_form_province"))
        values = {
            "name": "500/QĐ-UBND",
            "level": "province",
            "award_form_id": proposal.award_form_id.id,
            "proposal_ids": [Command.set(proposal.ids)],
        }
        for user in (self.staff_a, self.head_a, self.member_a):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                self.env["dvk.commendation.decision"].with_user(user).create(values)
        decision = self.env["dvk.commendation.decision"].with_user(self.ha).create(values)
        decision.action_issue()
        self.assertEqual((proposal.state, proposal.decision_number), ("granted", "500/QĐ-UBND"))

    def test_R3_decisions_are_read_in_scope(self):
        """R3: the awardees' agency and the authority read the decision; other agencies do not."""
        proposals = self.propose(self.recognised(self.dept_a, ["Mô hình được khen"]))
        decision = self.decision(proposals, self.head_a)
        decision.action_issue()
        for user in (self.staff_a, self.head_a, self.member_a, self.ha, self.admin):
            self.assertEqual(decision.with_user(user).read(["name"])[0]["name"], "15/QĐ-STP", user.login)
            self.assertIn(decision, self.env["dvk.commendation.decision"].with_user(user).search([]))
        for user in (self.staff_b, self.head_b, self.member_b, self.staff_c, self.head_c, self.member_c):
            with self.assertRaises(AccessError, msg=user.login):
                decision.with_user(user).read(["name"])
            self.assertNotIn(decision, self.env["dvk.commendation.decision"].with_user(user).search([]))
        # the awardee's staff read the proposal's link to its decision
        self.assertEqual(proposals.with_user(self.staff_a).decision_id.display_name, decision.display_name)


class TestAchievementHistory(CommendationSystemCase, ReportCase):
    """R7.2, R7.3: an agency's and a person's achievements year by year, and the dossier."""

    def _history(self):
        previous = self.recognised(self.dept_a, ["Trợ giúp pháp lý lưu động"], period=self.period_for(self.year - 1))
        granted = self.propose(previous)
        self.decision(granted, self.head_a, number="15/QĐ-STP").action_issue()
        current = self.recognised(self.dept_a, ["Một cửa thân thiện", "Phổ biến pháp luật trực tuyến"])
        self.propose(current[:1])
        exemplar = self.recognised(
            self.dept_b, ["Cán bộ y tế tận tụy"], period=self.period_for(self.year - 1), employee=self.nurse
        )
        return previous, current, exemplar

    def setUp(self):
        super().setUp()
        self.nurse = self.env["hr.employee"].create(
            {"name": "Nguyễn Thị Điều Dưỡng", "department_id": self.dept_b.id, "work_email": "dieuduong@example.com"}
        )

    def test_R7_3_agency_history_lists_every_year(self):
        """R7.3: the agency's history holds every year's models, recognitions and commendations."""
        previous, current, _exemplar = self._history()
        department = self.dept_a.with_user(self.head_a)
        self.assertEqual(department.dvk_history_model_ids, previous | current)
        self.assertEqual(department.dvk_history_model_count, 3)
        self.assertEqual(department.dvk_history_recognized_count, 3)
        self.assertEqual(department.dvk_history_commendation_count, 1)
        self.assertEqual(set(department.dvk_history_model_ids.mapped("year")), {self.year - 1, self.year})
        years = department._dvk_history_years()
        self.assertEqual([year for year, _rows in years], [self.year, self.year - 1])
        (row,) = years[1][1]
        self.assertEqual(row["awards"][0]["decision_number"], "15/QĐ-STP")
        self.assertTrue(row["recognition_number"])
        action = department.action_dvk_history_models()
        self.assertEqual(self.env["dvk.model"].with_user(self.head_a).search(action["domain"]), previous | current)

    def test_R3_history_and_dossier_within_scope(self):
        """R3: each role reads the history of its scope; outside it, nothing, and no dossier."""
        previous, current, exemplar = self._history()
        for user in (self.staff_a, self.head_a, self.member_a, self.ha, self.admin):
            self.assertEqual(self.dept_a.with_user(user).dvk_history_model_ids, previous | current, user.login)
            self.dept_a.with_user(user)._dvk_check_history_access()
        for user in (self.staff_b, self.head_b, self.member_b, self.staff_c, self.head_c, self.member_c):
            self.assertFalse(self.dept_a.with_user(user).dvk_history_model_ids, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.dept_a.with_user(user).action_dvk_print_dossier()
        employee = self.nurse
        for user in (self.staff_b, self.head_b, self.member_b, self.ha, self.admin):
            self.assertEqual(employee.with_user(user).dvk_history_model_ids, exemplar, user.login)
        for user in (self.staff_a, self.head_a, self.member_a, self.head_c):
            with self.assertRaises(AccessError, msg=user.login):
                self.render("achievement_employee", employee, user)

    def test_R7_3_dossier_prints_the_years(self):
        """R7.3: the dossier (hồ sơ thành tích) prints each year's models, recognition and award decision."""
        previous, _current, _exemplar = self._history()
        printed = self.render("achievement_department", self.dept_a, self.head_a)
        recognition = previous.recognition_id
        self.assertPrinted(
            printed,
            "HỒ SƠ THÀNH TÍCH PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO”",
            f"Năm {self.year}",
            f"Năm {self.year - 1}",
            "Trợ giúp pháp lý lưu động",
            "Một cửa thân thiện",
            "Phổ biến pháp luật trực tuyến",
            f"Số {recognition.name}",
            "Quyết định số 15/QĐ-STP",
            "3 mô hình, điển hình đăng ký thực hiện",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        )
        self.assertLess(printed.text.index(f"Năm {self.year}"), printed.text.index(f"Năm {self.year - 1}"))

    def test_R7_2_person_dossier(self):
        """R7.2: a person's dossier lists their exemplars, without their private data."""
        _previous, _current, exemplar = self._history()
        self.propose(exemplar)
        printed = self.render("achievement_employee", self.nurse, self.head_b)
        self.assertPrinted(printed, "Cá nhân: Nguyễn Thị Điều Dưỡng", "Cán bộ y tế tận tụy", f"Năm {self.year - 1}")
        self.assertNotPrinted(printed, "dieuduong@example.com", "Một cửa thân thiện")


class TestReview(CommendationSystemCase, ReportCase):
    """R7.3 "định kỳ tổ chức sơ kết, tổng kết": the agency head's periodic review."""

    def _values(self, models_=None, **values):
        return {
            "name": f"Sơ kết 6 tháng năm {self.year}",
            "department_id": self.dept_a.id,
            "period_id": self.period.id,
            "kind": "preliminary",
            "results": "<p>Ba mô hình được công nhận, người dân hài lòng.</p>",
            "limitations": "<p>Kinh phí còn hạn chế.</p>",
            "model_ids": [Command.set((models_ or self.env["dvk.model"]).ids)],
            **values,
        }

    def test_R7_3_the_head_holds_and_closes_the_review(self):
        """R7.3: the head puts forward recognised models of the agency's scope and closes the review."""
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện"])
        review = self.env["dvk.review"].with_user(self.head_a).create(self._values(recognised))
        review.conclusions = "<p>Tiếp tục nhân rộng mô hình một cửa.</p>"
        review.action_done()
        self.assertEqual((review.state, review.closed_by_id), ("done", self.head_a))
        self.assertIn("Sơ kết 6 tháng", recognised.sudo().message_ids[:1].body)
        with self.assertRaises(AccessError):
            review.conclusions = "<p>Sửa sau khi đã họp</p>"
        with self.assertRaises(AccessError):
            review.unlink()

    def test_R7_3_review_roles_in_and_out_of_scope(self):
        """R3: staff, committee and Home Affairs read but do not hold it; another agency's head cannot."""
        Review = self.env["dvk.review"]
        for user in (self.staff_a, self.member_a, self.ha, self.head_b, self.head_c):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                Review.with_user(user).create(self._values())
        review = Review.with_user(self.head_a).create(self._values())
        for user in (self.staff_a, self.member_a, self.ha, self.admin):
            self.assertEqual(review.with_user(user).read(["name"])[0]["name"], review.name)
        for user in (self.staff_b, self.head_b, self.member_c):
            with self.assertRaises(AccessError, msg=user.login):
                review.with_user(user).read(["name"])
        for user in (self.staff_a, self.member_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                review.with_user(user).action_done()
        with self.assertRaises(AccessError):
            review.with_user(self.member_a).write({"name": "Đổi tên"})
        admin_review = Review.with_user(self.admin).create(self._values(name="Tổng kết năm", kind="final"))
        self.assertEqual(admin_review.kind, "final")

    def test_R7_3_only_recognised_models_of_the_scope_and_a_finding(self):
        """R7.3: a review puts forward recognised models of its scope, and closes on what it found."""
        other = self.recognised(self.dept_b, ["Mô hình của Sở Y tế"])
        registration = self.make_registration(self.dept_a, lines=1)
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["dvk.review"].with_user(self.head_a).create(self._values(other))
        with self.assertRaises(UserError), self.cr.savepoint():
            self.env["dvk.review"].with_user(self.head_a).create(self._values(registration.model_ids))
        empty = (
            self.env["dvk.review"].with_user(self.head_a).create(self._values(results="<p><br></p>", limitations=False))
        )
        with self.assertRaises(UserError):
            empty.action_done()

    def test_R7_3_review_prints(self):
        """R7.3: the review report prints its findings and the models it puts forward."""
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện"])
        review = self.env["dvk.review"].with_user(self.head_a).create(self._values(recognised))
        review.action_done()
        printed = self.render("review", review, self.staff_a)
        self.assertPrinted(
            printed,
            f"BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM {self.year}",
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "Ba mô hình được công nhận, người dân hài lòng.",
            "Kinh phí còn hạn chế.",
            "Một cửa thân thiện",
            "khoản 3 Điều 7",
        )


class TestOctoberCompilation(CommendationSystemCase, ReportCase):
    """R8, R9: the October report carries its lists; Home Affairs compiles the province in one document."""

    def _october(self, agency):
        Report = self.env["dvk.agency.report"].sudo()
        return Report.search(
            [("department_id", "=", agency.id), ("period_id", "=", self.period.id), ("kind", "=", "october")]
        ) or Report.create({"department_id": agency.id, "period_id": self.period.id, "kind": "october"})

    def _sent(self):
        recognised = self.recognised(self.dept_a, ["Một cửa thân thiện", "Trợ giúp pháp lý lưu động"])
        granted = self.propose(recognised[:1])
        self.decision(granted, self.head_a, number="88/QĐ-STP").action_issue()
        waiting = self.propose(recognised[1:])
        report_a = self._october(self.dept_a)
        report_a.with_user(self.head_a).action_send()
        report_b = self._october(self.dept_b)
        return recognised, granted, waiting, report_a, report_b

    def test_R8_october_report_carries_the_lists(self):
        """R8: the agency's October report sends the recognised models with their decision, and its proposals."""
        recognised, granted, waiting, report, _report_b = self._sent()
        items = report.with_user(self.head_a).item_ids
        listed = items.filtered(lambda i: i.item_type == "recognized")
        self.assertEqual(listed.model_id, recognised)
        self.assertEqual(set(listed.mapped("recognition_number")), {recognised.recognition_id.name})
        self.assertTrue(all(listed.mapped("recognition_date")))
        proposals = items.filtered(lambda i: i.item_type == "proposal")
        self.assertEqual(proposals.proposal_id, granted | waiting)
        by_state = {item.proposal_state: item for item in proposals}
        self.assertEqual(by_state["granted"].decision_number, "88/QĐ-STP")
        self.assertFalse(by_state["proposed"].decision_number)
        self.assertTrue(by_state["granted"].award_form)
        # frozen when sent: a later decision does not rewrite what the agency sent
        self.decision(waiting, self.head_a, number="99/QĐ-STP").action_issue()
        self.assertFalse(by_state["proposed"].decision_number)
        self.assertEqual(by_state["proposed"].proposal_state, "proposed")
        # nobody but the server writes the lists
        for user in (self.head_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                items[:1].with_user(user).write({"model_name": "Sửa"})
        # read in scope only
        for user in (self.staff_a, self.member_a, self.ha, self.admin):
            self.assertEqual(len(report.with_user(user).item_ids), 4, user.login)
        for user in (self.staff_b, self.head_b, self.member_c):
            self.assertFalse(self.env["dvk.agency.report.item"].with_user(user).search([("id", "in", items.ids)]))

    def test_R9_home_affairs_prints_one_compilation(self):
        """R9: one PDF for the province: who sent, the recognised models with their decision, the proposals."""
        recognised, _granted, _waiting, report_a, report_b = self._sent()
        reports = report_a | report_b
        printed = self.render("october_compilation", reports, self.ha)
        recognition = recognised.recognition_id
        self.assertPrinted(
            printed,
            "TỔNG HỢP KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            self.dept_a.name,
            self.dept_b.name,
            "Chưa gửi",
            "II. DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH ĐƯỢC CÔNG NHẬN",
            "Một cửa thân thiện",
            "Trợ giúp pháp lý lưu động",
            f"Số {recognition.name}",
            "III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            "Quyết định số 88/QĐ-STP",
            "Tổng cộng: 2 đề nghị",
        )
        self.assertEqual(printed.text.count("TỔNG HỢP KẾT QUẢ XÉT CÔNG NHẬN"), 1, "one document")
        self.render("october_compilation", reports, self.admin)
        for user in (self.staff_a, self.head_a, self.member_a, self.head_b):
            with self.assertRaises(AccessError, msg=user.login):
                self.render("october_compilation", report_a, user)

    def test_R9_home_affairs_downloads_one_workbook(self):
        """R9: the same compilation as one .xlsx (streamed by /dvk/xlsx), for Home Affairs only."""
        _recognised, _granted, _waiting, report_a, report_b = self._sent()
        reports = report_a | report_b
        Export = self.env["dvk.xlsx.export"]
        action = Export.with_user(self.ha).export_october_compilation(reports.ids)
        self.assertTrue(action["url"].startswith("/dvk/xlsx/october_compilation/"), action)
        filename, data, mimetype = Export.with_user(self.ha)._dvk_build("october_compilation", reports.ids)
        self.assertTrue(filename.endswith(".xlsx"))
        self.assertIn("spreadsheetml", mimetype)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual(workbook.sheetnames, ["Tổng hợp", "Được công nhận", "Đề nghị khen thưởng"])
        summary = [row for row in workbook["Tổng hợp"].iter_rows(min_row=5, values_only=True) if row[0]]
        self.assertEqual(
            {row[2]: row[3] for row in summary}, {self.dept_a.name: "Đã gửi", self.dept_b.name: "Chưa gửi"}
        )
        recognised = list(workbook["Được công nhận"].iter_rows(min_row=5, values_only=True))
        self.assertEqual({row[4] for row in recognised}, {"Một cửa thân thiện", "Trợ giúp pháp lý lưu động"})
        proposals = list(workbook["Đề nghị khen thưởng"].iter_rows(min_row=5, values_only=True))
        self.assertIn("88/QĐ-STP", [row[10] for row in proposals])
        for user in (self.staff_a, self.head_a, self.member_a):
            with self.assertRaises(AccessError, msg=user.login):
                Export.with_user(user)._dvk_build("october_compilation", reports.ids)

    def test_R9_workbook_writes_text_never_formulas(self):
        """R9: the plain builder writes names as text: "=…" never becomes a formula."""
        data = write_october_compilation(
            "TỔNG HỢP",
            "(Theo Điều 8, Điều 9)",
            [
                {
                    "year": 2025,
                    "agencies": [
                        {
                            "name": '=HYPERLINK("http://x")',
                            "sent": True,
                            "state_label": "Đã gửi",
                            "date_sent": fields.Date.today(),
                            "recognized": [],
                            "proposals": [],
                        }
                    ],
                }
            ],
        )
        cell = openpyxl.load_workbook(io.BytesIO(data))["Tổng hợp"].cell(row=5, column=3)
        self.assertEqual((cell.value, cell.data_type), ('=HYPERLINK("http://x")', "s"))


class TestPublicComment(CommendationSystemCase):
    """R3 (Art. 3 "công khai"): what is published, and for how long a proposal is open to comment."""

    def test_R3_proposal_is_open_to_comment_for_fifteen_days(self):
        """R3: a proposal is published for comment from the day it is proposed, 15 days by default."""
        model = self.recognised(self.dept_a, ["Mô hình lấy ý kiến"])
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        self.assertFalse(proposal.public_comment_start)
        Public = self.env["dvk.public"].sudo()

        def published():  # the demo province may have proposals of its own under comment
            return [row for row in Public._dvk_under_comment() if row["number"] == proposal.name]

        self.assertFalse(published(), "a draft is not published")
        proposal.action_propose()
        today = fields.Date.context_today(proposal)
        self.assertEqual(proposal.public_comment_start, today)
        self.assertEqual(proposal.public_comment_end, today + timedelta(days=14))
        (row,) = published()
        self.assertEqual((row["model_name"], row["number"]), ("Mô hình lấy ý kiến", proposal.name))
        # the committee does not stretch the period: the server sets it
        for user in (self.member_a, self.head_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                proposal.with_user(user).public_comment_end = today + timedelta(days=60)
        proposal.sudo().write({"public_comment_end": today - timedelta(days=1)})
        self.assertFalse(published(), "the period has ended")
        self.env["ir.config_parameter"].sudo().set_param("danvan_khe.public_comment_days", "30")
        other = self.propose(self.recognised(self.commune, ["Mô hình xã"]))
        self.assertEqual(other.public_comment_end, today + timedelta(days=29))

    def test_R3_public_values_are_decided_and_whitelisted(self):
        """R3: the page gets recognised models of decided recognitions only, as plain text, by year."""
        previous = self.recognised(self.dept_a, ["Mô hình năm trước"], period=self.period_for(self.year - 1))
        current = self.recognised(self.dept_b, ["Mô hình năm nay"])
        self.make_registration(self.commune, lines=1)  # a draft
        Public = self.env["dvk.public"].sudo()
        values = Public._dvk_public_values()
        names = [row["name"] for year in values["recognised"] for agency in year["agencies"] for row in agency["rows"]]
        self.assertIn(previous.name, names)
        self.assertIn(current.name, names)
        self.assertFalse([name for name in names if name.startswith("Mô hình 1 của")], "no draft is published")
        for year in values["recognised"]:
            for agency in year["agencies"]:
                for row in agency["rows"]:
                    self.assertEqual(
                        set(row),
                        {
                            "name",
                            "implementer",
                            "kind",
                            "sector_code",
                            "sector_name",
                            "decision_number",
                            "decision_date",
                            "decision_body",
                        },
                    )
                    self.assertTrue(all(isinstance(value, str) for value in row.values()))
        filtered = Public._dvk_public_values(str(self.year))
        self.assertEqual([year["year"] for year in filtered["recognised"]], [self.year])
        self.assertEqual(Public._dvk_public_values("1' OR 1=1")["year"], None)
        self.assertIn(self.year - 1, values["years"])


@tagged("post_install", "-at_install", "dvk_tour")
class TestPublicPage(HttpCase):
    """R3 (Art. 3 "công khai"): /dvk/public, without login, shows what was decided and nothing else."""

    __test__ = False  # pytest-odoo cannot serve HTTP here: Odoo's runner runs it (tag dvk_tour)

    def _build(self):
        """A small province in sudo: one recognised model, one draft, one proposal under comment."""
        env = self.env
        tier = env.ref("danvan_khe.tier_province")
        agency = env["hr.department"].create(
            {"name": "Sở Công khai (thử)", "dvk_is_agency": True, "dvk_tier_id": tier.id}
        )
        person = env["hr.employee"].create(
            {
                "name": "Trần Văn Điển Hình",
                "department_id": agency.id,
                "work_email": "dien.hinh@example.com",
                "private_email": "rieng.tu@example.com",
                "private_phone": "0909 000 111",
            }
        )
        year = fields.Date.today().year
        Period = env["dvk.period"]
        period = Period.search([("year", "=", year)]) or Period.create({"year": year})
        older = Period.search([("year", "=", year - 1)]) or Period.create({"year": year - 1})
        sector = env.ref("danvan_khe.sector_kt")
        committee = env["dvk.committee"].create(
            {"name": "BCĐ Sở Công khai", "department_id": agency.id, "member_ids": [Command.set([env.uid])]}
        )

        def recognised(name, period_, **extra):
            registration = env["dvk.registration"].search(
                [("department_id", "=", agency.id), ("period_id", "=", period_.id)]
            ) or env["dvk.registration"].create({"department_id": agency.id, "period_id": period_.id})
            model = env["dvk.model"].create(
                {"registration_id": registration.id, "name": name, "sector_id": sector.id, **extra}
            )
            recognition = env["dvk.recognition"].create(
                {"committee_id": committee.id, "period_id": period_.id, "name": f"{name[:3]}/QĐ-BCĐ"}
            )
            model._dvk_set_state("recognized", recognition_id=recognition.id)
            recognition._dvk_set_state("done")
            return model

        shown = recognised("Mô hình công khai năm nay", period)
        exemplar = recognised("Điển hình tận tụy", period, kind="individual", employee_id=person.id)
        older_model = recognised("Mô hình công khai năm trước", older)
        draft = env["dvk.model"].create(
            {"registration_id": shown.registration_id.id, "name": "Mô hình còn dự thảo", "sector_id": sector.id}
        )
        proposal = env["dvk.commendation"].create({"model_id": exemplar.id, "reason": "Tận tụy"})
        proposal.action_propose()
        closed = env["dvk.commendation"].create({"model_id": shown.id})
        closed.action_propose()
        closed.write({"public_comment_start": fields.Date.today() - timedelta(days=30)})
        closed.write({"public_comment_end": fields.Date.today() - timedelta(days=16)})
        return shown, exemplar, older_model, draft, proposal, closed

    def test_R3_public_page_lists_recognised_models_not_drafts(self):
        shown, _exemplar, older_model, draft, proposal, closed = self._build()
        self.assertEqual(draft.state, "draft")
        response = self.url_open("/dvk/public")  # no login
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(shown.name, page)
        self.assertIn(shown.recognition_id.name, page)
        self.assertIn(older_model.name, page)
        self.assertIn("Trần Văn Điển Hình", page, "the awardee's name is published")
        self.assertNotIn(draft.name, page)
        for private in ("dien.hinh@example.com", "rieng.tu@example.com", "0909 000 111"):
            self.assertNotIn(private, page)
        # under public comment: the proposal of today, not the one whose period ended
        self.assertIn(proposal.name, page)
        self.assertIn(proposal.public_comment_end.strftime("%d/%m/%Y"), page)
        self.assertNotIn(closed.name, page)
        # filtered by year
        page = self.url_open(f"/dvk/public?year={shown.year}").text
        self.assertIn(shown.name, page)
        self.assertNotIn(older_model.name, page)
        self.assertEqual(self.url_open("/dvk/public?year=abc").status_code, 200)
