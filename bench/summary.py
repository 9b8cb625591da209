"""make bench's summary: the goals, then one JSON object on the last line; exit 1 on errors.

Usage: python3 bench/summary.py MEASURE_JSON LOAD_JSON REPLICA_JSON [STEP=STATUS ...]

Errors (exit 1): a step that failed (STEP=STATUS with STATUS neither 0 nor "skipped"), a missing
part, a load error or a lost/extra record, the replica not proven. A missed
time goal is reported ("goal MISSED") but is not an error: the figures are
what this machine measured.
"""

import json
import sys
from pathlib import Path


def load(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None


def main(measure_path, load_path, replica_path, *statuses):
    measure, load_run, replica = load(measure_path), load(load_path), load(replica_path)
    failed_steps = [s for s in statuses if not s.endswith(("=0", "=skipped"))]
    skipped = {s.split("=")[0] for s in statuses if s.endswith("=skipped")}
    figures = {}
    if measure:
        views = measure.pop("views")
        figures.update(measure)
        figures["views_large"] = {
            role: {name: [r["queries"], r["ms"], r["min_ms"]] for name, r in by_view.items()}
            for role, by_view in views["large"].items()
        }
        figures["views_small_queries"] = {
            role: {name: r["queries"] for name, r in by_view.items()} for role, by_view in views["small"].items()
        }
    if load_run:
        figures.update(load_run)
    figures["replica_ok"] = bool(replica and replica.get("replica_ok")) if "replica" not in skipped else None
    if replica:
        figures.update({k: v for k, v in replica.items() if k != "replica_ok"})
    goals = {}
    if measure:
        slowest = max(
            (
                (role, name, ms)
                for role, by_view in figures["views_large"].items()
                for name, (_q, ms, _min) in by_view.items()
            ),
            key=lambda item: item[2],
        )
        goals.update(
            {
                "list query count independent of size": measure["list_queries_small"] == measure["list_queries_large"],
                "kanban query count independent of size": (
                    measure["kanban_queries_small"] == measure["kanban_queries_large"]
                ),
                "every view's query count independent of size (both roles)": measure["views_queries_size_independent"],
                "models kanban under 300 ms at 100 000 (Home Affairs)": measure["kanban_ms_large"] < 300,
                "pivot agency x sector under 300 ms at 100 000 (Home Affairs)": measure["pivot_ms_large"] < 300,
                f"every board/pivot/graph/activity view under 300 ms (slowest: {slowest[0]} {slowest[1]} "
                f"{slowest[2]} ms)": slowest[2] < 300,
                "province reports under 1 s": measure["report_ms_large"] < 1000,
                "our import 4x faster than Odoo's": measure["odoo_import_s"] >= 4 * measure["import_s"],
                "import under 500 MB": measure["peak_rss_mb"] < 500,
                "100-line PDF under 2 s": measure["pdf_s"] < 2,
            }
        )
        if "approve_queries_per_line" in measure:
            goals["approving a registration: queries independent of its number of lines"] = (
                measure["approve_queries_per_line"] < 1
            )
    if load_run:
        goals.update(
            {
                f"load: at least 20 users ({load_run['load_users']})": load_run["load_users"] >= 20,
                "load: no error but designed refusals": load_run["load_errors"] == 0,
                "load: no lost or duplicated record": load_run["load_check"]["ok"],
                "load: p95 under 1 s": load_run["load_p95_ms"] < 1000,
            }
        )
    if "replica" not in skipped:
        goals["replica: every role's reads served by the replica, nothing written"] = figures["replica_ok"]
    for goal, met in goals.items():
        print(f"goal {'met' if met else 'MISSED'}: {goal}", flush=True)
    errors = [f"step failed: {s}" for s in failed_steps]
    errors += [
        f"missing: {p}"
        for name, p, d in (
            ("bench.py", measure_path, measure),
            ("load", load_path, load_run),
            ("replica", replica_path, replica),
        )
        if d is None and name not in skipped
    ]
    if load_run and load_run["load_errors"]:
        errors.append(f"load: {load_run['load_errors']} errors")
    if load_run and load_run.get("stress_errors"):
        errors.append(f"stress: {load_run['stress_errors']} errors")
    if replica is not None and "replica" not in skipped and not figures["replica_ok"]:
        errors.append("replica: not proven")
    for error in errors:
        print(f"ERROR: {error}", flush=True)
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
