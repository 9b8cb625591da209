"""/dvk/public: the movement's public disclosure (Art. 3 "công khai"), without login.

A plain QWeb page (no website module): the recognised models of the province by
year, agency and sector with their recognition decision, filterable by
``?year=``, and the commendation proposals under public comment. The values are
whitelisted text computed by ``dvk.public`` in sudo: no record reaches the page.
"""

from odoo import http
from odoo.http import request


class DvkPublicController(http.Controller):
    @http.route("/dvk/public", type="http", auth="public", methods=["GET"])
    def dvk_public(self, year=None, **_kwargs):
        lang = request.env["res.lang"].sudo()._get_data(code="vi_VN")
        if lang:
            request.update_context(lang="vi_VN")
        values = request.env["dvk.public"].sudo()._dvk_public_values(year)
        response = request.render("danvan_khe.dvk_public_page", values)
        response.headers["Cache-Control"] = "no-cache"
        return response
