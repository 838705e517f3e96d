"""Coming changes: a published version waiting for its date; the page shows the version in force
from git history and announces the coming one. Real git repository, real `revise build`."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.handbook.conftest import copy_repo

DOC = "policies/standards/STD-FOLLOWUP.yaml"
EXAMPLES = Path(__file__).parent / "examples"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus committed, then version 2 of STD-FOLLOWUP published for 2027-01-01."""
    repo = copy_repo(tmp_path_factory.mktemp("coming") / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "qa.manager@example.com")
    git(repo, "config", "user.name", "质量经理")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "现行政策")
    text = (repo / DOC).read_text(encoding="utf-8")
    text = text.replace("version: 1", "version: 2").replace("effective_from: 2026-01-01", "effective_from: 2027-01-01")
    text = text.replace("title: 低分评价 2 小时内回访", "title: 低分评价 1 小时内回访")
    text = text.replace("clauses:\n", "clauses:\n  - id: call-recording\n    title: 回访全程录音\n    text: 回访电话须全程录音并附在工单中。\n", 1)
    (repo / DOC).write_text(text, encoding="utf-8")
    quality = repo / "policies/standards/STD-QUALITY.yaml"
    quality.write_text(quality.read_text(encoding="utf-8").replace(
        "少量低分须通过 STD-FOLLOWUP#low-score-followup 回访挽回。",
        "少量低分须通过 STD-FOLLOWUP#low-score-followup 回访挽回，录音要求见 STD-FOLLOWUP#call-recording。"), encoding="utf-8")
    shutil.copy(EXAMPLES / "RP-2026-0007.yaml", repo / "proposals" / "RP-2026-0007.yaml")  # published, in force 2027-01-01
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Publish RP-2026-0007 (Seed maintainers)")
    return repo


def read(path: Path) -> str:
    """A built page with entities decoded (document text is entity-escaped in the HTML)."""
    return html.unescape(path.read_text(encoding="utf-8"))


def build(repo: Path, out: Path, as_of: str) -> str:
    result = run_cli("-C", str(repo), "build", "--out", str(out), "--as-of", as_of)
    assert result.code == 0, result.err
    return result.out


def test_before_the_date_the_version_in_force_is_shown_with_a_notice(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(history, out, "2026-06-01")
    page = read(out / "standards/STD-FOLLOWUP/index.html")
    assert "低分评价 2 小时内回访" in page and "低分评价 1 小时内回访" not in page
    assert "即将施行：第 2 版自 2027-01-01 起生效" in page
    assert 'href="../../coming/STD-FOLLOWUP/"' in page
    coming = read(out / "coming/STD-FOLLOWUP/index.html")
    assert "低分评价 1 小时内回访" in coming and "尚未生效：本版本自 2027-01-01 起施行" in coming
    assert 'id="call-recording"' in coming
    assert 'href="../../standards/STD-FOLLOWUP/"' in coming
    # a clause that exists only in the coming version is linked there, not to a missing anchor
    quality = read(out / "standards/STD-QUALITY/index.html")
    assert re.search(r'href="\.\./\.\./coming/STD-FOLLOWUP/#call-recording"', quality)
    assert re.search(r'href="\.\./STD-FOLLOWUP/#low-score-followup"', quality)
    home = read(out / "index.html")
    assert "2027-01-01" in home and 'href="coming/STD-FOLLOWUP/"' in home
    article = home[home.index("<article"):]
    latest = article[article.index("最新变更"):article.index("手册栏目")]
    # the latest revision from the archive, in Chinese: title, proposal, dates, documents; no git plumbing
    for shown in ("低分回访缩短至 1 小时", "RP-2026-0007", "2026-05-20", "2027-01-01", "满意度评价与低分回访"):
        assert shown in latest, shown
    assert 'href="changes/RP-2026-0007/"' in latest
    assert "Publish" not in latest and "Seed" not in latest and "maintainers" not in latest


def test_from_the_date_on_the_new_version_is_in_force(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(history, out, "2027-01-01")
    page = read(out / "standards/STD-FOLLOWUP/index.html")
    assert "低分评价 1 小时内回访" in page and "即将施行" not in page
    assert not (out / "coming").exists()


def test_plain_mkdocs_build_takes_the_date_from_the_environment(history: Path, tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "REVISE_AS_OF": "2026-06-01"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(history / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "即将施行" in read(tmp_path / "site/standards/STD-FOLLOWUP/index.html")
    assert git(history, "status", "--porcelain") == ""  # nothing generated lands in the repository
