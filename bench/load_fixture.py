"""The users of the load test and the replica check, committed before the server starts.

Usage: python3 bench/load_fixture.py ODOO_CONF DB OUT_JSON AGENCIES BASE_URL REPORT_URL [odoo options...]

Creates (once) AGENCIES participating agencies, each with a staff member, an
agency head (the department's manager) and a steering committee whose chair is
its third user; a Home Affairs login; the years the load test registers for (a
registration is one per agency and year, so iteration i of a virtual user
registers for year FIRST_YEAR + i); a February report of the current year for
the first agency (read and printed by the replica check). Registrations left by
an earlier load run on these agencies are deleted. Every login of the load test
and of make bench's fixture gets the password "demo" (hashed once, as Odoo hashes
it). BASE_URL (the server) becomes web.base.url and REPORT_URL report.url: where
wkhtmltopdf fetches the report's stylesheets, a process that is not one of the
prefork workers (a print holds its worker while wkhtmltopdf runs: when every
worker prints, none is left to serve the stylesheets and the prints wait until
limit_time_real).
"""

import json
import os
import sys
from datetime import date

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

PASSWORD = "demo"  # noqa: S105 - the documented password of every demo and bench login
FIRST_YEAR = date.today().year + 10
LAST_YEAR = 2199  # dvk.period accepts 2000-2200: this bounds the iterations of a virtual user
ROLES = (
    ("staff", "danvan_khe.group_dvk_user"),
    ("head", "danvan_khe.group_dvk_manager"),
    ("bcd", "danvan_khe.group_dvk_committee"),
)


def main(conf, db, out, agencies, base_url, report_url, *odoo_args):
    odoo.tools.config.parse_config(["-c", conf, "-d", db, *odoo_args])
    count = int(agencies)
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        Department = env["hr.department"]
        Users = env["res.users"].with_context(no_reset_password=True)
        tier = env.ref("danvan_khe.tier_province")
        root = Department.search([("name", "=", "Tỉnh (load)")], limit=1) or Department.create({"name": "Tỉnh (load)"})
        agencies_out = []
        for index in range(count):
            name = f"Sở tải {index:02d}"
            agency = Department.search([("name", "=", name), ("parent_id", "=", root.id)], limit=1)
            if not agency:
                agency = Department.create(
                    {"name": name, "parent_id": root.id, "dvk_is_agency": True, "dvk_tier_id": tier.id}
                )
            logins = {}
            for role, group in ROLES:
                login = f"load.{index:02d}.{role}"
                user = Users.search([("login", "=", login)], limit=1)
                if not user:
                    user = Users.create(
                        {
                            "name": f"Load {index:02d} {role}",
                            "login": login,
                            "groups_id": [Command.set([env.ref(group).id])],
                        }
                    )
                    employee = env["hr.employee"].create(
                        {"name": user.name, "user_id": user.id, "department_id": agency.id}
                    )
                    if role == "head":
                        agency.manager_id = employee
                    if role == "bcd":
                        env["dvk.committee"].create(
                            {
                                "name": f"Ban Chỉ đạo {name}",
                                "department_id": agency.id,
                                "chair_id": user.id,
                                "member_ids": [Command.set(user.ids)],
                            }
                        )
                logins[role] = login
            agencies_out.append({"id": agency.id, **logins})
        ha = Users.search([("login", "=", "load.ha")], limit=1)
        if not ha:
            ha = Users.create(
                {
                    "name": "Load Home Affairs",
                    "login": "load.ha",
                    "groups_id": [Command.set([env.ref("danvan_khe.group_dvk_home_affairs").id])],
                }
            )
            env["hr.employee"].create({"name": ha.name, "user_id": ha.id, "department_id": root.id})
        agency_ids = [a["id"] for a in agencies_out]
        env.flush_all()
        cr.execute("DELETE FROM dvk_registration WHERE department_id = ANY(%s)", [agency_ids])
        Period = env["dvk.period"]
        existing = set(Period.search([("year", ">=", FIRST_YEAR), ("year", "<=", LAST_YEAR)]).mapped("year"))
        Period.create([{"year": year} for year in range(FIRST_YEAR, LAST_YEAR + 1) if year not in existing])
        periods = {p.year: p.id for p in Period.search([("year", ">=", FIRST_YEAR), ("year", "<=", LAST_YEAR)])}
        current = Period.search([("year", "=", date.today().year)], limit=1) or Period.create(
            {"year": date.today().year}
        )
        report = env["dvk.agency.report"].search(
            [("department_id", "=", agency_ids[0]), ("period_id", "=", current.id), ("kind", "=", "february")]
        ) or env["dvk.agency.report"].create(
            {"department_id": agency_ids[0], "period_id": current.id, "kind": "february"}
        )
        report._dvk_snapshot()
        hashed = env["res.users"]._crypt_context().hash(PASSWORD)
        env.flush_all()
        cr.execute(
            "UPDATE res_users SET password = %s WHERE login LIKE 'load.%%' OR login LIKE 'bench.%%' RETURNING login",
            [hashed],
        )
        logins_with_password = [row[0] for row in cr.fetchall()]
        params = env["ir.config_parameter"]
        for key, value in (("web.base.url", base_url), ("report.url", report_url), ("web.base.url.freeze", "True")):
            params.set_param(key, value)
        # Odoo lets wkhtmltopdf wait report.print_delay ms (1000 by default) for scripts the printed form
        # does not have; DVK_REPORT_PRINT_DELAY sets it (README "Scale"), unset leaves it as it is
        if os.environ.get("DVK_REPORT_PRINT_DELAY") is not None:
            params.set_param("report.print_delay", os.environ["DVK_REPORT_PRINT_DELAY"])
        sectors = env["dvk.sector"].search([]).ids
        cr.commit()
    data = {
        "db": db,
        "password": PASSWORD,
        "agencies": agencies_out,
        "home_affairs": "load.ha",
        "logins": logins_with_password,
        "years": sorted(periods),
        "periods": {str(year): pid for year, pid in periods.items()},
        "sectors": sectors,
        "agency_report_id": report.id,
        "current_period_id": current.id,
    }
    with open(out, "w") as handle:
        json.dump(data, handle)
    print(
        f"load fixture in {db}: {len(agencies_out)} agencies (staff, head, committee each), "
        f"{len(periods)} years from {FIRST_YEAR}, {len(logins_with_password)} logins with password '{PASSWORD}'",
        flush=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
