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
AUTHOR = "li.ting@example.com"
STATES = ["request", "scored", "draft"]


def proposal_steps(i: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """The genuine step commits of proposal i, as `revise` makes them: (step, person, file after it).

    A request by the author, then one score commit per panel member, then maybe the draft step:
    the queue derives every proposal from its step commits, so the bench gives it real histories."""
    pid = f"RP-2026-{i:04d}"
    state = rng.choice(STATES)
    head = [f"id: {pid}", f"title: '修订提案 {i}：文字咨询首响 “{rng.randint(10, 60)} 秒”'",
            "source: customer-feedback", "targets:", "- STD-RESPONSE", f"author: {AUTHOR}",
            f"created: '2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T10:{rng.randint(0, 59):02d}:00+08:00'"]
    steps = [("request", AUTHOR, "\n".join([*head, "state: request"]) + "\n")]
    if state == "request":
        return steps
    scores: list[str] = []
    for who in rng.sample(PEOPLE, rng.randint(1, 3)):
        scores += [f"- by: {who}", f"  impact: {rng.randint(1, 5)}", f"  cost: {rng.randint(1, 5)}",
                   f"  urgency: {rng.randint(1, 5)}", "  at: '2026-11-01T10:00:00+08:00'"]
        steps.append(("score", who, "\n".join([*head, "state: scored", "scores:", *scores]) + "\n"))
    if state == "draft":
        steps.append(("draft", AUTHOR, "\n".join([*head, "state: draft", "scores:", *scores]) + "\n"))
    return steps


def commit_stream(ref: str, pid: str, steps: list[tuple[str, str, str]], start: str, when: int) -> bytes:
    """`git fast-import` input: one commit per step on `ref`, authored and committed by its person."""
    stream = bytearray()
    for n, (step, who, body) in enumerate(steps):
        data = body.encode("utf-8")
        msg = f"revise {step} {pid}\n\nRevise-Step: {step}\nRevise-Proposal: {pid}\n".encode("utf-8")
        ident = f"{who.split('@')[0]} <{who}> {when + n} +0000"
        stream += f"commit {ref}\nauthor {ident}\ncommitter {ident}\n".encode()
        stream += f"data {len(msg)}\n".encode() + msg + (f"from {start}\n".encode() if n == 0 else b"")
        stream += f"M 100644 inline proposals/{pid}.yaml\ndata {len(data)}\n".encode() + data + b"\n"
    return bytes(stream)


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
        pid = f"RP-2026-{i:04d}"
        stream += commit_stream(f"refs/heads/revise/{pid}", pid, proposal_steps(i, rng), main, 1700000000 + 10 * i)
    run("fast-import", "--quiet", input=bytes(stream))
    return root


def move_one(root: Path, step: int) -> None:
    """A new step on the first proposal branch: a panel member scores it (again), as `revise score` would."""
    import yaml

    from revise.workflow.proposal import dumps
    pid = "RP-2026-0001"
    raw = subprocess.run(["git", "-C", str(root), "show", f"refs/heads/revise/{pid}:proposals/{pid}.yaml"],
                         check=True, capture_output=True, text=True).stdout
    data = yaml.safe_load(raw)
    who = PEOPLE[step % len(PEOPLE)]
    data["scores"] = [e for e in data.get("scores") or [] if e["by"] != who] + [
        {"by": who, "impact": 1 + step % 5, "cost": 3, "urgency": 3, "at": f"2026-11-0{1 + step % 9}T10:00:00+08:00"}]
    if data["state"] == "request":
        data["state"] = "scored"
    stream = commit_stream(f"refs/heads/revise/{pid}", pid, [("score", who, dumps(data).decode("utf-8"))],
                           f"refs/heads/revise/{pid}^0", 1800000000 + step)
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
