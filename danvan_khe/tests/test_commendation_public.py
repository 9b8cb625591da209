"""R3 (Art. 3 "công khai"): a proposal's public comment period, and what the public page publishes.

A proposal is published for comment from the day it is proposed, for 15 days unless the
province sets another number, and only the server sets the period; the public page's
values are recognised models of decided recognitions only, as plain text, by year.
The page itself, served over HTTP, is tested in test_tours_public.py.
"""

from datetime import timedelta

from odoo.exceptions import AccessError

from ._fixtures_commendation import CommendationSystemCase


class TestPublicComment(CommendationSystemCase):
    """R3 (Art. 3 "công khai"): what is published, and for how long a proposal is open to comment."""

    def test_R3_proposal_is_open_to_comment_for_fifteen_days(self):
        """R3: a proposal is published for comment from the day it is proposed, 15 days by default."""
        model = self.recognised(self.dept_a, ["Mô hình lấy ý kiến"])
        proposal = self.env["dvk.commendation"].with_user(self.member_a).create({"model_id": model.id})
        self.assertFalse(proposal.public_comment_start)
        Public = self.env["dvk.public"].sudo()

        def published():  # the demo province may have proposals of its own under comment
            return [row for row in Public._dvk_under_comment() if row["number"] == proposal.name]

        self.assertFalse(published(), "a draft is not published")
        proposal.action_propose()
        today = self.env["dvk.period"]._dvk_today()  # the province's day, whoever asks
        self.assertEqual(proposal.public_comment_start, today)
        self.assertEqual(proposal.public_comment_end, today + timedelta(days=14))
        (row,) = published()
        self.assertEqual((row["model_name"], row["number"]), ("Mô hình lấy ý kiến", proposal.name))
        # the committee does not stretch the period: the server sets it
        for user in (self.member_a, self.head_a, self.ha):
            with self.assertRaises(AccessError, msg=user.login), self.cr.savepoint():
                proposal.with_user(user).public_comment_end = today + timedelta(days=60)
        proposal.sudo().write({"public_comment_end": today - timedelta(days=1)})
        self.assertFalse(published(), "the period has ended")
        self.env["ir.config_parameter"].sudo().set_param("danvan_khe.public_comment_days", "30")
        other = self.propose(self.recognised(self.commune, ["Mô hình xã"]))
        self.assertEqual(other.public_comment_end, today + timedelta(days=29))

    def test_R3_public_values_are_decided_and_whitelisted(self):
        """R3: the page gets recognised models of decided recognitions only, as plain text, by year."""
        previous = self.recognised(self.dept_a, ["Mô hình năm trước"], period=self.period_for(self.year - 1))
        current = self.recognised(self.dept_b, ["Mô hình năm nay"])
        self.make_registration(self.commune, lines=1)  # a draft
        Public = self.env["dvk.public"].sudo()
        values = Public._dvk_public_values()
        names = [row["name"] for year in values["recognised"] for agency in year["agencies"] for row in agency["rows"]]
        self.assertIn(previous.name, names)
        self.assertIn(current.name, names)
        self.assertFalse([name for name in names if name.startswith("Mô hình 1 của")], "no draft is published")
        for year in values["recognised"]:
            for agency in year["agencies"]:
                for row in agency["rows"]:
                    self.assertEqual(
                        set(row),
                        {
                            "name",
                            "implementer",
                            "kind",
                            "sector_code",
                            "sector_name",
                            "decision_number",
                            "decision_date",
                            "decision_body",
                        },
                    )
                    self.assertTrue(all(isinstance(value, str) for value in row.values()))
        filtered = Public._dvk_public_values(str(self.year))
        self.assertEqual([year["year"] for year in filtered["recognised"]], [self.year])
        self.assertEqual(Public._dvk_public_values("1' OR 1=1")["year"], None)
        self.assertIn(self.year - 1, values["years"])
