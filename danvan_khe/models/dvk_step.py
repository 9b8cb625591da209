from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval


class DvkStep(models.Model):
    """A step of the movement that waits for someone: the overview counts, for the user who opens
    it, the records waiting for them at each step, and opens them in one click.

    Steps are data: which records wait (a domain evaluated for the current user, with ``user``,
    ``uid`` and ``today``), and for which groups the step shows.
    """

    _name = "dvk.step"
    _description = "Step waiting for me"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    res_model = fields.Char(string="Records", required=True)
    domain = fields.Char(
        required=True,
        default="[]",
        help="Which records wait at this step, for the current user (user, uid and today can be used).",
    )
    group_ids = fields.Many2many("res.groups", string="Shown to", help="Empty: shown to every user of the movement.")
    icon = fields.Char(default="fa-inbox")
    is_late = fields.Boolean(string="Counts late work", help="Shown in red when something waits.")
    active = fields.Boolean(default=True)
    count = fields.Integer(compute="_compute_count", string="Waiting")
    is_mine = fields.Boolean(compute="_compute_count", search="_search_is_mine", string="For me")

    def _dvk_domain(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        context = {
            "user": self.env.user,
            "uid": self.env.uid,
            "today": today,
            "soon": today + timedelta(days=30),
        }
        return safe_eval(self.domain or "[]", context)

    @api.depends_context("uid")
    def _compute_count(self):
        groups = self.env.user.groups_id
        for step in self:
            step.is_mine = not step.group_ids or bool(step.group_ids & groups)
            # counted with the user's own rights: only what they may see, and so act on
            step.count = self.env[step.res_model].search_count(step._dvk_domain()) if step.is_mine else 0

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'For me'."))
        domain = ["|", ("group_ids", "=", False), ("group_ids", "in", self.env.user.groups_id.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    def action_open(self):
        """The records waiting at this step, in the list and board of their own views."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": self._dvk_domain(),
            "context": {"create": False},
        }
