"""Benchmark: the handbook build against a plain MkDocs build of the same pages, page sizes, and `mkdocs serve`.

1. A generated corpus of N documents (default 2,000: the shipped documents cloned under new ids)
   is built twice, in turns: (A) `mkdocs build` with the revise plugin and the handbook's
   navigation (mkdocs.yml as shipped: pruned, grouped), which reads the YAML and generates every
   page in memory, and (B) a plain `mkdocs build` of the very same pages written out as Markdown
   files, without the revise plugin, with the theme's default navigation: the whole tree in every
   page (mkdocs.yml without `navigation.prune`). Both use mkdocs-material with the jieba-segmented
   search index. Medians of wall and CPU seconds and the A/B ratios are printed.
2. The pages A wrote: median and largest HTML page, and the search index (bytes, gzipped bytes).
3. `mkdocs serve` on the same corpus: one policy file is edited and its page is polled until the
   edit shows: the edit-to-visible latency, median over several edits.

Run: .venv/bin/python tests/bench/bench_build.py [--docs 2000] [--runs 3] [--edits 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import http.client
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import sysconfig
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
EDITED = "policies/standards/STD-RESPONSE.yaml"


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
        (dest / src.parent.relative_to(REPO)).joinpath(f"{new_id}.yaml").write_text(text, encoding="utf-8")
        count += 1
    return dest


def write_plain(repo: Path, dest: Path) -> Path:
    """The same pages as Markdown files, the whole navigation in every page, built without the revise plugin."""
    book = assemble(repo, date.today())
    docs = dest / "docs"
    shutil.copytree(repo / "site", docs)
    (docs / "index.md").write_text(home(book, (repo / "site" / "index.md").read_text(encoding="utf-8")), encoding="utf-8")
    for page in book.pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.source(), encoding="utf-8")
    for path, content in book.assets.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(content)
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", "__python_name__:"))
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = "docs/overrides"
    config["theme"]["features"] = [f for f in config["theme"]["features"] if f != "navigation.prune"]
    config["plugins"] = [p for p in config["plugins"] if p != "revise" and not (isinstance(p, dict) and "revise" in p)]
    config["nav"] = book.nav.as_config(hb("home.nav"), [])
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False).replace("__python_name__:", "!!python/name:")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
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


def bench_build(repo: Path, runs: int, work: Path) -> None:
    plain = write_plain(repo, work / "plain")
    pages = len(list((plain / "docs").rglob("*.md")))
    print(f"corpus: {len(list((repo / 'policies').rglob('*.yaml')))} documents -> {pages} pages")
    if runs == 0:
        return
    a_wall, b_wall, a_cpu, b_cpu = [], [], [], []
    for run in range(runs):
        a, a_c = mkdocs_build(repo / "mkdocs.yml", work / "out-a")
        b, b_c = mkdocs_build(plain / "mkdocs.yml", work / "out-b")
        a_wall.append(a), b_wall.append(b), a_cpu.append(a_c), b_cpu.append(b_c)
        print(f"  run {run + 1}: A {a:.2f} s wall ({a_c:.2f} s cpu)   B {b:.2f} s wall ({b_c:.2f} s cpu)   A/B {a / b:.3f} wall, {a_c / b_c:.3f} cpu")
    med = statistics.median
    print(f"A  mkdocs build with the revise plugin, pruned navigation: median {med(a_wall):.2f} s wall, {med(a_cpu):.2f} s cpu")
    print(f"B  plain mkdocs build of the same pages, whole navigation:  median {med(b_wall):.2f} s wall, {med(b_cpu):.2f} s cpu")
    print(f"A/B: ratio of medians {med(a_wall) / med(b_wall):.3f} wall, {med(a_cpu) / med(b_cpu):.3f} cpu (target <= 0.3; A under 60 s wall)")
    report_sizes(work / "out-a", "A")
    report_sizes(work / "out-b", "B")


def report_sizes(site: Path, name: str) -> None:
    """Median and largest HTML page, and the search index files, of a built site."""
    sizes = sorted((f.stat().st_size, f.relative_to(site).as_posix()) for f in site.rglob("*.html"))
    if not sizes:
        return
    largest = sizes[-1]
    print(f"{name} pages: {len(sizes)} HTML files, median {statistics.median(s for s, _ in sizes) / 1024:.1f} kB, "
          f"largest {largest[0] / 1024:.1f} kB ({largest[1]}), total {sum(s for s, _ in sizes) / 1024 / 1024:.1f} MB")
    for index in sorted((site / "search").glob("*")):
        data = index.read_bytes()
        packed = data if index.suffix == ".gz" else gzip.compress(data)
        print(f"{name} search: {index.name} {len(data) / 1024:.0f} kB ({len(packed) / 1024:.0f} kB gzipped)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):  # not there yet, or being written
        return ""


def wait_for(url: str, needle: str, timeout: float, every: float = 0.02) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if needle in fetch(url).replace("\u200b", ""):  # the search index splits words with zero-width spaces
            return time.perf_counter() - started
        time.sleep(every)
    raise TimeoutError(f"{needle!r} did not appear at {url} within {timeout} s")


def bench_serve(repo: Path, edits: int, settle: float = 1.0) -> float:
    """Median seconds from saving a policy file to the change being served by `mkdocs serve`, each
    edit made `settle` seconds after the previous one was fully rebuilt."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/standards/STD-RESPONSE/"
    index = f"http://127.0.0.1:{port}/search/search_docs.json"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(repo / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies = []
    doc = repo / EDITED
    original = doc.read_text(encoding="utf-8")
    try:
        started = time.perf_counter()
        wait_for(url, "文字咨询自动欢迎语", 3600)
        print(f"  mkdocs serve: first page served after {time.perf_counter() - started:.1f} s")
        for edit in range(edits):
            marker = f"修订标记{edit}号"
            doc.write_text(original.replace("title: 文字咨询自动欢迎语", f"title: 文字咨询自动欢迎语{marker}", 1), encoding="utf-8")
            latency = wait_for(url, marker, 600)
            latencies.append(latency)
            done = wait_for(index, marker, 600, every=0.5) + latency  # the whole rebuild (the search documents are written last)
            print(f"  edit {edit + 1}: visible after {latency:.2f} s, whole site rebuilt after {done:.2f} s")
            time.sleep(settle)  # the quizzes of the edit are made after it, and the server builds once more
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        doc.write_text(original, encoding="utf-8")
    median = statistics.median(latencies)
    pages = len(list((repo / "policies").rglob("*.yaml")))
    print(f"mkdocs serve, {pages} documents: edit -> visible median {median:.2f} s over {edits} edits (target < 2 s)")
    return median


def compile_packages() -> None:
    """Byte-compile the installed packages once, as `pip install` does (this machine sets PYTHONDONTWRITEBYTECODE)."""
    for folder in (sysconfig.get_paths()["purelib"], str(REPO / "revise")):
        compileall.compile_dir(folder, quiet=1, workers=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="build in this (new) folder and keep it: repo/ and plain/ can be timed again")
    args = parser.parse_args(argv)
    compile_packages()
    if args.keep is not None:
        args.keep.mkdir(parents=True)
        run(args, args.keep)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-handbook-") as tmp:
        run(args, Path(tmp))
    return 0


def run(args: argparse.Namespace, work: Path) -> None:
    repo = make_corpus(work / "repo", args.docs)
    bench_build(repo, args.runs, work)
    if args.edits:
        bench_serve(repo, args.edits, settle=2.0 + args.docs / 100)  # a 2,000-document rebuild's quizzes take ~10 s


if __name__ == "__main__":
    sys.exit(main())
