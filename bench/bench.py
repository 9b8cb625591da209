"""make bench: danvan_khe at province scale, measured in one run.

Usage: python3 bench/bench.py ODOO_CONF DB

Builds ~200 agencies over the three tiers, 10 years, 100 000 models with their
evaluations in the throwaway database DB (the addon installed without demo data),
then measures the first list page of models (queries and time, at ~1 000 and at
100 000 models), the February and October province reports, our import of a
10 000-row .xlsx against Odoo's own importer on the same rows, and a 100-line
registration PDF. The last line printed is one JSON object with the figures.
"""

import base64
import io
import json
import re
import resource
import sys
import time

import openpyxl

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

YEARS = list(range(2017, 2027))
MODELS = 100_000
SMALL = 1_000
IMPORT_ROWS = 10_000
PDF_LINES = 100
LIST_LIMIT = 80


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
        self.ha_user = env["res.users"].create(
            {
                "name": "Bench Home Affairs",
                "login": "bench.ha",
                "groups_id": [Command.set([env.ref("danvan_khe.group_dvk_home_affairs").id])],
            }
        )
        env["hr.employee"].create({"name": "Bench HA", "user_id": self.ha_user.id, "department_id": provinces[0].id})
        self.staff = env["res.users"].create(
            {
                "name": "Bench staff",
                "login": "bench.staff",
                "groups_id": [Command.set([env.ref("danvan_khe.group_dvk_user").id])],
            }
        )
        env["hr.employee"].create({"name": "Bench staff", "user_id": self.staff.id, "department_id": provinces[1].id})
        self.periods = env["dvk.period"].create([{"year": year} for year in YEARS])
        log(
            f"org: {len(self.agencies)} agencies ({len(provinces)} provincial, {len(districts)} district, "
            f"{len(communes)} commune), {len(self.periods)} years"
        )

    def generate_models(self, count):
        """Registrations, models and done evaluations in bulk SQL: a fixture, not a code path under test."""
        cr = self.cr
        sectors = self.env["dvk.sector"].search([]).ids
        factors = self.env["dvk.criterion"].search([("kind", "=", "evaluation")]).ids
        classification = self.env.ref("danvan_khe.classification_good").id
        agency_ids = self.agencies.ids
        per_registration = max(1, -(-count // (len(agency_ids) * len(self.periods))))
        cr.execute("SELECT coalesce(max(id), 0) FROM dvk_model")
        offset = cr.fetchone()[0]
        cr.execute(
            """
            INSERT INTO dvk_registration (name, department_id, tier_id, period_id, year, state, create_uid, write_uid,
                                          create_date, write_date)
            SELECT 'BENCH/' || p.year || '/' || d.id, d.id, d.dvk_tier_id, p.id, p.year, 'approved', 1, 1,
                   now(), now()
              FROM hr_department d CROSS JOIN dvk_period p
             WHERE d.id = ANY(%s) AND p.id = ANY(%s)
            ON CONFLICT DO NOTHING
            """,
            [agency_ids, self.periods.ids],
        )
        cr.execute(
            """
            WITH reg AS (
                SELECT r.id, r.department_id, r.tier_id, r.period_id, r.year,
                       row_number() OVER (ORDER BY r.id) - 1 AS rn
                  FROM dvk_registration r WHERE r.name LIKE 'BENCH/%%'
            ), n AS (SELECT generate_series(1, %s) AS i)
            INSERT INTO dvk_model (name, kind, registration_id, sequence, agency_id, tier_id, period_id, year,
                                   department_id, implementer_name, sector_id, date_start, date_end, state,
                                   dedup_key, consecutive_years, on_provincial_list, replicated, score_total,
                                   classification_id, create_uid, write_uid, create_date, write_date)
            SELECT 'Mô hình ' || (%s + (reg.rn * %s) + n.i), 'collective', reg.id, n.i, reg.department_id,
                   reg.tier_id, reg.period_id, reg.year, reg.department_id, 'Tập thể ' || reg.department_id,
                   (%s::int[])[1 + (n.i %% 4)], make_date(reg.year, 1, 1), make_date(reg.year, 12, 31),
                   (ARRAY['in_progress','reported','evaluated','recognized','not_recognized'])[1 + (n.i %% 5)],
                   'bench|' || (%s + (reg.rn * %s) + n.i), 0, false, (n.i %% 3 = 0), 75, %s, 1, 1, now(), now()
              FROM reg CROSS JOIN n
             ORDER BY reg.rn, n.i
             LIMIT %s
            """,
            [per_registration, offset, per_registration, sectors, offset, per_registration, classification, count],
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
        cr.execute("ANALYZE dvk_model; ANALYZE dvk_evaluation; ANALYZE dvk_evaluation_line; ANALYZE dvk_registration")
        self.env.invalidate_all()
        cr.execute("SELECT count(*) FROM dvk_model")
        return cr.fetchone()[0]

    # measurements --------------------------------------------------------------

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
        start = time.perf_counter()
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("danvan_khe.action_report_registration", registration.ids)
        )
        elapsed = time.perf_counter() - start
        assert content.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF"
        return elapsed, len(re.findall(rb"/Type\s*/Page\b(?!s)", content))


def main(conf, db):
    odoo.tools.config.parse_config(["-c", conf, "-d", db])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        bench = Bench(env)
        bench.build_org()
        small = bench.generate_models(SMALL)
        q_small, ms_small, _ = bench.list_first_page(bench.ha_user)
        log(f"list, first page of {LIST_LIMIT} at {small} models: {q_small} queries, {ms_small:.0f} ms")
        start = time.perf_counter()
        total = bench.generate_models(MODELS - small)
        log(f"generated {total} models with their evaluations in {time.perf_counter() - start:.0f} s")
        q_large, ms_large, _ = bench.list_first_page(bench.ha_user)
        log(f"list, first page of {LIST_LIMIT} at {total} models: {q_large} queries, {ms_large:.0f} ms")
        q_staff, ms_staff, seen = bench.list_first_page(bench.staff)
        log(f"  as agency staff (record rules on): {q_staff} queries, {ms_staff:.0f} ms, {seen} models in scope")
        report_ms, all_years_ms, registered, recognized = bench.province_reports()
        log(
            f"February + October province reports of {bench.periods.sorted('year')[-1].year}: {report_ms:.0f} ms "
            f"({registered} registered, {recognized} recognised); all {len(YEARS)} Octobers: {all_years_ms:.0f} ms"
        )
        import_period = env["dvk.period"].create({"year": 2027})
        rows = [
            {
                "seq": i + 1,
                "implementer": f"Tổ công tác {i % 50}",
                "model_name": f"Mô hình nhập số {i + 1}",
                "sector_code": ("KT", "VH-XH", "AN-QP", "XD HTCT")[i % 4],
                "period": "Năm 2027",
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
    figures = {
        "models": total,
        "list_queries_small": q_small,
        "list_queries_large": q_large,
        "list_ms_large": round(ms_large, 1),
        "report_ms_large": round(report_ms, 1),
        "import_rows": ours_count,
        "import_s": round(ours_s, 2),
        "odoo_import_s": round(odoo_s, 2),
        "pdf_lines": PDF_LINES,
        "pdf_s": round(pdf_s, 2),
        "peak_rss_mb": round(rss_mb(), 1),
    }
    goals = {
        "list query count independent of size": q_small == q_large,
        "province reports under 1 s": report_ms < 1000,
        "our import 2x faster than Odoo's": odoo_s >= 2 * ours_s,
        "import under 500 MB": rss_mb() < 500,
        "100-line PDF under 5 s": pdf_s < 5,
    }
    for goal, met in goals.items():
        log(f"goal {'met' if met else 'MISSED'}: {goal}")
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
