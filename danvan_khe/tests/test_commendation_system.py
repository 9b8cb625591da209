"""What the province's commendation systems offer (MISA CeGov "Thi đua khen thưởng", QLKT), here: awards.

R7.2: award forms are a catalogue by the level that grants them, and the authority's
commendation decision is a record that grants its proposals (R7.3: Home Affairs
records the provincial one).

Each role acts inside and outside its scope (``with_user``): staff, agency head,
committee member, Home Affairs and the administrator.

The rest of the commendation system: test_commendation_history.py (R7.3 achievement
history, dossier, periodic review), test_commendation_compilation.py (R8, R9 the
October lists and the province's compilation), test_commendation_public.py (R3 public
comment) and test_tours_public.py (R3 the public page, over HTTP).
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from ._fixtures_commendation import CommendationSystemCase
from .common import R5_1_COMPLETE


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
                    **R5_1_COMPLETE,
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
