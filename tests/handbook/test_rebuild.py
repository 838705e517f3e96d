"""`mkdocs serve` rebuilds with what the plugin kept from the previous build (revise.handbook.rebuild):
the site it writes after an edit must be byte for byte the site a fresh `mkdocs build` writes, and a
build that failed under `strict` must fail again on the next rebuild."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

from tests.handbook.conftest import copy_repo, mkdocs_build

# Builds like `mkdocs serve` does: one process, the plugin started for "serve", a fresh config per
# build; between builds the file named on the command line gets the text of the next argument.
# Prints one JSON line per build: did it succeed, and how often the caches answered.
SERVE_LIKE = r"""
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
config_file, out, edited, *texts = sys.argv[1:]
config = load_config(config_file=config_file, site_dir=out)
config.plugins.on_startup(command="serve", dirty=False)
for number, text in enumerate([None, *texts]):
    if text is not None:
        Path(edited).write_text(text, encoding="utf-8")
        config = load_config(config_file=config_file, site_dir=out)
    plugin = config.plugins["revise"]
    try:
        build(config)
        ok = True
    except Abort:
        ok = False
    reuse = plugin._session.reuse
    print(json.dumps({"build": number, "ok": ok, "pages": plugin.rendered.hits, "search": plugin.indexed.hits, "written": plugin.written.hits,
                      "parsed": reuse.parsed, "kept": reuse.kept}), flush=True)
# The quizzes of the last edit are made in the background; when they are ready the plugin rings a
# file the server watches, and the server builds once more.
import time
session = plugin._session
bell = Path(session.bell.folder) / "rebuild"
started = time.time()
while session.reuse._making is not None and time.time() - started < 300:
    time.sleep(0.1)
if bell.exists():
    config = load_config(config_file=config_file, site_dir=out)
    build(config)
    print(json.dumps({"build": "bell", "rung": True, "ok": True, "pages": plugin.rendered.hits, "search": plugin.indexed.hits,
                      "written": plugin.written.hits}), flush=True)
"""


def serve_like(repo: Path, out: Path, edited: Path, *texts: str) -> list[dict[str, object]]:
    proc = subprocess.run([sys.executable, "-c", SERVE_LIKE, str(repo / "mkdocs.yml"), str(out), str(edited), *texts],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of a built site; the sitemap unzipped (gzip stamps the time it was written)."""
    found = {}
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        data = file.read_bytes()
        found[file.relative_to(root).as_posix()] = gzip.decompress(data) if file.suffix == ".gz" else data
    return found


def test_a_rebuild_after_an_edit_writes_the_same_site_as_a_fresh_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    doc = repo / "policies/standards/STD-RESPONSE.yaml"
    original = doc.read_text(encoding="utf-8")
    first = original.replace("title: 文字咨询自动欢迎语", "title: 文字咨询自动欢迎语修订标记一", 1)
    second = original.replace("title: 文字咨询自动欢迎语", "title: 文字咨询自动欢迎语修订标记二", 1)
    # a new document title changes the navigation of every page
    third = re.sub(r"^title: (.*)$", r"title: \1（修订标记三）", second, count=1, flags=re.M)
    assert original != first != second != third
    builds = serve_like(repo, tmp_path / "served", doc, first, second, third)
    assert [b["ok"] for b in builds] == [True, True, True, True, True]
    assert builds[-1]["rung"]  # the quizzes made in the background asked for the last build
    # the first build renders everything; the rebuilds take the unchanged pages from the caches
    assert builds[0]["pages"] == 0 and builds[0]["search"] == 0 and builds[0]["written"] == 0
    assert 0 < int(builds[1]["pages"]) and 0 < int(builds[1]["search"]) and 0 < int(builds[1]["written"])
    assert int(builds[2]["pages"]) > int(builds[1]["pages"])
    # revise.handbook.reuse: after an edit only the edited file is parsed, and the other documents' pages are kept
    assert builds[0]["parsed"] == len(list((repo / "policies").rglob("*.yaml"))) and builds[0]["kept"] == 0
    assert builds[1]["parsed"] == 1 and int(builds[1]["kept"]) > 30

    fresh = mkdocs_build(repo, tmp_path / "fresh")
    assert fresh.returncode == 0, fresh.stderr
    served, built = site_files(tmp_path / "served"), site_files(tmp_path / "fresh")
    assert served.keys() == built.keys()
    assert [name for name in served if served[name] != built[name]] == []
    page = served["standards/STD-RESPONSE/index.html"].decode("utf-8")
    assert "修订标记二" in page and "修订标记一" not in page
    assert "修订标记三" in served["standards/STD-CLASSIFICATION/index.html"].decode("utf-8")  # the title in the navigation
    docs = json.loads(served["search/search_docs.json"])
    indexed = "".join(d["title"] + d["text"] for d in docs if d["location"].startswith("standards/STD-RESPONSE/")).replace("\u200b", "")
    assert "修订标记二" in indexed and "修订标记一" not in indexed


def test_a_strict_failure_is_not_forgotten_by_the_next_rebuild(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    page = repo / "site" / "index.md"
    text = page.read_text(encoding="utf-8")
    broken = text + "\n\n[不存在的页面](nowhere.md)\n"
    # built fine, then a broken link (strict fails), then nothing changed (must fail again), then fixed
    builds = serve_like(repo, tmp_path / "served", page, broken, broken, text)
    assert [b["ok"] for b in builds] == [True, False, False, True]


def test_kept_pages_are_compressed_and_stay_within_the_budget() -> None:
    from revise.handbook.rebuild import OutputCache

    cache = OutputCache(budget=60_000)
    nav = "".join(f'<li><a href="../p{i}/">第 {i} 页</a></li>' for i in range(2000))  # ~70 KB, like a big navigation
    for number in range(40):
        cache._store(f"p{number}/", f"key{number}", f"<main>{number}</main>", f"<main>{number}</main>{nav}")
    assert 0 < cache.size <= cache.budget
    kept = sorted(cache.pages, key=lambda url: int(url[1:-1]))
    assert kept and kept[0] == "p0/" and len(kept) < 40  # kept until the budget was spent, then rendered every time
    again = cache.size
    cache._store("p0/", "key0b", "<main>0b</main>", f"<main>0b</main>{nav}")  # a page kept again replaces itself
    assert cache.pages["p0/"][0] == "key0b" and abs(cache.size - again) < 100


def test_a_build_rendered_by_worker_processes_is_the_serial_build(tmp_path: Path) -> None:
    """revise.handbook.parallel: the pages the workers render are the pages MkDocs would have written."""
    repo = copy_repo(tmp_path / "repo")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    for setting in ("always", "never"):
        (repo / "mkdocs.yml").write_text(config.replace("  - revise\n", f"  - revise:\n      parallel: {setting}\n"), encoding="utf-8")
        proc = mkdocs_build(repo, tmp_path / setting, "-v")
        assert proc.returncode == 0, proc.stderr[-3000:]
        rendered = re.search(r"revise: (\d+) pages rendered by worker processes", proc.stdout + proc.stderr)
        if setting == "always":
            assert rendered and int(rendered.group(1)) > 90, (proc.stdout + proc.stderr)[-2000:]
        else:
            assert rendered is None
    parallel, serial = site_files(tmp_path / "always"), site_files(tmp_path / "never")
    assert parallel.keys() == serial.keys()
    assert [name for name in parallel if parallel[name] != serial[name]] == []
