"""Excel exports of the printed documents (RA, R7.1, R7.2, R7.3, R8), streamed.

Each document has a builder ``_dvk_xlsx_<document>(records)`` that writes the
same table as the PDF with the writers of ``registration_xlsx.py`` and returns
``(filename, bytes, mimetype)``: the annex's is here; every other document's
table (headers and rows) is given by its report model's ``_dvk_xlsx_table``,
beside the rows it prints (``evaluation_report.py``, ``recognition_report.py``,
``commendation_report.py``, ``agency_report_report.py``, ``provincial_list_report.py``).
Nothing is stored: the "Export to Excel" server actions (xlsx_export_actions.xml)
call ``export_<document>(ids)``, which checks that the user may read the records
and returns an ``ir.actions.act_url`` to ``/dvk/xlsx/<document>/<ids>``
(controllers/xlsx_export.py); that controller builds the file with ``_dvk_build``
in the user's own environment (ACLs and record rules apply, no sudo read of the
records) and sends it as a download.

Why not OCA's ``report_xlsx``: it is AGPL-3 (this addon is LGPL-3, and a
dependency would bind every installation to the AGPL), it is not part of
Odoo, it writes with xlsxwriter where the annex must be the openpyxl file the
import wizard reads back, and a report type buys nothing here that ten lines
of controller do not.
"""

import io
import re
import zipfile

from odoo import _, api, models
from odoo.exceptions import UserError

from .registration_xlsx import write_registration_sheet, write_table_sheet

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIMETYPE = "application/zip"

# /dvk/xlsx/<document>/<ids>: the document's model and its builder.
REPORTS = {
    "registration": ("dvk.registration", "_dvk_xlsx_registration"),
    "evaluation": ("dvk.evaluation", "_dvk_xlsx_evaluation"),
    "recognition": ("dvk.recognition", "_dvk_xlsx_recognition"),
    "commendation": ("dvk.commendation", "_dvk_xlsx_commendation"),
    "agency_report": ("dvk.agency.report", "_dvk_xlsx_agency_report"),
    "provincial_list": ("dvk.model", "_dvk_xlsx_provincial_list"),
}
_IDS = re.compile(r"\d{1,10}(?:-\d{1,10})?(?:,\d{1,10}(?:-\d{1,10})?)*")
MAX_IDS = 10_000  # a selection one worker builds in seconds, not minutes


def encode_ids(ids):
    """'3-6,9' for [3, 4, 5, 6, 9]: a selection's ids, short enough for a URL."""
    parts, run = [], []
    for record_id in sorted(set(ids)):
        if run and record_id == run[-1] + 1:
            run.append(record_id)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
        run = [record_id]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 2 else ",".join(map(str, run)))
    return ",".join(parts)


def decode_ids(text):
    """The ids of :func:`encode_ids`' text; ValueError when it is not such a text."""
    if not _IDS.fullmatch(text or ""):
        raise ValueError(text)
    ids = []
    for part in text.split(","):
        first, _sep, last = part.partition("-")
        low, high = int(first), int(last or first)
        if high < low or len(ids) + high - low >= MAX_IDS:
            raise ValueError(text)
        ids.extend(range(low, high + 1))
    # the same record named twice is exported once: repeated ids must not multiply the work
    return list(dict.fromkeys(ids))


class DvkXlsxExport(models.AbstractModel):
    _name = "dvk.xlsx.export"
    _description = "Excel exports of the Dân vận khéo documents"

    # plumbing ---------------------------------------------------------------

    @api.model
    def _dvk_records(self, model_name, ids):
        """The records ``ids`` as the user sees them: AccessError when a rule or ACL forbids one."""
        records = self.env[model_name].browse(ids).exists()
        if not records:
            raise UserError(_("Select the records to export."))
        records.check_access("read")
        return records

    @api.model
    def _dvk_safe_filename(self, name):
        return "".join("_" if char in '\\/:*?"<>|\n\r\t' else char for char in name).strip() or "export"

    @api.model
    def _dvk_download(self, document, records):
        """The action downloading ``document`` of ``records`` through /dvk/xlsx: nothing is stored."""
        return {
            "type": "ir.actions.act_url",
            "url": f"/dvk/xlsx/{document}/{encode_ids(records.ids)}",
            "target": "self",
        }

    @api.model
    def _dvk_build(self, document, ids):
        """``(filename, bytes, mimetype)`` of ``document`` for the records ``ids``, read as the user.

        The controller calls it in the requesting user's environment: the
        records are browsed and checked with the user's own rights.
        """
        if document not in REPORTS:
            raise UserError(_("There is no Excel export %(name)s.", name=document))
        model_name, builder = REPORTS[document]
        records = self._dvk_records(model_name, ids)
        filename, data, mimetype = getattr(self, builder)(records)
        return self._dvk_safe_filename(filename), data, mimetype

    @api.model
    def _dvk_table(self, filename, title, headers, rows, subtitle=""):
        return filename, write_table_sheet(title, headers, rows, subtitle=subtitle), XLSX_MIMETYPE

    # the actions of the Action menu: check, then hand over to /dvk/xlsx ------------

    @api.model
    def export_registration(self, ids):
        """RA: one annex workbook per registration (several are zipped)."""
        return self._dvk_download("registration", self._dvk_records("dvk.registration", ids))

    @api.model
    def export_evaluation(self, ids):
        """R7.1: the evaluation sheets."""
        return self._dvk_download("evaluation", self._dvk_records("dvk.evaluation", ids))

    @api.model
    def export_recognition(self, ids):
        """R7.2: the recognition decisions' lists."""
        return self._dvk_download("recognition", self._dvk_records("dvk.recognition", ids))

    @api.model
    def export_commendation(self, ids):
        """R7.2, R7.3, R9: the commendation proposals."""
        return self._dvk_download("commendation", self._dvk_records("dvk.commendation", ids))

    @api.model
    def export_agency_report(self, ids):
        """R8: the reports to Home Affairs."""
        return self._dvk_download("agency_report", self._dvk_records("dvk.agency.report", ids))

    @api.model
    def export_provincial_list(self, ids):
        """R7.3: the provincial list (refused at once when none of the selection is on it)."""
        records = self._dvk_records("dvk.model", ids)
        self.env["report.danvan_khe.report_provincial_list"]._dvk_models(records.ids)
        return self._dvk_download("provincial_list", records)

    # RA: the registration form, in the annex layout the import wizard reads back ----

    @api.model
    def _dvk_registration_rows(self, registration):
        lines = self.env["report.danvan_khe.report_registration"]._dvk_lines(registration)
        return [
            {
                "seq": index,
                "implementer": line.implementer_name or "",
                "model_name": line.name or "",
                "sector_code": line.sector_id.code or "",
                "period": registration._dvk_period_text(line),
                "expected_result": line.expected_result or "",
                "note": line.note or "",
            }
            for index, line in enumerate(lines, 1)
        ]

    @api.model
    def _dvk_registration_file(self, registration):
        # the reference line and the footnote are the printed form's: the act in force for the year
        printed = self.env["report.danvan_khe.report_registration"]
        data = write_registration_sheet(
            registration.department_id.name,
            self._dvk_registration_rows(registration),
            place_date=registration._dvk_place_date(),
            sector_footnote=printed._dvk_footnote(registration),
            reference=printed._dvk_reference(registration),
        )
        filename = f"Bang dang ky - {registration.department_id.name} - {registration.year}.xlsx"
        return filename, data

    @api.model
    def _dvk_xlsx_registration(self, registrations):
        """RA: one annex workbook per registration (several are zipped)."""
        files = [self._dvk_registration_file(registration) for registration in registrations]
        if len(files) == 1:
            return (*files[0], XLSX_MIMETYPE)
        stream = io.BytesIO()
        seen = set()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for registration, (name, data) in zip(registrations, files, strict=True):
                filename = self._dvk_safe_filename(name)
                if filename in seen:
                    filename = f"{filename[:-5]} ({registration.id}).xlsx"
                seen.add(filename)
                archive.writestr(filename, data)
        return "Bang dang ky.zip", stream.getvalue(), ZIP_MIMETYPE

    # R7.1, R7.2, R7.3, R8, R9: the other documents, one table each, the rows of their PDF --------

    @api.model
    def _dvk_report_table(self, report_name, records):
        """The table that the report model ``report_name`` gives for ``records``, as a workbook."""
        filename, title, headers, rows, subtitle = self.env[report_name]._dvk_xlsx_table(records)
        return self._dvk_table(filename, title, headers, rows, subtitle=subtitle)

    @api.model
    def _dvk_xlsx_evaluation(self, evaluations):
        return self._dvk_report_table("report.danvan_khe.report_evaluation", evaluations)

    @api.model
    def _dvk_xlsx_recognition(self, recognitions):
        return self._dvk_report_table("report.danvan_khe.report_recognition", recognitions)

    @api.model
    def _dvk_xlsx_commendation(self, proposals):
        return self._dvk_report_table("report.danvan_khe.report_commendation", proposals)

    @api.model
    def _dvk_xlsx_agency_report(self, reports):
        return self._dvk_report_table("report.danvan_khe.report_agency_report", reports)

    @api.model
    def _dvk_xlsx_provincial_list(self, models_):
        return self._dvk_report_table("report.danvan_khe.report_provincial_list", models_)
