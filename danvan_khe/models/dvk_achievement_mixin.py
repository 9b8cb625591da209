from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class DvkAchievementMixin(models.AbstractModel):
    """The movement's history of an agency (hr.department) or a person (hr.employee), year by year.

    Every year's registered models and exemplars, their recognition and their
    commendations: the dossier (hồ sơ thành tích) that a proposal to a higher level
    needs (R7.2, R7.3). Read with the user's own rights: a user sees the history of
    what their role lets them read, and prints the dossier of their scope only.
    """

    _name = "dvk.achievement.mixin"
    _description = "Achievement history in the movement"

    dvk_history_model_ids = fields.Many2many(
        "dvk.model", compute="_compute_dvk_history", string="Models and exemplars (history)"
    )
    dvk_history_commendation_ids = fields.Many2many(
        "dvk.commendation", compute="_compute_dvk_history", string="Commendations (history)"
    )
    dvk_history_model_count = fields.Integer(compute="_compute_dvk_history", string="Registered models")
    dvk_history_recognized_count = fields.Integer(compute="_compute_dvk_history", string="Recognitions")
    dvk_history_commendation_count = fields.Integer(compute="_compute_dvk_history", string="Commendations")

    def _dvk_history_model_domain(self):
        """The domain of the dvk.model records of this agency or person (one record)."""
        raise NotImplementedError

    def _dvk_history_agency(self):
        """The agency whose scope governs this history (one record)."""
        raise NotImplementedError

    @api.depends_context("uid")
    def _compute_dvk_history(self):
        Model = self.env["dvk.model"]
        Commendation = self.env["dvk.commendation"]
        for record in self:
            if not record.id:
                record.dvk_history_model_ids = record.dvk_history_commendation_ids = False
                record.dvk_history_model_count = record.dvk_history_recognized_count = 0
                record.dvk_history_commendation_count = 0
                continue
            history = Model.search([*record._dvk_history_model_domain(), ("state", "not in", ("draft", "cancelled"))])
            proposals = Commendation.search([("model_id", "in", history.ids), ("state", "!=", "draft")])
            record.dvk_history_model_ids = history
            record.dvk_history_commendation_ids = proposals
            record.dvk_history_model_count = len(history)
            record.dvk_history_recognized_count = len(history.filtered(lambda m: m.state == "recognized"))
            record.dvk_history_commendation_count = len(proposals.filtered(lambda p: p.state == "granted"))

    # who may read the dossier ---------------------------------------------------

    def _dvk_check_history_access(self):
        """The dossier is read within the roles' scopes, as the record rules read the records (R3)."""
        user = self.env.user
        if self.env.su or user._dvk_is_admin() or user.has_group("danvan_khe.group_dvk_home_affairs"):
            return
        for record in self:
            agency = record.sudo()._dvk_history_agency()
            allowed = agency and (
                (user.has_group("danvan_khe.group_dvk_user") and agency in user.dvk_agency_ids)
                or (
                    user.has_group("danvan_khe.group_dvk_manager")
                    and agency._dvk_is_under(user.dvk_head_department_ids)
                )
                or (
                    user.has_group("danvan_khe.group_dvk_committee")
                    and agency._dvk_is_under(user.dvk_committee_department_ids)
                )
            )
            if not allowed:
                raise AccessError(
                    _(
                        "The achievements of %(name)s are outside your scope in the movement.",
                        name=record.sudo().display_name,
                    )
                )

    def _dvk_history_years(self):
        """[(year, [row, ...]), ...], newest year first: each model with its result, recognition, awards."""
        self.ensure_one()
        self._dvk_check_history_access()
        helper = self.env["dvk.report.mixin"]
        by_year = {}
        for model in self.dvk_history_model_ids.sorted(lambda m: (-(m.year or 0), m.sequence, m.id)):
            recognition = model.recognition_id if model.state == "recognized" else model.recognition_id.browse()
            awards = []
            for proposal in model.commendation_ids.filtered(lambda p: p.state != "draft").sorted("id"):
                awards.append(
                    {
                        "form": helper._dvk_vn(proposal.award_form_id).name or "",
                        "state": proposal.state,
                        "decision_number": proposal.decision_number or "",
                        "decision_date": proposal.decision_date,
                    }
                )
            by_year.setdefault(model.year or 0, []).append(
                {
                    "model": model,
                    "name": model.name or "",
                    "implementer": model.implementer_name or "",
                    "agency": model.agency_id.name or "",
                    "sector_code": model.sector_id.code or "",
                    "kind": model.kind,
                    "state": model.state,
                    "recognition_number": recognition.name if recognition and recognition.name != "/" else "",
                    "recognition_date": recognition.date if recognition else False,
                    "awards": awards,
                }
            )
        return sorted(by_year.items(), key=lambda item: -item[0])

    # what the buttons open ----------------------------------------------------------

    def _dvk_history_action(self, res_model, name, domain):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": res_model,
            "view_mode": "list,form",
            "domain": domain,
            "context": {"search_default_group_year": 1} if res_model == "dvk.model" else {},
        }

    def action_dvk_history_models(self):
        return self._dvk_history_action(
            "dvk.model", _("Models and exemplars"), [("id", "in", self.dvk_history_model_ids.ids)]
        )

    def action_dvk_history_recognized(self):
        recognized = self.dvk_history_model_ids.filtered(lambda m: m.state == "recognized")
        return self._dvk_history_action("dvk.model", _("Recognised"), [("id", "in", recognized.ids)])

    def action_dvk_history_commendations(self):
        return self._dvk_history_action(
            "dvk.commendation", _("Commendations"), [("id", "in", self.dvk_history_commendation_ids.ids)]
        )

    def action_dvk_print_dossier(self):
        self._dvk_check_history_access()
        xmlid = (
            "danvan_khe.action_report_achievement_employee"
            if self._name in ("hr.employee", "hr.employee.public")
            else "danvan_khe.action_report_achievement_department"
        )
        return self.env.ref(xmlid).report_action(self)
