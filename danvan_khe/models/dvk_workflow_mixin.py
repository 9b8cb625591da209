import psycopg2.errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class DvkWorkflowMixin(models.AbstractModel):
    """Server-side guard of the movement's transitions (R3).

    Every transition checks its states and the acting user's role and scope here,
    then changes ``state`` through ``_dvk_set_state``: a plain ``write`` of
    ``state`` (a form, an RPC call) is refused, so no step can be skipped.
    """

    _name = "dvk.workflow.mixin"
    _description = "Movement workflow guard"
    _dvk_agency_field = "agency_id"  # the field holding the agency whose scope governs the record

    in_my_agency = fields.Boolean(compute="_compute_in_my_agency", search="_search_in_my_agency", string="In my agency")

    def _dvk_agency(self):
        """The agency (hr.department) whose scope governs this record."""
        return self[self._dvk_agency_field]

    @api.depends_context("uid")
    def _compute_in_my_agency(self):
        agencies = self.env.user.dvk_agency_ids
        for record in self:
            record.in_my_agency = record[self._dvk_agency_field] in agencies

    def _search_in_my_agency(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'In my agency'."))
        operator = "in" if (operator == "=") == value else "not in"
        return [(self._dvk_agency_field, operator, self.env.user.dvk_agency_ids.ids)]

    def action_open_refuse_wizard(self):
        """The refuse buttons ask the reason first (dvk.refuse.wizard calls action_refuse)."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Refuse"),
            "res_model": "dvk.refuse.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _dvk_check_state(self, states, action):
        for record in self:
            if record.state not in states:
                state_label = dict(record._fields["state"]._description_selection(self.env))[record.state]
                raise UserError(
                    _(
                        "%(action)s is not possible for %(record)s: it is %(state)s.",
                        action=action,
                        record=record.display_name,
                        state=state_label,
                    )
                )

    def _dvk_check_role(self, roles, action):
        """Refuse unless the user acts, for each record, in one of ``roles`` over its agency."""
        user = self.env.user
        for record in self:
            agency = record._dvk_agency()
            if not any(user._dvk_can_act(role, agency) for role in roles):
                raise AccessError(
                    _(
                        "You cannot %(action)s for %(agency)s: it is outside your role or scope in the movement.",
                        action=action,
                        agency=agency.display_name,
                    )
                )

    def _dvk_lock_rows(self):
        """Lock the records for this transaction, so that two deciders cannot both decide."""
        if not self.ids:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    f'SELECT id FROM "{self._table}" WHERE id IN %s FOR UPDATE NOWAIT',  # noqa: S608
                    [tuple(self.ids)],
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure):
            raise UserError(
                _(
                    "Someone else is deciding on %(record)s right now. Reload it and try again.",
                    record=self[:1].display_name,
                )
            ) from None
        self.invalidate_recordset(["state"])

    def _dvk_set_state(self, state, **values):
        """The only door through which ``state`` changes (after the caller's checks)."""
        values["state"] = state
        self.sudo().write(values)

    def write(self, vals):
        if "state" in vals and not self.env.su:
            raise UserError(
                _(
                    "The state of %(record)s changes only through the movement's actions "
                    "(submit, confirm, approve, refuse, ...).",
                    record=self[:1].display_name,
                )
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            default = self._fields["state"].default(self) if self._fields["state"].default else False
            for vals in vals_list:
                if vals.get("state", default) != default:
                    raise UserError(_("A new record of the movement starts in its first state."))
        return super().create(vals_list)

    def _dvk_schedule(self, xmlid, users, note=""):
        """Give the next actor an activity (sudo: the actor who hands over may not own it)."""
        for record in self.sudo():
            for user in users:
                record.activity_schedule(xmlid, user_id=user.id, note=note)

    def _dvk_done(self, xmlids, feedback=""):
        self.sudo().activity_feedback(xmlids, feedback=feedback or None)
