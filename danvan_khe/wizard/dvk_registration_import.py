import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.registration_sheet import normalize_text, parse_registration_sheet

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


class DvkRegistrationImport(models.TransientModel):
    """Imports an agency's existing registration list (.xlsx, .xls) as one draft registration.

    The file is read by plain Python (lib/registration_sheet.py); this wizard matches
    its rows to the agency's people and the sectors in force, shows every row with
    its problems, and creates the registration and its lines all at once, or nothing.
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

    def _read_file(self):
        """Parse the file; file-level problems as translated strings, rows as dicts."""
        self.ensure_one()
        try:
            data = base64.b64decode(self.file_data or b"", validate=False)
        except (ValueError, TypeError):
            data = b""
        sectors = self._sectors()
        pairs = sectors._dvk_names()
        result = parse_registration_sheet(data, self.file_name or "", pairs, default_year=self.period_id.year)
        file_problems = [p.render(self._translate) for p in result.problems]
        if result.unit_name and not self._unit_matches(result.unit_name):
            file_problems.append(
                _(
                    "The sheet is in the name of %(unit)s, not of %(agency)s: import it into its own agency.",
                    unit=result.unit_name,
                    agency=self.department_id.name,
                )
            )
        by_code = {normalize_text(s.code): s.id for s in sectors}
        rows = []
        for sheet_row in result.rows:
            rows.append(
                {
                    "row": sheet_row.row,
                    "seq": sheet_row.seq or 0,
                    "implementer": sheet_row.implementer or "",
                    "model_name": sheet_row.model_name or "",
                    "sector_raw": sheet_row.sector_raw or "",
                    "sector_id": by_code.get(normalize_text(sheet_row.sector_code or "")) or False,
                    "period_raw": sheet_row.period_raw or "",
                    "date_start": sheet_row.date_start or False,
                    "date_end": sheet_row.date_end or False,
                    "expected_result": sheet_row.expected_result or "",
                    "note": sheet_row.note or "",
                    "problems": [p.render(self._translate) for p in sheet_row.problems],
                    "parsed": True,
                }
            )
        self._match_implementers(rows)
        return file_problems, rows

    def _unit_matches(self, unit_name):
        unit = normalize_text(unit_name)
        names = {normalize_text(a.name) for a in self.department_id._dvk_ancestor_agencies()[:1]}
        return any(unit in name or name in unit for name in names if name)

    def _match_implementers(self, rows):
        """Match column 2 to the agency's employees (exemplars) or departments (collectives)."""
        agency = self.department_id
        departments = self.env["hr.department"].sudo().search([("id", "child_of", agency.id)])
        employees = self.env["hr.employee"].sudo().search([("department_id", "in", departments.ids)])
        by_department = {normalize_text(d.name): d.id for d in departments}
        by_employee = {normalize_text(e.name): e for e in employees}
        for row in rows:
            key = normalize_text(row["implementer"])
            employee = by_employee.get(key)
            if employee:
                row.update(
                    kind="individual", employee_id=employee.id, department_id=employee.department_id.id or agency.id
                )
            else:
                row.update(kind="collective", employee_id=False, department_id=by_department.get(key, agency.id))

    def _validate_rows(self, rows):
        """Check what the registration needs of each row (R5.1a, R6.2); problems go into the rows."""
        year = self.period_id.year
        seen = {}
        existing = {
            m.dedup_key
            for m in self.env["dvk.model"]
            .sudo()
            .search(
                [
                    ("agency_id", "=", self.department_id.id),
                    ("period_id", "=", self.period_id.id),
                    ("state", "not in", ("refused", "cancelled")),
                ]
            )
        }
        for row in rows:
            problems = row.setdefault("problems", [])
            where = _("Row %(row)s", row=row["row"])
            parsed_problems = bool(problems) and row.get("parsed")
            if not (row["model_name"] or "").strip() and not parsed_problems:
                problems.append(_("%(where)s, column Tên mô hình: the model has no name.", where=where))
            if not (row["implementer"] or "").strip() and not parsed_problems:
                problems.append(
                    _("%(where)s, column Tên tập thể/ cá nhân thực hiện: no collective or individual.", where=where)
                )
            if not row["sector_id"] and not parsed_problems:
                problems.append(
                    _(
                        "%(where)s, column Lĩnh vực: unknown sector %(value)s.",
                        where=where,
                        value=row.get("sector_raw") or "-",
                    )
                )
            start, end = row["date_start"], row["date_end"]
            if start and end and end < start:
                problems.append(
                    _("%(where)s, column Thời gian thực hiện: the period ends before it starts.", where=where)
                )
            elif (start and start.year != year) or (end and end.year != year):
                problems.append(
                    _(
                        "%(where)s, column Thời gian thực hiện: the period lies outside %(year)s.",
                        where=where,
                        year=year,
                    )
                )
            key = f"{normalize_text(row['implementer'])}|{normalize_text(row['model_name'])}"
            if key in seen and not parsed_problems:
                problems.append(_("%(where)s: the same model as row %(first)s.", where=where, first=seen[key]))
            elif key in existing:
                problems.append(
                    _(
                        "%(where)s: %(implementer)s already registered %(model)s in %(year)s.",
                        where=where,
                        implementer=row["implementer"],
                        model=row["model_name"],
                        year=year,
                    )
                )
            seen.setdefault(key, row["row"])
        return rows

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

    # actions --------------------------------------------------------------

    def action_preview(self):
        """Show every row and its problems; nothing is created yet."""
        self.ensure_one()
        self._check_scope()
        file_problems, rows = self._read_file()
        self._validate_rows(rows)
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
                "file_problems": "\n".join(file_problems),
                "problem_count": len(file_problems) + sum(1 for row in rows if row["problems"]),
            }
        )
        return self._reopen()

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
                row["implementer"] = line.employee_id.name
            rows.append(row)
        return rows

    def action_import(self):
        """Create one draft registration with the file's lines, or raise naming every problem."""
        self.ensure_one()
        self._check_scope()
        if self.state == "preview" and self.line_ids:
            file_problems, rows = [], self._rows_from_preview()
        else:
            file_problems, rows = self._read_file()
        self._validate_rows(rows)
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
        start = max(registration.model_ids.mapped("sequence")) if registration.model_ids else 0
        self.env["dvk.model"].with_context(
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            tracking_disable=True,
        ).create(
            [
                {
                    "registration_id": registration.id,
                    "sequence": start + index + 1,
                    "name": row["model_name"].strip(),
                    "kind": row["kind"],
                    "employee_id": row["employee_id"] or False,
                    "department_id": row["department_id"] or self.department_id.id,
                    "implementer_name": row["implementer"].strip(),
                    "sector_id": row["sector_id"],
                    "date_start": row["date_start"] or False,
                    "date_end": row["date_end"] or False,
                    "expected_result": row["expected_result"],
                    "note": row["note"],
                }
                for index, row in enumerate(rows)
            ]
        )
        registration.message_post(
            body=_("%(count)s lines imported from %(file)s.", count=len(rows), file=self.file_name or "-")
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "dvk.registration",
            "res_id": registration.id,
            "view_mode": "form",
            "target": "current",
        }

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
