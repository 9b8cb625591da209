"""R7.1: the printed evaluation sheet (report ``danvan_khe.report_evaluation``)."""

from odoo import api, models

from ..lib import annex


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

    @api.model
    def _dvk_xlsx_table(self, evaluations):
        """R7.1: the evaluation sheets as one table, a row per factor and a total per sheet.

        ``(filename, title, headers, rows, subtitle)``, written by ``dvk.xlsx.export``.
        """
        headers = [
            "Cơ quan, đơn vị",
            "Tên mô hình, điển hình",
            "Tập thể/ cá nhân thực hiện",
            annex.LABELS[annex.SECTOR],
            "Người đánh giá",
            "Ngày đánh giá",
            "TT",
            "Yếu tố đánh giá",
            "Điểm",
            "Tối đa",
            "Nhận xét",
            "Xếp loại",
        ]
        rows = []
        for evaluation in evaluations:
            head = self._dvk_header(evaluation)
            common = [
                head["agency"],
                head["model_name"],
                head["implementer"],
                head["sector_code"],
                head["evaluator"],
                evaluation.date,
            ]
            for factor in self._dvk_factor_rows(evaluation):
                rows.append(
                    [
                        *common,
                        factor["letter"],
                        factor["factor"],
                        factor["score"],
                        factor["max_score"],
                        factor["comment"],
                        "",
                    ]
                )
            rows.append(
                [*common, "", "Tổng điểm", evaluation.score_total, evaluation.score_max, "", head["classification"]]
            )
        return (
            "Phieu danh gia.xlsx",
            "PHIẾU ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            headers,
            rows,
            self._dvk_clause_ref("khoản 1 Điều 7", evaluations.period_id.regulation_id[:1]),
        )
