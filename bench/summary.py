#!/usr/bin/env python
"""Print the benchmark's figures against its targets, from the JSON the scripts left in
bench/results/ (a Markdown table, ready for bench/README.md)."""

import json
import os
import platform
import sys
from datetime import UTC, datetime

import _env
from api_create import TARGET_CPU_MS, TARGET_P95_MS, TARGET_RATE, TARGET_RATIO, peer_measured


def read(name: str) -> dict | None:
    path = _env.RESULTS / name
    return json.loads(path.read_text()) if path.exists() else None


class Table:
    """The summary's rows: (measurement, result, target, verdict)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        self.ok_all = True

    def add(self, what: str, got: str, target: str, ok: bool | None) -> None:
        if ok is False:
            self.ok_all = False
        self.rows.append((what, got, target, "—" if ok is None else ("met" if ok else "MISSED")))


def add_seed(table: Table, seed: dict) -> None:
    c = seed["checks"]
    table.add(
        "seed: 1M cases + milestones (COPY)",
        f"{seed['seed_seconds']:.0f} s ({c['milestones']:,} milestones, {c['database size']})",
        "a few minutes",
        seed["seed_seconds"] < 300,
    )


def add_sweep(table: Table, sweep: dict) -> None:
    passes = {p["pass"].split(" (")[0]: p for p in sweep["passes"]}
    p1, p2 = passes.get("pass 1"), passes.get("pass 2")
    if p1:
        table.add(
            "sweep pass 1 (2,000 due soon + 500 breached)",
            f"{p1['wall_s'] * 1000:.0f} ms ({p1['commit_s'] * 1000:.0f} ms of it COMMIT)",
            "< 1 s",
            p1["wall_s"] < 1,
        )
    if p2:
        table.add("sweep pass 2 (idle)", f"{p2['wall_s'] * 1000:.0f} ms", "< 1 s", p2["wall_s"] < 1)
    p3 = passes.get("pass 3")
    if p3:
        table.add(
            f"sweep 17:00 burst ({p3['due_soon']:,} + {p3['breached']:,}; stress, info)",
            f"{p3['wall_s'] * 1000:.0f} ms",
            "(none)",
            None,
        )
    table.add(
        "sweep process peak RSS",
        f"{sweep['peak_rss_mb']:.0f} MB",
        "< 200 MB",
        sweep["peak_rss_mb"] < 200,
    )


def add_api(table: Table, api: dict) -> None:
    best = next(r for r in api["runs"] if r["config"] == api["best"])
    table.add(
        f"API create, 4 clients, best config ({best['config']})",
        f"{best['rate']:.0f} cases/s",
        f">= {TARGET_RATE:.0f} cases/s",
        best["rate"] >= TARGET_RATE,
    )
    peer = peer_measured()
    if peer is not None:
        table.add(
            f"API create against the peer (peer_helpdesk.py, {peer['at']})",
            f"{best['rate'] / max(peer['rate'], 1e-9):.2f}x its {peer['rate']:.1f} tickets/s",
            "3x",
            best["rate"] >= 3 * peer["rate"],
        )
    table.add(
        "API create p50 / p95 / p99",
        f"{best['p50_ms']:.1f} / {best['p95_ms']:.1f} / {best['p99_ms']:.1f} ms",
        f"p95 < {TARGET_P95_MS:.0f} ms",
        best["p95_ms"] < TARGET_P95_MS,
    )
    table.add(
        "API create errors (non-201)",
        f"{best['errors']} of {best['requests']:,}",
        "0",
        best["errors"] == 0,
    )
    if best.get("server_cpu_ms_per_case") is not None:
        table.add(
            "API create server CPU per case (gunicorn + PostgreSQL)",
            f"{best['server_cpu_ms_per_case']:.1f} ms (other processes used "
            f"{best['other_load']:.0%} of the CPU meanwhile)",
            f"<= {TARGET_CPU_MS:.0f} ms",
            best["server_cpu_ms_per_case"] <= TARGET_CPU_MS,
        )
    alone = api.get("database_alone")
    if alone:
        table.add(
            "API create against the database alone (db_alone.py, same run)",
            f"{alone['rate'] / max(best['rate'], 1e-9):.1f}x ({alone['rate']:.0f} cases/s alone)",
            f"within {TARGET_RATIO:.0f}x",
            alone["rate"] <= TARGET_RATIO * best["rate"],
        )


def print_api_configurations(api: dict) -> None:
    print(
        "\nAPI configurations (cases/s; p50/p95/p99 ms; errors; server CPU ms per case; "
        "CPU share other processes took):"
    )
    for r in api["runs"]:
        print(
            f"  {r['config']:<26} {r['rate']:7.1f}  {r['p50_ms']:6.1f} {r['p95_ms']:6.1f} "
            f"{r['p99_ms']:6.1f}  {r['errors']}  {r.get('server_cpu_ms_per_case') or 0:5.1f}"
            f"  {r.get('other_load') or 0:4.0%}"
        )


def main() -> int:
    seed, sweep, api = read("seed_meta.json"), read("sweep.json"), read("api_create.json")
    table = Table()
    if seed:
        add_seed(table, seed)
    if sweep:
        add_sweep(table, sweep)
    if api:
        add_api(table, api)
    print(
        f"\nSUMMARY  {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n"
    )
    print("| measurement | result | target | |")
    print("|---|---|---|---|")
    for row in table.rows:
        print("| " + " | ".join(row) + " |")
    if api:
        print_api_configurations(api)
    return 0 if table.ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
