from odoo import api, models

from ..lib.vn_format import format_vn_date

# the years a visitor may ask for (a query parameter is untrusted text)
YEAR_MIN, YEAR_MAX = 2000, 2200


class DvkPublic(models.AbstractModel):
    """Art. 3 "công khai": what the province publishes on /dvk/public, without login.

    Only what was decided: the recognised models of decided recognitions, and the
    commendation proposals during their public comment period. The values are
    plain text chosen field by field (a whitelist): no record reaches the page,
    nothing of drafts, no personal data beyond the names of the collectives and
    persons recognised or proposed. Read in sudo by the controller for that reason.
    """

    _name = "dvk.public"
    _description = "Public disclosure of the movement"

    @api.model
    def _dvk_parse_year(self, text):
        """The year asked for, or None when the text is not a plausible year."""
        text = (text or "").strip()
        if not text.isdigit() or len(text) != 4:
            return None
        year = int(text)
        return year if YEAR_MIN <= year <= YEAR_MAX else None

    @api.model
    def _dvk_recognised_domain(self):
        return [("state", "=", "recognized"), ("recognition_id.state", "=", "done")]

    @api.model
    def _dvk_years(self):
        groups = self.env["dvk.model"]._read_group(self._dvk_recognised_domain(), ["year"], ["__count"])
        return sorted({year for year, _count in groups if year}, reverse=True)

    @api.model
    def _dvk_recognised(self, year=None):
        """[{year, agencies: [{name, rows: [...]}]}], newest year first, agencies by name."""
        domain = self._dvk_recognised_domain()
        if year:
            domain.append(("year", "=", year))
        found = self.env["dvk.model"].search(domain)
        report = self.env["dvk.report.mixin"]
        years = {}
        for model in found.sorted(
            lambda m: (-(m.year or 0), m.agency_id.name or "", m.sector_id.sequence, m.sector_id.id, m.id)
        ):
            recognition = model.recognition_id
            sector = report._dvk_vn(model.sector_id)
            agencies = years.setdefault(model.year, {})
            agencies.setdefault(model.agency_id.name or "", []).append(
                {
                    "name": model.name or "",
                    "implementer": model.implementer_name or "",
                    "kind": model.kind,
                    "sector_code": sector.code or "",
                    "sector_name": sector.name or "",
                    "decision_number": recognition.name if recognition.name != "/" else "",
                    "decision_date": format_vn_date(recognition.date) if recognition.date else "",
                    "decision_body": recognition.committee_id.name or "",
                }
            )
        return [
            {"year": year_, "agencies": [{"name": name, "rows": rows} for name, rows in agencies.items()]}
            for year_, agencies in years.items()
        ]

    @api.model
    def _dvk_under_comment(self):
        """The proposals whose public comment period contains today (Art. 3), with that period."""
        today = self.env["dvk.period"]._dvk_today()
        proposals = self.env["dvk.commendation"].search(
            [
                ("state", "=", "proposed"),
                ("public_comment_start", "<=", today),
                ("public_comment_end", ">=", today),
            ],
            order="public_comment_end, id",
        )
        report = self.env["dvk.report.mixin"]
        return [
            {
                "number": proposal.name if proposal.name != "/" else "",
                "implementer": proposal.model_id.implementer_name or "",
                "model_name": proposal.model_id.name or "",
                "agency": proposal.agency_id.name or "",
                "award_form": report._dvk_vn(proposal.award_form_id).name or "",
                "level": proposal.level,
                "start": proposal.public_comment_start.strftime("%d/%m/%Y"),
                "end": proposal.public_comment_end.strftime("%d/%m/%Y"),
            }
            for proposal in proposals
        ]

    @api.model
    def _dvk_public_values(self, year_text=None):
        """The page's values: the years to filter by, the recognised models, the proposals under comment."""
        year = self._dvk_parse_year(year_text)
        return {
            "years": self._dvk_years(),
            "year": year,
            "recognised": self._dvk_recognised(year),
            "under_comment": self._dvk_under_comment(),
            "today": self.env["dvk.period"]._dvk_today().strftime("%d/%m/%Y"),
        }
