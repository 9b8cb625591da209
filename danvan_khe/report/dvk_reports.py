"""Values of the printed documents (R7.1, R7.2, R7.3, R8), shared with the Excel exports.

Each QWeb PDF report ``danvan_khe.report_<name>`` has its report model
``report.danvan_khe.report_<name>``: the template only lays out what these
methods compute, and ``dvk.xlsx.export`` writes the same rows to Excel, so the
paper and the spreadsheet never disagree.
"""

from itertools import groupby

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import annex
from ..lib.vn_format import format_vn_date, format_vn_period

KIND_LABELS = {"collective": "Mô hình", "individual": "Điển hình"}
KIND_LONG_LABELS = {"collective": "Mô hình (tập thể)", "individual": "Điển hình (cá nhân)"}
PROPOSAL_STATE_LABELS = {
    "draft": "Dự thảo",
    "proposed": "Đã đề nghị",
    "granted": "Đã khen thưởng",
    "rejected": "Không khen thưởng",
}
PROPOSAL_LEVEL_LABELS = {"tier": "Theo cấp (khoản 2 Điều 7)", "province": "Cấp tỉnh (khoản 3 Điều 7)"}
# R8: what each report to Home Affairs counts, as (line field, column label)
FEBRUARY_COLUMNS = (("registered_count", "Số lượng đăng ký"),)
OCTOBER_COLUMNS = (
    ("registered_count", "Số lượng đăng ký"),
    ("recognized_count", "Được công nhận"),
    ("not_recognized_count", "Không được công nhận"),
    ("proposal_count", "Đề nghị khen thưởng"),
    ("provincial_count", "Đề nghị khen thưởng cấp tỉnh (khoản 3 Điều 7)"),
)
# widths (% of the portrait page) of the columns TT, sector and kind, then of each figure: the
# October report's five figures share what the labels leave, its longest label a wider column,
# so that no heading runs over more than three lines
FEBRUARY_WIDTHS = ((6, 36, 24), (34,))
OCTOBER_WIDTHS = ((5, 21, 13), (11, 11, 11, 11, 17))
# the report's total of each line field
REPORT_TOTAL_FIELDS = {
    "registered_count": "model_count",
    "recognized_count": "recognized_count",
    "not_recognized_count": "not_recognized_count",
    "proposal_count": "proposal_count",
    "provincial_count": "provincial_count",
}


class DvkReportMixin(models.AbstractModel):
    """Helpers of the printed forms: Vietnamese data, place-and-date line, numbers."""

    _name = "dvk.report.mixin"
    _description = "Dân vận khéo printed forms: helpers"

    @api.model
    def _dvk_vn(self, records):
        """``records`` read in Vietnamese when that language is installed (translated data)."""
        if self.env["res.lang"]._get_data(code="vi_VN"):
            return records.with_context(lang="vi_VN")
        return records

    @api.model
    def _dvk_place(self, agency=None):
        company = (agency and agency.sudo().company_id) or self.env.company
        return company.city or self.env.company.city or "..."

    @api.model
    def _dvk_place_date(self, agency=None, day=None):
        """'Trà Vinh, ngày 26 tháng 6 năm 2023': the company's city and the document's date."""
        return f"{self._dvk_place(agency)}, {format_vn_date(day or fields.Date.context_today(self))}"

    @api.model
    def _dvk_number(self, value):
        """18.0 → '18', 17.5 → '17,5' (Vietnamese decimal comma)."""
        value = value or 0.0
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.2f}".rstrip("0").replace(".", ",")

    @api.model
    def _dvk_printable_mm(self, report_ref):
        """(width, height) in mm of the printable area of a report's paper, for the pagination script."""
        report = self.env.ref(report_ref, raise_if_not_found=False)
        paper = (report and report.sudo().paperformat_id) or self.env.company.sudo().paperformat_id
        if not paper:
            return (0, 0)
        width = paper.print_page_width - paper.margin_left - paper.margin_right
        height = paper.print_page_height - paper.margin_top - paper.margin_bottom
        return (width, height) if width > 0 and height > 0 else (0, 0)

    @api.model
    def _dvk_roman(self, number):
        """1 → 'I', 4 → 'IV': the numbering of sections and groups."""
        numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
        numerals += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
        text = ""
        for value, letters in numerals:
            count, number = divmod(number, value)
            text += letters * count
        return text

    @api.model
    def _dvk_regulation_ref(self, regulation):
        """'Quyết định số 976/QĐ-UBND ngày 26 tháng 6 năm 2023' from the regulation's data."""
        if not regulation or not regulation.number:
            return ""
        text = f"Quyết định số {regulation.number}"
        if regulation.date_issued:
            text += f" {format_vn_date(regulation.date_issued)}"
        return text

    @api.model
    def _dvk_model_row(self, model):
        """The columns every list of models prints (agency, implementer, model, sector, year)."""
        return {
            "agency": model.agency_id.name or "",
            "implementer": model.implementer_name or "",
            "model_name": model.name or "",
            "kind": KIND_LABELS.get(model.kind, ""),
            "sector_code": model.sector_id.code or "",
            "sector_name": self._dvk_vn(model.sector_id).name or "",
            "year": model.year or "",
            "period": format_vn_period(model.date_start, model.date_end),
        }

    @api.model
    def _dvk_values(self, docids, model_name, **extra):
        docs = self.env[model_name].browse(docids)
        return {"doc_ids": docs.ids, "doc_model": model_name, "docs": docs, "helper": self, **extra}


# RA: the printed annex's layout (its words are lib/annex.py's): column widths in % of the
# table, the name of the model wide, the note narrow; where the signature captions break,
# as the annex breaks them.
ANNEX_COLUMN_WIDTHS = {
    annex.SEQ: 4,
    annex.IMPLEMENTER: 16,
    annex.MODEL_NAME: 31,
    annex.SECTOR: 8,
    annex.PERIOD: 9,
    annex.RESULT: 25,
    annex.NOTE: 7,
}
ANNEX_SIGNATURE_BREAKS = ("Xác nhận, duyệt của lãnh đạo", "Xác nhận, duyệt của BCĐ QCDC và")


class ReportRegistration(models.AbstractModel):
    """RA: the registration form, as the annex of the decision (lib/annex.py) words it."""

    _name = "report.danvan_khe.report_registration"
    _inherit = "dvk.report.mixin"
    _description = "Registration form (annex)"

    @api.model
    def _dvk_reference(self, registration):
        """The "(Kèm theo Quyết định số: …)" line of the act in force for the form's year."""
        regulation = registration.period_id.regulation_id
        if not regulation.number or regulation.number == annex.DECISION_NUMBER:
            return annex.REFERENCE
        return annex.reference(regulation.number, regulation.date_issued, self._dvk_vn(regulation).issuer)

    @api.model
    def _dvk_signature_lines(self, title):
        """A signature caption cut into its lines where the annex cuts it."""
        for head in ANNEX_SIGNATURE_BREAKS:
            if title.startswith(head + " "):
                return [head, title[len(head) + 1 :]]
        return [title]

    @api.model
    def _dvk_annex(self, registration):
        """Title, reference, numbered columns (with their widths), signatures and footnote."""
        values = annex.annex_values(registration.department_id.name or "", self._dvk_reference(registration))
        for column in values["columns"]:
            column["width"] = ANNEX_COLUMN_WIDTHS[column["key"]]
        for signature in values["signatures"]:
            signature["lines"] = self._dvk_signature_lines(signature["title"])
        return values

    @api.model
    def _dvk_rows(self, registration):
        """The form's lines, each a list of its seven cells in the annex's order (cancelled lines left out)."""
        lines = registration.model_ids.filtered(lambda m: m.state != "cancelled")
        rows = []
        for index, line in enumerate(lines, 1):
            cells = {
                annex.SEQ: index,
                annex.IMPLEMENTER: line.implementer_name or "",
                annex.MODEL_NAME: line.name or "",
                annex.SECTOR: line.sector_id.code or "",
                annex.PERIOD: format_vn_period(line.date_start, line.date_end),
                annex.RESULT: line.expected_result or "",
                annex.NOTE: line.note or "",
            }
            rows.append([cells[key] for key in annex.KEYS])
        return rows

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.registration", center_keys=(annex.SEQ, annex.SECTOR, annex.PERIOD))


class ReportEvaluation(models.AbstractModel):
    """R7.1: the evaluation sheet of one evaluation, five factors a–đ."""

    _name = "report.danvan_khe.report_evaluation"
    _inherit = "dvk.report.mixin"
    _description = "Evaluation sheet"

    @api.model
    def _dvk_factor_rows(self, evaluation):
        rows = []
        for line in evaluation.line_ids.sorted(lambda x: (x.sequence, x.id)):
            criterion = self._dvk_vn(line.criterion_id)
            rows.append(
                {
                    "letter": f"{criterion.letter})" if criterion.letter else "",
                    "factor": criterion.name or "",
                    "description": criterion.description or "",
                    "score": line.score,
                    "max_score": line.max_score,
                    "score_text": f"{self._dvk_number(line.score)}/{self._dvk_number(line.max_score)}",
                    "comment": line.comment or "",
                }
            )
        return rows

    @api.model
    def _dvk_header(self, evaluation):
        model = evaluation.model_id
        return {
            **self._dvk_model_row(model),
            "evaluator": evaluation.evaluator_id.name or "",
            "date": evaluation.date,
            "total_text": f"{self._dvk_number(evaluation.score_total)}/{self._dvk_number(evaluation.score_max)}",
            "classification": self._dvk_vn(evaluation.classification_id).name or "",
            "place_date": self._dvk_place_date(evaluation.agency_id, evaluation.date),
            "regulation_ref": self._dvk_regulation_ref(model.period_id.regulation_id),
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.evaluation")


class ReportRecognition(models.AbstractModel):
    """R7.2: the recognition decision's lists, recognised and not recognised with reasons."""

    _name = "report.danvan_khe.report_recognition"
    _inherit = "dvk.report.mixin"
    _description = "Recognition decision list"

    @api.model
    def _dvk_result_row(self, model, **extra):
        return {
            **self._dvk_model_row(model),
            "score": self._dvk_number(model.score_total) if model.evaluation_id else "",
            "classification": self._dvk_vn(model.classification_id).name or "",
            **extra,
        }

    @api.model
    def _dvk_recognised_rows(self, recognition):
        ordered = recognition.model_ids.sorted(lambda m: (m.agency_id.name or "", m.sequence, m.id))
        return [self._dvk_result_row(model) for model in ordered]

    @api.model
    def _dvk_rejected_rows(self, recognition):
        ordered = recognition.rejection_ids.sorted(lambda r: (r.model_id.agency_id.name or "", r.id))
        return [self._dvk_result_row(rejection.model_id, reason=rejection.reason or "") for rejection in ordered]

    @api.model
    def _dvk_header(self, recognition):
        committee = recognition.committee_id
        return {
            "number": recognition.name if recognition.name and recognition.name != "/" else "",
            "date_text": format_vn_date(recognition.date),
            "committee": committee.name or "",
            "agency": recognition.agency_id.name or "",
            "year": recognition.period_id.year or "",
            "signer": recognition.signer or committee.chair_id.name or "",
            "place_date": self._dvk_place_date(recognition.agency_id, recognition.date),
            "is_draft": recognition.state != "done",
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.recognition")


class ReportCommendation(models.AbstractModel):
    """R7.2, R7.3, R9: the selected proposals in one table, grouped by the deciding authority."""

    _name = "report.danvan_khe.report_commendation"
    _inherit = "dvk.report.mixin"
    _description = "Commendation proposal list"

    @api.model
    def _dvk_authority_label(self, proposal):
        body = proposal.authority_department_id.sudo().name or ""
        text = (proposal.authority_text or "").strip()
        if body and text:
            return f"{body} — {text}"
        return body or text or "Chưa xác định cấp quyết định"

    @api.model
    def _dvk_groups(self, proposals):
        """[(authority label, [row, ...]), ...]: one group per authority, in a stable order."""

        def key(proposal):
            return (proposal.level, proposal.authority_department_id.id or 0, proposal.authority_text or "")

        groups = []
        ordered = proposals.sorted(
            lambda p: (*key(p), p.agency_id.name or "", p.model_id.name or "", p.id),
        )
        for _key, grouped in groupby(ordered, key=key):
            members = list(grouped)
            rows = []
            for proposal in members:
                rows.append(
                    {
                        **self._dvk_model_row(proposal.model_id),
                        "number": proposal.name if proposal.name and proposal.name != "/" else "",
                        "award_form": self._dvk_vn(proposal.award_form_id).name or "",
                        "reason": proposal.reason or "",
                        "level": PROPOSAL_LEVEL_LABELS.get(proposal.level, ""),
                        "state": PROPOSAL_STATE_LABELS.get(proposal.state, ""),
                    }
                )
            groups.append((self._dvk_authority_label(members[0]), rows))
        return groups

    @api.model
    def _get_report_values(self, docids, data=None):
        values = self._dvk_values(docids, "dvk.commendation")
        docs = values["docs"]
        agencies = docs.agency_id
        values.update(
            groups=self._dvk_groups(docs),
            unit=agencies.name if len(agencies) == 1 else "",
            years=", ".join(str(y) for y in sorted(set(docs.mapped("period_id.year")))),
            regulation_ref=self._dvk_regulation_ref(docs.period_id.regulation_id[:1]),
            place_date=self._dvk_place_date(agencies[:1] if len(agencies) == 1 else None),
        )
        return values


class ReportAgencyReport(models.AbstractModel):
    """R8: the February (models registered) and October (recognition, proposals) reports."""

    _name = "report.danvan_khe.report_agency_report"
    _inherit = "dvk.report.mixin"
    _description = "Report to Home Affairs"

    @api.model
    def _dvk_columns(self, report):
        return OCTOBER_COLUMNS if report.kind == "october" else FEBRUARY_COLUMNS

    @api.model
    def _dvk_rows(self, report):
        """One row per sector and kind of the figures the agency froze, then the totals."""
        columns = self._dvk_columns(report)
        rows = []
        for line in report.line_ids.sorted(lambda x: (x.sector_id.sequence, x.sector_id.id, x.kind or "")):
            sector = self._dvk_vn(line.sector_id)
            rows.append(
                {
                    "sector_code": sector.code or "",
                    "sector_name": sector.name or "",
                    "kind": KIND_LONG_LABELS.get(line.kind, ""),
                    "counts": [line[field] for field, _label in columns],
                }
            )
        totals = [report[REPORT_TOTAL_FIELDS[field]] for field, _label in columns]
        return rows, totals

    @api.model
    def _dvk_header(self, report):
        year = report.period_id.year or ""
        if report.kind == "october":
            title = f"BÁO CÁO KẾT QUẢ XÉT CÔNG NHẬN VÀ ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}"
        else:
            title = f"BÁO CÁO SỐ LƯỢNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM {year}"
        return {
            "title": title,
            "agency": report.department_id.name or "",
            "regulation_ref": self._dvk_regulation_ref(report.period_id.regulation_id),
            "place_date": self._dvk_place_date(report.department_id, report.date_sent),
            "is_draft": report.state != "sent",
            "sent_by": report.sent_by_id.name or "",
            "columns": [label for _field, label in self._dvk_columns(report)],
            "widths": OCTOBER_WIDTHS if report.kind == "october" else FEBRUARY_WIDTHS,
        }

    @api.model
    def _get_report_values(self, docids, data=None):
        return self._dvk_values(docids, "dvk.agency.report")


class ReportProvincialList(models.AbstractModel):
    """R7.3, R9: Home Affairs' list of the models spreading and recognised two or more years in a row,
    proposed for provincial commendation: one row per model, its newest year and its years in a row."""

    _name = "report.danvan_khe.report_provincial_list"
    _inherit = "dvk.report.mixin"
    _description = "Provincial list"

    @api.model
    def _dvk_models(self, docids):
        """The selected models on the provincial list, the newest year of each chain only.

        A model recognised in 2024, 2025 and 2026 is one record a year linked by
        ``predecessor_id``; the list names it once, with its newest year (which
        carries the count of consecutive years), not once a year.
        """
        models_ = self.env["dvk.model"].browse(docids)
        listed = models_.filtered("on_provincial_list")
        if not listed:
            raise UserError(
                _(
                    "None of the selected models is on the provincial list: "
                    "print it from the list “Provincial list”."
                )
            )
        older = self.env["dvk.model"]
        for model in listed:
            link = model.predecessor_id
            while link and link not in older:
                older |= link
                link = link.predecessor_id
        newest = listed - older
        return newest.sorted(lambda m: (m.agency_id.name or "", -(m.year or 0), m.sequence, m.id))

    @api.model
    def _dvk_years_text(self, model):
        """'2025, 2026': the years in a row the model was recognised, ending with its own."""
        if not model.year:
            return ""
        count = max(model.consecutive_years or 0, 1)
        return ", ".join(str(year) for year in range(model.year - count + 1, model.year + 1))

    @api.model
    def _dvk_rows(self, listed):
        return [
            {
                **self._dvk_model_row(model),
                "consecutive_years": model.consecutive_years,
                "years": self._dvk_years_text(model),
                "replication_note": model.replication_note or "",
            }
            for model in listed
        ]

    @api.model
    def _dvk_home_affairs(self):
        """The issuing unit: the Department of Home Affairs (the printing officer's agency when they work there)."""
        user = self.env.user
        if user.has_group("danvan_khe.group_dvk_home_affairs") and user.dvk_agency_ids:
            return user.dvk_agency_ids[:1].name
        return "Sở Nội vụ"

    @api.model
    def _get_report_values(self, docids, data=None):
        listed = self._dvk_models(docids)
        regulation = listed.period_id.regulation_id[:1]
        values = self._dvk_values(listed.ids, "dvk.model")
        values.update(
            rows=self._dvk_rows(listed),
            skipped=len(set(docids)) - len(listed),
            unit=self._dvk_home_affairs(),
            min_years=regulation.replication_min_years or 2,
            regulation_ref=self._dvk_regulation_ref(regulation),
            place_date=self._dvk_place_date(),
        )
        return values
