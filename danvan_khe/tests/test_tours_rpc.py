"""The first day from outside: demo logins without an e-mail address over XML-RPC (R3, R6.2, RA).

Officers' accounts often have no e-mail address: importing their agency's list, refusing
a registration and opening "New" on every form must work for them over RPC exactly as
the web client calls it. Run by Odoo's own runner (tag ``dvk_tour``), which serves HTTP.
"""

import base64

from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.danvan_khe.report.registration_xlsx import write_registration_sheet

ROLES = ("stp.canbo", "stp.giamdoc", "stp.bcd", "nv.tonghop", "dvk.quantri")


@tagged("post_install", "-at_install", "dvk_tour")
class TestRpcWithoutEmail(HttpCase):
    def setUp(self):
        super().setUp()
        # a year of its own, so that the demo's forms of this year stay as they are
        year = fields.Date.today().year + 1
        Period = self.env["dvk.period"]
        self.period = Period.search([("year", "=", year)]) or Period.create({"year": year})
        self.agency = self.env.ref("danvan_khe.dept_stp")

    def _rpc(self, login):
        """execute_kw as ``login`` (password "demo"), whose account has no e-mail address."""
        user = self.env["res.users"].search([("login", "=", login)])
        user.partner_id.email = False
        self.assertFalse(user.email, f"{login} must have no e-mail address")
        db = self.env.cr.dbname
        uid = self.xmlrpc_common.authenticate(db, login, "demo", {})
        self.assertTrue(uid, f"{login} logs in")

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(db, uid, "demo", model, method, list(args), kwargs)

        return call

    def _import(self, staff):
        data = write_registration_sheet(
            self.agency.name,
            [
                {
                    "seq": 1,
                    "implementer": "Phòng Phổ biến, giáo dục pháp luật",
                    "model_name": "RPC: tư vấn pháp luật tại ấp",
                    "sector_code": "XD HTCT",
                    "period": f"Năm {self.period.year}",
                    "expected_result": "100 lượt tư vấn",
                    "note": "",
                }
            ],
        )
        wizard = staff(
            "dvk.registration.import",
            "create",
            {
                "department_id": self.agency.id,
                "period_id": self.period.id,
                "file_data": base64.b64encode(data).decode(),
                "file_name": "dang_ky.xlsx",
            },
        )
        action = staff("dvk.registration.import", "action_import", [wizard])
        return self.env["dvk.registration"].browse(action["res_id"])

    def test_RA_an_officer_without_email_imports_the_agency_list(self):
        """RA, R6.2: the import's note is logged without any e-mail address."""
        registration = self._import(self._rpc("stp.canbo"))
        self.assertEqual(registration.state, "draft")
        self.assertEqual(registration.model_ids.mapped("name"), ["RPC: tư vấn pháp luật tại ấp"])
        staff = self.env["res.users"].search([("login", "=", "stp.canbo")])
        self.assertTrue(registration.message_ids.filtered(lambda m: m.author_id == staff.partner_id))

    def test_R6_2_a_head_without_email_refuses_over_rpc(self):
        """R6.2: the head refuses a submitted form with a reason; the registrant is told, no e-mail needed."""
        staff = self._rpc("stp.canbo")
        registration = self._import(staff)
        line = registration.model_ids
        staff("dvk.model", "write", line.ids, {"address": "Phường 1, thành phố Trà Vinh", "survey_content": "Tư vấn"})
        staff("dvk.registration", "action_submit", registration.ids)
        head = self._rpc("stp.giamdoc")
        context = {"active_model": "dvk.registration", "active_ids": registration.ids}
        wizard = head("dvk.refuse.wizard", "create", {"reason": "Bổ sung kết quả ước đạt"}, context=context)
        head("dvk.refuse.wizard", "action_refuse", [wizard], context=context)
        self.assertEqual(registration.state, "refused")
        self.assertIn("Bổ sung kết quả ước đạt", registration.refuse_reason)
        self.assertTrue(registration.activity_ids.filtered(lambda a: a.user_id.login == "stp.canbo"))

    def test_R3_new_opens_on_every_form_over_rpc(self):
        """R3: "New" on every form of the addon, as the web client asks for it, for every demo role."""
        menus = self.env.ref("danvan_khe.menu_dvk_root")
        actions = (
            self.env["ir.ui.menu"].search([("id", "child_of", menus.id), ("action", "!=", False)]).mapped("action")
        )
        models_ = sorted({a.res_model for a in actions if a._name == "ir.actions.act_window" and a.res_model})
        self.assertIn("dvk.commendation", models_)
        for login in ROLES:
            call = self._rpc(login)
            for model in models_:
                rights = call(model, "has_access", [], "create")
                if not rights:
                    continue
                with self.subTest(login=login, model=model):
                    arch = call(model, "get_views", [[False, "form"]])["views"]["form"]["arch"]
                    spec = {
                        node.get("name"): {}
                        for node in etree.fromstring(arch).iter("field")
                        if not any(parent.tag == "field" for parent in node.iterancestors())
                    }
                    result = call(model, "onchange", [], {}, [], spec)
                    self.assertIsInstance(result.get("value"), dict)
