import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import annex
from ..lib.annex import IMPLEMENTER, MODEL_NAME, PERIOD, SECTOR
from ..lib.registration_sheet import (
    NAME_MAX_CHARS,
    TEXT_MAX_CHARS,
    PeriodError,
    dedup_key,
    normalize_text,
    parse_period,
    parse_registration_sheet,
)

ROW_FIELDS = (
    "row",
    "seq",
    "implementer",
    "kind",
    "employee_id",
    "department_id",
    "model_name",
    "sector_id",
    "sector_raw",
    "period_raw",
    "date_start",
    "date_end",
    "expected_result",
    "note",
)
# Words written before a person's name in column 2 ("Ông Nguyễn Văn A", "Đ/c ..."), normalised.
HONORIFICS = ("dong chi ", "d c ", "dc ", "ong ", "ba ", "anh ", "chi ", "co ", "thay ")
# Stored fields of dvk.model that follow from the registration or from the line itself: given at
# creation so that they go into the INSERT (the ORM still recomputes them, finds the same values,
# and has nothing left to UPDATE).
DERIVED_FROM_REGISTRATION = {
    "agency_id": "department_id",
    "tier_id": "tier_id",
    "period_id": "period_id",
    "year": "year",
}
# What a new line's other stored computes give: no evaluation, never recognised.
DEFAULTS_OF_A_NEW_LINE = {
    "consecutive_years": 0,
    "on_provincial_list": False,
    "score_total": 0.0,
    "classification_id": False,
}


class DvkRegistrationImport(models.TransientModel):
    """Imports an agency's existing registration list (.xlsx, .xls) as one draft registration.

    The file is read by plain Python (lib/registration_sheet); this wizard matches
    its rows to the agency's people and the sectors in force, shows every row with
    its problems, and creates the registration and its lines all at once, or nothing.

    The final import trusts nothing of the preview: it checks the file again (the
    unit "ĐƠN VỊ" named on the sheet, the file unchanged since the preview) and
    validates every line again, as written in the preview, against the agency.
    """

    _name = "dvk.registration.import"
    _description = "Import a registration list"

    department_id = fields.Many2one(
        "hr.department",
        string="Agency",
        required=True,
        domain=[("dvk_is_agency", "=", True)],
        default=lambda self: self.env.user.dvk_agency_ids[:1],
    )
    period_id = fields.Many2one(
        "dvk.period", string="Year", required=True, default=lambda self: self.env["dvk.registration"]._default_period()
    )
    file_data = fields.Binary(string="File", required=True, attachment=False)
    file_name = fields.Char()
    file_checksum = fields.Char(readonly=True, help="SHA-256 of the file the preview was made from.")
    state = fields.Selection([("upload", "Upload"), ("preview", "Preview")], default="upload")
    line_ids = fields.One2many("dvk.registration.import.line", "wizard_id", string="Rows")
    file_problems = fields.Text(readonly=True)
    problem_count = fields.Integer(readonly=True)

    # reading and matching ----------------------------------------------------

    def _sectors(self):
        regulation = self.period_id.regulation_id
        domain = [("regulation_id", "=", regulation.id)] if regulation else []
        return self.env["dvk.sector"].search(domain)

    def _translate(self, message):
        return self.env._(message)

    def _file_bytes(self):
        try:
            return base64.b64decode(self.file_data or b"", validate=False)
        except (ValueError, TypeError):
            return b""

    def _parse(self, data, sectors=None, head_only=False):
        """The lib's reading of ``data``, and its file-level problems (the unit name included), translated."""
        pairs = sectors._dvk_names() if sectors else []
        result = parse_registration_sheet(
            data, self.file_name or "", pairs, default_year=self.period_id.year, head_only=head_only
        )
        file_problems = [p.render(self._translate) for p in result.problems]
        if result.unit_name and not self._unit_matches(result.unit_name):
            file_problems.append(
                _(
                    "The sheet is in the name of %(unit)s, not of %(agency)s: import it into its own agency.",
                    unit=result.unit_name,
                    agency=self.department_id.name,
                )
            )
        return result, file_problems

    def _read_file(self, people):
        """Parse the file; file-level problems as translated strings, rows as dicts."""
        self.ensure_one()
        sectors = self._sectors()
        result, file_problems = self._parse(self._file_bytes(), sectors)
        by_code = {s.code: s.id for s in sectors}  # the lib answers with these very codes
        rows = []
        for sheet_row in result.rows:
            rows.append(
                {
                    "row": sheet_row.row,
                    "seq": sheet_row.seq or 0,
                    "implementer": sheet_row.implementer or "",
                    "model_name": sheet_row.model_name or "",
                    "sector_raw": sheet_row.sector_raw or "",
                    "sector_id": by_code.get(sheet_row.sector_code) or False,
                    "period_raw": sheet_row.period_raw or "",
                    "date_start": sheet_row.date_start or False,
                    "date_end": sheet_row.date_end or False,
                    "expected_result": sheet_row.expected_result or "",
                    "note": sheet_row.note or "",
                    "problems": [p.render(self._translate) for p in sheet_row.problems],
                    "parsed": True,
                }
            )
        self._match_implementers(rows, people)
        return file_problems, rows

    def _unit_matches(self, unit_name):
        unit = normalize_text(unit_name)
        names = {normalize_text(a.name) for a in self.department_id._dvk_ancestor_agencies()[:1]}
        return any(unit in name or name in unit for name in names if name)

    def _people(self):
        """The agency's departments and employees (its subtree), which column 2 may name."""
        agency = self.department_id
        departments = self.env["hr.department"].sudo().search([("id", "child_of", agency.id)])
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

    def _check_scope(self):
        user = self.env.user
        if not (user._dvk_can_act("staff", self.department_id) or user._dvk_can_act("head", self.department_id)):
            raise AccessError(
                _(
                    "You cannot import a registration for %(agency)s: it is outside your agency.",
                    agency=self.department_id.display_name,
                )
            )
        self.period_id._dvk_check_open()

    def _check_owner(self):
        """An import, its preview and its lines are their author's alone."""
        if self.env.su:
            return
        user = self.env.user
        strangers = self.line_ids.filtered(lambda line: line.create_uid != user or line.write_uid != user)
        if self.create_uid != user or strangers:
            raise AccessError(_("This import was prepared by someone else: start your own import."))

    # actions --------------------------------------------------------------

    def action_preview(self):
        """Show every row and its problems; nothing is created yet."""
        self.ensure_one()
        self._check_owner()
        self._check_scope()
        people = self._people()
        file_problems, rows = self._read_file(people)
        self._validate_rows(rows, people)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    **{k: row[k] for k in ROW_FIELDS},
                    "problems": "\n".join(row["problems"]),
                    "has_problem": bool(row["problems"]),
                }
            )
            for row in rows
        ]
        self.write(
            {
                "state": "preview",
                "file_checksum": self._checksum(),
                "file_problems": "\n".join(file_problems),
                # one per message listed: the file's, then each row's
                "problem_count": len(file_problems) + sum(len(row["problems"]) for row in rows),
            }
        )
        return self._reopen()

    def _checksum(self):
        return hashlib.sha256(self._file_bytes()).hexdigest()

    def _rows_from_preview(self):
        rows = []
        for line in self.line_ids:
            row = {k: line[k] for k in ROW_FIELDS}
            row.update(
                employee_id=line.employee_id.id,
                department_id=line.department_id.id,
                sector_id=line.sector_id.id,
                problems=[],
            )
            if line.employee_id:
                row["implementer"] = line.employee_id.sudo().name
            rows.append(row)
        return rows

    def action_import(self):
        """Create one draft registration with the file's lines, or raise naming every problem."""
        self.ensure_one()
        self._check_owner()
        self._check_scope()
        people = self._people()
        if self.state == "preview" and self.line_ids:
            # The file is checked again (its unit, unchanged since the preview); the lines as corrected.
            if self.file_checksum != self._checksum():
                raise UserError(_("The file was changed after the preview: preview it again before importing."))
            _result, file_problems = self._parse(self._file_bytes(), head_only=True)
            rows = self._rows_from_preview()
        else:
            file_problems, rows = self._read_file(people)
        self._validate_rows(rows, people)
        problems = file_problems + [p for row in rows for p in row["problems"]]
        if not rows and not problems:
            problems.append(_("The file has no registration line."))
        if problems:
            raise UserError(
                _(
                    "Nothing was imported. Correct these problems and try again:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
        registration = self._target_registration()
        self._create_lines(registration, rows)
        # a note of the server's own (no e-mail address needed: most officers have none)
        registration.sudo()._message_log(
            body=_("%(count)s lines imported from %(file)s.", count=len(rows), file=self.file_name or "-")
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "dvk.registration",
            "res_id": registration.id,
            "view_mode": "form",
            "target": "current",
        }

    def _create_lines(self, registration, rows):
        """One create() for every line, without chatter or tracking per line.

        The lines are created as the server's own step of the import (sudo, the
        author kept as create_uid), after the checks above: scope and open year
        (``_check_scope``), a draft registration (``_target_registration``), each
        line validated against the agency. The user's own rights are then checked
        on the lines created (ACL and record rules), so nothing lands outside them.
        """
        Model = self.env["dvk.model"]
        Model.check_access("create")
        start = max(registration.model_ids.mapped("sequence")) if registration.model_ids else 0
        common = {}
        for name, source in DERIVED_FROM_REGISTRATION.items():
            if name in Model._fields and source in registration._fields:
                value = registration[source]
                common[name] = value.id if isinstance(value, models.BaseModel) else value
        common.update({name: value for name, value in DEFAULTS_OF_A_NEW_LINE.items() if name in Model._fields})
        with_key = "dedup_key" in Model._fields
        vals_list = []
        for index, row in enumerate(rows):
            name, implementer = row["model_name"].strip(), row["implementer"].strip()
            vals = {
                **common,
                "registration_id": registration.id,
                "sequence": start + index + 1,
                "name": name,
                "kind": row["kind"],
                "employee_id": row["employee_id"] or False,
                "department_id": row["department_id"] or self.department_id.id,
                "implementer_name": implementer,
                "sector_id": row["sector_id"],
                "date_start": row["date_start"] or False,
                "date_end": row["date_end"] or False,
                "expected_result": row["expected_result"],
                "note": row["note"],
            }
            if with_key:
                vals["dedup_key"] = row.get("key") or dedup_key(implementer, name)
            vals_list.append(vals)
        lines = (
            Model.sudo()
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
                tracking_disable=True,
            )
            .create(vals_list)
        )
        lines.with_env(self.env).check_access("create")
        return lines

    def _target_registration(self):
        Registration = self.env["dvk.registration"]
        registration = Registration.search(
            [("department_id", "=", self.department_id.id), ("period_id", "=", self.period_id.id)], limit=1
        )
        if registration and registration.state != "draft":
            raise UserError(
                _(
                    "%(agency)s already has a registration for %(year)s that is no longer a draft.",
                    agency=self.department_id.name,
                    year=self.period_id.year,
                )
            )
        return registration or Registration.create(
            {"department_id": self.department_id.id, "period_id": self.period_id.id}
        )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import a registration list"),
        }

    @api.onchange("file_data")
    def _onchange_file_data(self):
        self.state = "upload"
        self.line_ids = [fields.Command.clear()]


def _without_honorific(key):
    """'ong nguyen van a' → 'nguyen van a' (a normalised name)."""
    for word in HONORIFICS:
        if key.startswith(word):
            return key[len(word) :]
    return key
