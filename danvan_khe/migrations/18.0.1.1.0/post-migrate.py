"""18.0.1.1.0: the commune committee proposes, the commune People's Committee decides (R7.2).

The tiers are noupdate data that an administrator may have edited: only a commune
tier still as 1.0 shipped it (route 'committee') is moved to the new route.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    tier = env.ref("danvan_khe.tier_commune", raise_if_not_found=False)
    if tier and tier.commendation_route == "committee":
        tier.write(
            {
                "commendation_route": "tier_body",
                "commendation_authority": "The commune-level steering committee proposes to the commune-level "
                "People's Committee.",
            }
        )
