"""What the import's preview says before the import refuses it (RA, R6.2; found from outside)."""

from odoo.exceptions import UserError

from odoo.addons.danvan_khe.report.registration_xlsx import write_registration_sheet

from . import test_import as _imports  # its helpers, not its tests (a class imported here would run twice)
from .common import DvkCase


class TestImportPreviewSaysItAll(DvkCase):
    """What the preview must say before the import refuses it (found from outside, RA, R6.2)."""

    _wizard = _imports.TestRegistrationImport._wizard
    _sheet = _imports.TestRegistrationImport._sheet
    _rows = _imports.TestImportOfAgenciesFiles._rows

    def test_R6_2_an_agency_below_registers_on_its_own_form(self):
        """R6.2: a district's sheet naming a commune's employee is flagged in the preview, not matched."""
        rows = self._rows(1, r0={"implementer": self.staff_c.name, "note": "Cá nhân"})
        wizard = self._wizard(
            write_registration_sheet(self.district.name, rows), agency=self.district, user=self.staff_d
        )
        wizard.action_preview()
        self.assertFalse(wizard.line_ids.employee_id, "the commune's employee is not the district's")
        self.assertTrue(wizard.problem_count)

    def test_R6_2_the_preview_says_the_form_is_no_longer_a_draft(self):
        registration = self.make_registration(lines=1)
        registration.action_submit()
        wizard = self._wizard(self._sheet(self._rows(1)))
        wizard.action_preview()
        self.assertIn("no longer a draft", wizard.file_problems)
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            wizard.action_import()

    def test_R6_2_only_an_agency_imports(self):
        with self.assertRaisesRegex(UserError, "not an agency of the movement"):
            self._wizard(self._sheet(self._rows(1)), agency=self.dept_a_office, user=self.staff_a).action_preview()


class TestImportComputesOnce(DvkCase):
    """Issue 13: the import gives a new line what its computes would, and the ORM does not compute them again."""

    _wizard = _imports.TestRegistrationImport._wizard
    _sheet = _imports.TestRegistrationImport._sheet
    _rows = _imports.TestImportOfAgenciesFiles._rows

    def test_13_no_line_waits_for_a_recursive_recompute(self):
        Model = self.env["dvk.model"]
        action = self._wizard(self._sheet(self._rows(20))).action_import()
        lines = self.env["dvk.registration"].browse(action["res_id"]).model_ids
        for name in ("consecutive_years", "on_provincial_list"):
            self.assertFalse(set(lines.ids) & set(self.env.transaction.tocompute.get(Model._fields[name], ())), name)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(set(lines.mapped("consecutive_years")), {0})
        self.assertEqual(set(lines.mapped("on_provincial_list")), {False})
