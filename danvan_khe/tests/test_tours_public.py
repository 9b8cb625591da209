"""R3 (Art. 3 "công khai"): the public page /dvk/public, served without login.

``TestPublicPage`` is an HttpCase: Odoo's runner runs it (tag ``dvk_tour``, as ``make
test`` runs the browser tours); pytest-odoo would only skip it (it serves no HTTP
without ``--odoo-http``), so it is hidden from pytest's collection, and scripts/test.sh
leaves the test_tours*.py files out of its pytest run.  What the page is given
(decided, whitelisted values) and the comment period: test_commendation_public.py.
"""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


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
