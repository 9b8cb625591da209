from odoo import fields, models

from ..lib import annex


class DvkRegulation(models.Model):
    """The legal act that sets the movement's catalogues (tiers, sectors, criteria).

    An amendment is a new regulation record with its own catalogues, so records
    made under an older act keep pointing at the criteria they were judged on, and
    the 2023 three-tier archive and a two-tier present (the 2025 reform) live in
    one database: a record follows the tiers and sectors of its year's regulation.
    """

    _name = "dvk.regulation"
    _description = "Regulation of the movement"
    _order = "date_issued desc, id desc"

    name = fields.Char(required=True, translate=True)
    number = fields.Char(help="Decision number, e.g. 976/QĐ-UBND.")
    date_issued = fields.Date(string="Issued on")
    issuer = fields.Char(translate=True, help="Authority that issued the decision.")
    printed_issuer = fields.Char(
        string="Issuer as printed",
        help="RA: the issuing authority in Vietnamese, as the registration form's reference line prints it "
        "(“Ủy ban nhân dân tỉnh Trà Vinh”). Empty: the issuer, in Vietnamese when that language is installed.",
    )
    replaced_id = fields.Many2one("dvk.regulation", string="Replaces", help="The earlier act this one replaces.")
    replication_min_years = fields.Integer(
        string="Consecutive years for the provincial list",
        default=2,
        help="R7.3: models recognised this many years in a row or more are proposed for provincial commendation.",
    )
    provincial_authority = fields.Char(
        translate=True,
        help="Who decides provincial commendations compiled by Home Affairs.",
    )
    active = fields.Boolean(default=True)
    tier_ids = fields.One2many("dvk.tier", "regulation_id", string="Tiers")
    sector_ids = fields.One2many("dvk.sector", "regulation_id", string="Sectors")
    criterion_ids = fields.One2many("dvk.criterion", "regulation_id", string="Criteria")

    def _dvk_vn(self):
        """These records read in Vietnamese when that language is installed (translated data)."""
        if self.env["res.lang"]._get_data(code="vi_VN"):
            return self.with_context(lang="vi_VN")
        return self

    def _dvk_tier(self, code):
        """R1, R7.2: this regulation's tier of ``code`` (an archived one too), or no tier."""
        if not self or not code:
            return self.env["dvk.tier"]
        self.ensure_one()
        tiers = self.with_context(active_test=False).tier_ids.filtered(lambda tier: tier.code == code)
        return (tiers.filtered("active") or tiers)[:1].with_env(self.env)

    def _dvk_annex_reference(self):
        """RA: '(Kèm theo Quyết định số: … ngày … của …)' from this act's number, date and issuer."""
        if not self:
            return annex.REFERENCE
        self.ensure_one()
        issuer = self.printed_issuer or self._dvk_vn().issuer
        return annex.reference(self.number, self.date_issued, issuer)

    def _dvk_annex_footnote(self, used_sectors=None):
        """RA: the footnote of the sector column: this act's sectors, code = Vietnamese name, in order.

        ``used_sectors`` are the sectors the form's lines name: an archived one of
        this act (or one of another act) is explained too, after this act's own.
        """
        if not self:
            return annex.FOOTNOTE
        self.ensure_one()
        used = used_sectors or self.env["dvk.sector"]
        own = self.with_context(active_test=False).sector_ids.filtered(lambda sector: sector.active or sector in used)
        others = (used - own).sorted(lambda sector: (sector.sequence, sector.id))
        return annex.footnote([(sector.code, sector._dvk_footnote_label()) for sector in own + others])
