from odoo import _, models

from ..lib import annex
from ..lib.annex import IMPLEMENTER, MODEL_NAME, PERIOD, SECTOR
from ..lib.registration_sheet import (
    NAME_MAX_CHARS,
    TEXT_MAX_CHARS,
    PeriodError,
    dedup_key,
    normalize_text,
    parse_period,
)

# Words written before a person's name in column 2 ("Ông Nguyễn Văn A", "Đ/c ..."), normalised.
HONORIFICS = ("dong chi ", "d c ", "dc ", "ong ", "ba ", "anh ", "chi ", "co ", "thay ")


class DvkRegistrationImportCheck(models.AbstractModel):
    """The import's rows matched to the agency and checked as its registration needs them (R5.1a, R6.2).

    A row is a plain dict, read from the file or written in the preview; both are checked
    alike. The agency (``department_id``) and the year (``period_id``) are those of the
    import that inherits these checks (dvk.registration.import).
    """

    _name = "dvk.registration.import.check"
    _description = "Checks of an imported registration list"

    def _sectors(self):
        """The sectors of the year's regulation (all of them when the year names none)."""
        regulation = self.period_id.regulation_id
        domain = [("regulation_id", "=", regulation.id)] if regulation else []
        return self.env["dvk.sector"].search(domain)

    def _people(self):
        """The agency's own departments and employees, which column 2 may name.

        Not those of an agency below it (a ward under the city): they register on their own form.
        """
        agency = self.department_id
        departments = (
            self.env["hr.department"].sudo().search([("id", "child_of", agency.id), ("dvk_agency_id", "=", agency.id)])
        )
        employees = self.env["hr.employee"].sudo().search([("department_id", "in", departments.ids)])
        return departments, employees

    @staticmethod
    def _says_individual(note):
        """The note column calls the implementer an individual ("Cá nhân")."""
        text = normalize_text(note)
        return "ca nhan" in text and "tap the" not in text

    def _match_implementers(self, rows, people):
        """Match column 2 to the agency's employees (exemplars) or departments (collectives).

        A name in column 2 with "Cá nhân" in the note is an individual exemplar
        even when it matches no employee (the validation then says so).
        """
        agency = self.department_id
        departments, employees = people
        by_department = {normalize_text(d.name): d.id for d in departments}
        by_employee = {normalize_text(e.name): e for e in employees}
        for row in rows:
            key = normalize_text(row["implementer"])
            employee = by_employee.get(key) or by_employee.get(_without_honorific(key))
            if employee:
                row.update(
                    kind="individual",
                    employee_id=employee.id,
                    department_id=employee.department_id.id or agency.id,
                    implementer=employee.name,  # "Ông Nguyễn Văn A" is registered as the employee is named
                )
            elif self._says_individual(row["note"]):
                row.update(kind="individual", employee_id=False, department_id=agency.id)
            else:
                row.update(kind="collective", employee_id=False, department_id=by_department.get(key, agency.id))

    def _existing_keys(self):
        models_ = (
            self.env["dvk.model"]
            .sudo()
            .search_fetch(
                [
                    ("agency_id", "=", self.department_id.id),
                    ("period_id", "=", self.period_id.id),
                    ("state", "not in", ("refused", "cancelled")),
                ],
                ["implementer_name", "name"],
            )
        )
        return {dedup_key(m.implementer_name, m.name) for m in models_}

    def _validate_rows(self, rows, people, sectors=None):
        """Check each row as the registration needs it (R5.1a, R6.2); problems go into the rows.

        Rows read from the file and rows written in the preview are checked alike:
        the implementer belongs to the agency, the sector is one of the regulation's,
        the period lies in the year (a row without one takes the whole year).
        """
        period = self.period_id
        year = period.year
        departments, employees = people
        department_ids, employee_ids = set(departments.ids), set(employees.ids)
        sector_ids = set((sectors if sectors is not None else self._sectors()).ids)
        seen = {}
        existing = self._existing_keys()
        for row in rows:
            problems = row.setdefault("problems", [])

            def where(column=None, row=row):
                if column:
                    return _("Row %(row)s, column %(column)s", row=row["row"], column=annex.LABELS[column])
                return _("Row %(row)s", row=row["row"])

            parsed_problems = bool(problems) and row.get("parsed")
            name, implementer = (row["model_name"] or "").strip(), (row["implementer"] or "").strip()
            if not name and not parsed_problems:
                problems.append(_("%(where)s: the model has no name.", where=where(MODEL_NAME)))
            if not implementer and not parsed_problems:
                problems.append(_("%(where)s: no collective or individual.", where=where(IMPLEMENTER)))
            for value, limit in ((name, NAME_MAX_CHARS), (implementer, NAME_MAX_CHARS)):
                if len(value) > limit:
                    problems.append(
                        _("%(where)s: a name is longer than %(limit)s characters.", where=where(), limit=limit)
                    )
            for value in (row.get("expected_result"), row.get("note")):
                if value and len(value) > TEXT_MAX_CHARS:
                    problems.append(
                        _("%(where)s: a text is longer than %(limit)s characters.", where=where(), limit=TEXT_MAX_CHARS)
                    )
            self._validate_implementer(row, problems, where, department_ids, employee_ids)
            if not row["sector_id"] and not parsed_problems:
                problems.append(
                    _(
                        "%(where)s: unknown sector %(value)s.",
                        where=where(SECTOR),
                        value=row.get("sector_raw") or "-",
                    )
                )
            elif row["sector_id"] and row["sector_id"] not in sector_ids:
                problems.append(
                    _(
                        "%(where)s: the sector is not one of the regulation of %(year)s.",
                        where=where(SECTOR),
                        year=year,
                    )
                )
            start, end = row["date_start"], row["date_end"]
            if (not start or not end) and not parsed_problems:
                # A line left without dates takes them from what the file said, or else the
                # whole year; an unreadable period is refused: never imported blank.
                dates = self._period_dates(row.get("period_raw"))
                if dates:
                    start = row["date_start"] = start or dates[0]
                    end = row["date_end"] = end or dates[1]
                else:
                    problems.append(
                        _(
                            "%(where)s: the period %(value)s could not be read; give the start and end dates.",
                            where=where(PERIOD),
                            value=row["period_raw"],
                        )
                    )
            if start and end and end < start:
                problems.append(_("%(where)s: the period ends before it starts.", where=where(PERIOD)))
            elif (start and start.year != year) or (end and end.year != year):
                problems.append(
                    _(
                        "%(where)s: the period lies outside %(year)s.",
                        where=where(PERIOD),
                        year=year,
                    )
                )
            key = row["key"] = dedup_key(implementer, name)
            if key in seen and not parsed_problems:
                problems.append(_("%(where)s: the same model as row %(first)s.", where=where(), first=seen[key]))
            elif key in existing:
                problems.append(
                    _(
                        "%(where)s: %(implementer)s already registered %(model)s in %(year)s.",
                        where=where(),
                        implementer=row["implementer"],
                        model=row["model_name"],
                        year=year,
                    )
                )
            seen.setdefault(key, row["row"])
        return rows

    def _period_dates(self, text):
        """(start, end) of a period as the file wrote it, the whole year when it wrote none, else None."""
        period = self.period_id
        if not (text or "").strip():
            return period.date_start, period.date_end
        try:
            return parse_period(text, period.year)
        except PeriodError:
            return None

    def _validate_implementer(self, row, problems, where, department_ids, employee_ids):
        """An exemplar is an employee of the agency; a collective, one of its departments."""
        if row["kind"] == "individual":
            if not row["employee_id"]:
                problems.append(
                    _(
                        "%(where)s: %(name)s is an individual (Cá nhân) but no employee of %(agency)s has this name.",
                        where=where(IMPLEMENTER),
                        name=row["implementer"] or "-",
                        agency=self.department_id.name,
                    )
                )
            elif row["employee_id"] not in employee_ids:
                problems.append(
                    _(
                        "%(where)s: the individual is not an employee of %(agency)s.",
                        where=where(IMPLEMENTER),
                        agency=self.department_id.name,
                    )
                )
        elif row["kind"] != "collective":
            problems.append(_("%(where)s: a line is a collective model or an individual exemplar.", where=where()))
        if row["department_id"] and row["department_id"] not in department_ids:
            problems.append(
                _(
                    "%(where)s: the collective is not part of %(agency)s.",
                    where=where(IMPLEMENTER),
                    agency=self.department_id.name,
                )
            )


def _without_honorific(key):
    """'ong nguyen van a' → 'nguyen van a' (a normalised name)."""
    for word in HONORIFICS:
        if key.startswith(word):
            return key[len(word) :]
    return key
