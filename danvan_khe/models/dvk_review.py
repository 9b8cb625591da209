from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty


class DvkReview(models.Model):
    """R7.3 "định kỳ tổ chức sơ kết, tổng kết": an agency's periodic review of the movement.

    The agency head holds it: what was achieved, the limitations and difficulties,
    the lessons, and the recognised models of the agency's scope it puts forward
    to develop and replicate (and for commendation).
    """

    _name = "dvk.review"
    _description = "Periodic review"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _dvk_agency_field = "department_id"
    _DRAFT = {
        "name",
        "period_id",
        "date",
        "date_from",
        "date_to",
        "kind",
        "results",
        "limitations",
        "conclusions",
        "model_ids",
    }
    _dvk_fields = {
        "create": {"head": _DRAFT | {"department_id"}},
        "draft": {"head": _DRAFT},
    }
    _dvk_unlink = {"draft": ("head",)}
    _dvk_transitions = {
        "action_done": {"from": ("draft",), "roles": ("head",), "to": "done"},
    }

    name = fields.Char(string="Title", required=True, tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Agency",
        required=True,
        index=True,
        tracking=True,
        domain=[("dvk_is_agency", "=", True)],
        default=lambda self: self.env.user.dvk_head_department_ids[:1],
    )
    tier_id = fields.Many2one(related="department_id.dvk_tier_id", store=True, string="Tier")
    period_id = fields.Many2one(
        "dvk.period",
        string="Year",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env["dvk.registration"]._default_period(),
    )
    year = fields.Integer(related="period_id.year", store=True, string="Calendar year", aggregator=None)
    kind = fields.Selection(
        [("preliminary", "Preliminary review (sơ kết)"), ("final", "Final review (tổng kết)")],
        required=True,
        default="preliminary",
        tracking=True,
    )
    date = fields.Date(string="Held on", required=True, default=fields.Date.context_today, tracking=True)
    date_from = fields.Date(string="Reviewed from")
    date_to = fields.Date(string="Reviewed until")
    results = fields.Html(string="Results achieved", sanitize_style=True)
    limitations = fields.Html(string="Limitations and difficulties", sanitize_style=True)
    conclusions = fields.Html(string="Conclusions and lessons", sanitize_style=True)
    model_ids = fields.Many2many(
        "dvk.model",
        "dvk_review_model_rel",
        "review_id",
        "model_id",
        string="Models put forward",
        domain="[('state', '=', 'recognized'), ('agency_id', 'child_of', department_id)]",
        help="Recognised models of the agency's scope that the review puts forward to develop and replicate.",
    )
    model_count = fields.Integer(compute="_compute_model_count", string="Models put forward (count)")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Held")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    closed_by_id = fields.Many2one("res.users", string="Closed by", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)

    @api.depends("model_ids")
    def _compute_model_count(self):
        for review in self:
            review.model_count = len(review.model_ids)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for review in self:
            if review.date_from and review.date_to and review.date_to < review.date_from:
                raise ValidationError(
                    _(
                        "The review %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=review.name,
                        end=format_date(self.env, review.date_to),
                        start=format_date(self.env, review.date_from),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        if not self.env.su:
            reviews._dvk_check_models()
        return reviews

    def write(self, vals):
        res = super().write(vals)
        if not self.env.su and {"model_ids", "department_id"} & set(vals):
            self._dvk_check_models()
        return res

    def _dvk_check_models(self):
        """The models put forward are recognised ones of the agency's own scope (R7.3)."""
        for review in self.sudo():
            for model in review.model_ids:
                if not model.agency_id._dvk_is_under(review.department_id):
                    raise UserError(
                        _(
                            "%(model)s belongs to %(agency)s, outside the scope of %(review_agency)s.",
                            model=model.display_name,
                            agency=model.agency_id.display_name,
                            review_agency=review.department_id.display_name,
                        )
                    )
                if model.state != "recognized":
                    raise UserError(
                        _(
                            "%(model)s is not recognised: a review puts forward recognised models only.",
                            model=model.display_name,
                        )
                    )

    def action_done(self):
        """The agency head closes the review: what it concluded is kept as held (R7.3, R3)."""
        for review in self:
            if all(is_html_empty(review[name]) for name in ("results", "limitations", "conclusions")):
                raise UserError(
                    _(
                        "Write what the review %(name)s found (results, limitations or conclusions) before closing it.",
                        name=review.name,
                    )
                )
        self._dvk_transition(
            "action_done",
            _("Closing the review"),
            closed_by_id=self.env.uid,
            date_closed=fields.Date.context_today(self),
        )
        for review in self.sudo():
            for model in review.model_ids:
                model._message_log(
                    body=_("Put forward by the review %(review)s to develop and replicate.", review=review.name)
                )
        return True

    def action_print(self):
        return self.env.ref("danvan_khe.action_report_review").report_action(self)
