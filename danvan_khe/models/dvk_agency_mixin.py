import math

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formataddr

# Fields that the ORM, mail and the web client manage on every record: not the movement's decisions.
UNGUARDED = frozenset({"color", "sequence_handle"})


class DvkAgencyMixin(models.AbstractModel):
    """A record governed by an agency's scope on the org tree, and what each role may write on it (R3).

    ``_dvk_fields`` is the table of what may change: ``{state: {role: fields}}``,
    with the pseudo-state ``"create"`` for the fields a role may give a new record.
    Every other stored field (computed, related, and every decision: who, when,
    why, scores, results, figures sent) is written by the server's own
    transitions alone (in sudo, after their checks). The movement administrator
    may correct anything but the state, and each correction is logged.

    Roles are the movement's: ``staff``, ``head``, ``committee``,
    ``home_affairs``, and those a model adds in ``_dvk_record_roles`` (the
    evaluator of an evaluation, the members of a recognition's committee, the
    authority of a commendation).
    """

    _name = "dvk.agency.mixin"
    _description = "Record in an agency's scope"
    _dvk_agency_field = "agency_id"
    _dvk_fields = {}
    # who may delete, by state: {state: roles}
    _dvk_unlink = {}
    # the year's records that a closed year freezes for every user (see dvk.period.action_close)
    _dvk_year_frozen = False
    # fields a create override always sets itself, whatever the caller sent
    _dvk_server_fields = frozenset()

    in_my_agency = fields.Boolean(compute="_compute_in_my_agency", search="_search_in_my_agency", string="In my agency")

    def _dvk_agency(self):
        """The agency (hr.department) whose scope governs this record."""
        return self[self._dvk_agency_field]

    @api.depends_context("uid")
    def _compute_in_my_agency(self):
        agencies = self.env.user.dvk_agency_ids
        for record in self:
            record.in_my_agency = record._dvk_agency() in agencies

    def _search_in_my_agency(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'In my agency'."))
        operator = "in" if (operator == "=") == value else "not in"
        return [(self._dvk_agency_field, operator, self.env.user.dvk_agency_ids.ids)]

    def _dvk_year(self):
        """The years these records belong to (a line's is its parent's)."""
        return self.sudo().period_id if "period_id" in self._fields else self.env["dvk.period"]

    def _dvk_check_year_open(self):
        if self._dvk_year_frozen and not self.env.su:
            self._dvk_year()._dvk_check_open()

    # roles -----------------------------------------------------------------

    def _dvk_guard_state(self):
        """The state whose row of ``_dvk_fields`` applies (a line follows its parent's)."""
        self.ensure_one()
        return self.sudo().state

    def _dvk_record_roles(self, user):
        """Roles of ``user`` on this record beyond the scopes of the org tree."""
        return set()

    def _dvk_roles(self, user=None):
        """Every movement role the user holds over this record."""
        self.ensure_one()
        user = user or self.env.user
        agency = self.sudo()._dvk_agency()
        roles = {
            role for role in ("staff", "head", "committee") if agency and user._dvk_can_act(role, agency, strict=True)
        }
        if user.has_group("danvan_khe.group_dvk_home_affairs"):
            roles.add("home_affairs")
        return roles | self._dvk_record_roles(user)

    def _dvk_check_role(self, roles, action, step=None):
        """Refuse unless the user acts, for each record, in one of ``roles`` over it.

        ``action`` completes "You cannot ..."; a transition names its ``step`` instead.
        """
        user = self.env.user
        if user._dvk_is_admin():
            return
        for record in self:
            if record._dvk_roles(user) & set(roles):
                continue
            agency = record.sudo()._dvk_agency().display_name
            if step:
                raise AccessError(
                    _(
                        "%(step)s %(record)s is not for you: it is outside your role or scope in the movement "
                        "(%(agency)s).",
                        step=step,
                        record=record.display_name,
                        agency=agency,
                    )
                )
            raise AccessError(
                _(
                    "You cannot %(action)s for %(agency)s: it is outside your role or scope in the movement.",
                    action=action,
                    agency=agency,
                )
            )

    # what may be written ---------------------------------------------------

    def _dvk_guarded(self, field_names):
        """The fields of ``field_names`` that the table governs (mail's and the kanban colour are not)."""
        exempt = set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields)
        exempt -= {"message_ids", "website_message_ids"}  # the chatter is the movement's record (R3)
        return {name for name in field_names if name not in exempt and name not in UNGUARDED and name in self._fields}

    def _dvk_allowed(self, state, roles):
        row = self._dvk_fields.get(state, {})
        return set().union(*(row.get(role, ()) for role in roles))

    def _dvk_state_label(self, state):
        if state == "create":
            return _("new")
        if "state" not in self._fields:
            return state
        return dict(self._fields["state"]._description_selection(self.env)).get(state, state)

    def _dvk_refuse_fields(self, record, denied, state):
        if state != "create" and not self._dvk_fields.get(state):
            raise AccessError(
                _(
                    "%(record)s is %(state)s: it cannot change any more.",
                    record=record.display_name or record._description,
                    state=record._dvk_state_label(state),
                )
            )
        labels = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in denied))
        raise AccessError(
            _(
                "You cannot set %(fields)s on %(record)s (%(state)s): the movement's actions decide them, "
                "or your role does not edit them at this step.",
                fields=labels,
                record=record.display_name or record._description,
                state=record._dvk_state_label(state),
            )
        )

    def _dvk_check_fields(self, field_names, state=None):
        """Refuse the fields that the user's roles may not write in the record's state (or at creation)."""
        if self.env.su:  # the transitions' own writes (``_dvk_set_state``): checked before, by the transition
            return
        guarded = self._dvk_guarded(field_names)
        if not guarded:
            return
        user = self.env.user
        if user._dvk_is_admin():
            return
        for record in self:
            record_state = state or record._dvk_guard_state()
            roles = record._dvk_roles(user)
            if state == "create" and not self._dvk_allowed(record._dvk_guard_state(), roles):
                # a line is added only while its parent is still open to this role
                record_state = record._dvk_guard_state()
                denied = guarded
            else:
                denied = guarded - self._dvk_allowed(record_state, roles)
            if denied:
                self._dvk_refuse_fields(record, denied, record_state)

    def _dvk_log_correction(self, vals):
        """An administrator's correction of a decided field is written in the chatter (R3)."""
        if self.env.su or not self.env.user._dvk_is_admin():
            return
        for record in self:
            roles = record._dvk_roles() - {"home_affairs"}
            corrected = self._dvk_guarded(vals) - self._dvk_allowed(record._dvk_guard_state(), roles)
            thread = record._dvk_thread()
            if not corrected or thread is None:
                continue
            items = Markup().join(
                Markup("<li>%s: %s → %s</li>")
                % (self._fields[name]._description_string(self.env), record._dvk_show(name), vals[name])
                for name in sorted(corrected)
            )
            thread.sudo()._message_log(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (_("Corrected by the movement administrator %(user)s:", user=self.env.user.name), items)
            )

    def _dvk_thread(self):
        """The record whose chatter tells this record's story."""
        return self if "message_ids" in self._fields else None

    def _dvk_show(self, name):
        value = self[name]
        if isinstance(value, models.BaseModel):
            return ", ".join(value.mapped("display_name")) or "-"
        return value if value not in (False, None) else "-"

    @api.model
    def _dvk_check_finite(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field and field.type == "integer" and isinstance(value, int) and not -(2**31) < value < 2**31:
                raise UserError(
                    _(
                        "%(field)s is out of range: %(value)s.",
                        field=field._description_string(self.env),
                        value=value,
                    )
                )
            if isinstance(value, float) and not math.isfinite(value):
                field = self._fields.get(name)
                raise UserError(
                    _(
                        "%(field)s must be a finite number, not %(value)s.",
                        field=field._description_string(self.env) if field else name,
                        value=value,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # what the context defaults (default_<field>) would set is given by the caller too
        defaults = {key[8:] for key in self.env.context if key.startswith("default_") and key[8:] in self._fields}
        given = [(set(vals) | defaults) - self._dvk_server_fields for vals in vals_list]
        for vals in vals_list:
            self._dvk_check_finite(vals)
        records = super().create(vals_list)
        records._dvk_check_year_open()
        if not self.env.su:
            for record, names in zip(records, given, strict=True):
                record._dvk_check_fields(names, state="create")
        return records

    def write(self, vals):
        self._dvk_check_year_open()
        self._dvk_check_finite(vals)
        self._dvk_check_fields(vals)
        self._dvk_log_correction(vals)
        return super().write(vals)

    def unlink(self):
        self._dvk_check_year_open()
        if not self.env.su and not self.env.user._dvk_is_admin():
            for record in self:
                state = record._dvk_guard_state()
                if not set(self._dvk_unlink.get(state, ())) & record._dvk_roles():
                    raise AccessError(
                        _(
                            "You cannot delete %(record)s: at this step (%(state)s) it is kept as a record of the "
                            "movement, or your role does not delete it.",
                            record=record.display_name,
                            state=record._dvk_state_label(state),
                        )
                    )
        return super().unlink()

    def message_post(self, **kwargs):
        """A message in the movement's chatter is signed by who writes it (R3): nobody posts in another's name."""
        if not self.env.su and not self.env.user._dvk_is_admin():
            kwargs.pop("email_from", None)
            kwargs["author_id"] = self.env.user.partner_id.id
        return super().message_post(**kwargs)

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """Officers' accounts often have no e-mail address: their messages are sent from the server's own
        address in their name, instead of being refused."""
        author_id, email_from = super()._message_compute_author(author_id, email_from, raise_on_email=False)
        if not email_from and author_id:
            default = self.env["ir.mail_server"].sudo()._get_default_from_address()
            if default:
                name = self.env["res.partner"].sudo().browse(author_id).name or ""
                email_from = formataddr((name, default))
        return author_id, email_from

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
