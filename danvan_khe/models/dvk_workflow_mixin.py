from collections import defaultdict

import psycopg2.errors
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mail import generate_tracking_message_id


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
    # Odoo's "assigned to you" message for each activity given (an e-mail to whoever prefers e-mails, the
    # note in its body): off, the activity itself waits in the user's activities, nothing is e-mailed
    _dvk_activity_notify = False

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
        """Close what waited for the state left; give the state reached its next actor.

        In batch, whatever the number of records (an approval moves every line of a form):
        one search of the activities waiting on the records, one ``action_feedback`` of the
        stale ones, one ``mail.activity`` create (per recipients' language) of the new ones.
        Each record gets what ``activity_feedback`` and ``activity_schedule`` gave it one by
        one: the type of its state, its next actors (those who have it already excepted), the
        deadline, the summary and note in the recipient's language.
        """
        specs = self._dvk_activities
        if not specs or not self or self.env.context.get("mail_activity_automation_skip"):
            return
        records = self.sudo()
        Activity = self.env["mail.activity"].sudo()
        type_ids = {
            spec[0]: self.env["ir.model.data"]._xmlid_to_res_id(spec[0], raise_if_not_found=True)
            for spec in specs.values()
        }
        by_state = {}
        for record in records:
            by_state.setdefault(record.state, records.browse())
            by_state[record.state] |= record
        waiting = defaultdict(Activity.browse)  # {(record id, type id): active activities}
        found = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "in", list(set(type_ids.values()))),
            ]
        )
        for activity in found:
            waiting[activity.res_id, activity.activity_type_id.id] |= activity
        stale = Activity.browse()
        todo = []
        for state, group in by_state.items():
            current = specs.get(state)
            stale_types = {type_ids[xmlid] for xmlid in type_ids if not current or xmlid != current[0]}
            # what activity_feedback found: the automated ones of the other types, in the search's order
            stale |= found.filtered(
                lambda a, g=set(group.ids), t=stale_types: a.res_id in g and a.activity_type_id.id in t and a.automated
            )
            if current:
                todo += group._dvk_activities_to_schedule(waiting, type_ids[current[0]], *current[1:])
        if stale:
            stale.action_feedback()
        self._dvk_create_activities(todo)

    def _dvk_activities_to_schedule(self, waiting, type_id, users_method, deadline_method=None):
        """[(record, user, type, deadline)]: the next actors who do not have the activity yet (sudo: the actor
        who hands over may not own the record; no e-mail address is needed)."""
        activity_type = self.env["mail.activity.type"].sudo().browse(type_id)
        default_deadline = None
        todo = []
        for record in self.sudo():
            users = getattr(record, users_method)()
            given = waiting[record.id, type_id].user_id
            deadline = getattr(record, deadline_method)() if deadline_method else None
            if not deadline:
                default_deadline = default_deadline or activity_type._get_date_deadline()
                deadline = default_deadline
            todo += [(record, user, activity_type, deadline) for user in users - given]
        return todo

    def _dvk_create_activities(self, todo):
        """The activities of ``todo`` as ``activity_schedule`` makes them, one create per recipients' language."""
        if not todo:
            return
        model_id = self.env["ir.model"]._get(self._name).id
        by_lang = defaultdict(list)
        for record, user, type_, deadline in todo:
            lang = user.lang or self.env.lang
            activity_type = type_.with_context(lang=lang)
            by_lang[lang].append(
                {
                    "activity_type_id": activity_type.id,
                    "summary": activity_type.summary,
                    "automated": True,
                    "note": activity_type.default_note,
                    "date_deadline": deadline,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "user_id": user.id,
                }
            )
        for lang, vals_list in by_lang.items():
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(lang=lang, mail_activity_quick_update=not self._dvk_activity_notify)
                .create(vals_list)
            )
            # mail.activity's create tells the activity menu of one user to refresh (that of its last
            # activity): tell each user with an activity due, as one activity_schedule per record did
            due = activities.filtered(lambda a: a.date_deadline <= fields.Date.today())
            if due:
                (due.user_id - activities[-1].user_id)._bus_send("mail.activity/updated", {"activity_created": True})

    # the tracking notes of records moving together, in one batch ---------------

    def _message_track(self, fields_iter, initial_values_dict):
        """mail.thread's tracking; when several records changed (the lines of a form that moves), their
        tracking notes are created together (``_dvk_log_tracking``): the same notes, in the same order."""
        if len(self) < 2:
            return super()._message_track(fields_iter, initial_values_dict)
        key = f"dvk.tracking.logs.{self._name}"
        logs = self.env.cr.precommit.data[key] = []
        try:
            tracking = super()._message_track(fields_iter, initial_values_dict)
        finally:
            self.env.cr.precommit.data.pop(key, None)
        self._dvk_log_tracking(logs)
        return tracking

    def _message_log(self, *, body="", author_id=None, tracking_value_ids=False, **kwargs):
        """Inside ``_message_track`` of several records, a tracking note waits to be created with the others."""
        logs = self.env.cr.precommit.data.get(f"dvk.tracking.logs.{self._name}")
        if logs is None or kwargs or not tracking_value_ids or len(self) != 1:
            return super()._message_log(body=body, author_id=author_id, tracking_value_ids=tracking_value_ids, **kwargs)
        logs.append((self, body, author_id, tracking_value_ids))
        return self.env["mail.message"]

    def _dvk_log_tracking(self, logs):
        """What ``_message_log`` (mail.thread's ``_message_log_batch``) writes for each of ``logs``, in one
        create of the notes and one of their tracking values (as sudo, as there)."""
        if not logs:
            return
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        authors = {}
        values_list, trackings = [], []
        for record, body, author_id, tracking_value_ids in logs:
            if author_id not in authors:
                author, email_from = record._message_compute_author(author_id, None, raise_on_email=False)
                reply_to = record.env["mail.thread"]._notify_get_reply_to(default=email_from)[False]
                authors[author_id] = (author, email_from, reply_to)
            author, email_from, reply_to = authors[author_id]
            values_list.append(
                {
                    "author_id": author,
                    "email_from": email_from,
                    "model": record._name,
                    "record_alias_domain_id": False,
                    "record_company_id": False,
                    "record_name": False,
                    "attachment_ids": False,
                    "message_type": "notification",
                    "is_internal": True,
                    "subject": False,
                    "subtype_id": note,
                    "email_add_signature": False,
                    "message_id": generate_tracking_message_id("message-notify"),
                    "partner_ids": False,
                    "reply_to": reply_to,
                    "res_id": record.id,
                    "body": escape(body),
                }
            )
            trackings.append(tracking_value_ids)
        messages = logs[0][0].sudo()._message_create(values_list)
        tracking_values = []
        for message, commands in zip(messages, trackings, strict=True):
            creates = [dict(cmd[2], mail_message_id=message.id) for cmd in commands if len(cmd) == 3 and cmd[0] == 0]
            others = [cmd for cmd in commands if len(cmd) != 3 or cmd[0] != 0]
            tracking_values += creates
            if others:
                message.sudo().write({"tracking_value_ids": commands})
        if tracking_values:
            self.env["mail.tracking.value"].sudo().create(tracking_values)

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
