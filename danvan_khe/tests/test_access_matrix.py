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
movement makes some cell fail.  The fixture is _fixtures_access.py; how a cell
and a transition are asserted, _fixtures_access_checks.py.

Which fields may change, in which state and for whom, is the models' table
(``_dvk_fields``), proven field by field in test_field_guard.py; here a write
cell writes one ordinary field of the fixture's record.
"""

from odoo.tests import new_test_user

from ._fixtures_access import AccessMatrixCase
from ._fixtures_access_checks import CREATE, READ, UNLINK, WRITE

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


class TestAccessMatrix(AccessMatrixCase):
    """R3 (competent role and level): the access matrix and the transitions, on the three-tier organisation (R1)."""

    def _expected(self, role, model, scope, operation):
        return operation in EXPECTED[role][model][scope]

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
