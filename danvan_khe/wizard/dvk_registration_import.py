import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib.registration_sheet import dedup_key, normalize_text, parse_registration_sheet

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
    The matching and the checks of the rows are dvk.registration.import.check's.
    """

    _name = "dvk.registration.import"
    _inherit = ["dvk.registration.import.check"]
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

    # reading the file ---------------------------------------------------------

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

    def _check_scope(self):
        if not self.department_id.dvk_is_agency:
            raise UserError(
                _(
                    "%(department)s is not an agency of the movement: import the list of its agency.",
                    department=self.department_id.display_name,
                )
            )
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
        locked = self._locked_registration()
        if locked:
            file_problems.append(locked)
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
        # as dvk.model.create does: a submission racing the import waits for it, or the import for it
        self.env.cr.execute("UPDATE dvk_registration SET id = id WHERE id = %s", [registration.id])
        registration.invalidate_recordset(["state"])
        if registration.state != "draft":
            raise UserError(self._locked_registration())
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
        # What DEFAULTS_OF_A_NEW_LINE gave is what their computes would give a new draft line: the ORM
        # would still recompute them, and consecutive_years (recursive) one line at a time.
        for name in DEFAULTS_OF_A_NEW_LINE:
            field = Model._fields.get(name)
            if field is not None and field.compute and field.store:
                self.env.remove_to_compute(field, lines)
        lines.with_env(self.env).check_access("create")
        return lines

    def _existing_registration(self):
        return self.env["dvk.registration"].search(
            [("department_id", "=", self.department_id.id), ("period_id", "=", self.period_id.id)], limit=1
        )

    def _locked_registration(self):
        """Why the lines cannot go to the agency's form of the year, if it is no longer a draft."""
        registration = self._existing_registration()
        if registration and registration.state != "draft":
            return _(
                "%(agency)s already has a registration for %(year)s that is no longer a draft.",
                agency=self.department_id.name,
                year=self.period_id.year,
            )
        return None

    def _target_registration(self):
        locked = self._locked_registration()
        if locked:
            raise UserError(locked)
        registration = self._existing_registration()
        return registration or self.env["dvk.registration"].create(
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
