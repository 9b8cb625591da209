import calendar
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class DvkPeriod(models.Model):
    """A year of the movement, with the February and October deadlines of R8."""

    _name = "dvk.period"
    _description = "Year of the movement"
    _inherit = ["mail.thread"]
    _order = "year desc"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    year = fields.Integer(required=True, aggregator=None, default=lambda self: fields.Date.context_today(self).year)
    date_start = fields.Date(compute="_compute_dates", store=True)
    date_end = fields.Date(compute="_compute_dates", store=True)
    date_february = fields.Date(
        string="February deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        help="R8: agencies send the number of models registered to Home Affairs in February.",
    )
    date_october = fields.Date(
        string="October deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        help="R8: agencies send recognition results and commendation proposals in October.",
    )
    regulation_id = fields.Many2one(
        "dvk.regulation",
        string="Regulation",
        default=lambda self: self.env["dvk.regulation"].search([], limit=1),
        help="The act whose sectors and criteria apply this year.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, tracking=True, readonly=True
    )

    _sql_constraints = [("year_uniq", "unique(year)", "There is already a period for this year.")]

    @api.depends("year")
    def _compute_name(self):
        for period in self:
            period.name = _("Year %(year)s", year=period.year)

    @api.depends("year")
    def _compute_dates(self):
        for period in self:
            period.date_start = date(period.year, 1, 1) if period.year else False
            period.date_end = date(period.year, 12, 31) if period.year else False

    @api.depends("year")
    def _compute_deadlines(self):
        for period in self:
            if not period.year:
                period.date_february = period.date_october = False
                continue
            period.date_february = date(period.year, 2, calendar.monthrange(period.year, 2)[1])
            period.date_october = date(period.year, 10, 31)

    @api.constrains("year")
    def _check_year(self):
        for period in self:
            if not 2000 <= period.year <= 2200:
                raise ValidationError(_("The year %(year)s is not a plausible year.", year=period.year))

    def action_close(self):
        self._dvk_check_admin()
        self.write({"state": "closed"})
        return True

    def action_reopen(self):
        self._dvk_check_admin()
        self.write({"state": "open"})
        return True

    def _dvk_check_admin(self):
        if not self.env.user._dvk_is_admin():
            raise UserError(_("Only an administrator of the movement opens or closes a year."))

    @api.model
    def _dvk_today(self):
        """Today in the province (its company's time zone): the same day for whoever asks, logged in or not."""
        tz = self.env.company.sudo().partner_id.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _dvk_check_open(self):
        closed = self.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(_("The year %(year)s is closed: its records can no longer change.", year=closed[0].year))
