"""Benchmark of `revise quiz`: generation, `--since` and `quiz check` on a corpus scaled up.

The shipped corpus is copied `scale` times (document ids suffixed) into a temporary git
repository. Figures printed (medians of `runs` runs):

  generate     all candidate questions of every type, and a 20-question pick
  since        units changed since HEAD~1: ours lists the tree at REV with one `git ls-tree`
               and reads every file with one `git cat-file --batch` — against the obvious
               alternative, one `git show REV:path` process per policy file
  check        `quiz check` of a bank of every candidate: ours compares stored hashes —
               against the obvious alternative, regenerating every question with the same seed
               and comparing prompts and answers

Run:  .venv/bin/python tests/bench/bench_quiz.py [--scale 1 4 8] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from revise.corpus.documents import load  # noqa: E402
from revise.corpus.yamlsafe import decode, parse  # noqa: E402
from revise.quiz import since  # noqa: E402
from revise.quiz.check import check_bank  # noqa: E402
from revise.quiz.generate import candidates, generate  # noqa: E402
from revise.quiz.select import Selection  # noqa: E402
from revise.schema.schemaset import SchemaSet  # noqa: E402


def scaled_repo(dest: Path, scale: int) -> Path:
    """`scale` copies of every policy document, ids suffixed (-C1…), in a git repo with two commits."""
    files = sorted((REPO / "policies").rglob("*.yaml"))
    for copy in range(scale):
        for file in files:
            text = file.read_text(encoding="utf-8")
            doc_id = file.stem
            new_id = doc_id if copy == 0 else f"{doc_id}-C{copy}"
            if file.parent.name == "org" and copy:
                continue  # one org chart
            target = dest / "policies" / file.parent.name / f"{new_id}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text.replace(f"id: {doc_id}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=dest, check=True)
    ticket = dest / "policies/standards/STD-TICKET.yaml"
    ticket.write_text(ticket.read_text(encoding="utf-8").replace("value: 24", "value: 12", 1), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "v2"], cwd=dest, check=True)
    return dest


def median(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def since_by_git_show(root: Path, rev: str) -> int:
    """The obvious alternative: one `git show REV:path` per policy file, then parse each."""
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "policies"], cwd=root,
                            capture_output=True, text=True, check=True).stdout.split()
    docs = 0
    for path in listed:
        raw = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, check=True).stdout
        parse(decode(raw))
        docs += 1
    return docs


def check_by_regenerating(corpus, schemas, bank: list[dict], seed: int) -> int:
    """The obvious alternative to stored hashes: regenerate everything and compare question by question."""
    fresh = {q.id: q for qs in candidates(corpus, schemas, seed).values() for q in qs}
    return sum(1 for q in bank if q["id"] not in fresh or fresh[q["id"]].answer != q["answer"])


def bench(scale: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = scaled_repo(Path(tmp) / "repo", scale)
        corpus, schemas = load(root), SchemaSet()
        t_pool, pool = median(lambda: candidates(corpus, schemas, 1), runs)
        n = sum(len(v) for v in pool.values())
        t_pick, _ = median(lambda: generate(corpus, schemas, Selection(), 1, count=20), runs)
        t_since, changed = median(lambda: since.changed_units(corpus, "HEAD~1"), runs)
        t_show, _ = median(lambda: since_by_git_show(root, "HEAD~1"), max(1, runs // 2))
        bank = [q.as_json() for qs in pool.values() for q in qs]
        bank = json.loads(json.dumps(bank))
        t_check, drift = median(lambda: check_bank(corpus, bank), runs)
        t_regen, _ = median(lambda: check_by_regenerating(corpus, schemas, bank, 1), runs)
    print(f"scale ×{scale}: {len(corpus.documents)} documents, {n} candidate questions, {len(drift)} drifted")
    print(f"  generate all candidates   {t_pool * 1000:8.1f} ms   ({n / t_pool:,.0f} questions/s)")
    print(f"  pick 20 (generate+select) {t_pick * 1000:8.1f} ms")
    print(f"  --since: one cat-file      {t_since * 1000:8.1f} ms   vs git show per file {t_show * 1000:8.1f} ms"
          f"   → {t_show / t_since:.1f}× faster")
    print(f"  quiz check: stored hashes {t_check * 1000:8.1f} ms   vs regenerate+compare {t_regen * 1000:8.1f} ms"
          f"   → {t_regen / t_check:.1f}× faster")
    return {"pool": t_pool, "since": t_since, "show": t_show, "check": t_check, "regen": t_regen, "questions": n}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for scale in args.scale:
        bench(scale, args.runs)


if __name__ == "__main__":
    main()
