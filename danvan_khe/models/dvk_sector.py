from odoo import fields, models


class DvkSector(models.Model):
    """Lĩnh vực (R4): the four groups a model belongs to, with the decision's guidance."""

    _name = "dvk.sector"
    _rec_names_search = ["name", "code"]  # "XD" finds "XD HTCT"
    _description = "Sector"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Code printed on the annex form, e.g. KT.")
    footnote_label = fields.Char(
        string="Name in the footnote",
        help="RA: the sector's name in Vietnamese as the registration form's footnote prints it after its code "
        "(“KT = kinh tế”). Empty: its name, in Vietnamese when that language is installed.",
    )
    aliases = fields.Char(
        help="Other names this sector is written with in agencies' lists, separated by semicolons "
        "(the annex footnote's Vietnamese names, older wordings); the import accepts them.",
    )
    sequence = fields.Integer(default=10)
    guidance = fields.Text(translate=True, help="What a model of this sector must show (Art. 4).")
    regulation_id = fields.Many2one("dvk.regulation", string="Set by", required=True, ondelete="restrict")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_regulation_uniq", "unique(code, regulation_id)", "A sector code is unique within a regulation.")
    ]

    def _dvk_names(self):
        """(code, name) pairs the import accepts: names in every installed language and the aliases."""
        languages = [code for code, _name in self.env["res.lang"].get_installed()]
        pairs = []
        for sector in self:
            pairs += [(sector.code, sector.with_context(lang=lang).name) for lang in languages]
            pairs += [(sector.code, alias.strip()) for alias in (sector.aliases or "").split(";") if alias.strip()]
            if sector.footnote_label:
                pairs.append((sector.code, sector.footnote_label))
        return pairs

    def _dvk_footnote_label(self):
        """RA: what the footnote prints after this sector's code (one sector)."""
        self.ensure_one()
        if self.footnote_label:
            return self.footnote_label
        if self.env["res.lang"]._get_data(code="vi_VN"):
            return self.with_context(lang="vi_VN").name
        return self.name

    def _compute_display_name(self):
        for sector in self:
            sector.display_name = f"{sector.code} - {sector.name}" if sector.code else sector.name
