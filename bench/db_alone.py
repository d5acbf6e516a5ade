#!/usr/bin/env python
"""What PostgreSQL alone does for the rows one new case writes: the yardstick for the API.

    .venv/bin/python bench/db_alone.py [--clients 4] [--duration 10]

A new case through ``POST /api/v1/cases/`` writes a customer, the case (its reference from the
year's sequence), its milestones, the "created" event and the acknowledgement owed. This script
writes the same rows — copied, column for column, from the newest case the API made on the
bench database — in ONE statement per case (a chain of data-modifying CTEs, prepared), one
transaction each, from ``--clients`` processes with a connection each, and reports cases/s and
the PostgreSQL CPU per case. No Django, no HTTP: the ceiling the application is measured
against (issue 19: the API within 5x of this). ``api_create.py`` runs it in the same run.
"""

import argparse
import multiprocessing as mp
import queue
import sys
import time

import _env

#: Columns the statement sets itself rather than copying from the template rows.
GENERATED = {"id", "reference", "customer_id", "case_id", "key"}


def template_case(conn) -> int:
    """The newest case the API made with a customer, milestones, an event and a message."""
    row = conn.execute(
        "SELECT c.id FROM contacts_case c "
        "JOIN messaging_outboundmessage m ON m.case_id = c.id AND m.purpose = 'acknowledgement' "
        "WHERE c.channel = 'email' AND c.customer_id IS NOT NULL AND c.source_key IS NULL "
        "ORDER BY c.id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        sys.exit("db_alone: no API-made case to copy; run api_create.py (or seed.py) first")
    return row[0]


def one(conn, sql: str, value: int):
    row = conn.execute(sql, [value]).fetchone()
    if row is None:
        sys.exit(f"db_alone: nothing found for {value}")
    return row[0]


def rows(conn, table: str, where: str, value: int) -> tuple[list[str], list[tuple]]:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {where} = %s ORDER BY id", [value])
    columns = [d.name for d in cursor.description]
    return columns, cursor.fetchall()


def column_types(conn, table: str) -> dict[str, str]:
    found = conn.execute(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        [table],
    ).fetchall()
    return dict(found)


def statement(conn, case_id: int, year: int) -> tuple[str, list]:
    """One INSERT chain writing a copy of case ``case_id``'s rows, and its parameters."""
    from psycopg.types.json import Jsonb

    def values(columns: list[str], row: tuple) -> tuple[list[str], list]:
        kept = [c for c in columns if c not in GENERATED]
        params = [
            Jsonb(row[columns.index(c)])
            if isinstance(row[columns.index(c)], dict | list)
            else row[columns.index(c)]
            for c in kept
        ]
        return kept, params

    def slots(table: str, kept: list[str]) -> str:
        types = column_types(conn, table)
        return ", ".join(f"%s::{types[c]}" for c in kept)

    customer_id = one(conn, "SELECT customer_id FROM contacts_case WHERE id = %s", case_id)
    parts, params = [], []
    cols, (customer,) = rows(conn, "contacts_customer", "id", customer_id)
    kept, p = values(cols, customer)
    parts.append(
        f"cu AS (INSERT INTO contacts_customer ({', '.join(kept)}) "
        f"VALUES ({slots('contacts_customer', kept)}) RETURNING id)"
    )
    params += p
    cols, (case,) = rows(conn, "contacts_case", "id", case_id)
    kept, p = values(cols, case)
    parts.append(
        f"ca AS (INSERT INTO contacts_case ({', '.join(kept)}, reference, customer_id) "
        f"SELECT {slots('contacts_case', kept)}, "
        f"'CYS-{year}-' || lpad(nextval('case_reference_{year}')::text, 6, '0'), cu.id "
        f"FROM cu RETURNING id, reference)"
    )
    params += p
    for name, table in (("mi", "contacts_milestone"), ("ev", "contacts_caseevent")):
        cols, found = rows(conn, table, "case_id", case_id)
        if table == "contacts_caseevent":
            found = [r for r in found if r[cols.index("kind")] == "created"]
        kept, _ = values(cols, found[0])
        selects = []
        for row in found:
            _, p = values(cols, row)
            selects.append(f"SELECT {slots(table, kept)}, ca.id FROM ca")
            params += p
        parts.append(
            f"{name} AS (INSERT INTO {table} ({', '.join(kept)}, case_id) "
            f"{' UNION ALL '.join(selects)})"
        )
    cols, found = rows(conn, "messaging_outboundmessage", "case_id", case_id)
    message = next(r for r in found if r[cols.index("purpose")] == "acknowledgement")
    kept, p = values(cols, message)
    parts.append(
        f"ob AS (INSERT INTO messaging_outboundmessage ({', '.join(kept)}, key, case_id) "
        f"SELECT {slots('messaging_outboundmessage', kept)}, "
        f"'case:' || ca.reference || ':acknowledgement', ca.id FROM ca)"
    )
    params += p
    return "WITH " + ",\n".join(parts) + "\nSELECT id FROM ca", params


def client(sql: str, params: list, start_at: float, stop_at: float, out: mp.Queue) -> None:
    import psycopg

    done = 0
    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        while time.time() < start_at:
            time.sleep(0.001)
        while time.perf_counter() < stop_at:
            conn.execute(sql, params, prepare=True).fetchone()
            done += 1
    out.put(done)


def backends() -> list[int]:
    import psycopg

    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        found = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchall()
    return [pid for (pid,) in found]


def measure(clients: int = 4, seconds: float = 10.0) -> dict:
    """Cases/s and PostgreSQL CPU per case for the one-statement copy of a new case."""
    import psycopg
    from psycopg.types.json import Jsonb  # noqa: F401 - fail early when psycopg lacks it

    with psycopg.connect(_env.BENCH_DATABASE_URL, autocommit=True) as conn:
        case_id = template_case(conn)
        reference = one(conn, "SELECT reference FROM contacts_case WHERE id = %s", case_id)
        year = int(reference.split("-")[1])
        sql, params = statement(conn, case_id, year)
        conn.execute(sql, params).fetchone()  # fails here, not in the clients, if it is wrong
    out: mp.Queue = mp.Queue()
    start_at = time.time() + 3.0
    stop_at = time.perf_counter() + 3.0 + seconds
    procs = [
        mp.Process(target=client, args=(sql, params, start_at, stop_at, out))
        for _ in range(clients)
    ]
    for p in procs:
        p.start()
    deadline = time.monotonic() + 30
    while len(ours := backends()) < clients and time.monotonic() < deadline:
        time.sleep(0.05)  # every client's backend must be counted, or its CPU is missed
    cpu0 = sum(_env.proc_cpu(pid) for pid in ours)
    # A client's backend exits when it disconnects, taking its CPU count with it: keep each
    # backend's last reading (every 50 ms) until every client has reported.
    last = {pid: 0.0 for pid in ours}
    counts: list[int] = []
    while len(counts) < len(procs):
        for pid in ours:
            last[pid] = max(last[pid], _env.proc_cpu(pid))
        try:
            counts.append(out.get(timeout=0.05))
        except queue.Empty:
            if time.perf_counter() > stop_at + 60:
                raise
    done = sum(counts)
    cpu1 = sum(last.values())
    for p in procs:
        p.join(timeout=10)
    return {
        "rate": done / seconds,
        "cases": done,
        "pg_cpu_ms_per_case": (cpu1 - cpu0) / max(done, 1) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--duration", type=float, default=10.0)
    args = parser.parse_args()
    _env.wait_quiet(label="db_alone")
    result = measure(args.clients, args.duration)
    print(
        f"db_alone: {args.clients} clients x {args.duration:.0f} s, one statement a case: "
        f"{result['rate']:.1f} cases/s, PostgreSQL CPU {result['pg_cpu_ms_per_case']:.2f} ms "
        f"a case"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
