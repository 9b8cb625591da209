"""The movement's catalogues (R1, R4, R5, R7.1): data of the regulation, edited by the administrator.

The four sectors with their guidance (R4), the criteria of a collective model and of an
individual exemplar (R5.1 a–đ, R5.2 a–d) and the five evaluation factors (R7.1), versioned
by regulation: a year under an amendment is evaluated on the amendment's factors. The app
sits in one category, and only the administrator edits the catalogues (R1).
"""

from odoo.exceptions import AccessError

from .common import R5_1_COMPLETE, DvkCase


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
            .create(
                {
                    "registration_id": registration.id,
                    "name": "Mô hình theo quy định mới",
                    "sector_id": sector.id,
                    **R5_1_COMPLETE,
                }
            )
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
