"""Benchmark: every measurable target of the corpus on 1,000,000 tickets, DuckDB against plain Python.

    .venv/bin/python tests/bench/bench_compliance.py [--rows 1000000] [--seed 7] [--repeat 3]

Generates the export once (cached under the temp folder by rows and seed), then times
`revise compliance`'s engine (load, type, check the rows, evaluate every target per month)
and a plain-Python csv loop computing the same n / met per target and month, checks both
agree, and prints rows per second, peak memory (RSS of a child process each) and the ratio.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# --- the obvious alternative: one plain-Python pass over the csv ----------------------------
def _working_day_index(day: date) -> int:
    days = (day - date(1970, 1, 5)).days
    return 5 * (days // 7) + min(days % 7, 5)


def _ts(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def plain_python(path: Path, targets: list[dict]) -> dict[str, dict[str, tuple[int, int]]]:
    """`{target key: {month: (n, met)}}` with the same rules as the SQL in revise.compliance.metrics."""
    stamp_cols = ("received_at", "first_reply_at", "escalated_at", "closed_at", "followed_up_at", "auto_reply_at",
                  "answered_at", "explained_at", "assigned_at", "first_call_at", "opened_at", "refund_approved_at", "refunded_at")
    with path.open(encoding="utf-8", newline="") as handle:  # pass 1: the latest timestamp ("as of")
        as_of_text = max(max((row[c] for c in stamp_cols if row.get(c)), default="") for row in csv.DictReader(handle))
    as_of = datetime.fromisoformat(as_of_text)
    limits = {t["scope"]["urgency"]: t["value"] for t in targets
              if t["metric"] == "resolution_hours" and t["scope"] and set(t["scope"]) == {"urgency"} and not t["channel"]}
    out: dict[str, dict[str, list[int]]] = {t["key"]: {} for t in targets}
    ops = {"<=": lambda a, b: a <= b, "<": lambda a, b: a < b, ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}

    def span(start: datetime | None, end: datetime | None, unit: str) -> tuple[float, bool] | None:
        if start is None:
            return None
        stop = end or as_of
        if unit == "working-day":
            return float(_working_day_index(stop.date()) - _working_day_index(start.date())), end is None
        seconds = (stop - start).total_seconds()
        return (seconds / 3600 if unit == "hour" else seconds), end is None

    pairs = {"first_reply_seconds": ("received_at", "first_reply_at", "second"),
             "auto_reply_seconds": ("received_at", "auto_reply_at", "second"),
             "answer_seconds": ("received_at", "answered_at", "second"),
             "resolution_hours": ("received_at", "closed_at", "hour"),
             "escalation_explain_hours": ("escalated_at", "explained_at", "hour"),
             "followup_hours_after_low_score": ("closed_at", "followed_up_at", "hour"),
             "first_contact_days": ("assigned_at", "first_call_at", "working-day"),
             "onboarding_days": ("assigned_at", "opened_at", "working-day"),
             "refund_working_days": ("refund_approved_at", "refunded_at", "working-day")}
    with path.open(encoding="utf-8", newline="") as handle:  # a target whose columns the export lacks is not measured
        header = set(next(csv.reader(handle)))
    targets = [t for t in targets if t["metric"] not in pairs or set(pairs[t["metric"]][:2]) <= header]
    out = {t["key"]: {} for t in targets}
    with path.open(encoding="utf-8", newline="") as handle:  # pass 2: every target on every row
        for row in csv.DictReader(handle):
            received = _ts(row["received_at"])
            if received is None:
                continue
            month = received.strftime("%Y-%m")
            score = float(row["satisfaction"]) if row["satisfaction"] else None
            for t in targets:
                if t["channel"] and row["channel"] != t["channel"]:
                    continue
                if any(row[k] != v for k, v in (t["scope"] or {}).items()):
                    continue
                metric = t["metric"]
                if metric in pairs:
                    start_col, end_col, unit = pairs[metric]
                    if metric == "followup_hours_after_low_score" and (score is None or score > 3):
                        continue
                    measured = span(_ts(row[start_col]), _ts(row[end_col]), unit)
                    if measured is None:
                        continue
                    value, pending = measured
                    hit = ops[t["op"]](value, t["value"])
                elif metric == "timeliness_rate":
                    limit = limits.get(row["urgency"])
                    measured = span(received, _ts(row["closed_at"]), "hour")
                    if limit is None or measured is None:
                        continue
                    hit, pending = measured[0] <= limit, measured[1]
                else:  # satisfaction scores: every rated ticket counts; met is not defined
                    if score is None or (metric == "aftersales_satisfaction_score" and row["category"] != "aftersales"):
                        continue
                    hit, pending = False, False
                if pending and hit:
                    continue
                slot = out[t["key"]].setdefault(month, [0, 0])
                slot[0] += 1
                slot[1] += hit
    return {k: {m: (v[0], v[1]) for m, v in months.items()} for k, months in out.items()}


# --- the engine ---------------------------------------------------------------------------
def targets_of_repo() -> list:
    from revise.compliance.targets import of_corpus
    from revise.corpus.documents import load

    return of_corpus(load(REPO))


def engine(path: Path, targets: list | None = None, phases: dict[str, list[float]] | None = None
           ) -> dict[str, dict[str, tuple[int, int]]]:
    """Load, check and evaluate the export with revise's engine: `{target key: {month: (n, met)}}`.

    `phases`, when given, receives `[wall, cpu]` seconds of "load" (read, type, check the rows)
    and "evaluate" (every target per month, worst cases included)."""
    from revise.compliance.evaluate import evaluate
    from revise.compliance.load import open_export

    targets = targets if targets is not None else targets_of_repo()
    clock = [(time.perf_counter(), time.process_time())]
    export = open_export(path)
    clock.append((time.perf_counter(), time.process_time()))
    try:
        result = evaluate(export, targets, worst=5)
    finally:
        export.close()
    clock.append((time.perf_counter(), time.process_time()))
    if phases is not None:
        for name, (a, b) in zip(("load", "evaluate"), zip(clock, clock[1:])):
            phases[name] = [b[0] - a[0], b[1] - a[1]]
    return {r.target.key: {m: (f.n, f.met or 0) for m, f in r.months.items()} for r in result.results}


def corpus_targets() -> list[dict]:
    return [{"key": t.key, "metric": t.metric, "op": t.op, "value": t.value, "channel": t.channel,
             "scope": t.scope} for t in targets_of_repo()]


def _child(which: str, path: Path) -> dict:
    """Run one side in a fresh process: its wall time, CPU time, peak RSS and figures.

    Interpreter start-up, imports and reading the policy corpus (the same fixed cost on both sides,
    whatever the number of tickets) happen before the clock starts; the whole-process figure is
    what `revise compliance` itself costs from the shell.
    """
    code = (
        "import json, resource, sys, time\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "import bench_compliance as b\n"
        "from pathlib import Path\n"
        "import revise.compliance.evaluate, revise.compliance.load, revise.corpus.documents  # imports are not the work\n"
        f"targets = b.targets_of_repo() if {which!r} == 'duckdb' else b.corpus_targets()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF)\n"
        "start = time.perf_counter()\n"
        "phases = {}\n"
        f"figures = b.engine(Path({str(path)!r}), targets, phases) if {which!r} == 'duckdb' else b.plain_python(Path({str(path)!r}), targets)\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime\n"
        "print(json.dumps({'seconds': seconds, 'cpu': cpu, 'peak': usage.ru_maxrss * 1024, 'figures': figures, 'phases': phases}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def big_file(gigabytes: float, rows: int, seed: int) -> Path:
    """An export of about `gigabytes`: the generated one repeated, each copy with its own ticket ids."""
    base = export_file(rows, seed)
    copies = max(1, round(gigabytes * 1e9 / base.stat().st_size))
    path = Path(tempfile.gettempdir()) / f"revise-bench-big-{copies}x{rows}-{seed}.csv"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with base.open(encoding="utf-8") as src, partial.open("w", encoding="utf-8") as out:
            out.write(src.readline())
            body = src.tell()
            for k in range(copies):
                src.seek(body)
                for line in src:
                    ticket, rest = line.split(",", 1)
                    out.write(f"{ticket}-{k},{rest}")
        partial.replace(path)
    return path


def stream(path: Path, memory_limit: str) -> dict:
    """Evaluate a large export in a child process under `memory_limit`: wall, CPU, peak RSS."""
    code = (
        "import json, resource, time\n"
        "from pathlib import Path\n"
        "from revise.compliance.evaluate import evaluate\n"
        "from revise.compliance.load import Settings, open_export\n"
        "from revise.compliance.targets import of_corpus\n"
        "from revise.corpus.documents import load\n"
        "start = time.perf_counter()\n"
        f"export = open_export(Path({str(path)!r}), settings=Settings(memory_limit={memory_limit!r}))\n"
        f"result = evaluate(export, of_corpus(load(Path({str(REPO)!r}))))\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(json.dumps({'seconds': time.perf_counter() - start, 'cpu': usage.ru_utime + usage.ru_stime,\n"
        "                  'peak': usage.ru_maxrss * 1024, 'rows': export.rows, 'targets': len(result.results)}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def export_file(rows: int, seed: int) -> Path:
    from revise.compliance.generate import Spec, write_file

    path = Path(tempfile.gettempdir()) / f"revise-bench-{rows}-{seed}.csv"
    if not path.exists():
        write_file(Spec(rows=rows, seed=seed), path.with_suffix(".partial"))
        path.with_suffix(".partial").replace(path)
    return path


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("duckdb", "python"), help="run one side once on --file and print its figures")
    parser.add_argument("--file", type=Path, help="with --only: the export to read")
    parser.add_argument("--big", type=float, metavar="GB", help="instead: stream an export of about GB gigabytes")
    parser.add_argument("--memory-limit", default="1GB", help="with --big: DuckDB's memory ceiling")
    args = parser.parse_args(argv)
    if args.big:
        path = big_file(args.big, args.rows, args.seed)
        got = stream(path, args.memory_limit)
        print(f"export: {path} ({got['rows']:,} tickets, {path.stat().st_size / 1e9:.2f} GB), {got['targets']} targets, "
              f"memory_limit {args.memory_limit}")
        print(f"  {got['seconds']:.1f} s wall ({got['cpu']:.1f} s CPU), {got['rows'] / got['seconds']:,.0f} rows/s, "
              f"peak RSS {got['peak'] / 2**20:.0f} MiB")
        return got
    if args.only:
        path = args.file or export_file(args.rows, args.seed)
        figures = engine(path) if args.only == "duckdb" else plain_python(path, corpus_targets())
        print(json.dumps(figures, sort_keys=True))
        return {"figures": figures}
    path = export_file(args.rows, args.seed)
    size = path.stat().st_size
    runs = {"duckdb": [_child("duckdb", path) for _ in range(args.repeat)],
            "python": [_child("python", path) for _ in range(max(1, min(args.repeat, 2)))]}
    same = runs["duckdb"][0]["figures"] == runs["python"][0]["figures"]
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
    peak = {k: max(r["peak"] for r in v) for k, v in runs.items()}
    targets = len(runs["duckdb"][0]["figures"])
    print(f"export: {path} ({args.rows:,} tickets, {size / 1e6:.0f} MB), {targets} targets, months per target: "
          f"{max(len(v) for v in runs['duckdb'][0]['figures'].values())}")
    for name in ("duckdb", "python"):
        print(f"{name:>7}: median {med[name]:.2f} s wall ({cpu[name]:.2f} s CPU) over {len(runs[name])} runs, "
              f"{args.rows / med[name]:,.0f} rows/s, peak RSS {peak[name] / 2**20:.0f} MiB")
    for phase in ("load", "evaluate"):
        print(f"  duckdb {phase:>8}: median {statistics.median(r['phases'][phase][0] for r in runs['duckdb']):.2f} s wall "
              f"({statistics.median(r['phases'][phase][1] for r in runs['duckdb']):.2f} s CPU)")
    print(f"  ratio: plain Python / DuckDB = {med['python'] / med['duckdb']:.1f}x wall, "
          f"{cpu['python'] / cpu['duckdb']:.1f}x CPU; figures identical: {same}")
    if not same:
        raise SystemExit("the two computations disagree")
    return {"median": med, "cpu": cpu, "peak": peak, "same": same}


if __name__ == "__main__":
    main()
