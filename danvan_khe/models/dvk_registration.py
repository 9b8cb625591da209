from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.vn_format import format_vn_date, format_vn_period


class DvkRegistration(models.Model):
    """Bảng đăng ký mô hình, điển hình Dân vận khéo (RA, R6.2): one per agency and year."""

    _name = "dvk.registration"
    _description = "Registration form"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_id desc, department_id, id desc"
    _dvk_agency_field = "department_id"
    _dvk_server_fields = frozenset({"name"})
    _dvk_fields = {
        "create": {
            "staff": {"department_id", "period_id", "note", "model_ids"},
            "head": {"department_id", "period_id", "note", "model_ids"},
        },
        "draft": {"staff": {"note", "model_ids"}, "head": {"note", "model_ids"}},
        "refused": {"staff": {"note"}, "head": {"note"}},
    }
    _dvk_unlink = {"draft": ("staff", "head"), "refused": ("staff", "head")}
    _dvk_transitions = {
        "action_submit": {"from": ("draft",), "roles": ("staff", "head"), "to": "submitted"},
        "action_confirm": {"from": ("submitted",), "roles": ("head",), "to": "confirmed"},
        "action_approve": {"from": ("confirmed",), "roles": ("committee",), "to": "approved"},
        "action_refuse": {"from": ("submitted", "confirmed"), "roles": ("head", "committee"), "to": "refused"},
        "action_draft": {"from": ("refused",), "roles": ("staff", "head"), "to": "draft"},
    }
    _dvk_activities = {
        "submitted": ("danvan_khe.mail_act_dvk_confirm", "_dvk_heads"),
        "confirmed": ("danvan_khe.mail_act_dvk_approve", "_dvk_approvers"),
        "refused": ("danvan_khe.mail_act_dvk_amend", "_dvk_registrants"),
    }

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    department_id = fields.Many2one(
        "hr.department",
        string="Agency",
        required=True,
        index=True,
        tracking=True,
        domain=[("dvk_is_agency", "=", True)],
        default=lambda self: self.env.user.dvk_agency_ids[:1],
    )
    tier_id = fields.Many2one(related="department_id.dvk_tier_id", store=True, string="Tier")
    period_id = fields.Many2one(
        "dvk.period",
        string="Year",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_period(),
    )
    year = fields.Integer(related="period_id.year", store=True, string="Calendar year", aggregator=None)
    model_ids = fields.One2many("dvk.model", "registration_id", string="Models and exemplars", copy=False)
    model_count = fields.Integer(compute="_compute_model_count", string="Lines")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("confirmed", "Confirmed"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    refuse_reason = fields.Text(readonly=True, copy=False, tracking=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_submitted = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_confirmed = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    committee_id = fields.Many2one("dvk.committee", string="Approving committee", readonly=True, copy=False)
    date_approved = fields.Datetime(readonly=True, copy=False)
    is_waiting_for_me = fields.Boolean(
        compute="_compute_is_waiting_for_me",
        search="_search_is_waiting_for_me",
        string="Waiting for me",
        help="Submitted registrations I confirm as head, confirmed ones I approve as committee member.",
    )
    note = fields.Text()
    color = fields.Integer()

    _sql_constraints = [
        (
            "agency_period_uniq",
            "unique(department_id, period_id)",
            "An agency has one registration form a year: add the lines to the existing one.",
        )
    ]

    @api.model
    def _group_expand_states(self, states, domain):
        """The board shows every step in the order of the workflow, empty ones too."""
        return [key for key, _label in self._fields["state"].selection]

    def _default_period(self):
        today = fields.Date.context_today(self)
        return self.env["dvk.period"].search([("year", "=", today.year), ("state", "=", "open")], limit=1)

    @api.depends("model_ids")
    def _compute_model_count(self):
        counts = dict(
            self.env["dvk.model"]._read_group([("registration_id", "in", self.ids)], ["registration_id"], ["__count"])
        )
        for registration in self:
            registration.model_count = counts.get(registration, 0)

    @api.depends_context("uid")
    def _compute_is_waiting_for_me(self):
        mine = self.search([("id", "in", self.ids), ("is_waiting_for_me", "=", True)])
        for registration in self:
            registration.is_waiting_for_me = registration in mine

    def _search_is_waiting_for_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Waiting for me'."))
        user = self.env.user
        # only where I can act: the role's group and its competent agencies
        heads = user.dvk_head_competent_ids.ids if user.has_group("danvan_khe.group_dvk_manager") else []
        committees = user.dvk_committee_competent_ids.ids if user.has_group("danvan_khe.group_dvk_committee") else []
        domain = [
            "|",
            "&",
            ("state", "=", "submitted"),
            ("department_id", "in", heads),
            "&",
            ("state", "=", "confirmed"),
            ("department_id", "in", committees),
        ]
        if user._dvk_is_admin():
            domain = [("state", "in", ("submitted", "confirmed"))]
        positive = (operator == "=") == value
        return domain if positive else ["!", *domain]

    def _compute_display_name(self):
        for registration in self:
            registration.display_name = _(
                "%(agency)s — %(year)s", agency=registration.department_id.name or "", year=registration.year or ""
            )

    @api.constrains("department_id", "period_id")
    def _check_one_per_agency_and_year(self):
        groups = self._read_group(
            [("department_id", "in", self.department_id.ids), ("period_id", "in", self.period_id.ids)],
            ["department_id", "period_id"],
            ["__count"],
        )
        for department, period, count in groups:
            if count > 1:
                raise ValidationError(
                    _(
                        "%(agency)s already has a registration form for %(year)s: add the lines to it.",
                        agency=department.display_name,
                        year=period.year,
                    )
                )

    def _dvk_check_unique(self, agency, period):
        """Say so clearly before the database's unique constraint would."""
        if self.sudo().search_count([("department_id", "=", agency.id), ("period_id", "=", period.id)], limit=1):
            raise ValidationError(
                _(
                    "%(agency)s already has a registration form for %(year)s: add the lines to it.",
                    agency=agency.display_name,
                    year=period.year,
                )
            )

    @api.constrains("department_id")
    def _check_agency(self):
        for registration in self:
            if not registration.department_id.dvk_is_agency:
                raise ValidationError(
                    _(
                        "%(department)s is not a participating agency.",
                        department=registration.department_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        for vals in vals_list:
            if not vals.get("department_id"):
                vals["department_id"] = user._dvk_default_agency().id
            agency = self.env["hr.department"].browse(vals["department_id"])
            if not self.env.su and not (user._dvk_can_act("staff", agency) or user._dvk_can_act("head", agency)):
                raise AccessError(
                    _("You cannot register for %(agency)s: it is outside your agency.", agency=agency.display_name)
                )
            period = self.env["dvk.period"].browse(vals.get("period_id"))
            if period:
                period._dvk_check_open()
                self._dvk_check_unique(agency, period)
            # the number follows the form's year, whatever the caller sent
            vals["name"] = (
                self.env["ir.sequence"]
                .sudo()
                .with_context(ir_sequence_date=period.date_start or fields.Date.context_today(self))
                .next_by_code("dvk.registration")
                or "/"
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.period_id._dvk_check_open()
            if {"department_id", "period_id"} & set(vals) and self.filtered(lambda r: r.state != "draft"):
                raise UserError(_("The agency and year of a submitted registration cannot change."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user._dvk_is_admin():
            self.period_id._dvk_check_open()
        return super().unlink()

    # who acts next (the activities of _dvk_activities) --------------------

    def _dvk_heads(self):
        return self.department_id._dvk_head_user()

    def _dvk_approvers(self):
        committee = self.department_id._dvk_nearest_committee()
        return committee._dvk_acting_member()

    def _dvk_registrants(self):
        return self.submitted_by_id

    # R6.2 transitions -----------------------------------------------------

    def action_submit(self):
        """Staff submit the form to their agency head for confirmation."""
        self._dvk_check_transition("action_submit", _("Submitting"))
        self.period_id._dvk_check_open()
        for registration in self:
            if not registration.model_ids:
                raise UserError(
                    _(
                        "The registration %(name)s has no model or exemplar: add at least one line before submitting.",
                        name=registration.display_name,
                    )
                )
            registration.model_ids._dvk_check_complete()
        self._dvk_transition(
            "action_submit", _("Submitting"), submitted_by_id=self.env.uid, date_submitted=fields.Datetime.now()
        )
        self.model_ids._dvk_set_state("submitted")
        return True

    def action_confirm(self):
        """The agency head confirms the form and reports it to the steering committee (R6.2)."""
        self._dvk_check_transition("action_confirm", _("Confirming"))
        self.model_ids.filtered(lambda m: m.state == "submitted")._dvk_check_complete()
        self._dvk_transition(
            "action_confirm", _("Confirming"), confirmed_by_id=self.env.uid, date_confirmed=fields.Datetime.now()
        )
        # only what was submitted: a line slipped in since (an import racing the submission) stays behind
        self.model_ids.filtered(lambda m: m.state == "submitted")._dvk_set_state("confirmed")
        return True

    def action_approve(self):
        """The steering committee approves: the lines it did not refuse go into implementation (R6.3)."""
        self._dvk_check_transition("action_approve", _("Approving"))
        self._dvk_lock_rows()
        self._dvk_check_state(["confirmed"], _("Approving"))
        user = self.env.user
        for registration in self:
            lines = registration.model_ids.filtered(lambda m: m.state == "confirmed")
            if not lines:
                raise UserError(
                    _(
                        "Every line of %(name)s is refused: refuse the registration instead.",
                        name=registration.display_name,
                    )
                )
            lines._dvk_check_complete()
            committee = registration.department_id._dvk_ancestor_agencies().dvk_committee_ids.filtered(
                lambda c: user in c.member_ids
            )[:1]
            registration._dvk_set_state(
                "approved", approved_by_id=user.id, committee_id=committee.id, date_approved=fields.Datetime.now()
            )
            lines._dvk_set_state("in_progress")
        return True

    def action_refuse(self, reason=None):
        """Refuse the form with a reason; it goes back to its agency to amend (R3: why is recorded)."""
        reason = reason or self.env.context.get("dvk_reason")
        if not reason or not reason.strip():
            raise UserError(_("Give the reason for refusing: the agency needs it to amend its registration."))
        self._dvk_check_transition("action_refuse", _("Refusing"))
        for registration in self:
            # the committee refuses what its head confirmed; the head refuses what was submitted to them
            roles = ["head"] if registration.state == "submitted" else ["head", "committee"]
            registration._dvk_check_role(roles, _("refuse a registration"))
        self._dvk_transition("action_refuse", _("Refusing"), refuse_reason=reason)
        self.model_ids.filtered(lambda m: m.state != "refused")._dvk_set_state("refused", refuse_reason=reason)
        for registration in self:
            registration.sudo()._message_log(body=_("Refused: %(reason)s", reason=reason))
        return True

    def action_draft(self):
        """Reset a refused form to draft so that its agency can amend the lines."""
        self._dvk_check_transition("action_draft", _("Resetting to draft"))
        self.period_id._dvk_check_open()
        self._dvk_transition("action_draft", _("Resetting to draft"), refuse_reason=False)
        self.model_ids._dvk_set_state("draft", refuse_reason=False)
        return True

    def _dvk_period_text(self, line):
        return format_vn_period(line.date_start, line.date_end)

    def _dvk_place_date(self):
        """'Trà Vinh, ngày 26 tháng 6 năm 2023': the place is the company's city."""
        self.ensure_one()
        place = self.department_id.company_id.city or self.env.company.city or "..."
        day = (self.date_approved or self.date_confirmed or self.date_submitted or fields.Datetime.now()).date()
        return f"{place}, {format_vn_date(day)}"

    def action_print(self):
        return self.env.ref("danvan_khe.action_report_registration").report_action(self)
