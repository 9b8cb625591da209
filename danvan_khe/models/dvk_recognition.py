from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class DvkRecognition(models.Model):
    """R7.2: a steering committee's decision recognising evaluated models of its scope."""

    _name = "dvk.recognition"
    _description = "Recognition decision"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _dvk_year_frozen = True
    _order = "date desc, id desc"
    _DRAFT = {"name", "period_id", "date", "signer", "reasoning", "model_ids", "rejection_ids"}
    _dvk_fields = {
        "create": {"member": _DRAFT | {"committee_id"}},
        "draft": {"member": _DRAFT},
    }
    _dvk_unlink = {"draft": ("member",)}
    _dvk_transitions = {
        "action_done": {"from": ("draft",), "roles": ("member",), "to": "done"},
    }

    name = fields.Char(string="Decision number", required=True, default="/", copy=False, tracking=True)
    committee_id = fields.Many2one(
        "dvk.committee",
        string="Steering committee",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env["dvk.committee"].search([("member_ids", "in", self.env.uid)], limit=1),
    )
    agency_id = fields.Many2one(related="committee_id.department_id", store=True, index=True, string="Agency")
    tier_id = fields.Many2one(related="committee_id.tier_id", store=True)
    period_id = fields.Many2one(
        "dvk.period",
        string="Year",
        required=True,
        index=True,
        default=lambda self: self.env["dvk.registration"]._default_period(),
    )
    date = fields.Date(default=fields.Date.context_today, tracking=True)
    signer = fields.Char(help="Who signed the decision for the committee.")
    reasoning = fields.Text()
    model_ids = fields.Many2many(
        "dvk.model", "dvk_recognition_model_rel", "recognition_id", "model_id", string="Recognised models"
    )
    rejection_ids = fields.One2many("dvk.recognition.rejection", "recognition_id", string="Not recognised")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Decided")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )

    @api.model
    def _dvk_year_of(self, vals):
        """The year of the models a new decision names, when they are all of one year."""
        ids = []
        for command in vals.get("model_ids") or []:
            if command[0] == Command.SET:
                ids += command[2]
            elif command[0] == Command.LINK:
                ids.append(command[1])
        for command in vals.get("rejection_ids") or []:
            if command[0] == Command.CREATE and command[2].get("model_id"):
                ids.append(command[2]["model_id"])
        periods = self.env["dvk.model"].sudo().browse(ids).exists().period_id
        return periods.id if len(periods) == 1 else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a decision named without its year is of its models' year, not today's
            if "period_id" not in vals and "default_period_id" not in self.env.context:
                year = self._dvk_year_of(vals)
                if year:
                    vals["period_id"] = year
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("dvk.recognition") or "/"
        recognitions = super().create(vals_list)
        if not self.env.su:
            recognitions._check_scope()
        return recognitions

    def _dvk_record_roles(self, user):
        """Only the members of the deciding committee take its decision (R7.2)."""
        sudo = self.sudo()
        if user in sudo.committee_id.member_ids and user.has_group("danvan_khe.group_dvk_committee"):
            return {"member"}
        return set()

    def write(self, vals):
        res = super().write(vals)  # a closed year refuses it first (_dvk_year_frozen)
        if {"model_ids", "rejection_ids", "period_id"} & set(vals) and not self.env.su:
            self.period_id._dvk_check_open()
            self._check_scope()
        return res

    def _check_scope(self):
        """A committee decides on the models of its own scope only, and only evaluated ones."""
        for recognition in self.sudo():
            recognition._check_models_in_scope(recognition.model_ids | recognition.rejection_ids.model_id)

    def _check_models_in_scope(self, models):
        """``models`` are this decision's to take: its committee's scope, evaluated, of its year, and in
        no other draft decision (one search for them all)."""
        self.ensure_one()
        models = models.sudo()
        committee = self.sudo().committee_id
        governed = committee._dvk_governed_agencies()
        for model in models:
            if model.agency_id not in governed:
                raise UserError(
                    _(
                        "This model belongs to another agency, outside the scope of %(committee)s.",
                        committee=committee.display_name,
                    )
                )
            if self.state == "draft" and model.state != "evaluated":
                raise UserError(
                    _(
                        "%(model)s has not been evaluated: only evaluated models are recognised.",
                        model=model.display_name,
                    )
                )
            self._check_model_year(model)
        if self.state == "draft" and models:
            elsewhere = self.sudo().search(
                [
                    ("state", "=", "draft"),
                    ("id", "!=", self.id),
                    "|",
                    ("model_ids", "in", models.ids),
                    ("rejection_ids.model_id", "in", models.ids),
                ],
                limit=1,
            )
            if elsewhere:
                model = (elsewhere.model_ids | elsewhere.rejection_ids.model_id) & models
                raise UserError(
                    _(
                        "%(model)s is already in the draft decision %(decision)s: take it out there first.",
                        model=model[:1].display_name,
                        decision=elsewhere.display_name,
                    )
                )

    def _check_model_year(self, model):
        """A decision recognises the models of its own year (R7.2, each year's movement)."""
        if model.period_id != self.period_id:
            raise UserError(
                _(
                    "%(model)s is of %(year)s: the decision of %(decision_year)s recognises that year's models only.",
                    model=model.display_name,
                    year=model.period_id.year,
                    decision_year=self.period_id.year or "-",
                )
            )

    def _check_models(self):
        for recognition in self:
            governed = recognition.committee_id.sudo()._dvk_governed_agencies()
            rejected = recognition.rejection_ids.model_id
            both = recognition.model_ids & rejected
            if both:
                raise UserError(_("%(model)s is both recognised and not recognised.", model=both[0].display_name))
            for model in recognition.model_ids | rejected:
                recognition._check_model_year(model)
                if model.agency_id not in governed:
                    raise UserError(
                        _(
                            "%(model)s belongs to %(agency)s, outside the scope of %(committee)s.",
                            model=model.display_name,
                            agency=model.agency_id.display_name,
                            committee=recognition.committee_id.display_name,
                        )
                    )
                if model.state != "evaluated":
                    raise UserError(
                        _(
                            "%(model)s has not been evaluated: only evaluated models are recognised.",
                            model=model.display_name,
                        )
                    )
            if not recognition.model_ids and not rejected:
                raise UserError(_("The decision %(name)s concerns no model.", name=recognition.name))
            failing = recognition.model_ids.filtered(lambda m: m.classification_id and not m.classification_id.is_pass)
            if failing and not (recognition.reasoning or "").strip():
                raise UserError(
                    _(
                        "%(model)s is classed %(class)s, which does not pass: write in the reasoning why the "
                        "committee recognises it all the same.",
                        model=failing[0].display_name,
                        **{"class": failing[0].classification_id.name},
                    )
                )

    def action_done(self):
        """Take the decision: its models become recognised, the rejected ones not recognised."""
        self._dvk_check_transition("action_done", _("Taking the decision"))
        self.period_id._dvk_check_open()
        self._check_models()
        self._dvk_lock_rows()
        self._dvk_check_state(["draft"], _("Taking the decision"))
        for recognition in self:
            models_ = recognition.model_ids | recognition.rejection_ids.model_id
            models_._dvk_lock_rows()
            recognition.model_ids._dvk_set_state("recognized", recognition_id=recognition.id)
            for rejection in recognition.rejection_ids:
                rejection.model_id._dvk_set_state(
                    "not_recognized", recognition_id=recognition.id, not_recognized_reason=rejection.reason
                )
            recognition._dvk_set_state("done")
        return True
