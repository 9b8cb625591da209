"""A small province for the tests: three tiers, or two after the 2025 reform.

Every role has a user inside and outside its scope, linked to an employee as in
real life (a user's agency comes from their employee's department).
"""

from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# R5.1a: what a collective model needs before its registration is submitted (name, address, content)
R5_1_COMPLETE = {
    "address": "Khóm 3, Phường 1, thành phố Trà Vinh",
    "survey_content": "Giải quyết thủ tục hành chính đúng hẹn, tận tình với người dân",
}


class DvkCase(TransactionCase):
    """Three-tier organisation (R1): a provincial department, a district with two communes."""

    two_tier = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.Department = cls.env["hr.department"]
        cls.tier_province = cls.env.ref("danvan_khe.tier_province")
        cls.tier_district = cls.env.ref("danvan_khe.tier_district")
        cls.tier_commune = cls.env.ref("danvan_khe.tier_commune")
        cls.sector_kt = cls.env.ref("danvan_khe.sector_kt")
        cls.sector_vhxh = cls.env.ref("danvan_khe.sector_vhxh")
        cls.sector_xdhtct = cls.env.ref("danvan_khe.sector_xdhtct")
        cls._build_org()
        cls._build_people()
        cls.year = date.today().year
        cls.period = cls.period_for(cls.year)

    @classmethod
    def _agency(cls, name, tier, parent=None):
        return cls.Department.create(
            {"name": name, "dvk_is_agency": True, "dvk_tier_id": tier.id, "parent_id": parent and parent.id}
        )

    @classmethod
    def _build_org(cls):
        cls.root = cls.Department.create({"name": "Tỉnh Thử Nghiệm"})
        cls.home_affairs = cls._agency("Sở Nội vụ (thử)", cls.tier_province, cls.root)
        cls.dept_a = cls._agency("Sở Tư pháp (thử)", cls.tier_province, cls.root)
        cls.dept_a_office = cls.Department.create({"name": "Văn phòng Sở Tư pháp (thử)", "parent_id": cls.dept_a.id})
        cls.dept_b = cls._agency("Sở Y tế (thử)", cls.tier_province, cls.root)
        if cls.two_tier:
            # 2025 reform: the district tier is archived, communes sit under the province
            cls.tier_district.active = False
            cls.district = cls.env["hr.department"]
            cls.commune = cls._agency("Ủy ban nhân dân xã Một (thử)", cls.tier_commune, cls.root)
            cls.commune2 = cls._agency("Ủy ban nhân dân xã Hai (thử)", cls.tier_commune, cls.root)
        else:
            cls.district = cls._agency("Ủy ban nhân dân huyện Thử", cls.tier_district, cls.root)
            cls.district_office = cls.Department.create(
                {"name": "Phòng Nội vụ huyện Thử", "parent_id": cls.district.id}
            )
            cls.commune = cls._agency("Ủy ban nhân dân xã Một (thử)", cls.tier_commune, cls.district)
            cls.commune2 = cls._agency("Ủy ban nhân dân xã Hai (thử)", cls.tier_commune, cls.district)

    @classmethod
    def _person(cls, login, department, groups, head=False):
        user = new_test_user(cls.env, login=login, groups=groups, name=login.replace(".", " ").title())
        employee = cls.env["hr.employee"].create(
            {"name": user.name, "user_id": user.id, "department_id": department.id}
        )
        if head:
            department.manager_id = employee
        return user

    @classmethod
    def _build_people(cls):
        U, M, C = "danvan_khe.group_dvk_user", "danvan_khe.group_dvk_manager", "danvan_khe.group_dvk_committee"
        cls.admin = cls._person("t.admin", cls.home_affairs, "danvan_khe.group_dvk_admin")
        cls.ha = cls._person("t.ha", cls.home_affairs, "danvan_khe.group_dvk_home_affairs")
        cls.staff_a = cls._person("t.staff.a", cls.dept_a_office, U)
        cls.head_a = cls._person("t.head.a", cls.dept_a, M, head=True)
        cls.member_a = cls._person("t.member.a", cls.dept_a, C)
        cls.staff_b = cls._person("t.staff.b", cls.dept_b, U)
        cls.head_b = cls._person("t.head.b", cls.dept_b, M, head=True)
        cls.member_b = cls._person("t.member.b", cls.dept_b, C)
        cls.staff_c = cls._person("t.staff.c", cls.commune, U)
        cls.head_c = cls._person("t.head.c", cls.commune, M, head=True)
        cls.member_c = cls._person("t.member.c", cls.commune, C)
        cls.outsider = new_test_user(cls.env, login="t.outsider", groups=U, name="Outsider Without Employee")
        Committee = cls.env["dvk.committee"]
        cls.committee_a = Committee.create(
            {
                "name": "BCĐ Sở Tư pháp",
                "department_id": cls.dept_a.id,
                "member_ids": [Command.set([cls.member_a.id])],
                "chair_id": cls.member_a.id,
            }
        )
        cls.committee_b = Committee.create(
            {"name": "BCĐ Sở Y tế", "department_id": cls.dept_b.id, "member_ids": [Command.set([cls.member_b.id])]}
        )
        cls.committee_c = Committee.create(
            {
                "name": "BCĐ xã Một",
                "department_id": cls.commune.id,
                "member_ids": [Command.set([cls.member_c.id])],
                "chair_id": cls.member_c.id,
            }
        )
        if cls.district:
            cls.head_d = cls._person("t.head.d", cls.district, M, head=True)
            cls.member_d = cls._person("t.member.d", cls.district, C)
            cls.staff_d = cls._person("t.staff.d", cls.district_office, U)
            cls.committee_d = Committee.create(
                {
                    "name": "BCĐ huyện Thử",
                    "department_id": cls.district.id,
                    "member_ids": [Command.set([cls.member_d.id])],
                    "chair_id": cls.member_d.id,
                }
            )

    @classmethod
    def period_for(cls, year):
        Period = cls.env["dvk.period"]
        return Period.search([("year", "=", year)]) or Period.create({"year": year})

    # building the movement's records as their actors would ----------------

    def make_registration(self, agency=None, user=None, lines=2, period=None):
        """A draft registration with ``lines`` collective models, created by its agency's staff."""
        agency = agency or self.dept_a
        user = user or self._staff_of(agency)
        period = period or self.period
        registration = (
            self.env["dvk.registration"].with_user(user).create({"department_id": agency.id, "period_id": period.id})
        )
        for index in range(lines):
            self.env["dvk.model"].with_user(user).create(
                {
                    "registration_id": registration.id,
                    "name": f"Mô hình {index + 1} của {agency.name}",
                    "kind": "collective",
                    "sector_id": (self.sector_kt, self.sector_vhxh, self.sector_xdhtct)[index % 3].id,
                    **R5_1_COMPLETE,
                }
            )
        return registration.with_user(user)

    def _role_of(self, role, agency):
        """The test province's ``role`` user of ``agency``: never a stand-in (no admin fallback).

        An agency without such a user is a mistake of the test, which must then name the
        user acting (``user=``): a helper acting as the administrator would pass every check.
        """
        people = {
            "staff": {self.dept_a: self.staff_a, self.dept_b: self.staff_b, self.commune: self.staff_c},
            "head": {self.dept_a: self.head_a, self.dept_b: self.head_b, self.commune: self.head_c},
            "member": {self.dept_a: self.member_a, self.dept_b: self.member_b, self.commune: self.member_c},
        }[role]
        if self.district:
            people[self.district] = {"staff": self.staff_d, "head": self.head_d, "member": self.member_d}[role]
        if agency not in people:
            raise AssertionError(f"the test province has no {role} for {agency.name!r}: pass the user acting")
        return people[agency]

    def _staff_of(self, agency):
        return self._role_of("staff", agency)

    def head_of(self, agency):
        return self._role_of("head", agency)

    def member_of(self, agency):
        return self._role_of("member", agency)

    def approved_registration(self, agency=None, lines=2, period=None):
        registration = self.make_registration(agency, lines=lines, period=period)
        agency = registration.department_id
        registration.action_submit()
        registration.with_user(self.head_of(agency)).action_confirm()
        registration.with_user(self.member_of(agency)).action_approve()
        return registration

    def reported_model(self, agency=None, period=None):
        registration = self.approved_registration(agency, lines=1, period=period)
        model = registration.model_ids
        model.with_user(self._staff_of(registration.department_id)).write({"result_summary": "Đạt kết quả tốt"})
        model.with_user(self._staff_of(registration.department_id)).action_report()
        return model

    def evaluate(self, model, scores=(18, 17, 16, 19, 18), user=None):
        user = user or self.head_of(model.agency_id)
        evaluation = self.env["dvk.evaluation"].with_user(user).create({"model_id": model.id})
        for line, score in zip(evaluation.line_ids.sorted("sequence"), scores, strict=True):
            line.score = score
        evaluation.action_done()
        return evaluation

    def recognize(self, models, committee=None, user=None):
        committee = committee or self.committee_a
        user = user or committee.member_ids[:1]
        recognition = (
            self.env["dvk.recognition"]
            .with_user(user)
            .create(
                {
                    "committee_id": committee.id,
                    "period_id": models[:1].period_id.id,
                    "model_ids": [Command.set(models.ids)],
                }
            )
        )
        recognition.action_done()
        return recognition
