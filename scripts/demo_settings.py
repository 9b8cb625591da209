"""Settings of the demo database that no data file can set: language and report URL.

Usage: demo_settings.py ODOO_CONF DB REPORT_URL
"""

import sys

import odoo
from odoo import api


def main(conf, db, report_url):
    odoo.tools.config.parse_config(["-c", conf])
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        # wkhtmltopdf fetches the styles of printed forms from this server
        env["ir.config_parameter"].set_param("report.url", report_url)
        lang = env["res.lang"]._activate_lang("vi_VN")
        if lang:
            env["res.users"].with_context(active_test=False).search([]).write({"lang": "vi_VN"})
            env["res.partner"].search([("lang", "!=", "vi_VN")]).write({"lang": "vi_VN"})
            env["ir.default"].set("res.partner", "lang", "vi_VN")


if __name__ == "__main__":
    main(*sys.argv[1:4])
