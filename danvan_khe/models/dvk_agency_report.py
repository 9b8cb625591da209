from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

LATE_REMINDER_DAYS = 60  # a report this late is still reminded to its head
REGISTERED_STATES = ("submitted", "confirmed", "in_progress", "reported", "evaluated", "recognized", "not_recognized")


class DvkAgencyReport(models.Model):
    """R8: an agency head's February or October report to the Department of Home Affairs.

    February: the number of models registered. October: recognition results and
    commendation proposals. Home Affairs compiles them province-wide (R9) and
    sees who has sent and who is late.
    """

    _name = "dvk.agency.report"
    _description = "Report to Home Affairs"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_id desc, kind, department_id"
    _dvk_agency_field = "department_id"
    _dvk_fields = {"draft": {"head": {"note"}}}
    # the reminder before the deadline is the calendar's (_cron_remind_deadlines), not a state's
    _dvk_activities = {"sent": ("danvan_khe.mail_act_dvk_review_report", "_dvk_home_affairs")}
    _dvk_transitions = {
        "action_refresh": {"from": ("draft",), "roles": ("head",), "to": "draft"},
        "action_send": {"from": ("draft",), "roles": ("head",), "to": "sent"},
    }

    kind = fields.Selection(
        [("february", "February: models registered"), ("october", "October: recognition and commendation")],
        required=True,
        index=True,
    )
    department_id = fields.Many2one(
        "hr.department", string="Agency", required=True, index=True, domain=[("dvk_is_agency", "=", True)]
    )
    tier_id = fields.Many2one(related="department_id.dvk_tier_id", store=True, string="Tier")
    period_id = fields.Many2one("dvk.period", string="Year", required=True, index=True)
    date_deadline = fields.Date(string="Deadline", compute="_compute_date_deadline", store=True)
    state = fields.Selection(
        [("draft", "Not sent"), ("sent", "Sent")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    sent_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_sent = fields.Date(readonly=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late", string="Late")
    line_ids = fields.One2many("dvk.agency.report.line", "report_id", string="Figures", readonly=True)
    # R8, R9: the October report's lists (recognised models, proposals), frozen with the figures
    item_ids = fields.One2many("dvk.agency.report.item", "report_id", string="Lists", readonly=True)
    model_count = fields.Integer(string="Models registered", readonly=True)
    recognized_count = fields.Integer(string="Recognised", readonly=True)
    not_recognized_count = fields.Integer(string="Not recognised", readonly=True)
    proposal_count = fields.Integer(string="Commendation proposals", readonly=True)
    provincial_count = fields.Integer(string="On the provincial list", readonly=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "agency_period_kind_uniq",
            "unique(department_id, period_id, kind)",
            "An agency sends one report of each kind a year.",
        ),
    ]

    @api.depends("kind", "period_id.date_february", "period_id.date_october")
    def _compute_date_deadline(self):
        for report in self:
            period = report.period_id
            report.date_deadline = period.date_february if report.kind == "february" else period.date_october

    @api.depends_context("date")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_late = report.state == "draft" and bool(report.date_deadline) and report.date_deadline < today

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Late'."))
        domain = [("state", "=", "draft"), ("date_deadline", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", "&", *domain]

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for report in self:
            report.display_name = _(
                "%(kind)s — %(agency)s — %(year)s",
                kind=kinds.get(report.kind, ""),
                agency=report.department_id.name or "",
                year=report.period_id.year or "",
            )

    # figures, aggregated in the database ---------------------------------

    @api.model
    def _dvk_figures(self, period, kind, agencies=None):
        """Counts by agency, sector and kind for one period: read_group, never a loop of queries."""
        domain = [("period_id", "=", period.id)]
        if agencies is not None:
            domain.append(("agency_id", "in", agencies.ids))
        Model = self.env["dvk.model"].sudo()
        groupby = ["agency_id", "sector_id", "kind"]
        figures = {}

        def add(key, column, count):
            figures.setdefault(
                key, {"registered": 0, "recognized": 0, "not_recognized": 0, "proposed": 0, "provincial": 0}
            )[column] += count

        registered = Model._read_group([*domain, ("state", "in", REGISTERED_STATES)], groupby, ["__count"])
        for agency, sector, kind_, count in registered:
            add((agency.id, sector.id, kind_), "registered", count)
        if kind == "october":
            for agency, sector, kind_, state, count in Model._read_group(
                [*domain, ("state", "in", ("recognized", "not_recognized"))], [*groupby, "state"], ["__count"]
            ):
                add((agency.id, sector.id, kind_), state, count)
            for agency, sector, kind_, count in Model._read_group(
                [*domain, ("on_provincial_list", "=", True)], groupby, ["__count"]
            ):
                add((agency.id, sector.id, kind_), "provincial", count)
            proposals_domain = [("period_id", "=", period.id), ("state", "!=", "draft")]
            if agencies is not None:
                proposals_domain.append(("agency_id", "in", agencies.ids))
            for agency, sector, kind_, count in (
                self.env["dvk.commendation"].sudo()._read_group(proposals_domain, groupby, ["__count"])
            ):
                add((agency.id, sector.id, kind_), "proposed", count)
        return figures

    def _dvk_snapshot(self):
        """Freeze the figures the agency sends."""
        for report in self:
            figures = self._dvk_figures(report.period_id, report.kind, report.department_id)
            lines = [fields.Command.clear()]
            for (_agency, sector, kind), values in sorted(figures.items(), key=lambda item: (item[0][1], item[0][2])):
                lines.append(
                    fields.Command.create(
                        {
                            "sector_id": sector,
                            "kind": kind,
                            "registered_count": values["registered"],
                            "recognized_count": values["recognized"],
                            "not_recognized_count": values["not_recognized"],
                            "proposal_count": values["proposed"],
                            "provincial_count": values["provincial"],
                        }
                    )
                )
            totals = {
                key: sum(v[key] for v in figures.values())
                for key in ("registered", "recognized", "not_recognized", "proposed", "provincial")
            }
            report.sudo().write(
                {
                    "line_ids": lines,
                    "model_count": totals["registered"],
                    "recognized_count": totals["recognized"],
                    "not_recognized_count": totals["not_recognized"],
                    "proposal_count": totals["proposed"],
                    "provincial_count": totals["provincial"],
                }
            )
            self.env["dvk.agency.report.item"]._dvk_freeze(report)

    def action_refresh(self):
        self._dvk_check_transition("action_refresh", _("Refreshing the figures"))
        self._dvk_snapshot()
        return True

    def action_send(self):
        """The agency head sends the report to Home Affairs (R8)."""
        self._dvk_check_transition("action_send", _("Sending"))
        today = fields.Date.context_today(self)
        for report in self:
            if report.period_id.state == "closed":
                raise UserError(
                    _("The year %(year)s is closed: no report can be sent for it.", year=report.period_id.year)
                )
            if report.period_id.year > today.year:
                raise UserError(
                    _("The year %(year)s has not begun: its report cannot be sent yet.", year=report.period_id.year)
                )
        self._dvk_snapshot()
        self._dvk_transition("action_send", _("Sending"), sent_by_id=self.env.uid, date_sent=today)
        self.sudo().activity_feedback(["danvan_khe.mail_act_dvk_send_report"])
        return True

    def _dvk_home_affairs(self):
        group = self.env.ref("danvan_khe.group_dvk_home_affairs")
        officers = group.users.filtered(lambda u: u.active and not u.has_group("danvan_khe.group_dvk_admin"))
        return officers or group.users[:1]

    # the calendar of R8 ---------------------------------------------------

    @api.model
    def _dvk_ensure_reports(self, periods):
        """One report of each kind per agency and open year, so that Home Affairs sees who is missing."""
        agencies = self.env["hr.department"].sudo().search([("dvk_is_agency", "=", True)])
        existing = {
            (r.department_id.id, r.period_id.id, r.kind) for r in self.sudo().search([("period_id", "in", periods.ids)])
        }
        vals_list = [
            {"department_id": agency.id, "period_id": period.id, "kind": kind}
            for period in periods
            for agency in agencies
            for kind in ("february", "october")
            if (agency.id, period.id, kind) not in existing
        ]
        return self.sudo().create(vals_list)

    @api.model
    def _cron_remind_deadlines(self, days_before=None):
        """R8: remind the heads of agencies that have not sent, before each deadline."""
        if days_before is None:
            days_before = int(self.env["ir.config_parameter"].sudo().get_param("danvan_khe.reminder_days", 14))
        today = fields.Date.context_today(self)
        periods = self.env["dvk.period"].sudo().search([("state", "=", "open"), ("year", "<=", today.year)])
        self._dvk_ensure_reports(periods)
        due = self.sudo().search(
            [
                ("period_id", "in", periods.ids),
                ("state", "=", "draft"),
                ("date_deadline", "<=", today + timedelta(days=days_before)),
                # older arrears are Home Affairs' 'late' list, not a pile of overdue reminders at install
                ("date_deadline", ">=", today - timedelta(days=LATE_REMINDER_DAYS)),
            ]
        )
        activity_type = self.env.ref("danvan_khe.mail_act_dvk_send_report")
        reminded = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", due.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        already = set(reminded.mapped("res_id"))
        for report in due.filtered(lambda r: r.id not in already):
            head = report.department_id._dvk_head_user()
            if head:
                # written by the cron, read by the head: in the head's language
                report.with_context(lang=head.lang).activity_schedule(
                    "danvan_khe.mail_act_dvk_send_report",
                    date_deadline=report.date_deadline,
                    user_id=head.id,
                )
        return True
