"""R3: what a transition decided is written by the server alone.

For every movement model, every stored field (from ``fields_get``), every role in
scope (staff, head, committee member, Home Affairs) and every state of a record
taken through the real workflow by its real actors, a write of the field is
refused unless the model's ``_dvk_fields`` table allows it for that role and
state. The value written is the field's current value, so that only the right to
write is under test, never the value's validity.
"""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import R5_1_COMPLETE, DvkCase

# Odoo's own bookkeeping and mail's fields are not the movement's decisions
SKIPPED = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name", "color"}


class TestFieldGuard(DvkCase):
    """R3: a write is refused unless the transition table allows it, for every stored field, role and state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records = cls._through_the_workflow()

    @classmethod
    def _registration(cls, year_offset, lines=2):
        period = cls.period_for(cls.year + year_offset)
        registration = (
            cls.env["dvk.registration"]
            .with_user(cls.staff_a)
            .create({"department_id": cls.dept_a.id, "period_id": period.id})
        )
        sectors = (cls.sector_kt, cls.sector_vhxh, cls.sector_xdhtct)
        cls.env["dvk.model"].with_user(cls.staff_a).create(
            [
                {
                    "registration_id": registration.id,
                    "name": f"Mô hình {index + 1} năm {period.year}",
                    "sector_id": sectors[index % 3].id,
                    **R5_1_COMPLETE,
                }
                for index in range(lines)
            ]
        )
        return registration

    @classmethod
    def _through_the_workflow(cls):
        """One record per state of every movement model, each taken there by its actors."""
        records = []
        draft = cls._registration(1)
        submitted = cls._registration(2)
        submitted.with_user(cls.staff_a).action_submit()
        confirmed = cls._registration(3)
        confirmed.with_user(cls.staff_a).action_submit()
        confirmed.with_user(cls.head_a).action_confirm()
        refused = cls._registration(4)
        refused.with_user(cls.staff_a).action_submit()
        refused.with_user(cls.head_a).action_refuse(reason="Thiếu địa chỉ")
        approved = cls._registration(0, lines=7)
        approved.with_user(cls.staff_a).action_submit()
        approved.with_user(cls.head_a).action_confirm()
        approved.model_ids[6].with_user(cls.member_a).action_refuse(reason="Trùng lặp")
        approved.with_user(cls.member_a).action_approve()
        records += [draft, submitted, confirmed, refused, approved]
        models_ = approved.model_ids.sorted("id")
        in_progress, reported, evaluated, recognized, not_recognized, cancelled, line_refused = models_
        records += [draft.model_ids[:1], submitted.model_ids[:1], confirmed.model_ids[:1], line_refused]
        inspection = (
            cls.env["dvk.inspection"].with_user(cls.head_a).create({"model_id": in_progress.id, "progress": 40})
        )
        for model in (reported, evaluated, recognized, not_recognized):
            model.with_user(cls.staff_a).write({"result_summary": "Kết quả tốt"})
            model.with_user(cls.staff_a).action_report()
        cancelled.with_user(cls.head_a).action_cancel()
        draft_evaluation = cls.env["dvk.evaluation"].with_user(cls.head_a).create({"model_id": reported.id})
        done_evaluations = cls.env["dvk.evaluation"]
        for model in (evaluated, recognized, not_recognized):
            done_evaluations |= cls.evaluate_as(model, cls.head_a)
        Recognition = cls.env["dvk.recognition"].with_user(cls.member_a)
        done_recognition = Recognition.create(
            {
                "committee_id": cls.committee_a.id,
                "model_ids": [Command.set(recognized.ids)],
                "rejection_ids": [Command.create({"model_id": not_recognized.id, "reason": "Chưa lan tỏa"})],
            }
        )
        done_recognition.action_done()
        draft_recognition = Recognition.create(
            {
                "committee_id": cls.committee_a.id,
                "rejection_ids": [Command.create({"model_id": evaluated.id, "reason": "Chưa đủ"})],
            }
        )
        Commendation = cls.env["dvk.commendation"].with_user(cls.member_a)
        draft_proposal = Commendation.create({"model_id": recognized.id})
        proposed = Commendation.create({"model_id": recognized.id})
        proposed.action_propose()
        granted = Commendation.create({"model_id": recognized.id})
        granted.action_propose()
        granted.with_user(granted.authority_user_id).action_grant(decision_number="01/QĐ")
        Report = cls.env["dvk.agency.report"].sudo()
        report_draft = Report.create({"department_id": cls.dept_a.id, "period_id": cls.period.id, "kind": "february"})
        report_draft.with_user(cls.head_a).action_refresh()
        report_sent = Report.create({"department_id": cls.dept_a.id, "period_id": cls.period.id, "kind": "october"})
        report_sent.with_user(cls.head_a).action_send()
        records += [in_progress, reported, evaluated, recognized, not_recognized, cancelled, inspection]
        records += [draft_evaluation, *done_evaluations, draft_evaluation.line_ids, done_evaluations.line_ids]
        records += [
            done_recognition,
            draft_recognition,
            done_recognition.rejection_ids,
            draft_recognition.rejection_ids,
        ]
        records += [draft_proposal, proposed, granted, report_draft, report_sent]
        records += [report_draft.line_ids, report_sent.line_ids]
        evaluated_inspection_model = evaluated
        records.append(evaluated_inspection_model.inspection_ids)
        return [record[:1].sudo() for record in records if record]

    @classmethod
    def evaluate_as(cls, model, user, score=16):
        evaluation = cls.env["dvk.evaluation"].with_user(user).create({"model_id": model.id})
        for line in evaluation.line_ids:
            line.score = score
        evaluation.action_done()
        return evaluation

    def _value(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.id
        if field.type == "one2many":
            return [Command.update(line.id, {}) for line in value]  # the inverse field stays as it is
        if field.type == "many2many":
            return [Command.set(value.ids)]
        if field.type == "date" and value:
            return fields.Date.to_string(value)
        if field.type == "datetime" and value:
            return fields.Datetime.to_string(value)
        return value

    def test_R3_every_stored_field_is_written_only_where_the_table_allows(self):
        """R3: for every model, stored field, role in scope and state, a write passes iff the table allows it."""
        actors = {"staff": self.staff_a, "head": self.head_a, "committee": self.member_a, "home_affairs": self.ha}
        exempt = set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields) | SKIPPED
        cells = refused = 0
        models_seen, states_seen = set(), set()
        for record in self.records:
            Model = self.env[record._name]
            state = record._dvk_guard_state()
            models_seen.add(record._name)
            states_seen.add((record._name, state))
            stored = [name for name, desc in Model.fields_get(attributes=["store"]).items() if desc.get("store")]
            for role, user in actors.items():
                roles = record.with_user(user)._dvk_roles(user)
                allowed = Model._dvk_allowed(state, roles)
                for name in stored:
                    if name in exempt or name == "state":
                        continue
                    cells += 1
                    with self.subTest(model=record._name, state=state, role=role, field=name):
                        savepoint = self.env.cr.savepoint()
                        try:
                            value = self._value(record, name)
                            error = None
                            try:
                                record.with_user(user).write({name: value})
                                record.with_user(user).flush_recordset()
                            except (AccessError, UserError, ValidationError) as exc:
                                error = exc
                        finally:
                            savepoint.close(rollback=True)
                            self.env.invalidate_all()
                        if name in allowed:
                            self.assertIsNone(error, f"{role} may write {name} on {record._name} ({state}): {error}")
                        else:
                            refused += 1
                            self.assertIsNotNone(error, f"{role} wrote {name} on {record._name} ({state})")
        # the run covered the whole movement, through its states
        self.assertEqual(
            models_seen,
            {
                "dvk.registration",
                "dvk.model",
                "dvk.inspection",
                "dvk.evaluation",
                "dvk.evaluation.line",
                "dvk.recognition",
                "dvk.recognition.rejection",
                "dvk.commendation",
                "dvk.agency.report",
                "dvk.agency.report.line",
            },
        )
        self.assertGreaterEqual(len(states_seen), 25)
        self.assertGreater(refused, cells / 2)

    def test_R3_admin_corrections_are_written_in_the_chatter(self):
        """R3: the movement administrator corrects a decided field, and the correction is logged."""
        approved = next(r for r in self.records if r._name == "dvk.registration" and r.state == "approved")
        before = len(approved.message_ids)
        approved.with_user(self.admin).write({"refuse_reason": "Sửa lỗi nhập liệu"})
        self.assertEqual(len(approved.message_ids), before + 1)
        self.assertIn("Sửa lỗi nhập liệu", approved.message_ids[0].body)
        with self.assertRaises(UserError):
            approved.with_user(self.admin).write({"state": "draft"})
