"""R7.2, R7.3, R9: the printed commendation proposals (report ``danvan_khe.report_commendation``)."""

from itertools import groupby

from odoo import api, models

from ..lib import annex
from .dvk_reports import PROPOSAL_LEVEL_LABELS, PROPOSAL_STATE_LABELS


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

    @api.model
    def _dvk_xlsx_table(self, proposals):
        """R7.2, R7.3, R9: the proposals as one table, by deciding authority.

        ``(filename, title, headers, rows, subtitle)``, written by ``dvk.xlsx.export``.
        """
        headers = [
            "Cấp quyết định",
            "TT",
            "Số đề nghị",
            "Tên tập thể/ cá nhân",
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            annex.LABELS[annex.SECTOR],
            "Năm",
            "Cấp khen thưởng",
            "Hình thức khen thưởng đề nghị",
            "Thành tích",
            "Tình trạng",
        ]
        rows = []
        for authority, lines in self._dvk_groups(proposals):
            for index, row in enumerate(lines, 1):
                rows.append(
                    [
                        authority,
                        index,
                        row["number"],
                        row["implementer"],
                        row["model_name"],
                        row["agency"],
                        row["sector_code"],
                        row["year"],
                        row["level"],
                        row["award_form"],
                        row["reason"],
                        row["state"],
                    ]
                )
        return (
            "Danh sach de nghi khen thuong.xlsx",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
            "",
        )
