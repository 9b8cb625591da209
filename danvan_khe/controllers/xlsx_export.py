"""/dvk/xlsx/<document>/<ids>: the Excel exports, streamed to the browser, never stored.

The file is built in the requesting user's environment (``request.env``):
the records are read with the user's own rights, so an access rule that hides
a record refuses the download (403), as Odoo's own /report routes do.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import Response, content_disposition, request

from ..report.dvk_xlsx_export import REPORTS, decode_ids


def file_response(filename, data, mimetype):
    """The HTTP response that downloads ``data`` as ``filename``."""
    return Response(
        data,
        status=200,
        headers=[
            ("Content-Type", mimetype),
            ("Content-Length", str(len(data))),
            ("Content-Disposition", content_disposition(filename)),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
        ],
    )


class DvkXlsxExportController(http.Controller):
    @http.route("/dvk/xlsx/<string:document>/<string:ids>", type="http", auth="user", methods=["GET"])
    def dvk_xlsx_export(self, document, ids, **_kwargs):
        """RA, R7.1, R7.2, R7.3, R8: the document's workbook for the records ``ids`` ("3-6,9")."""
        if document not in REPORTS:
            raise NotFound()
        try:
            record_ids = decode_ids(ids)
        except ValueError as exc:
            raise NotFound() from exc
        return file_response(*request.env["dvk.xlsx.export"]._dvk_build(document, record_ids))
