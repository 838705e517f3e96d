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


def timed(cmd: list[str], cwd: Path, stdin_from: list[str] | None = None) -> float:
    start = time.perf_counter()
    if stdin_from is None:
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    else:
        first = subprocess.Popen(stdin_from, cwd=cwd, stdout=subprocess.PIPE)
        subprocess.run(cmd, cwd=cwd, check=True, stdin=first.stdout, capture_output=True)
        first.wait()
    return time.perf_counter() - start


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
        out = subprocess.run(a_cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
        listed = out.count('"rank"')
        a_times, b_times, ratios = [], [], []
        for _ in range(args.runs):
            a = timed(a_cmd, REPO)
            b = timed(b_cmd, root, stdin_from=b_refs)
            a_times.append(a)
            b_times.append(b)
            ratios.append(a / b)
        from revise.workflow import view
        start = time.perf_counter()
        view.queue(root)
        in_process = time.perf_counter() - start
    a_med, b_med = statistics.median(a_times), statistics.median(b_times)
    print(f"proposals on branches: {args.proposals}; open proposals ranked by revise queue: {listed}; runs: {args.runs}")
    print(f"A revise queue --format json (whole process): median {a_med * 1000:.0f} ms "
          f"(min {min(a_times) * 1000:.0f}, max {max(a_times) * 1000:.0f})")
    print(f"B git for-each-ref | git cat-file --batch:    median {b_med * 1000:.0f} ms "
          f"(min {min(b_times) * 1000:.0f}, max {max(b_times) * 1000:.0f})")
    print(f"ratio A/B (pairwise median): {statistics.median(ratios):.2f}x")
    print(f"view.queue() in process (no interpreter start-up): {in_process * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
