"""Benchmark the trainer's training-records board (培训与考核记录) on a large centre.

    .venv/bin/python tests/bench/bench_training.py [--people 5000] [--clauses 200] [--runs 5] [--url URL]

Fills `quiz_results` with one result per person and clause (`--people` × `--clauses`, ten clauses a
document; a third of them on an older hash of their clause, a fifth failed), then, each the median of
--runs:

- `training.standing` for one document, as the page shows it (grouped in the database, filtered by the
  document through the `(document, clause, person)` index);
- the obvious alternative: every result of the table fetched and judged in Python, then the
  document picked out;
- `training.record_many` of one self-check or import batch (5,000 results in one transaction).

SQLite in a temporary folder by default; `--url postgresql+psycopg://…` for a PostgreSQL database
(an empty one: the tables are made by the migrations).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import insert, select  # noqa: E402

from revise.records import db, training  # noqa: E402
from revise.records.tables import quiz_results  # noqa: E402

PER_DOCUMENT = 10


def fill(engine, people: int, clauses: int) -> None:  # type: ignore[no-untyped-def]
    at = datetime.now(timezone.utc)
    rows = []
    with engine.begin() as conn:
        for p in range(people):
            for k in range(clauses):
                rows.append({"person": f"p{p}@example.com", "document": f"STD-{k // PER_DOCUMENT:03d}", "clause": f"c{k}",
                             "version": 1, "clause_hash": "old" if (p + k) % 3 == 0 else "new", "question": None,
                             "score": 0.0 if (p + k) % 5 == 0 else 1.0, "passed": (p + k) % 5 != 0, "source": "moodle", "at": at})
                if len(rows) == 50_000:
                    conn.execute(insert(quiz_results), rows)
                    rows = []
        if rows:
            conn.execute(insert(quiz_results), rows)


def everything_in_python(engine, current, document: str):  # type: ignore[no-untyped-def]
    """The obvious way: every row into Python, judged there, then the document picked out."""
    c = quiz_results.c
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    with engine.connect() as conn:
        for row in conn.execute(select(c.document, c.clause, c.person, c.version, c.clause_hash, c.passed)):
            key = (row.document, row.clause)
            people = found.setdefault(key, {"passed": set(), "old": set(), "tried": set()})
            if row.clause_hash == current[key][1]:
                people["tried"].add(row.person)
                if row.passed:
                    people["passed"].add(row.person)
            elif row.passed:
                people["old"].add(row.person)
    return {k: v for k, v in found.items() if k[0] == document}


def median(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--clauses", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--url")
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-training-")
    engine = db.open_database(args.url or db.default_url(Path(folder)))
    started = time.perf_counter()
    fill(engine, args.people, args.clauses)
    total = args.people * args.clauses
    print(f"{engine.dialect.name}: {total:,} results ({args.people:,} people × {args.clauses} clauses) in {time.perf_counter() - started:.1f} s")
    current = {(f"STD-{k // PER_DOCUMENT:03d}", f"c{k}"): (1, "new") for k in range(args.clauses)}
    document = "STD-000"
    mine = {k: v for k, v in current.items() if k[0] == document}
    board = training.standing(engine, mine, [document])
    alternative = everything_in_python(engine, current, document)
    assert [s.passed for s in board] == [sorted(alternative[(s.document, s.clause)]["passed"]) for s in board]
    one = median(lambda: training.standing(engine, mine, [document]), args.runs)
    every = median(lambda: everything_in_python(engine, current, document), max(1, args.runs // 2))
    batch = [training.Result(f"p{p}@example.com", "STD-NEW", "c0", 2, 1.0, "selfcheck", "h") for p in range(5000)]
    write = median(lambda: training.record_many(engine, batch), args.runs)
    print(f"board of one document ({len(board)} clauses), grouped in the database: {one:,.0f} ms")
    print(f"every result judged in Python (the obvious way):            {every:,.0f} ms ({every / one:.0f}×)")
    print(f"record_many, 5,000 results in one transaction:              {write:,.0f} ms")


if __name__ == "__main__":
    main()
