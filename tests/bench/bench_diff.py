"""Benchmark `revise diff` on a proposal that changes 200 documents of a 2,000-document corpus.

    .venv/bin/python tests/bench/bench_diff.py [--docs 2000] [--changed 200] [--runs 5] [--keep DIR]

The corpus is the shipped one plus copies of its documents under new ids, committed on `main`;
branch `revise/RP-2026-0001` changes `--changed` documents (a title and a measurable target or
time limit each). Figures are medians of --runs whole processes (wall seconds, peak RSS of the
child): `revise diff` in text and JSON, `revise report` (diff + impact over the whole corpus),
against `git diff` of the same two trees (the line diff a reviewer would otherwise read); and, in
process, the semantic diff against parsing every document of both trees (what a diff that did not
skip unchanged blobs would have to do before comparing anything).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PID = "RP-2026-0001"
# Bytecode is cached (as for any installed package) in a folder of its own, never in the repository.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "REVISE_LANG": "zh",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
       "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
       "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "revise-bench-pycache")}
VALUE = re.compile(r"^(\s+value: )(\d+)$", re.M)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=ENV)


def generate(dest: Path, docs: int) -> list[Path]:
    """The shipped repository plus copies of its documents under new ids until there are `docs`."""
    shutil.copytree(REPO / "policies", dest / "policies")
    templates = [(p, p.read_text(encoding="utf-8")) for p in sorted((dest / "policies").rglob("*.yaml")) if "/org/" not in p.as_posix()]
    made = len(list((dest / "policies").rglob("*.yaml")))
    n = 0
    while made < docs:
        path, text = templates[n % len(templates)]
        new_id = f"{path.stem}-G{n:05d}"
        body = re.sub(rf"^id: {re.escape(path.stem)}$", f"id: {new_id}", text, count=1, flags=re.M)
        folder = path.parent / f"gen{n // 500:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{new_id}.yaml").write_text(body, encoding="utf-8")
        made, n = made + 1, n + 1
    return sorted((dest / "policies").rglob("*.yaml"))


def make_repo(repo: Path, docs: int, changed: int) -> int:
    """A git repo with the corpus on main and a proposal branch changing `changed` documents."""
    files = generate(repo, docs)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "corpus")
    git(repo, "checkout", "-q", "-b", f"revise/{PID}")
    (repo / "proposals").mkdir()
    (repo / "proposals" / f"{PID}.yaml").write_text(
        f"id: {PID}\ntitle: 批量修订\nsource: internal\ntargets: [STD-RESPONSE]\nauthor: bench@example.com\n"
        f"created: '2026-03-02T10:00:00+08:00'\nstate: draft\n", encoding="utf-8")
    candidates = [f for f in files if VALUE.search(f.read_text(encoding="utf-8"))]
    step = max(1, len(candidates) // changed)
    for f in candidates[::step][:changed]:
        text = f.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", r"title: \1（修订）", text, count=1, flags=re.M)
        text = VALUE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 5}", text, count=1)
        f.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "draft")
    git(repo, "checkout", "-q", "main")
    return len(files)


def timed(cmd: list[str], cwd: Path, *, before=None, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the process and its children, peak RSS in MB) of one whole process."""
    if before:
        before()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(runs: int, fn) -> tuple[float, float, float]:
    results = [fn() for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results), max(r[2] for r in results)


def in_process(repo: Path, runs: int) -> dict[str, float]:
    """Median seconds of the semantic diff itself and of parsing both whole trees."""
    from revise.review.semdiff import diff_trees, open_trees, vocabulary
    from revise.review.semdiff.proposals import proposal_trees, read_proposal

    os.environ["REVISE_NO_CACHE"] = "1"  # both in-process figures parse from scratch

    def semantic() -> float:
        start = time.perf_counter()
        old, new = proposal_trees(repo, read_proposal(repo, PID))
        diff_trees(old, new, vocabulary(repo, new))
        return time.perf_counter() - start

    def parse_all() -> float:
        start = time.perf_counter()
        for tree in open_trees(repo, "main", f"revise/{PID}"):
            tree.documents(sorted(tree.blobs))
        return time.perf_counter() - start

    return {"semantic diff (in process)": statistics.median(semantic() for _ in range(runs)),
            "parse both whole trees (in process)": statistics.median(parse_all() for _ in range(runs))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--changed", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="revise-bench-diff-"))
    try:
        return run(work / "repo", args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(repo: Path, args: argparse.Namespace) -> int:
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    total = make_repo(repo, args.docs, args.changed)
    revise = [sys.executable, "-m", "revise.cli"]
    cache = repo / ".git" / "revise-cache"
    cold = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    timed([*revise, "diff", PID], repo)  # bytecode written once, as after an install
    rows = {
        f"git diff main revise/{PID} -- policies": median(args.runs, lambda: timed(["git", "diff", "main", f"revise/{PID}", "--", "policies"], repo)),
        f"revise diff {PID} (cold: no parse cache)": median(args.runs, lambda: timed([*revise, "diff", PID], repo, before=cold)),
        f"revise diff {PID} (warm parse cache)": median(args.runs, lambda: timed([*revise, "diff", PID], repo)),
        f"revise diff {PID} --format json (warm)": median(args.runs, lambda: timed([*revise, "diff", PID, "--format", "json"], repo)),
        f"revise report {PID} (warm)": median(args.runs, lambda: timed([*revise, "report", PID], repo)),
        "python -c 'import revise.cli' (start-up)": median(args.runs, lambda: timed([sys.executable, "-c", "import revise.cli"], repo)),
    }
    print(f"corpus: {total} documents; proposal changes {args.changed}; medians of {args.runs} runs; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"\n{'whole process':48} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for name, (wall, cpu, peak) in rows.items():
        print(f"{name:48} {wall:8.3f} {cpu:8.3f} {peak:8.0f}")
    inner = in_process(repo, args.runs)
    print(f"\n{'in process':48} {'s':>8}")
    for name, secs in inner.items():
        print(f"{name:48} {secs:8.3f}")
    git_wall = rows[f"git diff main revise/{PID} -- policies"][0]
    cold_wall, cold_cpu, _ = rows[f"revise diff {PID} (cold: no parse cache)"]
    warm_wall, warm_cpu, _ = rows[f"revise diff {PID} (warm parse cache)"]
    print("\nratios:")
    print(f"  revise diff / git diff (wall): cold {cold_wall / git_wall:.1f}×, warm {warm_wall / git_wall:.1f}×")
    print(f"  parse both trees / semantic diff: {inner['parse both whole trees (in process)'] / inner['semantic diff (in process)']:.1f}×")
    print(f"  budget 2 s: cold {cold_wall:.2f} s wall / {cold_cpu:.2f} s cpu; warm {warm_wall:.2f} s wall / {warm_cpu:.2f} s cpu")
    return 0


if __name__ == "__main__":
    sys.exit(main())
