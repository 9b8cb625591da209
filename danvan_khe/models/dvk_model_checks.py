import unicodedata

from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# R5.1a: a model has a name, an address and a content (the content chosen after the survey)
R5_1_FIELDS = ("address", "survey_content")
NAME_MAX = 500
IMPLEMENTER_MAX = 255


def _blank(text):
    """Nothing readable: empty, spaces, or only invisible characters (zero-width, format, control)."""
    return not any(not unicodedata.category(char).startswith(("C", "Z")) for char in text or "")


class DvkModelChecks(models.AbstractModel):
    """What a model or exemplar must satisfy: its name and implementer (R5), its dates within
    its year, one registration of the same line a year (R6.2), a predecessor that continues
    it (R7.3), and what it needs before it is submitted (R5.1a, R5.2)."""

    _name = "dvk.model.checks"
    _description = "Checks of a model or exemplar"

    @api.constrains("name", "implementer_name")
    def _check_lengths(self):
        for model in self:
            if not (model.name or "").strip():
                raise ValidationError(_("A model or exemplar needs a name."))
            if len(model.name) > NAME_MAX:
                raise ValidationError(
                    _(
                        "The name of the model %(start)s… has %(length)s characters: at most %(max)s.",
                        start=model.name[:60],
                        length=len(model.name),
                        max=NAME_MAX,
                    )
                )
            if len(model.implementer_name or "") > IMPLEMENTER_MAX:
                raise ValidationError(
                    _(
                        "The collective/individual of %(name)s has %(length)s characters: at most %(max)s.",
                        name=model.name[:60],
                        length=len(model.implementer_name),
                        max=IMPLEMENTER_MAX,
                    )
                )

    @api.constrains("employee_id", "department_id", "registration_id")
    def _check_implementer_in_agency(self):
        """The implementer is a collective or a person of the registering agency (R5)."""
        for model in self.sudo():
            agency = model.registration_id.department_id
            for department in (model.department_id, model.employee_id.department_id):
                if department and department.dvk_agency_id != agency:
                    raise ValidationError(
                        _(
                            "%(name)s: %(implementer)s belongs to %(other)s, not to the registering agency %(agency)s.",
                            name=model.name,
                            implementer=model.employee_id.name or department.name,
                            other=department.dvk_agency_id.display_name or department.display_name,
                            agency=agency.display_name,
                        )
                    )

    @api.constrains("kind", "employee_id")
    def _check_individual(self):
        for model in self:
            if model.kind == "individual" and not model.employee_id:
                raise ValidationError(
                    _("The exemplar %(name)s is an individual: choose the employee.", name=model.name)
                )

    @api.constrains("date_start", "date_end", "registration_id")
    def _check_dates(self):
        for model in self:
            period = model.registration_id.period_id
            if model.date_start and model.date_end and model.date_end < model.date_start:
                raise ValidationError(
                    _(
                        "The implementation period of %(name)s ends (%(end)s) before it starts (%(start)s).",
                        name=model.name,
                        start=format_date(self.env, model.date_start),
                        end=format_date(self.env, model.date_end),
                    )
                )
            for day in (model.date_start, model.date_end):
                if day and period.year and day.year != period.year:
                    raise ValidationError(
                        _(
                            "The implementation period of %(name)s (%(start)s – %(end)s) lies outside "
                            "the year %(year)s of its registration.",
                            name=model.name,
                            start=format_date(self.env, model.date_start),
                            end=format_date(self.env, model.date_end),
                            year=period.year,
                        )
                    )

    @api.constrains("dedup_key", "period_id", "agency_id", "state")
    def _check_duplicate(self):
        """One query for the whole batch: an import of 10 000 lines checks them all at once."""
        groups = self._read_group(
            [
                ("dedup_key", "in", list(set(self.mapped("dedup_key")))),
                ("agency_id", "in", self.agency_id.ids),
                ("period_id", "in", self.period_id.ids),
                ("state", "not in", ("refused", "cancelled")),
            ],
            ["agency_id", "period_id", "dedup_key"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for agency, period, key, _count in groups:
            model = self.filtered(lambda m, a=agency, k=key: m.agency_id == a and m.dedup_key == k)[:1]
            if model:
                raise ValidationError(
                    _(
                        "%(implementer)s already registered the model %(name)s in %(year)s.",
                        implementer=model.implementer_name,
                        name=model.name,
                        year=period.year,
                    )
                )

    @api.constrains("predecessor_id", "period_id", "agency_id")
    def _check_predecessor(self):
        for model in self.filtered("predecessor_id"):
            previous = model.predecessor_id
            if previous.year >= model.year:
                raise ValidationError(
                    _(
                        "The earlier year of %(name)s must come before %(year)s, and %(previous)s is of %(pyear)s.",
                        name=model.name,
                        year=model.year,
                        previous=previous.display_name,
                        pyear=previous.year,
                    )
                )
            if previous.agency_id != model.agency_id:
                raise ValidationError(
                    _(
                        "%(previous)s belongs to %(other)s: a model continues within its own agency %(agency)s.",
                        previous=previous.display_name,
                        other=previous.agency_id.display_name,
                        agency=model.agency_id.display_name,
                    )
                )

    def _dvk_criterion_kind(self):
        """Exemplars are judged on the individual criteria (R5.2), models on the evaluation factors (R7.1)."""
        self.ensure_one()
        return "individual" if self.kind == "individual" else "evaluation"

    def _dvk_check_complete(self):
        """What the lines need before their registration is submitted (R5.1a, R5.2).

        A model has a name, an address and a content in one of the sectors; an exemplar names
        its individual. Every incomplete line is listed at once, with what it lacks.
        """
        labels = {name: self._fields[name]._description_string(self.env) for name in R5_1_FIELDS}
        gaps = []
        for model in self:
            if model.kind == "individual":
                missing = [] if model.employee_id else [self._fields["employee_id"]._description_string(self.env)]
            else:
                missing = [labels[name] for name in R5_1_FIELDS if _blank(model[name])]
            if not model.sector_id:
                missing.append(self._fields["sector_id"]._description_string(self.env))
            if missing:
                gaps.append(
                    _(
                        "line %(seq)s, %(name)s: %(fields)s",
                        seq=model._dvk_line_number(),
                        name=model.name,
                        fields=", ".join(missing),
                    )
                )
        if gaps:
            raise UserError(
                _(
                    "A model needs a name, an address and a content before it is submitted; fill in:\n%(gaps)s",
                    gaps="\n".join(gaps),
                )
            )

    def _dvk_line_number(self):
        """The line's number on the printed form (its rank in the registration)."""
        self.ensure_one()
        return self.registration_id.model_ids.sorted(lambda m: (m.sequence, m.id)).ids.index(self.id) + 1
