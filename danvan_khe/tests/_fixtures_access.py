"""The province of the access-matrix tests (test_access_matrix.py): not a test module.

R3: one record of every model of the movement, per agency, in a state where every
operation is legal, and a spare record of every configuration model; the people acting
from each side and who is competent for each agency, by the design.  Built in superuser
mode, so that the fixture does not itself depend on the ACLs and rules under test.
"""

from odoo import Command

from ._fixtures_access_checks import AccessChecks
from .common import R5_1_COMPLETE, DvkCase


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
                **R5_1_COMPLETE,
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


class AccessMatrixCase(AccessChecks, DvkCase):
    """R3: the fixture of the access matrix, on the three-tier organisation (R1) or, with ``two_tier``, two."""

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
            "dvk.recognition": {"committee_id": committee.id},  # its models are in the draft above
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

    # the transitions' records --------------------------------------------------

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
