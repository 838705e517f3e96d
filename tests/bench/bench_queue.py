"""Benchmark: `revise queue` over N open proposals on N branches vs a bare git read of the same files.

    .venv/bin/python tests/bench/bench_queue.py [--proposals 500] [--runs 9]

Builds a repository from the shipped corpus with N proposal branches (written with
`git fast-import`, each a commit on top of main adding proposals/<ID>.yaml with 1–3 scores),
then times, as whole processes, each pair in turn:

  A   revise queue --format json, nothing moved since the last listing (the usual case)
  A1  the same right after one branch moved (a new commit on one proposal branch)
  B   git for-each-ref refs/heads/revise/ | git cat-file --batch   (just read the same files)
  F   the floor of any Python command: a script that imports argparse, json, subprocess and
      pathlib, parses the same arguments, runs one `git for-each-ref` and prints the queue
      already computed (read from revise's cache): what no Python CLI can go below

plus the first run (every cache empty) and `queue()` in process. The package is byte-compiled
first, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE, so an editable
install would otherwise recompile every module on every run).
"""

from __future__ import annotations

import argparse
import compileall
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
    for name in ("policies",):
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


def move_one(root: Path, step: int) -> None:
    """A new commit on the first proposal branch (a changed title), as a step would make."""
    body = proposal_yaml(1, random.Random(step)).replace("修订提案 1：", f"修订提案 1（第 {step} 稿）：").encode("utf-8")
    msg = f"revise score RP-2026-0001 #{step}\n\nRevise-Step: score\n".encode("utf-8")
    stream = b"commit refs/heads/revise/RP-2026-0001\n"
    stream += f"committer bench <bench@example.com> {1800000000 + step} +0000\n".encode()
    stream += f"data {len(msg)}\n".encode() + msg + b"from refs/heads/revise/RP-2026-0001^0\n"
    stream += f"M 100644 inline proposals/RP-2026-0001.yaml\ndata {len(body)}\n".encode() + body + b"\n"
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=stream, check=True, capture_output=True)


FLOOR = """
import argparse, json, subprocess, sys
from pathlib import Path
parser = argparse.ArgumentParser(prog="floor")
parser.add_argument("-C", dest="root", type=Path)
sub = parser.add_subparsers(dest="command")
sub.add_parser("queue").add_argument("--format", choices=("text", "json"))
args = parser.parse_args()
subprocess.run(["git", "-C", str(args.root), "for-each-ref", "refs/heads/revise/", "refs/remotes/", "refs/heads/main"],
               capture_output=True, check=True)
cached = json.loads((args.root / ".git/revise/queue-cache.json").read_text(encoding="utf-8"))
print(json.dumps(cached["entries"]["queue"], ensure_ascii=False))
"""


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


def revise_command() -> list[str]:
    """The installed `revise` script next to this interpreter (what a user runs), else `-m revise.cli`."""
    script = Path(sys.executable).with_name("revise")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "revise.cli"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    compileall.compile_dir(str(REPO / "revise"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as tmp:
        root = build(Path(tmp), args.proposals)
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        a_cmd = [*revise_command(), "-C", str(root), "queue", "--format", "json"]
        f_cmd = [sys.executable, str(floor), "-C", str(root), "queue", "--format", "json"]
        b_refs = ["git", "for-each-ref", "--format=%(objectname):proposals/%(refname:lstrip=3).yaml", "refs/heads/revise/"]
        b_cmd = ["git", "cat-file", "--batch"]
        cold = timed(a_cmd, REPO)            # first run: the caches in .git/revise/ are empty
        out = subprocess.run(a_cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
        listed = out.count('"rank"')
        rows: dict[str, list[tuple[float, float]]] = {"A": [], "A1": [], "B": [], "F": []}
        for step in range(args.runs):
            rows["A"].append(timed(a_cmd, REPO))
            rows["B"].append(timed(b_cmd, root, stdin_from=b_refs))
            rows["F"].append(timed(f_cmd, REPO))
            move_one(root, step)
            rows["A1"].append(timed(a_cmd, REPO))
        from revise.workflow.queue import queue
        inproc = []
        for _ in range(args.runs):
            start = time.perf_counter()
            queue(root)
            inproc.append(time.perf_counter() - start)
    ms = lambda key, i=0: statistics.median(r[i] for r in rows[key]) * 1000  # noqa: E731
    ratio = lambda a, b: statistics.median(x[0] / y[0] for x, y in zip(rows[a], rows[b]))  # noqa: E731
    print(f"proposals on branches: {args.proposals}; open proposals ranked by revise queue: {listed}; runs: {args.runs}")
    print(f"A runs: {' '.join(a_cmd[:-4])} … queue --format json")
    print(f"A  revise queue, nothing moved:      median wall {ms('A'):.0f} ms, cpu {ms('A', 1):.0f} ms")
    print(f"A1 revise queue, one branch moved:   median wall {ms('A1'):.0f} ms, cpu {ms('A1', 1):.0f} ms")
    print(f"   revise queue, first run (no cache): wall {cold[0] * 1000:.0f} ms, cpu {cold[1] * 1000:.0f} ms")
    print(f"B  git for-each-ref | git cat-file --batch: median wall {ms('B'):.0f} ms, cpu {ms('B', 1):.0f} ms")
    print(f"F  floor of a Python command:        median wall {ms('F'):.0f} ms, cpu {ms('F', 1):.0f} ms")
    print(f"ratio A/B (pairwise median, wall): {ratio('A', 'B'):.2f}x; A1/B {ratio('A1', 'B'):.2f}x; "
          f"floor F/B {ratio('F', 'B'):.2f}x; A/F {ratio('A', 'F'):.2f}x")
    print(f"queue() in process, no start-up: median {statistics.median(inproc) * 1000:.0f} ms "
          f"= {statistics.median(inproc) * 1000 / ms('B'):.2f}x B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
