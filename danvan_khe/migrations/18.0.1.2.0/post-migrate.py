"""18.0.1.2.0: the registration form prints its reference and footnote from the regulation (RA).

The footnote of the sector column lists the sectors of the year's regulation, each
code with its ``footnote_label``; the reference line prints the regulation's number,
date and ``printed_issuer``. The shipped regulations and sectors are noupdate data:
the records of Decision 976 (and 457, the act it replaces) get the annex's own words
where the administrator has not filled them in, so that the form prints as before.
"""

from odoo import SUPERUSER_ID, api

from odoo.addons.danvan_khe.lib import annex

SECTOR_XMLIDS = {"KT": "sector_kt", "VH-XH": "sector_vhxh", "AN-QP": "sector_anqp", "XD HTCT": "sector_xdhtct"}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    for code, label in annex.FOOTNOTE_SECTORS:
        sector = env.ref(f"danvan_khe.{SECTOR_XMLIDS[code]}", raise_if_not_found=False)
        if sector and sector.code == code and not sector.footnote_label:
            sector.footnote_label = label
    for xmlid in ("regulation_976_2023", "regulation_457_2016"):
        regulation = env.ref(f"danvan_khe.{xmlid}", raise_if_not_found=False)
        if regulation and not regulation.printed_issuer:
            regulation.printed_issuer = annex.DECISION_ISSUER
