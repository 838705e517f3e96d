"""Benchmark `revise check` on a generated corpus of realistic documents.

    .venv/bin/python tests/bench/bench_check.py [--docs 40,400,2000,10000] [--runs 3] [--keep DIR]

The corpus is the shipped one plus copies of its documents under new ids (same size and shape,
references still pointing at the shipped documents), so every copy is a valid document that
exercises every rule. Each figure is the median of --runs whole processes (wall seconds, peak
RSS of the child from os.wait4): `revise check` cold (no cache), writing the cache, warm, and
one changed file; the same files merely parsed with yaml.CSafeLoader; and check-jsonschema
validating the same files against the same schemas (schema only, no rules).

`revise` is run as a user runs it: the installed `revise` script beside this interpreter, the
package byte-compiled first as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import argparse
import compileall
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
BIN = Path(sys.executable).parent
BUNDLED = REPO / "revise" / "schema" / "json"
PARSE_ONLY = """
import os, sys, yaml
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(('.yaml', '.yml')):
            with open(os.path.join(folder, name), 'rb') as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def generate(dest: Path, docs: int) -> list[Path]:
    """The shipped repository plus copies of its documents until there are `docs` documents."""
    shutil.copytree(REPO / "policies", dest / "policies")
    templates = [p for p in sorted((dest / "policies").rglob("*.yaml")) if "/org/" not in p.as_posix()]
    texts = [(p, p.read_text(encoding="utf-8")) for p in templates]
    made = len(list((dest / "policies").rglob("*.yaml")))
    n = 0
    while made < docs:
        path, text = texts[n % len(texts)]
        old_id = path.stem
        new_id = f"{old_id}-G{n:05d}"
        body = re.sub(rf"^id: {re.escape(old_id)}$", f"id: {new_id}", text, count=1, flags=re.M)
        folder = path.parent / f"gen{n // 1000:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{new_id}.yaml").write_text(body, encoding="utf-8")
        made += 1
        n += 1
    return sorted((dest / "policies").rglob("*.yaml"))


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one whole process (its worker processes' CPU included)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{cmd[:3]} exited {code}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, cpu


def median(runs: int, fn, name: str = "") -> tuple[float, float, float]:
    results = [fn() for _ in range(runs)]
    row = statistics.median(r[0] for r in results), max(r[1] for r in results), statistics.median(r[2] for r in results)
    if name:
        print(f"  measured {name}: {row[0]:.2f} s wall, {row[2]:.2f} s cpu, {row[1]:.0f} MB", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default="10000", help="corpus sizes, comma-separated (each measured on its own corpus)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    ap.add_argument("--no-jsonschema", action="store_true", help="skip the check-jsonschema comparison")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="revise-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for docs in (int(n) for n in args.docs.split(",")):
            run(work, args, docs)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, args: argparse.Namespace, docs: int) -> None:
    repo = work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    files = generate(repo, docs)
    size = sum(f.stat().st_size for f in files)
    print(f"corpus: {len(files)} documents, {size / 1e6:.1f} MB, in {repo}")
    env = {**os.environ, "REVISE_LANG": "zh"}
    compileall.compile_dir(str(REPO / "revise"), quiet=1)
    script = BIN / "revise"
    revise = [str(script), "check"] if script.is_file() else [sys.executable, "-m", "revise.cli", "check"]
    cache = repo / ".revise-cache"

    def cold() -> tuple[float, float, float]:
        shutil.rmtree(cache, ignore_errors=True)
        return timed(revise, repo, env)

    def warm() -> tuple[float, float, float]:
        return timed(revise, repo, env)

    one = files[len(files) // 2]
    original = one.read_bytes()

    def one_changed() -> tuple[float, float, float]:
        one.write_bytes(original + b"\n# edited\n" + str(time.perf_counter()).encode().replace(b".", b"") + b"\n")
        return timed([*revise, str(one.relative_to(repo))], repo, env)

    rows: dict[str, tuple[float, float, float]] = {}
    rows["parse only (yaml.CSafeLoader)"] = median(args.runs, lambda: timed([sys.executable, "-c", PARSE_ONLY, "policies"], repo, env), "parse only (yaml.CSafeLoader)")
    rows["revise check --no-cache"] = median(args.runs, lambda: timed([*revise, "--no-cache"], repo, env), "revise check --no-cache")
    rows["revise check (cold, writes cache)"] = median(args.runs, cold, "revise check (cold, writes cache)")
    timed(revise, repo, env)
    rows["revise check (warm cache)"] = median(args.runs, warm, "revise check (warm cache)")
    rows["revise check one.yaml (changed, warm)"] = median(args.runs, one_changed, "revise check one.yaml (changed, warm)")
    one.write_bytes(original)
    if not args.no_jsonschema:
        rows["check-jsonschema (schema only)"] = median(1, lambda: jsonschema_all(repo, files, env), "check-jsonschema (schema only)")
    print(f"\n{'command (median of runs)':42} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for name, (wall, peak, cpu) in rows.items():
        print(f"{name:42} {wall:8.2f} {cpu:8.2f} {peak:8.0f}")
    parse, parse_cpu = rows["parse only (yaml.CSafeLoader)"][0], rows["parse only (yaml.CSafeLoader)"][2]
    print("\nratios to parse only (wall; cpu), lower is better:")
    for name in ("revise check --no-cache", "revise check (cold, writes cache)", "revise check (warm cache)"):
        print(f"  {name}: {rows[name][0] / parse:.2f}×; {rows[name][2] / parse_cpu:.2f}×")
    if "check-jsonschema (schema only)" in rows:
        cj, cj_cpu = rows["check-jsonschema (schema only)"][0], rows["check-jsonschema (schema only)"][2]
        for name in ("revise check --no-cache", "revise check (warm cache)"):
            print(f"  revise is {cj / rows[name][0]:.1f}× (wall), {cj_cpu / rows[name][2]:.1f}× (cpu) faster than "
                  f"check-jsonschema: {name}")
    print()


def jsonschema_all(repo: Path, files: list[Path], env: dict[str, str]) -> tuple[float, float, float]:
    """check-jsonschema on every file, one process per kind (it takes one schema per call)."""
    by_kind: dict[str, list[str]] = {}
    for f in files:
        head = f.read_text(encoding="utf-8")[:400]
        kind = re.search(r"^kind: *([\w-]+)", head, re.M)
        if kind:
            by_kind.setdefault(kind.group(1), []).append(str(f.relative_to(repo)))
    total, peak, cpu = 0.0, 0.0, 0.0
    exe = str(BIN / "check-jsonschema")
    for kind, names in sorted(by_kind.items()):
        wall, mem, used = timed([exe, "--schemafile", str(BUNDLED / f"{kind}.schema.json"), *names], repo, env, ok=(0, 1))
        total += wall
        cpu += used
        peak = max(peak, mem)
    return total, peak, cpu


if __name__ == "__main__":
    sys.exit(main())
