"""Benchmark: `revise queue` over N open proposals on N branches vs a bare git read of the same files.

    .venv/bin/python tests/bench/bench_queue.py [--proposals 500] [--runs 7]

Builds a repository from the shipped corpus with N proposal branches (written with
`git fast-import`, each a commit on top of main adding proposals/<ID>.yaml with 1–3 scores),
then times, as whole processes:

  A  revise queue --format json        (find, read, validate, rank, print)
  B  git for-each-ref refs/heads/revise/ | git cat-file --batch   (just read the same files)

and prints the median of each, the ratio A/B (pair by pair) and the in-process time of
`view.queue()` without interpreter start-up.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

PEOPLE = ["wang.siyuan@example.com", "yuan.bo@example.com", "shao.chen@example.com", "song.kai@example.com"]
STATES = ["request", "scored", "draft", "review", "pilot", "approved"]


def proposal_yaml(i: int, rng: random.Random) -> str:
    state = rng.choice(STATES)
    lines = [f"id: RP-2026-{i:04d}", f"title: '修订提案 {i}：文字咨询首响 “{rng.randint(10, 60)} 秒”'",
             "source: customer-feedback", "targets:", "- STD-RESPONSE", "author: li.ting@example.com",
             f"created: '2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:{rng.randint(0, 59):02d}:00+08:00'",
             f"state: {state}"]
    if state != "request":
        lines.append("scores:")
        for who in rng.sample(PEOPLE, rng.randint(1, 3)):
            lines += [f"- by: {who}", f"  impact: {rng.randint(1, 5)}", f"  cost: {rng.randint(1, 5)}",
                      f"  urgency: {rng.randint(1, 5)}", "  at: '2026-11-01T10:00:00+08:00'"]
    return "\n".join(lines) + "\n"


def build(folder: Path, n: int) -> Path:
    root = folder / "repo"
    root.mkdir()
    for name in ("policies", "schemas"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "revise.yaml", root / "revise.yaml")
    run = lambda *a, **k: subprocess.run(["git", "-C", str(root), *a], check=True, capture_output=True, **k)  # noqa: E731
    run("init", "-q", "-b", "main")
    run("add", "-A")
    run("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "corpus")
    main = run("rev-parse", "main", text=True).stdout.strip()
    rng = random.Random(7)
    stream = bytearray()
    for i in range(1, n + 1):
        body = proposal_yaml(i, rng).encode("utf-8")
        msg = f"revise request RP-2026-{i:04d}\n\nRevise-Step: request\n".encode("utf-8")
        stream += f"commit refs/heads/revise/RP-2026-{i:04d}\n".encode()
        stream += f"committer bench <bench@example.com> {1700000000 + i} +0000\n".encode()
        stream += f"data {len(msg)}\n".encode() + msg + f"from {main}\n".encode()
        stream += f"M 100644 inline proposals/RP-2026-{i:04d}.yaml\ndata {len(body)}\n".encode() + body + b"\n"
    run("fast-import", "--quiet", input=bytes(stream))
    return root


def timed(cmd: list[str], cwd: Path, stdin_from: list[str] | None = None) -> tuple[float, float]:
    """(wall seconds, cpu seconds of the child processes) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if stdin_from is None:
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    else:
        first = subprocess.Popen(stdin_from, cwd=cwd, stdout=subprocess.PIPE)
        subprocess.run(cmd, cwd=cwd, check=True, stdin=first.stdout, capture_output=True)
        first.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as tmp:
        root = build(Path(tmp), args.proposals)
        a_cmd = [sys.executable, "-m", "revise.cli", "-C", str(root), "queue", "--format", "json"]
        b_refs = ["git", "for-each-ref", "--format=%(objectname):proposals/%(refname:lstrip=3).yaml", "refs/heads/revise/"]
        b_cmd = ["git", "cat-file", "--batch"]
        cold_wall, cold_cpu = timed(a_cmd, REPO)            # first run: the cache in .git/revise/ is empty
        out = subprocess.run(a_cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
        listed = out.count('"rank"')
        a_runs, b_runs, ratios = [], [], []
        for _ in range(args.runs):
            a = timed(a_cmd, REPO)
            b = timed(b_cmd, root, stdin_from=b_refs)
            a_runs.append(a)
            b_runs.append(b)
            ratios.append(a[0] / b[0])
        from revise.workflow import view
        inproc = []
        for _ in range(args.runs):
            start = time.perf_counter()
            view.queue(root)
            inproc.append(time.perf_counter() - start)
        startup = [timed([sys.executable, "-m", "revise.cli", "--version"], REPO) for _ in range(args.runs)]
    med = lambda rows, i: statistics.median(r[i] for r in rows) * 1000  # noqa: E731
    print(f"proposals on branches: {args.proposals}; open proposals ranked by revise queue: {listed}; runs: {args.runs}")
    print(f"A revise queue --format json, whole process: median wall {med(a_runs, 0):.0f} ms, cpu {med(a_runs, 1):.0f} ms "
          f"(first run, empty cache: wall {cold_wall * 1000:.0f} ms, cpu {cold_cpu * 1000:.0f} ms)")
    print(f"B git for-each-ref | git cat-file --batch:   median wall {med(b_runs, 0):.0f} ms, cpu {med(b_runs, 1):.0f} ms")
    print(f"ratio A/B (pairwise median, wall): {statistics.median(ratios):.2f}x")
    print(f"  of A: revise start-up alone (revise --version, imports every subcommand): "
          f"median wall {med(startup, 0):.0f} ms, cpu {med(startup, 1):.0f} ms")
    print(f"  of A: view.queue() in process, no start-up: median {statistics.median(inproc) * 1000:.0f} ms "
          f"= {statistics.median(inproc) * 1000 / med(b_runs, 0):.2f}x B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
