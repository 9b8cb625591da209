"""make bench, in-process part: danvan_khe at province scale, measured in one run.

Usage: python3 bench/bench.py ODOO_CONF DB OUT_JSON [odoo options...]

Builds ~200 agencies over the three tiers, 10 years (and next year being
registered), 100 000 models with their evaluations and activities in the
throwaway database DB (the addon installed without demo data), then measures
in-process, with the users' record rules:

- the views as Odoo 18's web client asks for them (bench/webclient.py): the
  models kanban grouped by state, the registrations board, the pivot by agency x
  sector, the graph and the activity view, as Home Affairs (the whole province)
  and as agency staff, at ~1 000 and at 100 000 models: queries and server time;
- the first list page of models, the February and October province reports;
- our import of a 10 000-row .xlsx against Odoo's own importer, and a 100-line
  registration PDF (kept from the earlier issues);
- the queries of submitting, confirming and approving a registration of 2 and of
  20 lines, each as its user's RPC call with its commit's tracking notes
  (bench/approve_queries.py): the activities and notes of the lines are written
  in batch, so the count must not grow with the lines.

The fixture and its users are committed and vacuumed before the measurements
(the load test and the replica check of make bench run on them too); what the
import and PDF measurements create is rolled back. The figures are written to
OUT_JSON; scripts/bench.sh prints the summary.
"""

import base64
import io
import json
import os
import re
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import psycopg2

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import approve_queries
import webclient

YEAR = date.today().year
YEARS = list(range(YEAR - 9, YEAR + 1))
NEXT_YEAR = YEAR + 1  # being registered: registrations in every state
IMPORT_YEAR = YEAR + 5
MODELS = 100_000
SMALL = 1_000
SMALL_PER_AGENCY = 5  # at ~1 000 models, 111 agencies have 5 lines this year (every column of their board)
STAFF_SMALL = 245  # and the staff's agency 50 per column (with the 5 above)
IMPORT_ROWS = 10_000
PDF_LINES = 100
APPROVE_LINES = (2, 20)  # the queries of submitting, confirming, approving a form of 2 and of 20 lines
LIST_LIMIT = 80
RUNS = 3  # each view is measured RUNS times after a warm-up: the median (and the minimum) are kept
MODEL_STATES = ["in_progress", "reported", "evaluated", "recognized", "not_recognized"]
NEXT_STATES = {"draft": "draft", "submitted": "submitted", "confirmed": "confirmed", "approved": "in_progress"}
NEXT_STATES["refused"] = "refused"


def log(message):
    print(message, flush=True)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Bench:
    def __init__(self, env):
        self.env = env
        self.cr = env.cr
        self.figures = {}

    # the province -------------------------------------------------------------

    def _user(self, login, name, group, department):
        user = self.env["res.users"].create(
            {"name": name, "login": login, "groups_id": [Command.set([self.env.ref(group).id])]}
        )
        employee = self.env["hr.employee"].create({"name": name, "user_id": user.id, "department_id": department.id})
        return user, employee

    def build_org(self):
        env = self.env
        Department = env["hr.department"]
        tiers = {code: env.ref(f"danvan_khe.tier_{code}") for code in ("province", "district", "commune")}
        root = Department.create({"name": "Tỉnh Trà Vinh (bench)"})
        vals = [
            {"name": f"Sở {i:02d}", "parent_id": root.id, "dvk_is_agency": True, "dvk_tier_id": tiers["province"].id}
            for i in range(20)
        ]
        provinces = Department.create(vals)
        districts = Department.create(
            [
                {
                    "name": f"Ủy ban nhân dân huyện {i}",
                    "parent_id": root.id,
                    "dvk_is_agency": True,
                    "dvk_tier_id": tiers["district"].id,
                }
                for i in range(9)
            ]
        )
        communes = Department.create(
            [
                {
                    "name": f"Ủy ban nhân dân xã {d}-{i}",
                    "parent_id": district.id,
                    "dvk_is_agency": True,
                    "dvk_tier_id": tiers["commune"].id,
                }
                for d, district in enumerate(districts)
                for i in range(19)
            ]
        )
        self.agencies = provinces | districts | communes
        self.staff_agency = provinces[1]
        self.ha_user, _employee = self._user(
            "bench.ha", "Bench Home Affairs", "danvan_khe.group_dvk_home_affairs", provinces[0]
        )
        self.staff, _employee = self._user("bench.staff", "Bench staff", "danvan_khe.group_dvk_user", provinces[1])
        self.head, head_employee = self._user("bench.head", "Bench head", "danvan_khe.group_dvk_manager", provinces[1])
        self.committee_user, _employee = self._user(
            "bench.bcd", "Bench committee", "danvan_khe.group_dvk_committee", provinces[1]
        )
        provinces[1].manager_id = head_employee
        env["dvk.committee"].create(
            {
                "name": "Ban Chỉ đạo (bench)",
                "department_id": provinces[1].id,
                "chair_id": self.committee_user.id,
                "member_ids": [Command.set(self.committee_user.ids)],
            }
        )
        self.periods = env["dvk.period"].create([{"year": year} for year in YEARS])
        self.next_period = env["dvk.period"].create({"year": NEXT_YEAR})
        env.flush_all()
        self._registrations()
        log(
            f"org: {len(self.agencies)} agencies ({len(provinces)} provincial, {len(districts)} district, "
            f"{len(communes)} commune), {len(self.periods)} years and {NEXT_YEAR} being registered"
        )

    def _registrations(self):
        """One registration per agency and year: approved for the past years, every state for next year."""
        self.cr.execute(
            """
            INSERT INTO dvk_registration (name, department_id, tier_id, period_id, year, state, create_uid, write_uid,
                                          create_date, write_date)
            SELECT 'BENCH/' || p.year || '/' || d.id, d.id, d.dvk_tier_id, p.id, p.year,
                   CASE WHEN p.year = %s
                        THEN (ARRAY['draft','submitted','confirmed','approved','refused'])[
                             1 + ((row_number() OVER (PARTITION BY p.id ORDER BY d.id) - 1) %% 5)::int]
                        ELSE 'approved' END,
                   1, 1, now(), now()
              FROM hr_department d CROSS JOIN dvk_period p
             WHERE d.id = ANY(%s) AND p.id = ANY(%s)
             ORDER BY d.id, p.year
            """,
            [NEXT_YEAR, self.agencies.ids, (self.periods | self.next_period).ids],
        )

    def _activity_type(self, xmlid):
        return self.env.ref(f"danvan_khe.{xmlid}").id

    def generate_models(self, count, years, next_year_lines=0, per=None, agencies=None):
        """Models, done evaluations and pending activities in bulk SQL: a fixture, not a code path under test.

        ``count`` models over the approved registrations of ``years``; in every
        registration the lines go round the five states after approval, so that
        every agency's board has every column at both sizes. ``next_year_lines``
        lines go to each registration of next year, in its registration's state.
        """
        cr = self.cr
        sectors = self.env["dvk.sector"].search([]).ids
        factors = self.env["dvk.criterion"].search([("kind", "=", "evaluation")]).ids
        classification = self.env.ref("danvan_khe.classification_good").id
        cr.execute("SELECT coalesce(max(id), 0) FROM dvk_model")
        offset = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM dvk_registration"
            " WHERE name LIKE 'BENCH/%%' AND year = ANY(%s) AND state = 'approved' AND department_id = ANY(%s)",
            [years, agencies or self.agencies.ids],
        )
        per_registration = per or max(1, -(-count // cr.fetchone()[0]))
        insert = """
            INSERT INTO dvk_model (name, kind, registration_id, sequence, agency_id, tier_id, period_id, year,
                                   department_id, implementer_name, sector_id, date_start, date_end, state,
                                   dedup_key, consecutive_years, on_provincial_list, replicated, score_total,
                                   classification_id, create_uid, write_uid, create_date, write_date)
            SELECT 'Mô hình ' || g, 'collective', reg.id, n.i, reg.department_id,
                   reg.tier_id, reg.period_id, reg.year, reg.department_id, 'Tập thể ' || reg.department_id,
                   (%(sectors)s::int[])[1 + ((reg.rn + n.i) %% 4)::int], make_date(reg.year, 1, 1),
                   make_date(reg.year, 12, 31), {state}, 'bench|' || g, 0, false, (n.i %% 3 = 0),
                   CASE WHEN {state} IN ('evaluated', 'recognized', 'not_recognized') THEN 75 ELSE 0 END,
                   CASE WHEN {state} IN ('evaluated', 'recognized', 'not_recognized') THEN %(classification)s END,
                   1, 1, now(), now()
              FROM (SELECT r.*, row_number() OVER (ORDER BY r.id) - 1 AS rn
                      FROM dvk_registration r
                     WHERE r.name LIKE 'BENCH/%%' AND {where}) reg
             CROSS JOIN LATERAL (SELECT i, %(offset)s + reg.rn * %(per)s + i AS g
                                   FROM generate_series(1, %(per)s) AS i) n
             ORDER BY reg.rn, n.i
             LIMIT %(limit)s
        """
        params = {"sectors": sectors, "classification": classification, "offset": offset}
        state_round = "(%(states)s::varchar[])[1 + ((n.i - 1) %% 5)::int]"
        cr.execute(
            insert.format(
                state=state_round,
                where="r.year = ANY(%(years)s) AND r.state = 'approved' AND r.department_id = ANY(%(agencies)s)",
            ),
            {
                **params,
                "states": MODEL_STATES,
                "years": years,
                "agencies": agencies or self.agencies.ids,
                "per": per_registration,
                "limit": count,
            },
        )
        if next_year_lines:
            cr.execute("SELECT coalesce(max(id), 0) FROM dvk_model")
            params["offset"] = cr.fetchone()[0]
            by_registration = "CASE reg.state " + " ".join(
                f"WHEN '{registration}' THEN '{model}'" for registration, model in NEXT_STATES.items()
            )
            cr.execute(
                insert.format(state=by_registration + " END", where="r.year = %(next)s"),
                {**params, "next": NEXT_YEAR, "per": next_year_lines, "limit": 10**9},
            )
        cr.execute(
            """
            INSERT INTO dvk_evaluation (model_id, agency_id, period_id, sector_id, kind, evaluator_id, date,
                                        score_total, score_max, classification_id, is_decisive, state,
                                        create_uid, write_uid, create_date, write_date)
            SELECT m.id, m.agency_id, m.period_id, m.sector_id, m.kind, 1, make_date(m.year, 9, 1), 75, 100, %s,
                   true, 'done', 1, 1, now(), now()
              FROM dvk_model m
             WHERE m.id > %s AND m.state IN ('evaluated', 'recognized', 'not_recognized')
            """,
            [classification, offset],
        )
        cr.execute(
            """
            INSERT INTO dvk_evaluation_line (evaluation_id, criterion_id, sequence, score, create_uid, write_uid,
                                             create_date, write_date)
            SELECT e.id, c.id, c.sequence, 15, 1, 1, now(), now()
              FROM dvk_evaluation e CROSS JOIN dvk_criterion c
             WHERE e.model_id > %s AND c.id = ANY(%s)
            """,
            [offset, factors],
        )
        cr.execute(
            "UPDATE dvk_model m SET evaluation_id = e.id FROM dvk_evaluation e WHERE e.model_id = m.id AND m.id > %s",
            [offset],
        )
        # R7.3: recognised models continue from their previous year's twin
        cr.execute(
            """
            UPDATE dvk_model m SET consecutive_years = 1 + (m.id %% 3),
                                   on_provincial_list = (m.replicated AND 1 + (m.id %% 3) >= 2)
             WHERE m.id > %s AND m.state = 'recognized'
            """,
            [offset],
        )
        self._activities(offset)
        cr.execute(
            "ANALYZE dvk_model; ANALYZE dvk_evaluation; ANALYZE dvk_evaluation_line; ANALYZE dvk_registration;"
            "ANALYZE mail_activity"
        )
        self.env.invalidate_all()
        cr.execute("SELECT count(*) FROM dvk_model")
        return cr.fetchone()[0]

    def _activities(self, offset):
        """What waits for someone: evaluate the reported models, confirm or approve next year's registrations."""
        cr = self.cr
        head = {self.staff_agency.id: self.head.id}
        committee = {self.staff_agency.id: self.committee_user.id}
        values = """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, user_id,
                                       date_deadline, automated, active, create_uid, write_uid, create_date, write_date)
            SELECT (SELECT id FROM ir_model WHERE model = %(model)s), %(model)s, x.id, x.name, %(type)s,
                   coalesce((%(users)s::jsonb ->> x.agency::text)::int, 2),
                   current_date + ((x.id %% 40) - 15), true, true, 1, 1, now(), now()
              FROM ({select}) x
        """
        cr.execute(
            values.format(
                select="SELECT id, name, agency_id AS agency FROM dvk_model WHERE id > %(offset)s "
                "AND state = 'reported'"
            ),
            {
                "model": "dvk.model",
                "type": self._activity_type("mail_act_dvk_evaluate"),
                "users": json.dumps(head),
                "offset": offset,
            },
        )
        if offset == 0:
            for state, xmlid, users in (
                ("submitted", "mail_act_dvk_confirm", head),
                ("confirmed", "mail_act_dvk_approve", committee),
            ):
                cr.execute(
                    values.format(
                        select="SELECT id, name, department_id AS agency FROM dvk_registration "
                        "WHERE name LIKE 'BENCH/%%' AND state = %(state)s"
                    ),
                    {
                        "model": "dvk.registration",
                        "type": self._activity_type(xmlid),
                        "users": json.dumps(users),
                        "state": state,
                    },
                )

    def settle(self):
        """Commit the fixture and VACUUM ANALYZE it, as a database in service is: no autovacuum of a bulk
        insert, no first reads setting hint bits, during the measurements."""
        self.cr.commit()
        conn = psycopg2.connect(dbname=self.cr.dbname)
        try:
            conn.autocommit = True  # VACUUM runs outside a transaction block
            with conn.cursor() as cr:
                for table in (
                    "dvk_model",
                    "dvk_registration",
                    "dvk_evaluation",
                    "dvk_evaluation_line",
                    "mail_activity",
                ):
                    cr.execute(f"VACUUM (ANALYZE) {table}")
        finally:
            conn.close()

    # the web client's views ------------------------------------------------------

    def _context(self, user):
        return {"lang": "en_US", "tz": "Asia/Ho_Chi_Minh", "uid": user.id, "allowed_company_ids": [1]}

    def _caller(self, user, tally):
        """One call as the /web/dataset/call_kw controller makes it, in a fresh record cache."""

        def call(model, method, args, kwargs):
            records = self.env[model].with_user(user)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            start = time.perf_counter()
            result = api.call_kw(records, method, args, kwargs)
            tally.append((method, self.cr.sql_log_count - before, (time.perf_counter() - start) * 1000))
            return result

        return call

    def views(self, user):
        """Every board, pivot, graph and activity view, as the client sends them: {view: (queries, ms)}."""
        context = self._context(user)
        loader = self._caller(user, [])
        models = webclient.load_views(loader, "dvk.model", ["kanban", "list", "pivot", "graph", "activity"], context)
        registrations = webclient.load_views(loader, "dvk.registration", ["kanban", "list", "activity"], context)
        this_year = [["year", "=", YEAR]]  # the models action's default filter "This year"
        scenarios = {
            "kanban": lambda call: webclient.kanban(call, models["kanban"], this_year, context),
            "kanban_all_years": lambda call: webclient.kanban(call, models["kanban"], [], context),
            "registrations_board": lambda call: webclient.kanban(call, registrations["kanban"], [], context),
            "pivot": lambda call: webclient.pivot(
                call, models["pivot"], this_year, context, rows=["agency_id"], cols=["sector_id"]
            ),
            "pivot_all_years": lambda call: webclient.pivot(
                call, models["pivot"], [], context, rows=["agency_id"], cols=["sector_id"]
            ),
            "graph": lambda call: webclient.graph(call, models["graph"], this_year, context),
            "activity": lambda call: webclient.activity(call, models["activity"], this_year, context),
            "registrations_activity": lambda call: webclient.activity(call, registrations["activity"], [], context),
            "list": lambda call: webclient.list_view(call, models["list"], this_year, context),
            "registrations_list": lambda call: webclient.list_view(call, registrations["list"], [], context),
        }
        results = {}
        for name, scenario in scenarios.items():
            scenario(self._caller(user, []))  # warm the rule, view and translation caches
            times, queries, calls = [], 0, 0
            for _run in range(RUNS):
                tally = []
                scenario(self._caller(user, tally))
                times.append(sum(ms for _m, _q, ms in tally))
                queries, calls = sum(q for _m, q, _ms in tally), len(tally)
            results[name] = {
                "queries": queries,
                "ms": round(statistics.median(times), 1),
                "min_ms": round(min(times), 1),
                "calls": calls,
            }
        return results

    def list_first_page(self, user):
        """What the web client asks for the first page of the models list: one web_search_read."""
        Model = self.env["dvk.model"].with_user(user)
        fields_spec = {name: {} for name in self._list_fields()}
        for relational in ("sector_id", "agency_id", "tier_id", "classification_id"):
            fields_spec[relational] = {"fields": {"display_name": {}}}
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        Model.web_search_read([], fields_spec, limit=LIST_LIMIT)  # warm the rule and view caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        start = time.perf_counter()
        result = Model.web_search_read([], fields_spec, limit=LIST_LIMIT, count_limit=10001)
        elapsed = (time.perf_counter() - start) * 1000
        return self.cr.sql_log_count - before, elapsed, result["length"]

    def _list_fields(self):
        return [
            "sequence",
            "name",
            "implementer_name",
            "kind",
            "sector_id",
            "agency_id",
            "tier_id",
            "year",
            "date_start",
            "date_end",
            "score_total",
            "classification_id",
            "consecutive_years",
            "activity_ids",
            "state",
        ]

    def province_reports(self):
        Report = self.env["dvk.agency.report"].with_user(self.ha_user)
        period = self.periods.sorted("year")[-1]
        self.env.invalidate_all()
        start = time.perf_counter()
        february = Report._dvk_figures(period, "february")
        october = Report._dvk_figures(period, "october")
        elapsed = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        for each in self.periods:
            Report._dvk_figures(each, "october")
        all_years = (time.perf_counter() - start) * 1000
        registered = sum(v["registered"] for v in february.values())
        recognized = sum(v["recognized"] for v in october.values())
        return elapsed, all_years, registered, recognized

    def import_ours(self, rows, agency, period):
        from odoo.addons.danvan_khe.report.registration_xlsx import write_registration_sheet  # after the registry

        data = write_registration_sheet(agency.name, rows)
        wizard = self.env["dvk.registration.import"].create(
            {
                "department_id": agency.id,
                "period_id": period.id,
                "file_data": base64.b64encode(data),
                "file_name": "bench.xlsx",
            }
        )
        start = time.perf_counter()
        action = wizard.action_import()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        count = self.env["dvk.registration"].browse(action["res_id"]).model_count
        return elapsed, count

    def import_odoo(self, rows, agency, period):
        """Odoo's standard importer (base_import → load) of the same rows into dvk.model."""
        registration = self.env["dvk.registration"].create({"department_id": agency.id, "period_id": period.id})
        book = openpyxl.Workbook()
        sheet = book.active
        header = [
            "Registration/Database ID",
            "Model name",
            "Collective/individual",
            "Sector",
            "Start",
            "End",
            "Expected result",
        ]
        sheet.append(header)
        sector_names = {s.code: s.name for s in self.env["dvk.sector"].search([])}
        for row in rows:
            sheet.append(
                [
                    registration.id,
                    row["model_name"],
                    row["implementer"],
                    sector_names[row["sector_code"]],
                    f"{period.year}-01-01",
                    f"{period.year}-12-31",
                    row["expected_result"],
                ]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        importer = self.env["base_import.import"].create(
            {
                "res_model": "dvk.model",
                "file": buffer.getvalue(),
                "file_name": "odoo.xlsx",
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        fields = [
            "registration_id/.id",
            "name",
            "implementer_name",
            "sector_id",
            "date_start",
            "date_end",
            "expected_result",
        ]
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "date_format": "%Y-%m-%d",
            "datetime_format": "",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "advanced": False,
            "keep_matches": False,
            "limit": 2000,
            "skip": 0,
            "tracking_disable": True,
            "name_create_enabled_fields": {},
            "import_set_empty_fields": [],
            "import_skip_records": [],
            "fallback_values": {},
            "sheet": sheet.title,
        }
        start = time.perf_counter()
        imported = 0
        while True:
            result = importer.execute_import(fields, header, options)
            errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
            if errors:
                raise RuntimeError(f"Odoo's importer refused the rows: {errors[:3]}")
            imported += len(result.get("ids") or [])
            if not result.get("nextrow"):
                break
            options["skip"] = result["nextrow"]
        self.env.flush_all()
        return time.perf_counter() - start, imported

    def pdf(self, agency, period):
        params = self.env["ir.config_parameter"]
        if os.environ.get("DVK_BENCH_REPORT_URL"):  # a server for the stylesheets (scripts/bench.sh starts it)
            params.set_param("report.url", os.environ["DVK_BENCH_REPORT_URL"])
        if os.environ.get("DVK_REPORT_PRINT_DELAY") is not None:  # as the load test's (bench/load_fixture.py)
            params.set_param("report.print_delay", os.environ["DVK_REPORT_PRINT_DELAY"])
        registration = self.env["dvk.registration"].create({"department_id": agency.id, "period_id": period.id})
        sector = self.env["dvk.sector"].search([], limit=1)
        self.env["dvk.model"].create(
            [
                {
                    "registration_id": registration.id,
                    "name": f"Mô hình “Dân vận khéo” số {i + 1} – cải cách hành chính",
                    "sector_id": sector.id,
                    "implementer_name": f"Tổ công tác số {i + 1}",
                    "expected_result": "Giải quyết 100% hồ sơ đúng hạn, người dân hài lòng",
                }
                for i in range(PDF_LINES)
            ]
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        # the server's first print generates the report's stylesheet bundles: not counted (as in the load test)
        Report._render_qweb_pdf("danvan_khe.action_report_registration", registration.ids)
        start = time.perf_counter()
        content, _kind = Report._render_qweb_pdf("danvan_khe.action_report_registration", registration.ids)
        elapsed = time.perf_counter() - start
        assert content.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF"
        return elapsed, len(re.findall(rb"/Type\s*/Page\b(?!s)", content))


def _log_views(label, results):
    for name, r in results.items():
        log(
            f"  {label:<28} {name:<24} {r['calls']:>2} calls {r['queries']:>3} queries {r['ms']:>7.1f} ms"
            f" (min {r['min_ms']:.1f})"
        )


def main(conf, db, out, *odoo_args):
    odoo.tools.config.parse_config(["-c", conf, "-d", db, *odoo_args])
    registry = Registry(db)
    views = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        bench = Bench(env)
        bench.build_org()
        roles = {"home_affairs": bench.ha_user, "staff": bench.staff}
        # ~1 000 models: next year's line of every registration, 5 lines this year in 111 agencies, and
        # 50 lines per column in the staff's agency, so that its columns are full pages at both sizes
        # (a full page costs one count query more: the count would differ for that reason alone)
        bench.generate_models(
            SMALL - len(bench.agencies) - STAFF_SMALL, [YEAR], next_year_lines=1, per=SMALL_PER_AGENCY
        )
        small = bench.generate_models(STAFF_SMALL, [YEAR], per=STAFF_SMALL, agencies=bench.staff_agency.ids)
        bench.settle()
        q_small, ms_small, _ = bench.list_first_page(bench.ha_user)
        log(f"list, first page of {LIST_LIMIT} at {small} models: {q_small} queries, {ms_small:.0f} ms")
        log(f"views as the web client asks for them, at {small} models ({YEAR}: the 'This year' filter):")
        views["small"] = {role: bench.views(user) for role, user in roles.items()}
        for role in roles:
            _log_views(f"{role} @{small}", views["small"][role])
        start = time.perf_counter()
        total = bench.generate_models(MODELS - small - len(bench.agencies), YEARS, next_year_lines=1)
        bench.settle()
        log(f"generated {total} models with their evaluations and activities in {time.perf_counter() - start:.0f} s")
        q_large, ms_large, _ = bench.list_first_page(bench.ha_user)
        log(f"list, first page of {LIST_LIMIT} at {total} models: {q_large} queries, {ms_large:.0f} ms")
        q_staff, ms_staff, seen = bench.list_first_page(bench.staff)
        log(f"  as agency staff (record rules on): {q_staff} queries, {ms_staff:.0f} ms, {seen} models in scope")
        log(f"views as the web client asks for them, at {total} models:")
        loadavg = [round(x, 1) for x in os.getloadavg()]
        views["large"] = {role: bench.views(user) for role, user in roles.items()}
        loadavg = [max(a, round(b, 1)) for a, b in zip(loadavg, os.getloadavg(), strict=True)]
        log(f"  (machine load average during these measurements: up to {loadavg[0]} on {os.cpu_count()} cores)")
        for role in roles:
            _log_views(f"{role} @{total}", views["large"][role])
        report_ms, all_years_ms, registered, recognized = bench.province_reports()
        log(
            f"February + October province reports of {YEAR}: {report_ms:.0f} ms "
            f"({registered} registered, {recognized} recognised); all {len(YEARS)} Octobers: {all_years_ms:.0f} ms"
        )
        cr.commit()  # the province stays for the load test and the replica check; what follows is rolled back
        log(f"committed the fixture in {db} for the load test and the replica check")
        transitions = approve_queries.measure(env, lines=APPROVE_LINES)
        log(
            "queries of a registration's transitions, "
            + "; ".join(
                f"{step}: "
                + ", ".join(f"{transitions[step][n]} at {n} lines" for n in APPROVE_LINES)
                + f" ({transitions['per_line'][step]} per line)"
                for step in ("submit", "confirm", "approve")
            )
        )
        import_period = env["dvk.period"].create({"year": IMPORT_YEAR})
        rows = [
            {
                "seq": i + 1,
                "implementer": f"Tổ công tác {i % 50}",
                "model_name": f"Mô hình nhập số {i + 1}",
                "sector_code": ("KT", "VH-XH", "AN-QP", "XD HTCT")[i % 4],
                "period": f"Năm {IMPORT_YEAR}",
                "expected_result": "Kết quả ước đạt",
                "note": "",
            }
            for i in range(IMPORT_ROWS)
        ]
        rss_before = rss_mb()
        ours_s, ours_count = bench.import_ours(rows, bench.agencies[2], import_period)
        log(
            f"our import of {ours_count} rows (.xlsx, full validation): {ours_s:.1f} s, peak RSS {rss_mb():.0f} MB "
            f"(was {rss_before:.0f} MB)"
        )
        odoo_s, odoo_count = bench.import_odoo(rows, bench.agencies[3], import_period)
        log(f"Odoo's own import (base_import/load) of {odoo_count} rows: {odoo_s:.1f} s ({odoo_s / ours_s:.1f}x ours)")
        pdf_s, pages = bench.pdf(bench.agencies[4], import_period)
        log(f"registration form of {PDF_LINES} lines as PDF: {pdf_s:.1f} s, {pages} pages")
        cr.rollback()
    ha_large, ha_small = views["large"]["home_affairs"], views["small"]["home_affairs"]
    figures = {
        "models": total,
        "list_queries_small": q_small,
        "list_queries_large": q_large,
        "list_ms_large": round(ms_large, 1),
        "kanban_queries_small": ha_small["kanban"]["queries"],
        "kanban_queries_large": ha_large["kanban"]["queries"],
        "kanban_ms_large": ha_large["kanban"]["ms"],
        "kanban_ms_large_min": ha_large["kanban"]["min_ms"],
        "kanban_ms_large_staff": views["large"]["staff"]["kanban"]["ms"],
        "kanban_ms_large_all_years": ha_large["kanban_all_years"]["ms"],
        "board_ms_large": ha_large["registrations_board"]["ms"],
        "pivot_ms_large": ha_large["pivot"]["ms"],
        "pivot_ms_large_min": ha_large["pivot"]["min_ms"],
        "pivot_ms_large_all_years": ha_large["pivot_all_years"]["ms"],
        "graph_ms_large": ha_large["graph"]["ms"],
        "activity_ms_large": ha_large["activity"]["ms"],
        "views_max_ms_large": max(r["ms"] for role in views["large"].values() for r in role.values()),
        "views_queries_size_independent": all(
            views["small"][role][name]["queries"] == views["large"][role][name]["queries"]
            for role in views["large"]
            for name in views["large"][role]
        ),
        "report_ms_large": round(report_ms, 1),
        "import_rows": ours_count,
        "import_s": round(ours_s, 2),
        "odoo_import_s": round(odoo_s, 2),
        "import_speedup": round(odoo_s / ours_s, 2),
        "approve_queries_2_lines": transitions["approve"][2],
        "approve_queries_20_lines": transitions["approve"][20],
        "approve_queries_per_line": transitions["per_line"]["approve"],
        "submit_queries_per_line": transitions["per_line"]["submit"],
        "confirm_queries_per_line": transitions["per_line"]["confirm"],
        "pdf_lines": PDF_LINES,
        "pdf_s": round(pdf_s, 2),
        "pdf_pages": pages,
        "peak_rss_mb": round(rss_mb(), 1),
        "machine_loadavg_during_views": loadavg,
        "views": views,
    }
    Path(out).write_text(json.dumps(figures))


if __name__ == "__main__":
    main(*sys.argv[1:])
