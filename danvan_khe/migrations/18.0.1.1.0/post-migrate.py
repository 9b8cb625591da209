"""18.0.1.1.0: the commune committee proposes, the commune People's Committee decides (R7.2);
exemplars are evaluated on the individual criteria (R5.2).

The tiers are noupdate data that an administrator may have edited: only a commune
tier still as 1.0 shipped it (route 'committee') is moved to the new route.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # R5.2: exemplars are now scored on the individual criteria (the province's scale, 25 each)
    for letter in "abcd":
        criterion = env.ref(f"danvan_khe.criterion_individual_{letter}", raise_if_not_found=False)
        if criterion and not criterion.max_score:
            criterion.max_score = 25
    tier = env.ref("danvan_khe.tier_commune", raise_if_not_found=False)
    if tier and tier.commendation_route == "committee":
        tier.write(
            {
                "commendation_route": "tier_body",
                "commendation_authority": "The commune-level steering committee proposes to the commune-level "
                "People's Committee.",
            }
        )
