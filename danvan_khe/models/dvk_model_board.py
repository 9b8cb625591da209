from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.osv import expression


class DvkModelBoard(models.AbstractModel):
    """The models board's decisions: what waits for me, and evaluating (R7.1), recognising or
    not recognising (R7.2) from a card or from a selection in the list.

    The buttons prepare the records the regulation calls for (an evaluation to score, the
    committee's draft recognition decision); the decision itself stays a separate, confirmed
    step of those records, taken by their own transitions.
    """

    _name = "dvk.model.board"
    _description = "Decisions on the models board"

    is_waiting_for_me = fields.Boolean(
        compute="_compute_is_waiting_for_me",
        search="_search_is_waiting_for_me",
        string="Waiting for me",
        help="Models I carry out and report, reported ones I evaluate as head, evaluated ones my committee recognises.",
    )

    @api.depends_context("uid")
    def _compute_is_waiting_for_me(self):
        mine = self.search([("id", "in", self.ids), ("is_waiting_for_me", "=", True)])
        for model in self:
            model.is_waiting_for_me = model in mine

    def _search_is_waiting_for_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Waiting for me'."))
        user = self.env.user
        employees = user.sudo().employee_ids.ids
        domains = [
            [
                ("state", "=", "in_progress"),
                "|",
                "&",
                ("kind", "=", "collective"),
                ("registration_id.submitted_by_id", "=", user.id),
                ("employee_id", "in", employees),
            ]
        ]
        if user._dvk_is_admin():
            # the movement admin evaluates anywhere; recognising is a committee's (its members only)
            domains.append([("state", "=", "reported")])
        if user.has_group("danvan_khe.group_dvk_manager"):
            domains.append([("state", "=", "reported"), ("agency_id", "in", user.dvk_head_competent_ids.ids)])
        if user.has_group("danvan_khe.group_dvk_committee"):
            domains.append([("state", "=", "evaluated"), ("agency_id", "in", user.dvk_committee_competent_ids.ids)])
        domain = expression.OR(domains)
        positive = (operator == "=") == value
        return domain if positive else ["!", *domain]

    def _dvk_require_state(self, state, what):
        """Every selected model is in ``state``, or a clear error naming the first that is not."""
        wrong = self.filtered(lambda m: m.state != state)
        if wrong:
            raise UserError(
                _(
                    "%(what)s: %(model)s is %(state)s.",
                    what=what,
                    model=wrong[0].display_name,
                    state=wrong[0]._dvk_state_label(wrong[0].state),
                )
            )

    # R7.1: the head scores the reported models ----------------------------

    def action_evaluate(self):
        """Open my evaluation of each selected reported model, made (draft, every factor listed) if missing."""
        if not self:
            raise UserError(_("Select the models to evaluate."))
        self._dvk_require_state("reported", _("Only reported models are evaluated"))
        Evaluation = self.env["dvk.evaluation"]
        mine = Evaluation.search(
            [("model_id", "in", self.ids), ("evaluator_id", "=", self.env.uid), ("state", "=", "draft")]
        )
        missing = self - mine.model_id
        evaluations = mine | Evaluation.create([{"model_id": model.id} for model in missing])
        return evaluations._get_records_action(name=_("Evaluations"), context={})

    # R7.2: the committee recognises or not the evaluated models -----------

    def _dvk_my_decisions(self):
        """My committees' draft recognition decision for each selected model, made if missing.

        A decision is a committee's for one year: the selected models are gathered by the committee
        of mine that governs their agency and by their year.
        """
        self._dvk_require_state("evaluated", _("Only evaluated models are recognised"))
        if not self.env.user.has_group("danvan_khe.group_dvk_committee"):
            raise UserError(_("Only members of a steering committee, with the committee role, recognise models."))
        committees = self.env["dvk.committee"].search([("member_ids", "in", self.env.uid)])
        governed = {committee: committee.sudo()._dvk_governed_agencies() for committee in committees}
        Recognition = self.env["dvk.recognition"]
        decisions, found = {}, {}
        for model in self:
            committee = next((c for c in committees if model.agency_id in governed[c]), None)
            if not committee:
                raise UserError(
                    _(
                        "%(model)s is recognised by the steering committee of its agency %(agency)s, "
                        "of which you are not a member.",
                        model=model.display_name,
                        agency=model.agency_id.display_name,
                    )
                )
            key = (committee.id, model.period_id.id)
            if key not in found:
                domain = [("committee_id", "=", key[0]), ("period_id", "=", key[1]), ("state", "=", "draft")]
                found[key] = Recognition.search(domain, order="id desc", limit=1) or Recognition.create(
                    {"committee_id": key[0], "period_id": key[1]}
                )
            decisions[model] = found[key]
        return decisions

    def _dvk_leave_other_drafts(self, decisions):
        """A model sits in one draft decision: putting models in ``decisions`` ({model: decision}) takes
        them out of any other draft, found in one search."""
        others = self.env["dvk.recognition"].search(
            [
                ("state", "=", "draft"),
                "|",
                ("model_ids", "in", self.ids),
                ("rejection_ids.model_id", "in", self.ids),
            ]
        )
        for other in others:
            leaving = (other.model_ids | other.rejection_ids.model_id).filtered(
                lambda m, o=other: m in decisions and decisions[m] != o
            )
            if leaving:
                stale = other.rejection_ids.filtered(lambda r, ms=leaving: r.model_id in ms)
                other.write(
                    {
                        "model_ids": [Command.unlink(model.id) for model in leaving],
                        "rejection_ids": [Command.unlink(r.id) for r in stale],
                    }
                )

    def action_recognize(self):
        """Put the selected models in my committee's draft decision of their year, and open it."""
        if not self:
            raise UserError(_("Select the models to recognise."))
        decisions = self._dvk_my_decisions()
        self._dvk_leave_other_drafts(decisions)
        touched = self.env["dvk.recognition"]
        for model, decision in decisions.items():
            stale = decision.rejection_ids.filtered(lambda r, m=model: r.model_id == m)
            decision.write(
                {"model_ids": [Command.link(model.id)], "rejection_ids": [Command.unlink(r.id) for r in stale]}
            )
            touched |= decision
        return touched._get_records_action(name=_("Recognition decisions"), context={})

    def action_not_recognize(self, reason=None):
        """Put the selected models, with the committee's reason, among the 'not recognised' of its draft decision."""
        reason = reason or self.env.context.get("dvk_reason")
        if not reason or not reason.strip():
            raise UserError(_("Give the reason why the committee does not recognise these models."))
        decisions = self._dvk_my_decisions()
        self._dvk_leave_other_drafts(decisions)
        touched = self.env["dvk.recognition"]
        for model, decision in decisions.items():
            existing = decision.rejection_ids.filtered(lambda r, m=model: r.model_id == m)
            if existing:
                rejection = Command.update(existing[:1].id, {"reason": reason})
            else:
                rejection = Command.create({"model_id": model.id, "reason": reason})
            decision.write({"model_ids": [Command.unlink(model.id)], "rejection_ids": [rejection]})
            touched |= decision
        return touched._get_records_action(name=_("Recognition decisions"), context={})

    def action_open_not_recognize_wizard(self):
        """The 'not recognised' buttons ask the committee's reason first."""
        action = self.action_open_refuse_wizard()
        action["name"] = _("Not recognised")
        action["context"] = {**action["context"], "dvk_decision": "not_recognize"}
        return action
