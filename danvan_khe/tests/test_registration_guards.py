"""R3: only the competent role at the competent level takes each step of a registration (R6.2).

Whatever the client sends: the state changes only through its transitions, no step
is skipped, a wrong role is refused at each step, the administrator may correct.  The
scopes ride on the org tree: a district's head and committee act for a commune below
it without a committee of its own, never upwards; on two tiers (2025 reform) a
commune's head does not act for the neighbouring commune.
"""

from odoo.exceptions import AccessError, UserError

from .common import DvkCase


class TestTransitionGuards(DvkCase):
    """R3: only the competent role at the competent level takes each step, whatever the client sends."""

    def test_R3_state_cannot_be_written_directly(self):
        registration = self.make_registration()
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.with_user(self.admin).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "changes only through"):
            registration.model_ids[0].write({"state": "in_progress"})
        with self.assertRaisesRegex(UserError, "first state"):
            self.env["dvk.registration"].with_user(self.staff_b).create(
                {"department_id": self.dept_b.id, "period_id": self.period.id, "state": "approved"}
            )
        self.assertEqual(registration.state, "draft")

    def test_R3_steps_cannot_be_skipped(self):
        registration = self.make_registration()
        with self.assertRaisesRegex(UserError, "Confirming is not possible"):
            registration.with_user(self.head_a).action_confirm()
        with self.assertRaisesRegex(UserError, "Approving is not possible"):
            registration.with_user(self.member_a).action_approve()
        registration.action_submit()
        with self.assertRaisesRegex(UserError, "Approving is not possible"):
            registration.with_user(self.member_a).action_approve()
        with self.assertRaisesRegex(UserError, "Submitting is not possible"):
            registration.action_submit()

    def test_R3_wrong_roles_are_refused_at_each_step(self):
        registration = self.make_registration()
        # only staff or heads of the agency submit
        for user in (self.staff_b, self.member_b, self.ha, self.outsider):
            with self.assertRaises(UserError, msg=user.login):
                registration.with_user(user).action_submit()
        registration.action_submit()
        # only a head over the agency confirms
        for user in (self.staff_a, self.member_a, self.head_b, self.ha, self.head_c):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_confirm()
        registration.with_user(self.head_a).action_confirm()
        # only a member of a committee covering the agency approves
        for user in (self.staff_a, self.head_a, self.member_b, self.member_c, self.ha):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_approve()
        registration.with_user(self.member_a).action_approve()
        self.assertEqual(registration.state, "approved")

    def test_R3_admin_may_correct(self):
        """The movement's administrator may take any step, to correct mistakes."""
        registration = self.make_registration()
        registration.with_user(self.admin).action_submit()
        registration.with_user(self.admin).action_confirm()
        registration.with_user(self.admin).action_approve()
        self.assertEqual(registration.state, "approved")


class TestDistrictScopes(DvkCase):
    """R3 on the three tiers of the decision: the district between the province and its communes.

    Three tiers only: the two-tier classes below do not inherit these tests (a district
    test run without a district proves nothing).
    """

    def test_R3_district_head_and_committee_cover_their_communes(self):
        """Scopes ride on the org tree: the district's head confirms, and its committee approves, for a
        commune below it that has no committee of its own (R6.2 "của cơ quan, đơn vị")."""
        self.assertTrue(self.district and self.commune2.parent_id == self.district)
        self.assertFalse(self.env["dvk.committee"].search([("department_id", "=", self.commune2.id)]))
        staff = self._person("t.staff.c2", self.commune2, "danvan_khe.group_dvk_user")
        registration = self.make_registration(self.commune2, user=staff)
        registration.action_submit()
        with self.assertRaises(AccessError):  # a neighbouring commune's head is not above it
            registration.with_user(self.head_c).action_confirm()
        registration.with_user(self.head_d).action_confirm()
        with self.assertRaises(AccessError):
            registration.with_user(self.member_c).action_approve()
        registration.with_user(self.member_d).action_approve()
        self.assertEqual(registration.state, "approved")
        self.assertEqual(registration.approved_by_id, self.member_d)

    def test_R3_commune_head_does_not_cover_district(self):
        """The tree is not read upwards: a commune's head and committee cannot act for their district."""
        registration = self.make_registration(self.district, user=self.staff_d)
        registration.action_submit()
        with self.assertRaises(AccessError):
            registration.with_user(self.head_c).action_confirm()
        registration.with_user(self.head_d).action_confirm()
        with self.assertRaises(AccessError):
            registration.with_user(self.member_c).action_approve()
        registration.with_user(self.member_d).action_approve()
        self.assertEqual(registration.state, "approved")


class TestGuardsTwoTier(TestTransitionGuards):
    two_tier = True

    def test_R3_two_tier_commune_head_does_not_cover_neighbour_commune(self):
        """Two tiers: communes sit side by side under the province; one's head does not act for the other."""
        self.assertFalse(self.district)
        self.assertEqual(self.commune2.parent_id, self.root)
        staff = self._person("t.staff.c2", self.commune2, "danvan_khe.group_dvk_user")
        registration = self.make_registration(self.commune2, user=staff)
        registration.action_submit()
        for user in (self.head_c, self.head_a):
            with self.assertRaises(AccessError, msg=user.login):
                registration.with_user(user).action_confirm()
        self.assertEqual(registration.state, "submitted")
