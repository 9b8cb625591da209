"""Excel exports streamed by /dvk/xlsx (RA, R7.1, R7.2, R7.3, R8): nothing stored, the user's own rights.

An export used to create an ir.attachment at every click (piling up on the
record). The "Export to Excel" actions now check access and hand over to the
controller, which builds the file in the requesting user's environment.
"""

import io
import re
from types import SimpleNamespace
from unittest.mock import patch

import openpyxl
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError

from odoo.addons.danvan_khe.controllers import xlsx_export as controller
from odoo.addons.danvan_khe.lib import annex
from odoo.addons.danvan_khe.report.dvk_xlsx_export import XLSX_MIMETYPE, ZIP_MIMETYPE, decode_ids, encode_ids

from .common import DvkCase

URL = re.compile(r"^/dvk/xlsx/(\w+)/([\d,-]+)$")


class TestXlsxExport(DvkCase):
    def attachments(self):
        return self.env["ir.attachment"].sudo().search_count([])

    def download(self, user, document, ids):
        """What the controller answers ``user`` for /dvk/xlsx/<document>/<ids>, without an HTTP server."""
        fake_request = SimpleNamespace(env=self.env(user=user))
        with patch.object(controller, "request", fake_request):
            return controller.DvkXlsxExportController().dvk_xlsx_export(document, ids)

    def test_RA_ten_exports_create_no_attachment(self):
        """RA: ten exports (action + file) create zero ir.attachment; the file is streamed instead."""
        registration = self.make_registration(lines=2)
        exporter = self.env["dvk.xlsx.export"].with_user(self.staff_a)
        before = self.attachments()
        for _index in range(10):
            action = exporter.export_registration(registration.ids)
            self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "self"))
            document, ids = URL.match(action["url"]).groups()
            filename, data, mimetype = exporter._dvk_build(document, decode_ids(ids))
            self.assertEqual(mimetype, XLSX_MIMETYPE)
            self.assertTrue(filename.endswith(".xlsx"))
            self.assertEqual(openpyxl.load_workbook(io.BytesIO(data)).active["A2"].value, annex.TITLE)
        self.assertEqual(self.attachments() - before, 0)
        self.assertFalse(
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "dvk.registration"), ("res_id", "=", registration.id)])
        )

    def test_RA_the_action_menu_hands_over_to_the_controller(self):
        """RA: the server action of the Action menu returns the /dvk/xlsx URL of the selection."""
        first, second = self.make_registration(lines=1), self.make_registration(agency=self.dept_b, lines=1)
        action = (
            self.env.ref("danvan_khe.action_xlsx_export_registration")
            .with_user(self.staff_a)
            .with_context(active_model="dvk.registration", active_ids=first.ids, active_id=first.id)
            .run()
        )
        self.assertEqual(action["url"], f"/dvk/xlsx/registration/{first.id}")
        both = self.env["dvk.xlsx.export"].with_user(self.ha).export_registration((first | second).ids)
        self.assertEqual(decode_ids(URL.match(both["url"]).group(2)), sorted((first | second).ids))

    def test_RA_controller_streams_the_file(self):
        """RA: the controller answers the file itself, named, typed, not cached; still no attachment."""
        registration = self.make_registration(lines=2)
        before = self.attachments()
        response = self.download(self.staff_a, "registration", str(registration.id))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(".xlsx", disposition)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        worksheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
        self.assertEqual([cell.value for cell in worksheet[5]], list(annex.HEADINGS))
        self.assertEqual(self.attachments(), before)

    def test_RA_several_registrations_come_zipped(self):
        first, second = self.make_registration(lines=1), self.make_registration(agency=self.dept_b, lines=1)
        response = self.download(self.ha, "registration", encode_ids((first | second).ids))
        self.assertEqual(response.headers["Content-Type"], ZIP_MIMETYPE)
        self.assertTrue(response.get_data().startswith(b"PK"))

    def test_RA_out_of_scope_user_is_refused(self):
        """RA, R3: another agency's staff gets neither the action nor the file (record rules, no sudo read)."""
        registration = self.make_registration(lines=1)
        before = self.attachments()
        with self.assertRaises(AccessError):
            self.env["dvk.xlsx.export"].with_user(self.staff_b).export_registration(registration.ids)
        with self.assertRaises(AccessError):
            self.env["dvk.xlsx.export"].with_user(self.staff_b)._dvk_build("registration", registration.ids)
        # through the controller: Odoo answers an AccessError of an http route with 403 Forbidden
        with self.assertRaises(AccessError):
            self.download(self.staff_b, "registration", str(registration.id))
        # a selection mixing a record in scope and one out of it is refused as a whole
        other = self.make_registration(agency=self.dept_b, lines=1)
        with self.assertRaises(AccessError):
            self.download(self.staff_a, "registration", encode_ids((registration | other).ids))
        self.assertEqual(self.attachments(), before)

    def test_RA_unknown_document_or_ids(self):
        registration = self.make_registration(lines=1)
        for document, ids in (
            ("ir_attachment", str(registration.id)),
            ("registration", "1;DROP"),
            ("registration", ""),
        ):
            with self.subTest(document=document, ids=ids), self.assertRaises(NotFound):
                self.download(self.staff_a, document, ids)

    def test_ids_in_the_url(self):
        self.assertEqual(encode_ids([9, 3, 4, 5, 6, 12, 13]), "3-6,9,12,13")
        self.assertEqual(decode_ids("3-6,9,12,13"), [3, 4, 5, 6, 9, 12, 13])
        self.assertEqual(decode_ids(encode_ids(range(1, 5001))), list(range(1, 5001)))
        for bad in ("", "a", "5-3", "1,,2", "-1", "1-999999999"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                decode_ids(bad)

    def test_R7_1_evaluation_export_streams_with_the_heads_rights(self):
        """R7.1: the evaluation sheet, streamed as the agency head reads it; not to another agency's head."""
        model = self.reported_model()
        evaluation = self.evaluate(model)
        before = self.attachments()
        response = self.download(self.head_a, "evaluation", str(evaluation.id))
        rows = list(openpyxl.load_workbook(io.BytesIO(response.get_data())).active.values)
        self.assertIn("PHIẾU ĐÁNH GIÁ", rows[0][0])
        with self.assertRaises(AccessError):
            self.download(self.head_b, "evaluation", str(evaluation.id))
        self.assertEqual(self.attachments(), before)
