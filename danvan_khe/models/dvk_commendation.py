from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class DvkCommendation(models.Model):
    """A commendation proposal for a recognised model (R7.2), or for the provincial list (R7.3, R9).

    It is routed to the authority that the agency's tier names in data: no authority
    is written in code.
    """

    _name = "dvk.commendation"
    _description = "Commendation proposal"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _dvk_server_fields = frozenset({"name"})
    _dvk_fields = {
        "create": {"committee": {"model_id", "level", "award_form_id", "reason"}},
        "draft": {"committee": {"level", "award_form_id", "reason"}},
        "proposed": {"authority": {"decision_number", "decision_date", "outcome_note"}},
    }
    _dvk_unlink = {"draft": ("committee",)}
    _dvk_transitions = {
        "action_propose": {"from": ("draft",), "roles": ("committee",), "to": "proposed"},
        "action_grant": {"from": ("proposed",), "roles": ("authority",), "to": "granted"},
        "action_reject": {"from": ("proposed",), "roles": ("authority",), "to": "rejected"},
    }
    _dvk_activities = {
        "proposed": ("danvan_khe.mail_act_dvk_commend", "_dvk_authorities"),
        "granted": ("danvan_khe.mail_act_dvk_awarded", "_dvk_awardees"),
    }

    name = fields.Char(string="Number", default="/", readonly=True, copy=False)
    model_id = fields.Many2one("dvk.model", string="Model", required=True, index=True, tracking=True)
    agency_id = fields.Many2one(related="model_id.agency_id", store=True, index=True)
    tier_id = fields.Many2one(related="model_id.tier_id", store=True)
    period_id = fields.Many2one(related="model_id.period_id", store=True, index=True)
    sector_id = fields.Many2one(related="model_id.sector_id", store=True)
    kind = fields.Selection(related="model_id.kind", store=True)
    level = fields.Selection(
        [("tier", "By the agency's tier"), ("province", "Provincial")],
        required=True,
        default="tier",
        tracking=True,
    )
    award_form_id = fields.Many2one(
        "dvk.award.form",
        string="Proposed award",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        compute="_compute_award_form_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('level', '=', level), '|', ('level', '=', 'province'), '|', ('tier_id', '=', False), "
        "('tier_id', '=', tier_id)]",
        help="Among the forms of the proposal's level: its agency's tier or the province.",
    )
    # Art. 3 "công khai": the proposal is published for comment from the day it is proposed
    public_comment_start = fields.Date(string="Public comment from", readonly=True, copy=False)
    public_comment_end = fields.Date(string="Public comment until", readonly=True, copy=False)
    decision_id = fields.Many2one(
        "dvk.commendation.decision", string="Decision", readonly=True, copy=False, index=True, tracking=True
    )
    authority_text = fields.Text(string="Authority", compute="_compute_authority", store=True)
    authority_department_id = fields.Many2one(
        "hr.department", string="Authority body", compute="_compute_authority", store=True
    )
    authority_user_id = fields.Many2one(
        "res.users",
        string="Decided by",
        compute="_compute_authority",
        store=True,
        help="Who records the authority's decision on this proposal.",
    )
    reason = fields.Text(string="Achievements")
    state = fields.Selection(
        [("draft", "Draft"), ("proposed", "Proposed"), ("granted", "Granted"), ("rejected", "Not granted")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    proposed_by_id = fields.Many2one("res.users", string="Proposed by", readonly=True, copy=False)
    date_proposed = fields.Date(readonly=True, copy=False)
    decision_number = fields.Char(tracking=True, copy=False)
    decision_date = fields.Date(copy=False)
    outcome_note = fields.Text(string="Outcome", copy=False)

    def _dvk_route_tier(self):
        """R7.2: the tier whose route and authority apply to this proposal (one proposal).

        The tier of the proposal's year's regulation with its agency's tier code: a
        2024 proposal follows the three tiers of 2023, a 2026 one the act in force
        then; the agency's own tier when that regulation sets no such tier.
        """
        self.ensure_one()
        return self.agency_id.sudo().dvk_tier_id._dvk_for_regulation(self.period_id.sudo().regulation_id)

    @api.depends("level", "agency_id", "agency_id.dvk_tier_id", "period_id.regulation_id")
    def _compute_authority(self):
        for proposal in self:
            agency = proposal.agency_id.sudo()
            department = self.env["hr.department"]
            user = self.env["res.users"]
            if proposal.level == "province":
                text = proposal.period_id.regulation_id.provincial_authority
            else:
                tier = proposal._dvk_route_tier()
                text = tier.commendation_authority
                if not agency:
                    pass  # a new proposal has no model yet
                elif tier.commendation_route == "committee":
                    committee = agency._dvk_nearest_committee()
                    department, user = committee.department_id, committee.chair_id
                elif tier.commendation_route == "tier_body":
                    # the nearest agency at or above of the same tier (by code: the tier as this act sets it)
                    same_tier = agency._dvk_ancestor_agencies().filtered(lambda a, t=tier: a.dvk_tier_id.code == t.code)
                    department = same_tier[-1:]
                    user = department._dvk_head_user() if department else user
                else:
                    department, user = agency, agency._dvk_head_user()
            proposal.authority_text = text or False
            proposal.authority_department_id = department
            proposal.authority_user_id = user

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("dvk.commendation") or "/"
        proposals = super().create(vals_list)
        for proposal in proposals:
            if proposal.model_id.state != "recognized":
                raise UserError(
                    _(
                        "%(model)s is not recognised: only recognised models are proposed for commendation.",
                        model=proposal.model_id.display_name,
                    )
                )
        proposals._dvk_check_role(["committee"], _("propose a commendation"))
        return proposals

    @api.constrains("level", "model_id")
    def _check_provincial_list(self):
        """R7.3: only a model of the provincial list is proposed to the province, whenever the level is set."""
        for proposal in self:
            if proposal.level == "province" and not proposal.model_id.on_provincial_list:
                raise UserError(
                    _(
                        "%(model)s is not on the provincial list (recognised and spreading for enough years in a row).",
                        model=proposal.model_id.display_name,
                    )
                )

    def _dvk_record_roles(self, user):
        """The authority that decides (R7.2 by tier; Home Affairs compiles the provincial list, R7.3, R9).

        Who proposed does not decide their own proposal.
        """
        sudo = self.sudo()
        if sudo.proposed_by_id == user:
            return set()
        if sudo.level == "province":
            return {"authority"} if user.has_group("danvan_khe.group_dvk_home_affairs") else set()
        return {"authority"} if sudo.authority_user_id and sudo.authority_user_id == user else set()

    def _dvk_authorities(self):
        if self.level == "province":
            return self.env.ref("danvan_khe.group_dvk_home_affairs").users.filtered(
                lambda u: not u.has_group("danvan_khe.group_dvk_admin")
            )[:1]
        return self.authority_user_id

    def _dvk_awardees(self):
        """Who is told of the award: the exemplar, or the collective's registrant and its agency head."""
        return self.model_id._dvk_implementers() | self.agency_id._dvk_head_user()

    def action_propose(self):
        """The steering committee sends the proposal to its tier's authority (R7.2)."""
        self._dvk_transition(
            "action_propose",
            _("Proposing"),
            proposed_by_id=self.env.uid,
            date_proposed=fields.Date.context_today(self),
            **self._dvk_public_comment_period(),
        )
        return True

    def _dvk_public_comment_period(self):
        """Art. 3: published for comment from today, for the configured days (15 by default)."""
        today = self.env["dvk.period"]._dvk_today()
        days = int(self.env["ir.config_parameter"].sudo().get_param("danvan_khe.public_comment_days", 15) or 15)
        return {"public_comment_start": today, "public_comment_end": today + timedelta(days=max(days, 1) - 1)}

    @api.depends("level", "model_id.tier_id")
    def _compute_award_form_id(self):
        """The first form of the proposal's level, while the current one does not fit it (R7.2, R7.3)."""
        Form = self.env["dvk.award.form"]
        for proposal in self:
            form, tier = proposal.award_form_id, proposal.model_id.sudo().tier_id
            if proposal.state not in (False, "draft") and form:
                continue
            if not form or not form._dvk_fits(proposal.level, tier):
                proposal.award_form_id = Form._dvk_default(proposal.level, tier)

    @api.constrains("award_form_id", "level", "tier_id")
    def _check_award_form(self):
        for proposal in self:
            form = proposal.award_form_id
            if form and proposal.state == "draft" and not form._dvk_fits(proposal.level, proposal.tier_id):
                raise ValidationError(
                    _(
                        "%(form)s is not granted at the level of %(proposal)s: choose a form of its level.",
                        form=form.display_name,
                        proposal=proposal.display_name,
                    )
                )

    def _dvk_check_decider(self, label):
        self._dvk_check_transition("action_grant", label)
        for proposal in self:
            if proposal.proposed_by_id == self.env.user:
                raise AccessError(
                    _(
                        "You proposed %(proposal)s: its authority (%(authority)s) decides it, not its proposer.",
                        proposal=proposal.display_name,
                        authority=proposal.authority_text or "-",
                    )
                )

    def action_grant(self, decision_number=None, decision_date=None):
        self._dvk_check_decider(_("Granting"))
        for proposal in self:
            values = {"decision_date": decision_date or proposal.decision_date or fields.Date.context_today(self)}
            if decision_number:
                values["decision_number"] = decision_number
            proposal._dvk_transition("action_grant", _("Granting"), **values)
        return True

    def action_reject(self, reason=None):
        reason = reason or self.env.context.get("dvk_reason")
        if not reason or not reason.strip():
            raise UserError(_("Give the reason why the commendation is not granted."))
        self._dvk_check_decider(_("Rejecting"))
        self._dvk_transition(
            "action_reject", _("Rejecting"), outcome_note=reason, decision_date=fields.Date.context_today(self)
        )
        return True
