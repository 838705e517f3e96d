"""Benchmark: the handbook build against a plain MkDocs build of the same pages, and `mkdocs serve`.

1. A generated corpus of N documents (default 2,000: the shipped documents cloned under new ids)
   is built twice, in turns: (A) `mkdocs build` with the revise plugin, which reads the YAML and
   generates every page in memory, and (B) a plain `mkdocs build` of the very same pages written
   out as Markdown files with the same navigation and no revise plugin. Both use mkdocs-material
   with the jieba-segmented search index. Medians and the A/B ratio are printed.
2. On the shipped corpus, `mkdocs serve` runs; one policy file is edited and the page is polled
   until the edit shows: the edit-to-visible latency, median over several edits.

Run: .venv/bin/python tests/bench/bench_build.py [--docs 2000] [--runs 3] [--edits 5]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from revise.handbook.assemble import assemble, home  # noqa: E402
from revise.handbook.common import hb  # noqa: E402

COPIED = ("site", "mkdocs.yml")


def make_corpus(dest: Path, total: int) -> Path:
    """A repository with `total` documents: the shipped ones plus clones under new ids."""
    for name in COPIED:
        src = REPO / name
        shutil.copytree(src, dest / name) if src.is_dir() else shutil.copy2(src, dest / name)
    (dest / "proposals").mkdir()
    shutil.copytree(REPO / "policies", dest / "policies")
    originals = [f for f in sorted((REPO / "policies").rglob("*.yaml")) if f.parent.name != "org"]
    count = len(list((dest / "policies").rglob("*.yaml")))
    n = 0
    while count < total:
        src = originals[n % len(originals)]
        n += 1
        new_id = f"{src.stem}-B{n:04d}"
        text = re.sub(r"^id: .*$", f"id: {new_id}", src.read_text(encoding="utf-8"), count=1, flags=re.M)
        text = re.sub(r"^title: (.*)$", rf"title: \1（第 {n} 号）", text, count=1, flags=re.M)
        (src.parent.relative_to(REPO) and (dest / src.parent.relative_to(REPO))).joinpath(f"{new_id}.yaml").write_text(text, encoding="utf-8")
        count += 1
    return dest


def write_plain(repo: Path, dest: Path) -> Path:
    """The same pages as Markdown files, with the same navigation, built without the revise plugin."""
    book = assemble(repo, date.today())
    docs = dest / "docs"
    shutil.copytree(repo / "site", docs)
    (docs / "index.md").write_text(home(book, (repo / "site" / "index.md").read_text(encoding="utf-8")), encoding="utf-8")
    for page in book.pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source(), encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: site", "docs_dir: docs").replace("custom_dir: site/overrides", "custom_dir: docs/overrides")
    config = config.replace("  - revise\n", "")
    nav = yaml.safe_dump({"nav": book.nav.as_config(hb("home.nav"), [])}, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(config + "\n" + nav, encoding="utf-8")
    return dest


def mkdocs_build(config: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the child) of one `mkdocs build`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                   check=True, capture_output=True, timeout=7200)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_build(total: int, runs: int, work: Path) -> tuple[float, float]:
    repo = make_corpus(work / "repo", total)
    plain = write_plain(repo, work / "plain")
    pages = len(list((plain / "docs").rglob("*.md")))
    print(f"corpus: {total} documents -> {pages} pages")
    if runs == 0:
        return 0.0, 0.0
    a_times, b_times, a_cpu, b_cpu, ratios = [], [], [], [], []
    for run in range(runs):
        a, a_c = mkdocs_build(repo / "mkdocs.yml", work / "out-a")
        b, b_c = mkdocs_build(plain / "mkdocs.yml", work / "out-b")
        a_times.append(a), b_times.append(b), a_cpu.append(a_c), b_cpu.append(b_c), ratios.append(a / b)
        print(f"  run {run + 1}: A {a:.2f} s wall ({a_c:.2f} s cpu)   B {b:.2f} s wall ({b_c:.2f} s cpu)   A/B {a / b:.3f} wall, {a_c / b_c:.3f} cpu")
    a_med, b_med = statistics.median(a_times), statistics.median(b_times)
    ac_med, bc_med = statistics.median(a_cpu), statistics.median(b_cpu)
    print(f"A  mkdocs build with the revise plugin (YAML -> pages in memory): median {a_med:.2f} s wall, {ac_med:.2f} s cpu")
    print(f"B  plain mkdocs build of the same pages written as Markdown:      median {b_med:.2f} s wall, {bc_med:.2f} s cpu")
    print(f"A/B: ratio of medians {a_med / b_med:.3f} wall, {ac_med / bc_med:.3f} cpu; "
          f"median of paired wall ratios {statistics.median(ratios):.3f} (target <= 1.3)")
    return a_med, b_med


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError(f"{needle!r} did not appear at {url} within {timeout} s")


def bench_serve(edits: int, work: Path) -> float:
    """Median seconds from saving a policy file to the change being served by `mkdocs serve`."""
    repo = work / "serve"
    for name in (*COPIED, "policies"):
        src = REPO / name
        shutil.copytree(src, repo / name) if src.is_dir() else shutil.copy2(src, repo / name)
    (repo / "proposals").mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/standards/STD-RESPONSE/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(repo / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies = []
    try:
        wait_for(url, "文字咨询自动欢迎语", 300)
        doc = repo / "policies/standards/STD-RESPONSE.yaml"
        original = doc.read_text(encoding="utf-8")
        for edit in range(edits):
            marker = f"修订标记{edit}号"
            time.sleep(1.0)  # let the server settle after the previous rebuild
            doc.write_text(original.replace("title: 文字咨询自动欢迎语", f"title: 文字咨询自动欢迎语{marker}", 1), encoding="utf-8")
            latency = wait_for(url, marker, 120)
            latencies.append(latency)
            print(f"  edit {edit + 1}: visible after {latency:.2f} s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    median = statistics.median(latencies)
    print(f"mkdocs serve, shipped corpus: edit -> visible median {median:.2f} s over {edits} edits (target < 5 s)")
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build in this (new) folder and keep it: repo/ and plain/ can be timed again")
    args = parser.parse_args(argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True)
        run(args, args.keep)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-handbook-") as tmp:
        run(args, Path(tmp))
    return 0


def run(args: argparse.Namespace, work: Path) -> None:
    if args.docs:
        bench_build(args.docs, args.runs, work)
    if args.edits:
        bench_serve(args.edits, work)


if __name__ == "__main__":
    sys.exit(main())
