"""R3 (competent role and level): who may read, create, write and delete what, and where.

DESIGN.md, "Who may do what, where": a role acts only inside its scope on the
org tree, record rules enforce it on the server, and every transition checks
its role in the model so that an RPC call cannot skip a step.

The matrix below is that section written out, cell by cell: for every role
(staff, agency head, committee member, Home Affairs, admin, and a user outside
every scope), every model of the movement and every configuration model, and
each of read / create / write / unlink, inside and outside the role's scope.
Each cell is asserted as an RPC call would meet it:

* ``has_access`` (the ACL and the record rules) grants every allowed cell, and
* the real call (``search`` + ``read``, ``write``, ``create``, ``unlink``) on a
  real record, undone after the cell (each RPC call is its own transaction).

Scopes, named from the acting user's side:

* ``own``: the agency the user works in (and, for a head or a committee
  member, the agency they head or whose committee they sit on);
* ``below``: an agency under it (a district's people on one of its communes);
* ``other``: a sibling agency, outside every scope of the user;
* ``above``: the agency over the user's own (a commune's people on its district).

The three-tier province checks all four; the two-tier one (2025 reform, no
district) checks own/other between provincial departments and between two
communes that sit directly under the province.

Every transition (registration submit/confirm/approve/refuse/draft, model
refuse/report/cancel, evaluation and recognition done, commendation
propose/grant/reject, report send) is then called by every user who is not
competent for it, and must raise (AccessError or UserError) and change nothing.

The fixture is built in superuser mode, so that it does not itself depend on
the ACLs and rules under test: deleting any record rule or ACL line of the
movement makes some cell fail.

Which fields may change, in which state and for whom, is the models' table
(``_dvk_fields``), proven field by field in test_field_guard.py; here a write
cell writes one ordinary field of the fixture's record.
"""

from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import DvkCase

READ, WRITE, CREATE, UNLINK = "read", "write", "create", "unlink"
OPERATIONS = (READ, WRITE, CREATE, UNLINK)
ALL = frozenset(OPERATIONS)
R = frozenset({READ})
RW = frozenset({READ, WRITE})
NONE = frozenset()
SCOPES = ("own", "below", "other", "above")

MOVEMENT = (
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
)
CONFIGURATION = (
    "dvk.committee",
    "dvk.tier",
    "dvk.sector",
    "dvk.criterion",
    "dvk.period",
    "dvk.regulation",
    "dvk.classification",
)
ROLES = ("staff", "head", "committee", "home_affairs", "admin", "outsider")


def _scoped(own, below=NONE, other=NONE, above=NONE):
    return {"own": own, "below": below, "other": other, "above": above}


def _everywhere(operations):
    return dict.fromkeys(SCOPES, operations)


# The design, cell by cell: EXPECTED[role][model][scope] is the set of allowed operations.
# A cell is the record rules and ACLs (which rows) and the model's _dvk_fields table (what may
# change on them, and by whom, in the fixture's state): the real call decides.
RC = frozenset({READ, CREATE})
EXPECTED = {
    # "drafts and submits for their own agency; reads their agency's records"
    "staff": {
        "dvk.registration": _scoped(ALL),
        "dvk.model": _scoped(ALL),
        **{model: _scoped(R) for model in MOVEMENT[2:]},
    },
    # "confirms, inspects, evaluates, reports" for the agencies they head; a head is staff
    # of their own agency too. R6.2/R7.2 (the competent level): a district head reads a
    # commune's records but does not decide for a commune that has its own head.
    "head": {
        "dvk.registration": _scoped(ALL, below=R),
        "dvk.model": _scoped(ALL, below=R),
        "dvk.inspection": _scoped(ALL, below=R),
        "dvk.evaluation": _scoped(ALL, below=R),
        "dvk.evaluation.line": _scoped(frozenset({READ, WRITE, CREATE}), below=R),
        "dvk.recognition": _scoped(R, below=R),
        "dvk.recognition.rejection": _scoped(R, below=R),
        # R7.2: the committee proposes; the head is an authority, not a proposer
        "dvk.commendation": _scoped(R, below=R),
        # reports are created by the R8 calendar; the head fills in and sends them
        "dvk.agency.report": _scoped(RW, below=R),
        "dvk.agency.report.line": _scoped(R, below=R),
    },
    # "approves registrations and recognises models for the agencies that their committee
    # governs: its own agency, and the agencies below it that have no committee of their own"
    # (the commune below has one: the district's members read it only); the fixture's members
    # also work in the agency of their committee, hence staff rights there ("own"). R7.1: a
    # member may score too, their own evaluation; R7.2: the committee proposes commendations.
    "committee": {
        "dvk.registration": _scoped(ALL, below=R),
        "dvk.model": _scoped(ALL, below=R),
        "dvk.inspection": _scoped(R, below=R),
        "dvk.evaluation": _scoped(RC, below=R),
        "dvk.evaluation.line": _scoped(R, below=R),
        "dvk.recognition": _scoped(ALL, below=R),
        "dvk.recognition.rejection": _scoped(ALL, below=R),
        "dvk.commendation": _scoped(ALL, below=R),
        "dvk.agency.report": _scoped(R, below=R),
        "dvk.agency.report.line": _scoped(R, below=R),
    },
    # "reads everything in the province" (its own agency's registrations are not in this fixture)
    "home_affairs": {model: _everywhere(R) for model in MOVEMENT},
    # "full access to every record of the movement, to correct mistakes"
    "admin": {model: _everywhere(ALL) for model in MOVEMENT},
    # a user of the movement's group whose employee is in no agency
    "outsider": {model: _everywhere(NONE) for model in MOVEMENT},
}
# "admin: configuration (tiers, sectors, criteria, committees, periods)": everybody reads it.
for _role in ROLES:
    EXPECTED[_role].update(dict.fromkeys(CONFIGURATION, ALL if _role == "admin" else R))

# the field each cell reads and writes, and the value it writes
FIELD = {
    "dvk.registration": ("note", "Ghi chú sửa"),
    "dvk.model": ("resources", "Kinh phí 5 triệu đồng"),
    "dvk.inspection": ("findings", "Đúng tiến độ"),
    "dvk.evaluation": ("note", "Kết luận"),
    "dvk.evaluation.line": ("comment", "Nhận xét"),
    "dvk.recognition": ("reasoning", "Căn cứ"),
    "dvk.recognition.rejection": ("reason", "Chưa lan tỏa"),
    "dvk.commendation": ("reason", "Thành tích"),
    "dvk.agency.report": ("note", "Báo cáo"),
    "dvk.agency.report.line": ("registered_count", 7),
    "dvk.committee": ("note", "<p>Ghi chú</p>"),
    "dvk.tier": ("sequence", 99),
    "dvk.sector": ("sequence", 99),
    "dvk.criterion": ("sequence", 99),
    "dvk.period": ("date_october", date(2190, 10, 15)),
    "dvk.regulation": ("issuer", "UBND tỉnh (thử)"),
    "dvk.classification": ("min_percent", 1.5),
}


def _movement(case, agency, period, lines, state="approved"):
    """A registration of ``agency`` with ``lines`` collective models, taken to ``state`` in superuser mode."""
    env = case.env
    registration = env["dvk.registration"].create({"department_id": agency.id, "period_id": period.id})
    sectors = (case.sector_kt, case.sector_vhxh, case.sector_xdhtct)
    models = env["dvk.model"].create(
        [
            {
                "registration_id": registration.id,
                "name": f"Mô hình {index + 1} của {agency.name}",
                "kind": "collective",
                "sector_id": sectors[index % 3].id,
                "result_summary": "Kết quả thực hiện",
            }
            for index in range(lines)
        ]
    )
    if state == "approved":
        registration.action_submit()
        registration.action_confirm()
        registration.action_approve()
    return registration, models.sorted("id")


def _evaluate(case, model, score=16):
    evaluation = case.env["dvk.evaluation"].create({"model_id": model.id})
    for line in evaluation.line_ids:
        line.score = score
    evaluation.action_done()
    return evaluation


class TestAccessMatrix(DvkCase):
    """R3 (competent role and level): the access matrix and the transitions, on the three-tier organisation (R1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period_draft = cls.period_for(cls.year + 1)  # a draft registration per agency
        cls.period_new = cls.period_for(cls.year + 2)  # where the create cells register
        cls.factor = cls.env["dvk.criterion"].search(
            [("kind", "=", "evaluation"), ("regulation_id", "=", cls.period.regulation_id.id)], limit=1
        )
        if cls.two_tier:
            cls.committee_c2 = cls.env["dvk.committee"].create({"name": "BCĐ xã Hai", "department_id": cls.commune2.id})
            agencies = (cls.dept_a, cls.dept_b, cls.commune, cls.commune2)
            cls.scopes = [
                ("own", "a", cls.dept_a),
                ("other", "a", cls.dept_b),
                ("own", "c", cls.commune),
                ("other", "c", cls.commune2),
            ]
        else:
            agencies = (cls.dept_a, cls.dept_b, cls.commune, cls.district)
            cls.scopes = [
                ("own", "a", cls.dept_a),
                ("other", "a", cls.dept_b),
                ("below", "d", cls.commune),
                ("above", "c", cls.district),
            ]
        cls.committee_of = {
            cls.dept_a: cls.committee_a,
            cls.dept_b: cls.committee_b,
            cls.commune: cls.committee_c,
            cls.commune2: getattr(cls, "committee_c2", None),
            cls.district: getattr(cls, "committee_d", None),
        }
        cls.records = {agency: cls._build_records(agency) for agency in agencies}
        cls.config = cls._build_configuration()
        # the transitions are taken on a provincial department and on a commune
        cls.fixtures = {
            agency: {
                "draft": records["dvk.registration"],
                "in_progress": records["dvk.inspection"].model_id,
                "evaluation": records["dvk.evaluation"],
                "evaluator": records["dvk.evaluation"].evaluator_id,
                "recognition": records["dvk.recognition"],
                "committee": records["dvk.recognition"].committee_id,
                "commendation": records["dvk.commendation"],
                "report": records["dvk.agency.report"],
            }
            for agency in (cls.dept_a, cls.commune)
            for records in [cls.records[agency]["records"]]
        }
        cls.people = [
            cls.staff_a,
            cls.head_a,
            cls.member_a,
            cls.staff_b,
            cls.head_b,
            cls.member_b,
            cls.staff_c,
            cls.head_c,
            cls.member_c,
            cls.ha,
            cls.admin,
            cls.outsider,
        ]
        if cls.district:
            cls.people += [cls.staff_d, cls.head_d, cls.member_d]
        # who is competent for each agency, by the design (not by the addon's own scope computation):
        # staff work in the agency, heads head it or an agency above, members sit on a committee over it
        cls.capacity = {
            cls.dept_a: {
                "staff": cls.staff_a | cls.head_a | cls.member_a,
                "head": cls.head_a,
                "committee": cls.member_a,
            },
            cls.commune: {
                "staff": cls.staff_c | cls.head_c | cls.member_c,
                # R6.2, R7.2: the commune has its own head and committee: the district's do not decide for it
                "head": cls.head_c,
                "committee": cls.member_c,
            },
        }

    @classmethod
    def _build_records(cls, agency):
        """One record of every movement model for ``agency``, in a state where every operation is legal.

        Built in superuser mode, so that the fixture does not depend on the rules under test.
        """
        draft, models = _movement(cls, agency, cls.period_draft, lines=1, state="draft")
        _registration, models = _movement(cls, agency, cls.period, lines=5)
        in_progress, to_evaluate, evaluated, rejected, recognized = models
        (to_evaluate | evaluated | rejected | recognized).action_report()
        evaluator = {cls.dept_a: cls.head_a, cls.dept_b: cls.head_b, cls.commune: cls.head_c}.get(agency, cls.admin)
        evaluation = cls.env["dvk.evaluation"].create({"model_id": to_evaluate.id, "evaluator_id": evaluator.id})
        line = evaluation.line_ids.filtered(lambda ln: ln.criterion_id != cls.factor)[:1]
        evaluation.line_ids.filtered(lambda ln: ln.criterion_id == cls.factor).unlink()  # room for a create
        for model in evaluated | rejected | recognized:
            _evaluate(cls, model)
        committee = cls.committee_of[agency]
        Recognition = cls.env["dvk.recognition"]
        Recognition.create({"committee_id": committee.id, "model_ids": [Command.set(recognized.ids)]}).action_done()
        recognition = Recognition.create(
            {
                "committee_id": committee.id,
                "model_ids": [Command.set(evaluated.ids)],
                "rejection_ids": [Command.create({"model_id": rejected.id, "reason": "Chưa đạt"})],
            }
        )
        commendation = cls.env["dvk.commendation"].create({"model_id": recognized.id})
        report = cls.env["dvk.agency.report"].create(
            {"department_id": agency.id, "period_id": cls.period.id, "kind": "february"}
        )
        report_line = cls.env["dvk.agency.report.line"].create(
            {"report_id": report.id, "sector_id": cls.sector_kt.id, "kind": "collective", "registered_count": 1}
        )
        records = {
            "dvk.registration": draft,
            "dvk.model": draft.model_ids,
            "dvk.inspection": cls.env["dvk.inspection"].create({"model_id": in_progress.id}),
            "dvk.evaluation": evaluation,
            "dvk.evaluation.line": line,
            "dvk.recognition": recognition,
            "dvk.recognition.rejection": recognition.rejection_ids,
            "dvk.commendation": commendation,
            "dvk.agency.report": report,
            "dvk.agency.report.line": report_line,
        }
        values = {
            "dvk.registration": {"department_id": agency.id, "period_id": cls.period_new.id},
            "dvk.model": {
                "registration_id": draft.id,
                "name": "Mô hình thêm",
                "kind": "collective",
                "sector_id": cls.sector_kt.id,
            },
            "dvk.inspection": {"model_id": in_progress.id, "progress": 30},
            "dvk.evaluation": {"model_id": to_evaluate.id},
            "dvk.evaluation.line": {"evaluation_id": evaluation.id, "criterion_id": cls.factor.id, "score": 1},
            "dvk.recognition": {"committee_id": committee.id, "model_ids": [Command.set(evaluated.ids)]},
            "dvk.recognition.rejection": {"recognition_id": recognition.id, "model_id": rejected.id, "reason": "x"},
            "dvk.commendation": {"model_id": recognized.id},
            "dvk.agency.report": {"department_id": agency.id, "period_id": cls.period.id, "kind": "october"},
            "dvk.agency.report.line": {"report_id": report.id, "sector_id": cls.sector_vhxh.id, "kind": "individual"},
        }
        for model, record in records.items():
            assert len(record) == 1, (model, agency.name, record)
        return {"records": records, "values": values}

    @classmethod
    def _build_configuration(cls):
        """A spare record of every configuration model (nothing refers to it) and the values to create one."""
        regulation = cls.period.regulation_id
        spare = {
            "dvk.committee": {"name": "BCĐ dự phòng", "department_id": cls.dept_a.id},
            "dvk.tier": {"name": "Cấp dự phòng", "code": "test_spare"},
            "dvk.sector": {"name": "Lĩnh vực dự phòng", "code": "TEST-SPARE", "regulation_id": regulation.id},
            "dvk.criterion": {"name": "Tiêu chí dự phòng", "kind": "collective", "regulation_id": regulation.id},
            "dvk.period": {"year": 2190},
            "dvk.regulation": {"name": "Quy định dự phòng"},
            "dvk.classification": {"name": "Loại dự phòng", "min_percent": 0.5, "is_pass": False},
        }
        new = {
            "dvk.committee": {"name": "BCĐ mới", "department_id": cls.dept_b.id},
            "dvk.tier": {"name": "Cấp mới", "code": "test_new"},
            "dvk.sector": {"name": "Lĩnh vực mới", "code": "TEST-NEW", "regulation_id": regulation.id},
            "dvk.criterion": {"name": "Tiêu chí mới", "kind": "individual", "regulation_id": regulation.id},
            "dvk.period": {"year": 2191},
            "dvk.regulation": {"name": "Quy định mới"},
            "dvk.classification": {"name": "Loại mới", "min_percent": 0.25, "is_pass": False},
        }
        return {
            "records": {model: cls.env[model].create(vals) for model, vals in spare.items()},
            "values": new,
        }

    # the people --------------------------------------------------------------

    def _actor(self, role, side):
        """The user acting in ``role`` from agency ``side`` (a, c or d)."""
        if role in ("home_affairs", "admin", "outsider"):
            return {"home_affairs": self.ha, "admin": self.admin, "outsider": self.outsider}[role]
        prefix = {"staff": "staff", "head": "head", "committee": "member"}[role]
        return getattr(self, f"{prefix}_{side}")

    # one cell -----------------------------------------------------------------

    @contextmanager
    def _undone(self):
        """Run a cell, then undo it: each RPC call is its own transaction."""
        savepoint = self.env.cr.savepoint()
        try:
            yield
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _expected(self, role, model, scope, operation):
        return operation in EXPECTED[role][model][scope]

    def _assert_cell(self, user, record, values, operation, expected):
        """R3: ``user`` may do ``operation`` on ``record`` (or create from ``values``) exactly when ``expected``."""
        model = record._name
        field, value = FIELD[model]
        Model = self.env[model].with_user(user).with_context(active_test=False)
        mine = record.with_user(user)
        note = ""
        if operation == READ:
            self.assertEqual(mine.has_access(READ), expected, note)
            self.assertEqual(record in Model.search([]), expected, f"search finds it: {note}")
            if expected:
                self.assertEqual(mine.read([field])[0][field], record[field])
            else:
                with self.assertRaises(AccessError, msg=note):
                    mine.read([field])
        elif operation == WRITE:
            # the rules must grant the row; the model's table may still refuse the field
            if expected:
                self.assertTrue(mine.has_access(WRITE))
            before = record[field]
            with self._undone():
                if expected:
                    mine.write({field: value})
                    self.env.flush_all()
                    self.assertEqual(record[field], value)
                else:
                    with self.assertRaises(AccessError, msg=note):
                        mine.write({field: value})
                        self.env.flush_all()
                    self.assertEqual(record[field], before)
        elif operation == CREATE:
            if expected:
                self.assertTrue(Model.browse().has_access(CREATE), f"the ACL grants create: {note}")
            with self._undone():
                if expected:
                    created = Model.create(dict(values))
                    self.env.flush_all()
                    self.assertTrue(created.sudo().exists())
                else:
                    with self.assertRaises(AccessError, msg=note):
                        Model.create(dict(values))
                        self.env.flush_all()
        else:
            if expected:
                self.assertTrue(mine.has_access(UNLINK))
            with self._undone():
                if expected:
                    mine.unlink()
                    self.env.flush_all()
                    self.assertFalse(record.exists())
                else:
                    with self.assertRaises(AccessError, msg=note):
                        mine.unlink()
                        self.env.flush_all()
                    self.assertTrue(record.exists())

    # the matrix ---------------------------------------------------------------

    def test_R3_movement_matrix(self):
        """R3: every role × movement model × read/write/create/unlink, in and out of its scope."""
        cells = 0
        for role in ROLES:
            for scope, side, agency in self.scopes:
                user = self._actor(role, side)
                fixture = self.records[agency]
                for model in MOVEMENT:
                    for operation in OPERATIONS:
                        expected = self._expected(role, model, scope, operation)
                        with self.subTest(
                            role=role, user=user.login, model=model, scope=scope, agency=agency.name, op=operation
                        ):
                            self._assert_cell(
                                user,
                                fixture["records"][model],
                                fixture["values"][model],
                                operation,
                                expected,
                            )
                        cells += 1
        self.assertEqual(cells, len(ROLES) * 4 * len(MOVEMENT) * len(OPERATIONS))

    def test_R3_configuration_matrix(self):
        """R3: configuration (committees, tiers, sectors, criteria, years...) is read by all, changed by admins."""
        for role in ROLES:
            user = self._actor(role, "a")
            for model in CONFIGURATION:
                for operation in OPERATIONS:
                    expected = operation in EXPECTED[role][model]
                    with self.subTest(role=role, user=user.login, model=model, op=operation):
                        self._assert_cell(
                            user,
                            self.config["records"][model],
                            self.config["values"][model],
                            operation,
                            expected,
                        )

    def test_R3_search_never_returns_records_outside_the_scope(self):
        """R3: staff of agency B searching the movement find none of agency A's records, and their own."""
        mine, theirs = self.records[self.dept_b]["records"], self.records[self.dept_a]["records"]
        for model in MOVEMENT:
            with self.subTest(model=model):
                found = self.env[model].with_user(self.staff_b).search([])
                self.assertFalse(found & theirs[model].with_user(self.staff_b))
                self.assertIn(mine[model].with_user(self.staff_b), found)
                self.assertFalse(self.env[model].with_user(self.outsider).search([]))

    def test_R3_matrix_documents_every_cell(self):
        """The table itself: every role has a set of operations for every model and scope."""
        for role in ROLES:
            self.assertEqual(set(EXPECTED[role]), set(MOVEMENT) | set(CONFIGURATION), role)
            for model in MOVEMENT:
                self.assertEqual(set(EXPECTED[role][model]), set(SCOPES), (role, model))

    # R3: the transitions ----------------------------------------------------------------
    # A wrong role gets an AccessError or a UserError and changes nothing: not the
    # state, not a field, not a related record, no activity and no message. Each
    # transition is then taken by every competent user, which proves that the
    # refusals came from the role and not from the record's state.

    def _snapshot(self, records):
        """The rows of ``records``, their many2many links, messages and activities, as a commit would write them."""
        self.env.flush_all()
        cr = self.env.cr
        snapshot = []
        for recordset in records:
            ids = tuple(recordset.ids) or (0,)
            cr.execute(f'SELECT * FROM "{recordset._table}" WHERE id IN %s ORDER BY id', [ids])
            columns = [column.name for column in cr.description]
            rows = [
                {
                    name: value
                    for name, value in zip(columns, row, strict=True)
                    if name not in ("write_date", "write_uid")
                }
                for row in cr.fetchall()
            ]
            links = [name for name, field in recordset._fields.items() if field.type == "many2many" and field.store]
            snapshot.append((recordset._name, rows, recordset.sudo().read(links) if links else []))
            for table, res_model in (("mail_activity", "res_model"), ("mail_message", "model")):
                cr.execute(
                    f"SELECT res_id, count(*) FROM {table} WHERE {res_model} = %s AND res_id IN %s GROUP BY res_id",
                    [recordset._name, ids],
                )
                snapshot.append((table, sorted(cr.fetchall())))
        return snapshot

    def _check_transition(self, label, agency, prepare, call, related, competent):
        """R3: ``call(record_as_user)`` refuses everybody but ``competent`` and changes nothing.

        ``prepare()`` brings the record to the transition's state (in superuser mode)
        and returns it; ``related(record)`` are the records the transition would
        touch; ``competent`` are the users allowed to take it.
        """
        wrong = [user for user in self.people if user not in competent]
        self.assertTrue(wrong and competent, label)
        with self._undone():
            record = prepare()
            before = self._snapshot(related(record))  # each call below is undone: they all start from here
            for user in wrong:
                with self.subTest(transition=label, agency=agency.name, user=user.login):
                    with self._undone():
                        # no savepoint around the call: what it wrote before raising stays visible
                        self.env.invalidate_all()  # an RPC call starts from an empty cache
                        try:
                            call(record.with_user(user))
                        except (AccessError, UserError):
                            pass
                        else:
                            self.fail(f"{user.login} took {label}")
                        self.assertEqual(self._snapshot(related(record)), before, "a refused call changed something")
            for user in competent:
                with self.subTest(transition=label, agency=agency.name, user=user.login, competent=True):
                    before = self._snapshot([record])
                    with self._undone():
                        self.assertTrue(call(record.with_user(user)))
                        self.assertNotEqual(self._snapshot([record]), before, "the transition did nothing")

    def _registration_in(self, agency, *steps):
        def prepare():
            registration = self.fixtures[agency]["draft"]  # superuser mode: independent of the rules
            for step in steps:
                if step == "refuse":
                    registration.action_refuse(reason="Thiếu nội dung")
                else:
                    getattr(registration, f"action_{step}")()
            return registration

        return prepare

    def test_R3_registration_transitions(self):
        """R3/R6.2: submit (staff, head), confirm (head), approve (committee), refuse, reset to draft."""
        for agency in self.fixtures:
            can = self.capacity[agency]
            admin = self.admin

            def related(registration):
                return (registration, registration.model_ids)

            cases = [
                ("action_submit", (), lambda r: r.action_submit(), can["staff"] | can["head"]),
                ("action_confirm", ("submit",), lambda r: r.action_confirm(), can["head"]),
                ("action_approve", ("submit", "confirm"), lambda r: r.action_approve(), can["committee"]),
                (
                    "action_refuse (submitted)",
                    ("submit",),
                    lambda r: r.action_refuse(reason="Không phù hợp"),
                    can["head"],
                ),
                (
                    "action_refuse (confirmed)",
                    ("submit", "confirm"),
                    lambda r: r.action_refuse(reason="Không phù hợp"),
                    can["head"] | can["committee"],
                ),
                ("action_draft", ("submit", "refuse"), lambda r: r.action_draft(), can["staff"] | can["head"]),
            ]
            for label, steps, call, competent in cases:
                self._check_transition(
                    f"dvk.registration.{label}",
                    agency,
                    self._registration_in(agency, *steps),
                    call,
                    related,
                    competent | admin,
                )

    def test_R3_model_transitions(self):
        """R3/R6.2–R7.1: the committee refuses a line, staff or head report, the head cancels."""
        for agency in self.fixtures:
            can = self.capacity[agency]
            fixture = self.fixtures[agency]
            prepare_confirmed = self._registration_in(agency, "submit", "confirm")
            self._check_transition(
                "dvk.model.action_refuse",
                agency,
                lambda p=prepare_confirmed: p().model_ids[:1],
                lambda m: m.action_refuse(reason="Trùng lặp"),
                lambda m: (m.registration_id, m.registration_id.model_ids),
                can["committee"] | self.admin,
            )
            for label, call, competent in (
                ("action_report", lambda m: m.action_report(), can["staff"] | can["head"]),
                ("action_cancel", lambda m: m.action_cancel(), can["head"]),
            ):
                self._check_transition(
                    f"dvk.model.{label}",
                    agency,
                    lambda f=fixture: f["in_progress"],
                    call,
                    lambda m: (m, m.registration_id),
                    competent | self.admin,
                )

    def test_R3_evaluation_and_recognition_transitions(self):
        """R3/R7.1–R7.2: the evaluator (a head or member in scope) closes their evaluation; the committee decides."""
        for agency, fixture in self.fixtures.items():
            self._check_transition(
                "dvk.evaluation.action_done",
                agency,
                lambda f=fixture: f["evaluation"].sudo()._dvk_fill_factors() or f["evaluation"],
                lambda e: e.action_done(),
                lambda e: (e, e.line_ids, e.model_id),
                fixture["evaluator"] | self.admin,
            )
            self._check_transition(
                "dvk.recognition.action_done",
                agency,
                lambda f=fixture: f["recognition"],
                lambda r: r.action_done(),
                lambda r: (r, r.model_ids),
                fixture["committee"].member_ids | self.admin,
            )

    def test_R3_commendation_transitions(self):
        """R3/R7.2: the committee proposes; only the authority of the tier, not the proposer, grants or rejects."""
        for agency, fixture in self.fixtures.items():
            can = self.capacity[agency]
            commendation = fixture["commendation"]
            self.assertTrue(commendation.authority_user_id, "the tier routes the proposal to a user")

            def proposed(c=commendation):
                c.action_propose()
                return c

            self._check_transition(
                "dvk.commendation.action_propose",
                agency,
                lambda c=commendation: c,
                lambda c: c.action_propose(),
                lambda c: (c, c.model_id),
                can["committee"] | self.admin,
            )
            authority = commendation.authority_user_id | self.admin
            self._check_transition(
                "dvk.commendation.action_grant",
                agency,
                proposed,
                lambda c: c.action_grant(decision_number="12/QĐ"),
                lambda c: (c, c.model_id),
                authority,
            )
            self._check_transition(
                "dvk.commendation.action_reject",
                agency,
                proposed,
                lambda c: c.action_reject(reason="Chưa đủ thành tích"),
                lambda c: (c, c.model_id),
                authority,
            )

    def test_R3_agency_report_send(self):
        """R3/R8: only the head over the agency sends its report to Home Affairs."""
        for agency, fixture in self.fixtures.items():
            self._check_transition(
                "dvk.agency.report.action_send",
                agency,
                lambda f=fixture: f["report"],
                lambda r: r.action_send(),
                lambda r: (r, r.line_ids),
                self.capacity[agency]["head"] | self.admin,
            )

    # the scope follows the employee ----------------------------------------------
    # Record rules are cached per user (ir.rule._compute_domain is an ormcache): hr_employee.py
    # clears that cache when an employee of a user is created, written or deleted.

    def _sees(self, user, record):
        self.env.invalidate_all()  # each RPC call is a new transaction
        return record in self.env[record._name].with_user(user).search([("id", "=", record.id)])

    def test_R3_deleted_employee_loses_access_at_once(self):
        registration = self.make_registration(period=self.period_for(self.year + 3))
        self.assertTrue(self._sees(self.staff_a, registration))  # the rule's domain is now cached
        self.staff_a.employee_ids.unlink()
        self.assertFalse(self._sees(self.staff_a, registration), "a former employee keeps their agency's records")

    def test_R3_new_employee_gets_access_at_once(self):
        registration = self.make_registration(period=self.period_for(self.year + 3))
        newcomer = new_test_user(self.env, login="t.newcomer", groups="danvan_khe.group_dvk_user")
        self.assertFalse(self._sees(newcomer, registration))  # the rule's domain is now cached
        self.env["hr.employee"].create({"name": "Newcomer", "user_id": newcomer.id, "department_id": self.dept_a.id})
        self.assertTrue(self._sees(newcomer, registration), "a new employee does not see their agency's records")


class TestAccessMatrixTwoTier(TestAccessMatrix):
    """R3 on the two-tier organisation of the 2025 reform: communes sit directly under the province.

    A commune's own head and committee are the only competent ones for it: no district above.
    """

    two_tier = True
