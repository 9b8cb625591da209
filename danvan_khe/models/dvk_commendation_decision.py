from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class DvkCommendationDecision(models.Model):
    """The authority's commendation decision (quyết định khen thưởng), as a record (R7.2, R7.3, R3).

    Its awardees are proposals sent to the same authority. Issuing it grants each of
    them through the proposal's own ``action_grant`` (the proposal's checks decide:
    only its authority, never its proposer), with the decision's number and date.
    """

    _name = "dvk.commendation.decision"
    _description = "Commendation decision"
    _inherit = ["dvk.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _dvk_agency_field = "authority_department_id"
    _DRAFT = {
        "name",
        "date",
        "level",
        "authority_department_id",
        "signer",
        "award_form_id",
        "proposal_ids",
        "attachment_ids",
        "note",
    }
    _dvk_fields = {
        "create": {"authority": _DRAFT},
        "draft": {"authority": _DRAFT},
        # the signed paper is often scanned after the decision is recorded
        "issued": {"authority": {"attachment_ids"}},
    }
    _dvk_unlink = {"draft": ("authority",)}
    _dvk_transitions = {
        "action_issue": {"from": ("draft",), "roles": ("authority",), "to": "issued"},
    }

    name = fields.Char(string="Decision number", required=True, tracking=True, copy=False)
    date = fields.Date(string="Decision date", required=True, default=fields.Date.context_today, tracking=True)
    level = fields.Selection(
        [("tier", "By the agency's tier"), ("province", "Provincial")],
        required=True,
        default="tier",
        tracking=True,
    )
    authority_department_id = fields.Many2one(
        "hr.department",
        string="Issuing authority",
        index=True,
        tracking=True,
        domain=[("dvk_is_agency", "=", True)],
        default=lambda self: self._default_authority_department(),
        help="The body whose head (or committee) decides the proposals it grants. "
        "A provincial decision is recorded by Home Affairs.",
    )
    authority_user_id = fields.Many2one(
        "res.users",
        string="Decided by",
        compute="_compute_authority_user_id",
        store=True,
        help="Who records this authority's decisions: the same person who decides its proposals.",
    )
    signer = fields.Char(help="Who signed the decision.")
    award_form_id = fields.Many2one(
        "dvk.award.form",
        string="Award form",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="[('level', '=', level)]",
        default=lambda self: self._default_award_form(),
    )
    proposal_ids = fields.Many2many(
        "dvk.commendation",
        "dvk_commendation_decision_rel",
        "decision_id",
        "commendation_id",
        string="Awardees",
        domain="[('state', '=', 'proposed'), ('level', '=', level), ('award_form_id', '=', award_form_id), "
        "'|', ('level', '=', 'province'), ('authority_department_id', '=', authority_department_id)]",
        help="The proposals this decision grants: proposed to this authority, for this award form.",
    )
    proposal_count = fields.Integer(compute="_compute_proposal_count", string="Number of awardees")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "dvk_commendation_decision_attachment_rel",
        "decision_id",
        "attachment_id",
        string="Scanned decision",
    )
    note = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    issued_by_id = fields.Many2one("res.users", string="Recorded by", readonly=True, copy=False)
    date_issued = fields.Date(string="Recorded on", readonly=True, copy=False)

    def _dvk_waiting_proposal(self):
        """A proposal waiting for this user's decision, if any (to default the decision from it)."""
        return self.env["dvk.commendation"].search(
            [("state", "=", "proposed"), ("authority_user_id", "=", self.env.uid)], limit=1
        )

    def _default_authority_department(self):
        """The body of the proposals waiting for this user's decision, or the agency they head."""
        return self._dvk_waiting_proposal().authority_department_id or self.env.user.dvk_head_department_ids[:1]

    def _default_award_form(self):
        """The award proposed to this user, or the first form granted by tier."""
        return self._dvk_waiting_proposal().award_form_id or self.env["dvk.award.form"].search(
            [("level", "=", "tier")], limit=1
        )

    @api.depends("authority_department_id", "authority_department_id.manager_id.user_id")
    def _compute_authority_user_id(self):
        for decision in self:
            department = decision.authority_department_id.sudo()
            user = self.env["res.users"]
            if department:
                tier = department.dvk_tier_id
                if tier.commendation_route == "committee":
                    committee = department._dvk_nearest_committee()
                    user = committee._dvk_acting_member()
                else:
                    user = department._dvk_head_user()
            decision.authority_user_id = user

    @api.depends("proposal_ids")
    def _compute_proposal_count(self):
        for decision in self:
            decision.proposal_count = len(decision.proposal_ids)

    def _compute_display_name(self):
        for decision in self:
            decision.display_name = _(
                "Decision %(number)s of %(date)s",
                number=decision.name or "/",
                date=format_date(self.env, decision.date) if decision.date else "",
            )

    # roles -------------------------------------------------------------------

    def _dvk_record_roles(self, user):
        """The authority records its decision (R7.2); Home Affairs the provincial ones (R7.3, R9)."""
        sudo = self.sudo()
        if sudo.level == "province":
            return {"authority"} if user.has_group("danvan_khe.group_dvk_home_affairs") else set()
        return {"authority"} if sudo.authority_user_id and sudo.authority_user_id == user else set()

    # checks ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions._dvk_check_awardees()
        return decisions

    def write(self, vals):
        res = super().write(vals)
        if not self.env.su and {"proposal_ids", "level", "authority_department_id", "award_form_id"} & set(vals):
            self.filtered(lambda d: d.state == "draft")._dvk_check_awardees()
        return res

    def _dvk_check_awardees(self):
        """A decision grants proposals sent to its own authority, at its level, for its award form."""
        for decision in self.sudo():
            if decision.level == "tier" and not decision.authority_department_id:
                raise UserError(_("Name the authority that issues the decision %(name)s.", name=decision.name))
            if decision.award_form_id.level != decision.level:
                raise UserError(
                    _(
                        "%(form)s is not an award of the level of the decision %(name)s.",
                        form=decision.award_form_id.display_name,
                        name=decision.name,
                    )
                )
            for proposal in decision.proposal_ids:
                if proposal.state != "proposed":
                    raise UserError(
                        _(
                            "%(proposal)s is %(state)s: a decision grants proposals that wait for it.",
                            proposal=proposal.display_name,
                            state=proposal._dvk_state_label(proposal.state),
                        )
                    )
                if proposal.level != decision.level or (
                    decision.level == "tier" and proposal.authority_department_id != decision.authority_department_id
                ):
                    raise UserError(
                        _(
                            "%(proposal)s is proposed to %(authority)s, not to the authority of the decision %(name)s.",
                            proposal=proposal.display_name,
                            authority=proposal.authority_department_id.display_name or proposal.authority_text or "-",
                            name=decision.name,
                        )
                    )
                if proposal.award_form_id != decision.award_form_id:
                    raise UserError(
                        _(
                            "%(proposal)s proposes %(proposed)s, and the decision %(name)s grants %(form)s.",
                            proposal=proposal.display_name,
                            proposed=proposal.award_form_id.display_name,
                            name=decision.name,
                            form=decision.award_form_id.display_name,
                        )
                    )

    # the transition ----------------------------------------------------------

    def action_issue(self):
        """Record the issued decision: each of its proposals is granted with its number and date (R7.2).

        The proposals are granted by their own transition, as the user: a user who is not
        their authority, or who proposed one of them, cannot issue the decision.
        """
        label = _("Issuing the decision")
        self._dvk_check_transition("action_issue", label)
        for decision in self:
            if not decision.proposal_ids:
                raise UserError(_("The decision %(name)s grants no proposal: add its awardees.", name=decision.name))
        self._dvk_check_awardees()
        self._dvk_lock_rows()
        self._dvk_check_state(("draft",), label)
        today = fields.Date.context_today(self)
        for decision in self:
            proposals = decision.proposal_ids
            proposals.action_grant(decision_number=decision.name, decision_date=decision.date)
            proposals.sudo().write({"decision_id": decision.id})
            decision._dvk_set_state("issued", issued_by_id=self.env.uid, date_issued=today)
            decision._dvk_log_awardees()
        return True

    def _dvk_log_awardees(self):
        """R3: the decision and each awardee's proposal say who was granted what, by which decision."""
        for decision in self.sudo():
            form = decision.award_form_id.display_name
            for proposal in decision.proposal_ids:
                proposal._message_log(
                    body=_(
                        "Granted %(form)s by decision %(number)s of %(date)s.",
                        form=form,
                        number=decision.name,
                        date=format_date(self.env, decision.date),
                    )
                )
            items = Markup().join(
                Markup("<li>%s — %s</li>") % (p.model_id.implementer_name or "", p.model_id.name or "")
                for p in decision.proposal_ids
            )
            decision._message_log(
                body=Markup("<p>%s</p><ul>%s</ul>") % (_("Issued: %(form)s granted to", form=form), items)
            )

    def action_open_proposals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Awardees"),
            "res_model": "dvk.commendation",
            "view_mode": "list,form",
            "domain": [("id", "in", self.proposal_ids.ids)],
        }

    def action_print(self):
        return self.env.ref("danvan_khe.action_report_commendation").report_action(self.proposal_ids)
