"""Versioned by regulation (the 2025 reform): the archive of 2023 and the present in one database.

RA: the registration form's reference line ("Kèm theo Quyết định số …") and the
footnote of its sector column come from the regulation of the form's year and
its sector records, not from the template: Decision 976's data prints the annex
exactly, another act prints its own number, date, issuer and sectors, on paper
and in the spreadsheet.

R1, R7.2: tiers and their commendation routes are versioned by the regulation
that sets them: a tier code is unique within a regulation, and a proposal
follows the tier of its year's regulation with its agency's tier code, so a
2024 proposal follows the three tiers of 2023 and a 2026 one the act then in
force (the agency's own tier when that act sets no such tier).

The second act is made up by the tests (no decision number is invented in data).
"""

import importlib.util
import io
from datetime import date
from pathlib import Path

import openpyxl
from psycopg2 import IntegrityError

from odoo.tools import mute_logger

from ..lib import annex
from .common import DvkCase

ADDON_DIR = Path(__file__).resolve().parent.parent
NEW_ACT = "(Kèm theo Quyết định số: 99/QĐ-UBND ngày 01 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh Vĩnh Long)"
NEW_FOOTNOTE = "¹ KT-XH = kinh tế - xã hội; CĐS = Chuyển đổi số; XD HTCT = Xây dựng hệ thống chính trị."


class RegulationVersionCase(DvkCase):
    """The three tiers of Decision 976 (2023) and a two-tier act of 2025 made up for the test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reg_976 = cls.env.ref("danvan_khe.regulation_976_2023")
        cls.reg_2025 = cls.env["dvk.regulation"].create(
            {
                "name": "Quy định Dân vận khéo sau sắp xếp (thử)",
                "number": "99/QĐ-UBND",
                "date_issued": date(2025, 7, 1),
                "issuer": "People's Committee of Vĩnh Long province",
                "printed_issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
                "replaced_id": cls.reg_976.id,
            }
        )
        # two tiers, the same codes as 2023's: province and commune, no district
        Tier = cls.env["dvk.tier"]
        cls.tier_2025_province = Tier.create(
            {
                "name": "Sở, ban, ngành tỉnh (2025)",
                "code": "province",
                "regulation_id": cls.reg_2025.id,
                "commendation_route": "agency_head",
                "commendation_authority": "Thủ trưởng sở, ban, ngành (2025)",
            }
        )
        cls.tier_2025_commune = Tier.create(
            {
                "name": "Ủy ban nhân dân cấp xã (2025)",
                "code": "commune",
                "regulation_id": cls.reg_2025.id,
                "commendation_route": "committee",
                "commendation_authority": "Ban Chỉ đạo cấp xã (2025)",
            }
        )
        Sector = cls.env["dvk.sector"]
        cls.sector_2025_ktxh = Sector.create(
            {
                "code": "KT-XH",
                "name": "Economy and society",
                "footnote_label": "kinh tế - xã hội",
                "sequence": 1,
                "regulation_id": cls.reg_2025.id,
            }
        )
        # no footnote label: the footnote prints its name
        cls.sector_2025_cds = Sector.create(
            {"code": "CĐS", "name": "Chuyển đổi số", "sequence": 2, "regulation_id": cls.reg_2025.id}
        )
        cls.sector_2025_xd = Sector.create(
            {
                "code": "XD HTCT",
                "name": "Building the political system",
                "footnote_label": "Xây dựng hệ thống chính trị",
                "sequence": 3,
                "regulation_id": cls.reg_2025.id,
            }
        )
        Sector.create(
            {
                "code": "CŨ",
                "name": "Lĩnh vực đã bỏ",
                "sequence": 4,
                "regulation_id": cls.reg_2025.id,
                "active": False,
            }
        )
        # the act's criteria: Decision 976's, as the new act took them over
        for criterion in cls.reg_976.criterion_ids:
            criterion.copy({"regulation_id": cls.reg_2025.id})
        cls.period_2024 = cls.period_for(2024)
        cls.period_2024.regulation_id = cls.reg_976
        cls.period_2026 = cls.period_for(2026)
        cls.period_2026.regulation_id = cls.reg_2025


class TestAnnexOfTheRegulation(RegulationVersionCase):
    """RA: the form's reference and footnote are the year's regulation's, on paper and in Excel."""

    def _registration(self, period, sectors):
        registration = self.make_registration(self.dept_a, lines=0, period=period)
        for index, sector in enumerate(sectors, 1):
            self.env["dvk.model"].with_user(self.staff_a).create(
                {
                    "registration_id": registration.id,
                    "name": f"Mô hình {index}",
                    "kind": "collective",
                    "sector_id": sector.id,
                    "address": "Phường 1",
                }
            )
        return registration

    def _printed(self, registration):
        """The annex's values, the HTML of the printed form and the first sheet of the workbook."""
        helper = self.env["report.danvan_khe.report_registration"].with_user(self.staff_a)
        values = helper._dvk_annex(registration)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.staff_a)
            ._render_qweb_html("danvan_khe.action_report_registration", registration.ids)
        )
        _name, data, _mimetype = (
            self.env["dvk.xlsx.export"].with_user(self.staff_a)._dvk_build("registration", registration.ids)
        )
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
        return values, html.decode(), sheet, texts

    def test_RA_976_prints_the_annex_reference_and_footnote_from_its_records(self):
        """RA: Decision 976's regulation and sector records print exactly the annex's reference and footnote."""
        self.assertEqual(self.reg_976._dvk_annex_reference(), annex.REFERENCE)
        self.assertEqual(self.reg_976._dvk_annex_footnote(), annex.FOOTNOTE)
        self.assertEqual(
            [(sector.code, sector._dvk_footnote_label()) for sector in self.reg_976.sector_ids],
            list(annex.FOOTNOTE_SECTORS),
        )
        registration = self._registration(self.period_2024, self.sector_kt | self.sector_xdhtct)
        values, html, sheet, texts = self._printed(registration)
        self.assertEqual((values["reference"], values["footnote"]), (annex.REFERENCE, annex.FOOTNOTE))
        self.assertIn(annex.REFERENCE, html)
        self.assertIn(annex.FOOTNOTE, html)
        self.assertEqual(sheet["A3"].value, annex.REFERENCE)
        self.assertIn(annex.FOOTNOTE, texts)

    def test_RA_another_regulation_prints_its_own_reference_and_footnote(self):
        """RA: a form of a year under another act prints that act's number, date, issuer and sectors
        (code = Vietnamese name, in the sectors' order; an archived sector no line uses is left out)."""
        registration = self._registration(self.period_2026, self.sector_2025_cds | self.sector_2025_ktxh)
        values, html, sheet, texts = self._printed(registration)
        self.assertEqual((values["reference"], values["footnote"]), (NEW_ACT, NEW_FOOTNOTE))
        self.assertIn(NEW_ACT, html)
        self.assertIn(NEW_FOOTNOTE, html)
        self.assertNotIn(annex.FOOTNOTE, html)
        self.assertNotIn(annex.REFERENCE, html)
        self.assertEqual(sheet["A3"].value, NEW_ACT)
        self.assertIn(NEW_FOOTNOTE, texts)
        self.assertNotIn(annex.FOOTNOTE, texts)
        # the 2024 form of the same agency still prints Decision 976's annex
        archive = self._registration(self.period_2024, self.sector_kt)
        self.assertEqual(self._printed(archive)[0]["footnote"], annex.FOOTNOTE)

    def test_RA_reference_follows_the_regulation_data(self):
        """RA: the reference line is the regulation's data, Decision 976's included: an edit shows on the form."""
        self.reg_976.printed_issuer = "Ủy ban nhân dân tỉnh Trà Vinh (thử)"
        edited = annex.REFERENCE.replace("Trà Vinh)", "Trà Vinh (thử))")
        self.assertEqual(self.reg_976._dvk_annex_reference(), edited)
        values, html, sheet, _texts = self._printed(self._registration(self.period_2024, self.sector_kt))
        self.assertEqual(values["reference"], edited)
        self.assertIn(edited, html)
        self.assertEqual(sheet["A3"].value, edited)
        # without a printed issuer, the issuer (in Vietnamese when that language is installed)
        self.reg_2025.printed_issuer = False
        self.assertEqual(
            self.reg_2025._dvk_annex_reference(),
            NEW_ACT.replace("Ủy ban nhân dân tỉnh Vĩnh Long", self.reg_2025._dvk_vn().issuer),
        )

    def test_RA_footnote_names_a_used_sector_the_act_archived(self):
        """RA: every code the form prints is explained: an archived sector a line uses is in the footnote."""
        self.sector_2025_cds.active = False
        self.assertEqual(
            self.reg_2025._dvk_annex_footnote(),
            "¹ KT-XH = kinh tế - xã hội; XD HTCT = Xây dựng hệ thống chính trị.",
        )
        self.assertEqual(self.reg_2025._dvk_annex_footnote(self.sector_2025_cds), NEW_FOOTNOTE)

    def test_RA_upgrade_gives_the_976_records_the_annex_words(self):
        """RA: the 18.0.1.2.0 migration fills the printed words of the shipped (noupdate) records."""
        (self.sector_kt | self.sector_xdhtct).footnote_label = False
        self.reg_976.printed_issuer = False
        self.env.ref("danvan_khe.sector_vhxh").footnote_label = "văn hóa, xã hội (sửa)"
        path = ADDON_DIR / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("dvk_post_migrate_18_0_1_2_0", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(self.reg_976._dvk_annex_reference(), annex.REFERENCE)
        # what the administrator wrote is kept
        self.assertEqual(
            self.reg_976._dvk_annex_footnote(), annex.FOOTNOTE.replace("Văn hóa - xã hội", "văn hóa, xã hội (sửa)")
        )


class TestTiersOfTheRegulation(RegulationVersionCase):
    """R1, R7.2: tiers and their commendation routes are versioned by regulation."""

    def _recognised(self, agency, period):
        """A model of ``agency`` in ``period``, taken to recognition by its actors."""
        staff, head, member = self._staff_of(agency), self.head_of(agency), self.member_of(agency)
        registration = self.make_registration(agency, user=staff, lines=1, period=period)
        registration.action_submit()
        registration.with_user(head).action_confirm()
        registration.with_user(member).action_approve()
        model = registration.model_ids
        model.with_user(staff).write({"result_summary": "Đạt và vượt chỉ tiêu đăng ký"})
        model.with_user(staff).action_report()
        evaluation = self.env["dvk.evaluation"].with_user(head).create({"model_id": model.id})
        self.assertTrue(evaluation.line_ids, "the year's act has its factors")
        for line in evaluation.line_ids:
            line.score = round(line.max_score * 0.9)
        evaluation.action_done()
        committee = {self.dept_a: self.committee_a, self.commune: self.committee_c}[agency]
        self.recognize(model, committee=committee, user=member)
        self.assertEqual(model.state, "recognized")
        return model

    def _proposal(self, model):
        return (
            self.env["dvk.commendation"]
            .with_user(self.member_of(model.agency_id))
            .create({"model_id": model.id, "level": "tier", "reason": "Thành tích tiêu biểu"})
        )

    def test_R1_tier_code_unique_within_a_regulation(self):
        """R1: each act sets its own tiers: the code 'commune' twice in one database, once per act."""
        self.assertEqual(self.tier_2025_commune.code, self.tier_commune.code)
        self.assertEqual(self.reg_976._dvk_tier("commune"), self.tier_commune)
        self.assertEqual(self.reg_2025._dvk_tier("commune"), self.tier_2025_commune)
        self.assertFalse(self.reg_2025._dvk_tier("district"))
        self.assertEqual(self.reg_2025.tier_ids, self.tier_2025_province | self.tier_2025_commune)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["dvk.tier"].create({"name": "Xã (trùng)", "code": "commune", "regulation_id": self.reg_2025.id})
            self.env.flush_all()

    def test_R7_2_tier_of_a_record_is_the_one_of_its_year_regulation(self):
        """R7.2: an agency of the 2023 commune tier applies, in a year of the 2025 act, that act's commune tier;
        an agency whose tier the act does not set keeps its own tier."""
        self.assertEqual(self.tier_commune._dvk_for_regulation(self.reg_976), self.tier_commune)
        self.assertEqual(self.tier_commune._dvk_for_regulation(self.reg_2025), self.tier_2025_commune)
        self.assertEqual(self.tier_2025_commune._dvk_for_regulation(self.reg_976), self.tier_commune)
        self.assertEqual(self.tier_district._dvk_for_regulation(self.reg_2025), self.tier_district)
        self.assertEqual(self.tier_province._dvk_for_regulation(self.env["dvk.regulation"]), self.tier_province)
        # an archived tier of the act still applies to its years
        self.tier_2025_commune.active = False
        self.assertEqual(self.tier_commune._dvk_for_regulation(self.reg_2025), self.tier_2025_commune)

    def test_R7_2_proposals_of_2024_and_2026_follow_their_own_regulation(self):
        """R7.2: the same commune's 2024 proposal goes to the commune People's Committee as the 2023 tiers
        route it (its head), its 2026 proposal where the 2025 act routes it (the steering committee)."""
        archive = self._proposal(self._recognised(self.commune, self.period_2024))
        present = self._proposal(self._recognised(self.commune, self.period_2026))
        self.assertEqual(archive.sudo()._dvk_route_tier(), self.tier_commune)
        self.assertEqual(present.sudo()._dvk_route_tier(), self.tier_2025_commune)
        self.assertEqual(
            (archive.authority_department_id, archive.authority_user_id, archive.authority_text),
            (self.commune, self.head_c, self.tier_commune.commendation_authority),
        )
        self.assertEqual(
            (present.authority_department_id, present.authority_user_id, present.authority_text),
            (self.commune, self.member_c, "Ban Chỉ đạo cấp xã (2025)"),
        )
        # the province's department: the 2025 act's text for its tier, the same route
        department = self._proposal(self._recognised(self.dept_a, self.period_2026))
        self.assertEqual(
            (department.authority_department_id, department.authority_user_id, department.authority_text),
            (self.dept_a, self.head_a, "Thủ trưởng sở, ban, ngành (2025)"),
        )

    def test_R7_2_tier_body_route_matches_agencies_by_the_tier_code(self):
        """R7.2: under an act routing the commune tier to its People's Committee, a unit of the commune
        registered as an agency of that tier is decided by the commune, whichever act's tier it points at."""
        self.tier_2025_commune.commendation_route = "tier_body"
        unit = self._agency("Công an xã Một (thử)", self.tier_2025_commune, self.commune)
        proposal = self.env["dvk.commendation"].new(
            {"level": "tier", "agency_id": unit.id, "period_id": self.period_2026.id}
        )
        proposal._compute_authority()
        self.assertEqual((proposal.authority_department_id, proposal.authority_user_id), (self.commune, self.head_c))
