from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib.registration_sheet import dedup_key

# What the registration form says of a line (RA, R5.1a, R6.1): frozen once submitted.
REGISTERED_FIELDS = {
    "name",
    "kind",
    "registration_id",
    "department_id",
    "employee_id",
    "implementer_name",
    "sector_id",
    "address",
    "date_start",
    "date_end",
    "expected_result",
    "note",
    "sequence",
    "survey_situation",
    "survey_advantages",
    "survey_difficulties",
    "survey_content",
    "own_criteria",
    "objectives",
    "tasks",
    "solutions",
}


# What the implementer writes while the model runs (R6.3) and its results report (R7.1).
IMPLEMENTATION_FIELDS = {
    "resources",
    "mobilisation_forms",
    "result_summary",
    "result_figures",
    "result_attachment_ids",
}
DRAFT_FIELDS = (REGISTERED_FIELDS - {"registration_id"}) | {"predecessor_id", "resources", "mobilisation_forms"}
# R7.3: whether a recognised model spreads is the agency's and the committee's finding
REPLICATION_FIELDS = {"replicated", "replication_note"}


class DvkModel(models.Model):
    """A collective model (mô hình) or an individual exemplar (điển hình), one line of a registration."""

    _name = "dvk.model"
    _description = "Model or exemplar"
    _inherit = ["dvk.workflow.mixin", "dvk.model.checks", "dvk.model.board", "mail.thread", "mail.activity.mixin"]
    _order = "registration_id desc, sequence, id"
    _dvk_fields = {
        "create": {"staff": DRAFT_FIELDS | {"registration_id"}, "head": DRAFT_FIELDS | {"registration_id"}},
        "draft": {"staff": DRAFT_FIELDS, "head": DRAFT_FIELDS},
        "in_progress": {"staff": IMPLEMENTATION_FIELDS, "head": IMPLEMENTATION_FIELDS},
        "evaluated": {"head": REPLICATION_FIELDS, "committee": REPLICATION_FIELDS},
        "recognized": {"head": REPLICATION_FIELDS, "committee": REPLICATION_FIELDS},
    }
    _dvk_unlink = {"draft": ("staff", "head")}
    _dvk_transitions = {
        "action_refuse": {"from": ("confirmed",), "roles": ("committee",), "to": "refused"},
        "action_report": {"from": ("in_progress",), "roles": ("staff", "head"), "to": "reported"},
        "action_cancel": {"from": ("in_progress",), "roles": ("head",), "to": "cancelled"},
    }
    _dvk_activities = {
        "in_progress": ("danvan_khe.mail_act_dvk_implement", "_dvk_implementers", "_dvk_report_deadline"),
        "reported": ("danvan_khe.mail_act_dvk_evaluate", "_dvk_heads"),
        "evaluated": ("danvan_khe.mail_act_dvk_recognize", "_dvk_recognizers"),
        "recognized": ("danvan_khe.mail_act_dvk_recognized", "_dvk_implementers"),
    }

    name = fields.Char(string="Model name", required=True, tracking=True)
    kind = fields.Selection(
        [("collective", "Collective model"), ("individual", "Individual exemplar")],
        required=True,
        default="collective",
        tracking=True,
    )
    registration_id = fields.Many2one(
        "dvk.registration", string="Registration", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    agency_id = fields.Many2one(related="registration_id.department_id", store=True, index=True, string="Agency")
    tier_id = fields.Many2one(related="registration_id.tier_id", store=True, string="Tier")
    period_id = fields.Many2one(related="registration_id.period_id", store=True, index=True, string="Year")
    year = fields.Integer(
        related="registration_id.year", store=True, index=True, string="Calendar year", aggregator=None
    )  # the boards' "This year" filter reads it on every column
    registration_state = fields.Selection(related="registration_id.state", string="Registration status")
    employee_id = fields.Many2one("hr.employee", string="Individual", tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Implementing collective",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        help="The collective that implements the model, or the individual's department.",
    )
    implementer_name = fields.Char(
        string="Collective/individual",
        compute="_compute_implementer_name",
        store=True,
        readonly=False,
        help="Printed in column 2 of the registration form.",
    )
    sector_id = fields.Many2one("dvk.sector", string="Sector", required=True, tracking=True, index=True)
    sector_code = fields.Char(related="sector_id.code", string="Sector code")
    address = fields.Char(help="R5.1a: where the model runs.")
    date_start = fields.Date(string="Start", compute="_compute_dates", store=True, readonly=False, tracking=True)
    date_end = fields.Date(string="End", compute="_compute_dates", store=True, readonly=False, tracking=True)
    expected_result = fields.Text(string="Expected result")
    note = fields.Text()
    # R6.1 survey and selection
    survey_situation = fields.Text(string="Situation surveyed")
    survey_advantages = fields.Text(string="Advantages")
    survey_difficulties = fields.Text(string="Difficulties")
    survey_content = fields.Text(string="Chosen content")
    own_criteria = fields.Text(string="The model's own criteria")
    objectives = fields.Text()
    tasks = fields.Text()
    solutions = fields.Text()
    # R6.3 implementation
    resources = fields.Text(help="Knowledge, technique, means and funding mobilised.")
    mobilisation_forms = fields.Text(string="Forms of propaganda and persuasion")
    # results report (R7.1 is based on it)
    result_summary = fields.Text(string="Results achieved")
    result_figures = fields.Text(string="Figures")
    result_attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    date_reported = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("confirmed", "Confirmed"),
            ("in_progress", "In implementation"),
            ("reported", "Reported"),
            ("evaluated", "Evaluated"),
            ("recognized", "Recognised"),
            ("not_recognized", "Not recognised"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
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
    dedup_key = fields.Char(string="Duplicate check key", compute="_compute_dedup_key", store=True, index=True)
    inspection_ids = fields.One2many("dvk.inspection", "model_id", string="Inspections")
    inspection_count = fields.Integer(compute="_compute_inspection_count")
    predecessor_id = fields.Many2one(
        "dvk.model",
        string="Same model in an earlier year",
        index=True,
        tracking=True,
        help="R7.3: links the years of a model that continues, to count its consecutive recognitions.",
    )
    successor_ids = fields.One2many("dvk.model", "predecessor_id", string="Continued in")
    consecutive_years = fields.Integer(
        compute="_compute_consecutive_years",
        store=True,
        recursive=True,
        index=True,
        aggregator="max",
        help="R7.3: recognised years in a row ending with this one.",
    )
    replicated = fields.Boolean(
        string="Spreads", tracking=True, help="R7.3: the model spreads and is replicated in other units."
    )
    replication_note = fields.Text(string="Where it spread")
    on_provincial_list = fields.Boolean(
        compute="_compute_on_provincial_list",
        store=True,
        index=True,
        string="On the provincial list",
        help="R7.3: recognised, spreading, and recognised enough years in a row for provincial commendation.",
    )
    # R7.1 evaluation, R7.2 recognition and commendation
    evaluation_ids = fields.One2many("dvk.evaluation", "model_id", string="Evaluations")
    evaluation_id = fields.Many2one("dvk.evaluation", string="Deciding evaluation", readonly=True, copy=False)
    score_total = fields.Float(related="evaluation_id.score_total", store=True, string="Score")
    classification_id = fields.Many2one(related="evaluation_id.classification_id", store=True, string="Classification")
    recognition_id = fields.Many2one("dvk.recognition", string="Recognition decision", readonly=True, copy=False)
    not_recognized_reason = fields.Text(string="Why not recognised", readonly=True, copy=False)
    commendation_ids = fields.One2many("dvk.commendation", "model_id", string="Commendation proposals")
    color = fields.Integer()

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection if key not in ("cancelled",)]

    @api.depends("employee_id", "registration_id")
    def _compute_department_id(self):
        for model in self:
            if model.employee_id:
                model.department_id = model.employee_id.sudo().department_id or model.registration_id.department_id
            elif not model.department_id:
                model.department_id = model.registration_id.department_id

    @api.depends("employee_id", "department_id", "kind")
    def _compute_implementer_name(self):
        for model in self:
            if model.kind == "individual" and model.employee_id:
                model.implementer_name = model.employee_id.sudo().name
            elif not model.implementer_name or model._origin.department_id != model.department_id:
                model.implementer_name = model.department_id.name

    @api.depends("registration_id.period_id")
    def _compute_dates(self):
        for model in self:
            period = model.registration_id.period_id
            model.date_start = model.date_start or period.date_start
            model.date_end = model.date_end or period.date_end

    @api.depends("implementer_name", "name")
    def _compute_dedup_key(self):
        for model in self:
            # the same key as the import's, a digest of fixed length for the database's constraint
            model.dedup_key = dedup_key(model.implementer_name, model.name)

    @api.depends("state", "year", "predecessor_id.consecutive_years", "predecessor_id.year")
    def _compute_consecutive_years(self):
        for model in self:
            previous = model.predecessor_id
            if model.state != "recognized":
                model.consecutive_years = 0
            elif previous and previous.year == model.year - 1:
                model.consecutive_years = previous.consecutive_years + 1
            else:
                model.consecutive_years = 1

    @api.depends("consecutive_years", "replicated", "period_id.regulation_id.replication_min_years")
    def _compute_on_provincial_list(self):
        for model in self:
            minimum = model.period_id.regulation_id.replication_min_years or 2
            model.on_provincial_list = model.replicated and model.consecutive_years >= minimum

    def _compute_inspection_count(self):
        counts = dict(self.env["dvk.inspection"]._read_group([("model_id", "in", self.ids)], ["model_id"], ["__count"]))
        for model in self:
            model.inspection_count = counts.get(model, 0)

    @api.depends_context("dvk_show_year")
    def _compute_display_name(self):
        show_year = self.env.context.get("dvk_show_year")
        for model in self:
            name = model.name if not model.implementer_name else f"{model.name} ({model.implementer_name})"
            # the predecessor picker tells the years and agencies of same-named models apart
            model.display_name = f"{model.year} · {model.agency_id.name} · {name}" if show_year else name

    def init(self):
        # two users registering the same line at once: the database keeps one (Python checks cannot)
        # Deferred to the commit, so that within a transaction the Python check above speaks first.
        self.env.cr.execute("SELECT 1 FROM pg_constraint WHERE conname = 'dvk_model_dedup_excl'")
        if not self.env.cr.fetchone():
            self.env.cr.execute(
                """ALTER TABLE dvk_model ADD CONSTRAINT dvk_model_dedup_excl
                   EXCLUDE USING btree (agency_id WITH =, period_id WITH =, dedup_key WITH =)
                   WHERE (state NOT IN ('refused', 'cancelled')) DEFERRABLE INITIALLY DEFERRED"""
            )

    # CRUD guards -----------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        registrations = self.env["dvk.registration"].browse(
            [vals["registration_id"] for vals in vals_list if vals.get("registration_id")]
        )
        for vals in vals_list:
            if not vals.get("sector_id"):
                raise UserError(
                    _(
                        "The model %(name)s has no sector: choose one of the sectors of the regulation.",
                        name=vals.get("name") or "-",
                    )
                )
        if not self.env.su:
            registrations.period_id._dvk_check_open()
            locked = registrations.filtered(lambda r: r.state != "draft")
            if locked:
                raise UserError(
                    _(
                        "The registration %(name)s is no longer a draft: reset it to draft to add lines.",
                        name=locked[0].display_name,
                    )
                )
            if registrations:
                # two officers adding lines to one form at once: the second waits, then is retried by
                # Odoo (serialization failure) and meets the clear duplicate message, not a raw constraint
                self.env.cr.execute("UPDATE dvk_registration SET id = id WHERE id IN %s", [tuple(registrations.ids)])
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.period_id._dvk_check_open()
            frozen = REGISTERED_FIELDS & set(vals)
            locked = self.filtered(lambda m: m.state != "draft")
            if frozen and locked and not self.env.user._dvk_is_admin():
                raise UserError(
                    _(
                        "%(name)s is registered (%(state)s): what was registered is frozen. "
                        "Reset the registration to draft to amend it.",
                        name=locked[0].display_name,
                        state=locked[0]._dvk_state_label(locked[0].state),
                    )
                )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and not self.env.user._dvk_is_admin():
            self.period_id._dvk_check_open()
            if self.filtered(lambda m: m.state != "draft"):
                raise UserError(_("Only a draft line can be deleted; reset its registration to draft first."))
        return super().unlink()

    # who acts next (the activities of _dvk_activities) --------------------

    def _dvk_heads(self):
        return self.agency_id._dvk_head_user()

    def _dvk_implementers(self):
        """Who carries the model out: the exemplar, or the staff who registered the collective's model."""
        user = self.employee_id.user_id if self.kind == "individual" else self.registration_id.submitted_by_id
        return user or self.agency_id._dvk_head_user()

    def _dvk_report_deadline(self):
        """R8: the results are reported before the October report to Home Affairs."""
        return self.period_id.date_october

    def _dvk_recognizers(self):
        committee = self.agency_id._dvk_nearest_committee()
        return committee._dvk_acting_member()

    # transitions ----------------------------------------------------------

    def action_refuse(self, reason=None):
        """The committee refuses a single line of a confirmed registration, with a reason (R6.2)."""
        reason = reason or self.env.context.get("dvk_reason")
        if not reason or not reason.strip():
            raise UserError(_("Give the reason for refusing this line."))
        self._dvk_transition("action_refuse", _("Refusing a line"), refuse_reason=reason)
        for model in self:
            model.sudo()._message_log(body=_("Line refused: %(reason)s", reason=reason))
        return True

    def action_report(self):
        """The implementer reports the results; the agency head then evaluates them (R7.1)."""
        for model in self:
            if not (model.result_summary or "").strip():
                raise UserError(
                    _(
                        "Write the results achieved by %(name)s first: its evaluation rests on the results report.",
                        name=model.display_name,
                    )
                )
        self._dvk_transition("action_report", _("Reporting results"), date_reported=fields.Date.context_today(self))
        return True

    def action_cancel(self):
        """The agency head stops a model in implementation."""
        self._dvk_transition("action_cancel", _("Cancelling"))
        return True

    def action_open_inspections(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Inspections"),
            "res_model": "dvk.inspection",
            "view_mode": "list,form",
            "domain": [("model_id", "=", self.id)],
            "context": {"default_model_id": self.id},
        }
