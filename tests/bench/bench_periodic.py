"""Benchmark the periodic review schedule: when was each document last reviewed, read from git.

    .venv/bin/python tests/bench/bench_periodic.py [--docs 2000] [--publications 300] [--runs 5]

Builds (with `git fast-import`) a repository whose main holds `--docs` documents (the shipped
corpus plus copies, as `bench_check.py` makes them) added 60 days ago, then `--publications`
publish merges, each changing one document and bringing its archive record, as `revise publish`
leaves them (nothing is due yet, so every check below reports the same nothing). Then, each the
median of --runs:

- `reviewlog.read`: what `revise reviews` and the check rules use — one `git log --first-parent`
  over policies/ and proposals/, the publications' records read in one `cat-file --batch` —
  computed afresh, and as the check's default path and `revise reviews` find it while main has
  not moved (kept in `.git/revise/` by main's commit);
- the obvious alternative: per document, `git log --first-parent` of its own file (the last
  publish merge that touched it, else its first commit) — one git process per document;
- `revise reviews --format json` and `revise check` (warm cache) as whole processes, and the same
  check on a copy of the folder without `.git` (where the periodic rules read nothing): the cost
  the rules add to every check.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_check import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
WHO = "李婷 <li.ting@example.com>"


def build(root: Path, docs: int, publications: int) -> list[str]:
    """The repository; returns the ids of the documents."""
    generate(root, docs)
    shutil.copy(REPO / "revise.yaml", root / "revise.yaml")
    files = sorted((root / "policies").rglob("*.yaml"))
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    start = datetime.now(timezone.utc) - timedelta(days=60)
    stream: list[bytes] = [_commit("refs/heads/main", 1, None, None, start, "corpus",
                                   {f.relative_to(root).as_posix(): f.read_bytes() for f in files} |
                                   {"revise.yaml": (root / "revise.yaml").read_bytes()})]
    main = 1
    for i in range(publications):
        when = start + timedelta(days=1 + i * 55 / max(publications, 1))
        path = files[(i * 7919) % len(files)]
        rel = path.relative_to(root).as_posix()
        pid = f"RP-2026-{i + 1:04d}"
        body = path.read_bytes() + f"# revised by {pid}\n".encode()
        record = _record(pid, path.stem, when)
        side = 2 + 2 * i
        stream.append(_commit(f"refs/heads/revise/{pid}", side, main, None, when, f"revise publish {pid}",
                              {rel: body, f"proposals/{pid}.yaml": record}, trailers=f"Revise-Step: publish\nRevise-Proposal: {pid}\n"))
        stream.append(_commit("refs/heads/main", side + 1, main, side, when, f"revise publish {pid}: merge",
                              {rel: body, f"proposals/{pid}.yaml": record},
                              trailers=f"Revise-Step: publish\nRevise-Proposal: {pid}\nRevise-Merge: revise/{pid}\n"))
        main = side + 1
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard", "main"], check=True)
    return [f.stem for f in files]


def _record(pid: str, doc: str, when: datetime) -> bytes:
    at = when.isoformat(timespec="seconds")
    return (f"id: {pid}\ntitle: revise {doc}\nsource: internal\ntargets:\n- {doc}\nauthor: li.ting@example.com\n"
            f"created: '{at}'\nstate: published\npublication:\n  effective: '{when.date().isoformat()}'\n"
            f"  transition_days: 0\n  by: li.ting@example.com\n  at: '{at}'\n  versions:\n    {doc}: 2\n"
            f"  tag: published/{pid}\n").encode()


def _commit(ref: str, mark: int, parent: int | None, merge: int | None, when: datetime, subject: str,
            files: dict[str, bytes], trailers: str = "") -> bytes:
    stamp = f"{int(when.timestamp())} +0000"
    msg = f"{subject}\n\n{trailers}".encode()
    out = [f"commit {ref}\nmark :{mark}\nauthor {WHO} {stamp}\ncommitter {WHO} {stamp}\n".encode(),
           b"data %d\n%s\n" % (len(msg), msg)]
    if parent:
        out.append(f"from :{parent}\n".encode())
    if merge:
        out.append(f"merge :{merge}\n".encode())
    for path, data in files.items():
        out.append(f"M 100644 inline {path}\n".encode() + b"data %d\n%s\n" % (len(data), data))
    return b"".join(out)


def per_document(root: Path, ids: list[str]) -> dict[str, str]:
    """The obvious way: one `git log` per document file."""
    found = {}
    paths = {p.stem: p.relative_to(root).as_posix() for p in (root / "policies").rglob("*.yaml")}
    for doc in ids:
        out = subprocess.run(["git", "-C", str(root), "log", "--first-parent", "--format=%aI%x00%(trailers:only,unfold)",
                              "main", "--", paths[doc]], capture_output=True, text=True, check=True).stdout
        entries = [e for e in out.split("\n") if e]
        published = [e for e in entries if "Revise-Step: publish" in e]
        found[doc] = (published[0] if published else entries[-1])[:10]
    return found


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--publications", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from revise.workflow import reviewlog
    with tempfile.TemporaryDirectory(prefix="bench-periodic-") as tmp:
        root = Path(tmp) / "repo"
        ids = build(root, args.docs, args.publications)
        print(f"corpus: {len(ids)} documents, {args.publications} publications on main")
        ours, history = timed(lambda: reviewlog.read(root, "refs/heads/main", cached=False), args.runs)
        kept, again = timed(lambda: reviewlog.read(root, "refs/heads/main"), args.runs)
        theirs, found = timed(lambda: per_document(root, ids), max(1, args.runs // 2))
        agree = history == again and all(history.last[d].day == found[d] for d in ids)  # type: ignore[union-attr,index]
        print(f"reviewlog.read (one git log)         {ours * 1000:9.1f} ms")
        print(f"reviewlog.read, main unchanged       {kept * 1000:9.1f} ms   (kept by main's commit)")
        print(f"one git log per document             {theirs * 1000:9.1f} ms   ({theirs / ours:.0f}x the git log; same dates: {agree})")
        compileall.compile_dir(str(REPO / "revise"), quiet=1)  # as pip install leaves it
        script = Path(sys.executable).parent / "revise"
        revise = [str(script)] if script.is_file() else [sys.executable, "-m", "revise.cli"]
        env = {**os.environ, "REVISE_LANG": "en"}
        proc = lambda *a, cwd=root: subprocess.run([*revise, *a], cwd=cwd, capture_output=True, env=env)  # noqa: E731
        reviews, _ = timed(lambda: proc("reviews", "--format", "json"), args.runs)
        plain = Path(tmp) / "plain"
        shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".git"))
        proc("check"), proc("check", cwd=plain)  # warm both caches
        with_git, _ = timed(lambda: proc("check"), args.runs)
        without, _ = timed(lambda: proc("check", cwd=plain), args.runs)
        print(f"revise reviews --format json         {reviews * 1000:9.1f} ms (whole process)")
        print(f"revise check, warm, git repository   {with_git * 1000:9.1f} ms (whole process)")
        print(f"revise check, warm, no .git          {without * 1000:9.1f} ms   (the periodic rules add {(with_git - without) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
