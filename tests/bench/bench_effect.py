"""Benchmark: the effect evaluation's two windows on a large export — a view per window (what
`revise evaluate` does), a copied table per window, and a plain-Python csv pass.

    .venv/bin/python tests/bench/bench_effect.py [--rows 1000000] [--seed 7] [--weeks 4] [--repeat 3]

Generates the export once (cached under the temp folder), online first replies 0.6x from the
effective date; loads it once with `revise compliance`'s loader; then times, for the online
first-reply target revised to 20 s, the figures of both windows three ways and checks they agree:
the same `evaluate()` on a view of each window (no data copied), on a table copied per window,
and one plain-Python pass over the csv. Prints the median seconds and the ratios.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from revise.compliance import generate as gen  # noqa: E402
from revise.compliance.effect import Window, in_window  # noqa: E402
from revise.compliance.evaluate import evaluate  # noqa: E402
from revise.compliance.load import Export, open_export  # noqa: E402
from revise.compliance.targets import Target  # noqa: E402
from revise.schema.schemaset import SchemaSet  # noqa: E402

EFFECTIVE = date(2026, 4, 1)
TARGET = Target("STD-RESPONSE", "text-first-reply", 0, "first_reply_seconds", "<=", 20.0, "second", "online")


def export_file(rows: int, seed: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"revise-bench-effect-{rows}-{seed}.csv"
    if not path.exists():
        spec = gen.Spec(rows=rows, seed=seed, start="2026-01", months=6, breach=False, faster_from=EFFECTIVE.isoformat(), faster=0.6)
        partial = path.with_name(path.name + ".partial")
        gen.write_file(spec, partial)
        partial.replace(path)
    return path


def windows(weeks: int) -> dict[str, Window]:
    return {"before": Window(EFFECTIVE - timedelta(weeks=weeks), EFFECTIVE), "after": Window(EFFECTIVE, EFFECTIVE + timedelta(weeks=weeks))}


def by_view(export: Export, weeks: int, schemas: SchemaSet) -> dict[str, tuple[int, int | None]]:
    found = {}
    for side, window in windows(weeks).items():
        total = in_window(export, window, [TARGET], schemas)[TARGET.key].total
        found[side] = (total.n, total.met)
    return found


def by_copy(export: Export, weeks: int, schemas: SchemaSet) -> dict[str, tuple[int, int | None]]:
    found = {}
    con = export.con
    for side, window in windows(weeks).items():
        con.execute("CREATE SCHEMA IF NOT EXISTS bench_copy")
        con.execute(f"CREATE OR REPLACE TABLE bench_copy.tickets AS SELECT * FROM main.tickets WHERE received_at >= "
                    f"TIMESTAMP '{window.start}' AND received_at < TIMESTAMP '{window.end}'")
        con.execute("SET search_path = 'bench_copy'")
        try:
            total = evaluate(export, [TARGET], schemas=schemas, worst=0).results[0].total
        finally:
            con.execute("RESET search_path")
        found[side] = (total.n, total.met)
    return found


def plain_python(path: Path, weeks: int) -> dict[str, tuple[int, int | None]]:
    bounds = {side: (datetime.combine(w.start, datetime.min.time()), datetime.combine(w.end, datetime.min.time()))
              for side, w in windows(weeks).items()}
    counts = {side: [0, 0] for side in bounds}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["channel"] != "online" or not row["first_reply_at"]:
                continue
            received = datetime.fromisoformat(row["received_at"])
            for side, (start, end) in bounds.items():
                if start <= received < end:
                    counts[side][0] += 1
                    counts[side][1] += (datetime.fromisoformat(row["first_reply_at"]) - received).total_seconds() <= 20
    return {side: (n, met) for side, (n, met) in counts.items()}


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--weeks", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    path = export_file(args.rows, args.seed)
    schemas = SchemaSet()
    started = time.perf_counter()
    export = open_export(path, schemas=schemas)
    load = time.perf_counter() - started
    try:
        view_s, view = timed(lambda: by_view(export, args.weeks, schemas), args.repeat)
        copy_s, copied = timed(lambda: by_copy(export, args.weeks, schemas), args.repeat)
    finally:
        export.close()
    plain_s, plain = timed(lambda: plain_python(path, args.weeks), args.repeat)
    same = view == copied == plain
    print(f"export: {args.rows:,} rows, loaded once in {load:.2f} s; windows of {args.weeks} weeks around {EFFECTIVE}")
    print(f"  view per window (revise evaluate): {view_s:.3f} s   {view}")
    print(f"  table copied per window:           {copy_s:.3f} s")
    print(f"  plain Python csv pass:             {plain_s:.3f} s")
    print(f"  ratio: copy / view {copy_s / view_s:.1f}x, plain Python / view {plain_s / view_s:.1f}x; same figures: {same}")
    return {"same": same, "view": view_s, "copy": copy_s, "plain": plain_s, "load": load}


if __name__ == "__main__":
    main()
