from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DvkEvaluation(models.Model):
    """R7.1: an evaluator's scores of a reported model on the five factors (a–đ).

    Several evaluators may score a model; the done evaluation of the agency head
    (or a head above it) decides the model's result.
    """

    _name = "dvk.evaluation"
    _description = "Evaluation of a model"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _dvk_year_frozen = True
    _order = "date desc, id desc"
    _CREATE = {"model_id", "date", "note", "line_ids"}
    _dvk_fields = {
        "create": {"head": _CREATE, "committee": _CREATE},
        "draft": {"evaluator": {"date", "note", "line_ids"}},
    }
    _dvk_unlink = {"draft": ("evaluator",)}
    _dvk_transitions = {
        "action_done": {"from": ("draft",), "roles": ("evaluator",), "to": "done"},
    }

    model_id = fields.Many2one("dvk.model", string="Model", required=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="model_id.agency_id", store=True, index=True)
    period_id = fields.Many2one(related="model_id.period_id", store=True, index=True)
    sector_id = fields.Many2one(related="model_id.sector_id", store=True)
    kind = fields.Selection(related="model_id.kind", store=True)
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluator", required=True, readonly=True, default=lambda self: self.env.user
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    line_ids = fields.One2many("dvk.evaluation.line", "evaluation_id", string="Factors", copy=True)
    score_total = fields.Float(string="Total", compute="_compute_scores", store=True)
    score_max = fields.Float(string="Maximum", compute="_compute_scores", store=True)
    classification_id = fields.Many2one("dvk.classification", string="Classification", readonly=True, copy=False)
    is_decisive = fields.Boolean(
        string="Decides the result",
        readonly=True,
        copy=False,
        help="Done by the agency head: this evaluation is the model's result.",
    )
    note = fields.Text(string="Conclusion")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )

    @api.depends("line_ids.score", "line_ids.criterion_id.max_score")
    def _compute_scores(self):
        for evaluation in self:
            evaluation.score_total = sum(evaluation.line_ids.mapped("score"))
            evaluation.score_max = sum(evaluation.line_ids.criterion_id.mapped("max_score"))

    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = _(
                "%(model)s by %(evaluator)s", model=evaluation.model_id.name, evaluator=evaluation.evaluator_id.name
            )

    def _dvk_factors(self):
        """What this evaluation scores, from the regulation in force for the model's year:
        a collective model the five factors of Art. 7.1, an exemplar the criteria of Art. 5.2 (R5.2 a–d)."""
        self.ensure_one()
        regulation = self.model_id.period_id.regulation_id
        domain = [("kind", "=", self.model_id._dvk_criterion_kind())]
        if regulation:
            domain.append(("regulation_id", "=", regulation.id))
        return self.env["dvk.criterion"].search(domain)

    def _dvk_fill_factors(self):
        """Every factor gets a line, so that an evaluation is always over the five of Art. 7.1."""
        for evaluation in self:
            missing = evaluation._dvk_factors() - evaluation.line_ids.criterion_id
            if missing:
                evaluation.line_ids = [fields.Command.create({"criterion_id": c.id}) for c in missing]

    def _dvk_record_roles(self, user):
        """The evaluator scores and closes their own evaluation, while they still hold a deciding role."""
        sudo = self.sudo()
        agency = sudo.agency_id
        if (
            sudo.evaluator_id == user
            and agency
            and (user._dvk_can_act("head", agency, strict=True) or user._dvk_can_act("committee", agency, strict=True))
        ):
            return {"evaluator"}
        return set()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.pop("evaluator_id", None)  # the evaluator is who creates it
        evaluations = super().create(vals_list)  # a closed year refuses it (_dvk_year_frozen)
        for evaluation in evaluations:
            if evaluation.model_id.state not in ("reported", "evaluated"):
                raise UserError(
                    _(
                        "%(model)s cannot be evaluated yet: its results have not been reported.",
                        model=evaluation.model_id.display_name,
                    )
                )
        evaluations._dvk_check_role(["head", "committee"], _("evaluate a model"))
        evaluations._dvk_fill_factors()
        return evaluations

    def _dvk_check_factors(self):
        """Art. 7.1: an evaluation closes only with every factor scored once."""
        for evaluation in self:
            expected = evaluation._dvk_factors()
            scored = evaluation.line_ids.criterion_id
            if scored != expected:
                missing = expected - scored
                raise UserError(
                    _(
                        "The evaluation of %(model)s must score every factor of the regulation; missing: %(factors)s.",
                        model=evaluation.model_id.display_name,
                        factors=", ".join(missing.mapped("name")) or "-",
                    )
                )

    def action_done(self):
        """Close the evaluation; the head's decides the model's result and classification."""
        self._dvk_check_transition("action_done", _("Closing the evaluation"))
        self.period_id._dvk_check_open()
        self._dvk_check_factors()
        user = self.env.user
        self._dvk_lock_rows()
        self._dvk_check_state(["draft"], _("Closing the evaluation"))
        for evaluation in self:
            model = evaluation.model_id
            decisive = user._dvk_can_act("head", model.agency_id, strict=not user._dvk_is_admin())
            if decisive and model.state != "reported":
                raise UserError(
                    _(
                        "%(model)s is %(state)s: its result is already decided.",
                        model=model.display_name,
                        state=model._dvk_state_label(model.state),
                    )
                )
            classification = self.env["dvk.classification"]._dvk_classify(evaluation.score_total, evaluation.score_max)
            evaluation._dvk_set_state("done", classification_id=classification.id, is_decisive=decisive)
            if decisive:
                model._dvk_lock_rows()
                model._dvk_set_state("evaluated", evaluation_id=evaluation.id)
        return True
