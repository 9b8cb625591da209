import psycopg2.errors

from odoo import _, api, models
from odoo.exceptions import UserError


class DvkWorkflowMixin(models.AbstractModel):
    """The movement's transitions, declared once per model (R3).

    ``_dvk_transitions`` says, for each action: the states it starts from, the
    roles that take it, and the state it leads to. ``_dvk_activities`` says,
    for each state, the activity that waits for the next actor and the method
    naming them. A transition checks state and role, locks the rows, changes the
    state in sudo (a plain ``write`` of ``state`` is refused, even for the
    administrator), then ``_dvk_activity_update`` closes the activities of the
    state left and schedules the one of the state reached, as ``hr.leave`` does.
    """

    _name = "dvk.workflow.mixin"
    _inherit = "dvk.agency.mixin"
    _description = "Movement workflow guard"
    # {action: {"from": states, "roles": roles, "to": state}}
    _dvk_transitions = {}
    # {state: (activity type xmlid, method returning the users who act next[, method returning the deadline])}
    _dvk_activities = {}

    def _dvk_check_state(self, states, action):
        for record in self:
            if record.state not in states:
                raise UserError(
                    _(
                        "%(action)s is not possible for %(record)s: it is %(state)s.",
                        action=action,
                        record=record.display_name,
                        state=record._dvk_state_label(record.state),
                    )
                )

    def _dvk_check_transition(self, action, label):
        """Refuse ``action`` unless each record is in one of its states and the user holds one of its roles."""
        transition = self._dvk_transitions[action]
        self._dvk_check_state(transition["from"], label)
        self._dvk_check_role(transition["roles"], label, step=label)

    def _dvk_transition(self, action, label, **values):
        """Check, lock, re-check (someone may have decided meanwhile), then move to the target state."""
        self._dvk_check_transition(action, label)
        self._dvk_lock_rows()
        self._dvk_check_state(self._dvk_transitions[action]["from"], label)
        self._dvk_set_state(self._dvk_transitions[action]["to"], **values)

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
        self._dvk_activity_update()

    # activities follow the state, in one place -----------------------------

    def _dvk_activity_update(self):
        """Close what waited for the state left; give the state reached its next actor."""
        types = {spec[0] for spec in self._dvk_activities.values()}
        if not types:
            return
        records = self.sudo()
        by_state = {}
        for record in records:
            by_state.setdefault(record.state, records.browse())
            by_state[record.state] |= record
        for state, group in by_state.items():
            current = self._dvk_activities.get(state)
            stale = sorted(types - {current[0]} if current else types)
            if stale:
                group.activity_feedback(stale)
            if current:
                group._dvk_schedule(*current)

    def _dvk_schedule(self, xmlid, users_method, deadline_method=None):
        """Give the next actors an activity, once, in their own language (sudo: the actor who hands over
        may not own it; no e-mail address is needed)."""
        activity_type = self.env.ref(xmlid)
        for record in self.sudo():
            users = getattr(record, users_method)()
            waiting = record.activity_ids.filtered(lambda a, t=activity_type: a.activity_type_id == t).user_id
            deadline = getattr(record, deadline_method)() if deadline_method else None
            for user in users - waiting:
                record.with_context(lang=user.lang or self.env.lang).activity_schedule(
                    xmlid, user_id=user.id, date_deadline=deadline or activity_type._get_date_deadline()
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            first = self._fields["state"].default(self) if self._fields["state"].default else False
            given = self.env.context.get("default_state", first)  # a context default is given too
            for vals in vals_list:
                if vals.get("state", given) != first:
                    raise UserError(_("A new record of the movement starts in its first state."))
        return super().create(vals_list)

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
