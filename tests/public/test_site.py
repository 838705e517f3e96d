"""The public commitments site: built beside the handbook from the promises in force and the archive."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from revise.public.site import build_public
from tests.conftest import REPO, replace_in, run_cli

from .conftest import EFFECTIVE, EXPORT, LEGAL, QA


def entries(out: Path) -> dict[str, dict]:
    data = json.loads((out / "commitments.json").read_text(encoding="utf-8"))
    return {e["title"]: {**e, "topic": topic["title"]} for topic in data["topics"] for e in topic["promises"]}


def test_after_the_effective_date_the_new_promise_with_what_changed(published, tmp_path: Path) -> None:
    repo, _pid = published
    page = build_public(repo.root, tmp_path / "public", date(2026, 5, 1))
    shown = entries(tmp_path / "public")
    assert page.count == len(shown) == 12
    new = shown["在线客服 20 秒内人工回复"]
    assert (new["topic"], new["figure"], new["since"]) == ("响应速度", "20 秒", EFFECTIVE)
    assert new["changed"] == "最近一次调整（2026-04-01 起）：由 30 秒 调整为 20 秒，对您更有利"
    phone = shown["电话 15 秒内接通"]  # same document, not changed by the revision: its own date
    assert (phone["since"], phone["changed"]) == ("2026-01-01", None)
    assert shown["退款 3–5 个工作日原路退回"]["figure"] == "3–5 个工作日"
    html = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert [t for t in ("响应速度", "问题处理", "退款", "评价与回访", "个人信息保护") if f"<h2>{t}</h2>" in html] == [
        "响应速度", "问题处理", "退款", "评价与回访", "个人信息保护"]
    assert "STD-" not in html and "cs-agent" not in html  # nothing internal reaches customers
    assert (tmp_path / "public/.revise-site").is_file() and (tmp_path / "public/style.css").is_file()


def test_before_the_effective_date_the_old_promise_and_what_is_coming(published, tmp_path: Path) -> None:
    repo, _pid = published
    build_public(repo.root, tmp_path / "public", date(2026, 3, 28))
    shown = entries(tmp_path / "public")
    old = shown["在线客服 30 秒内人工回复"]
    assert (old["figure"], old["since"]) == ("30 秒", "2026-01-01")
    assert old["coming"] == "即将调整：自 2026-04-01 起，由 30 秒 调整为 20 秒，对您更有利"


def test_publish_regenerated_the_public_site(published) -> None:
    """The publication ran on 2026-03-25 (faketime): the page it rebuilt announces the change."""
    repo, _pid = published
    shown = entries(repo.root / "build/public")
    assert shown["在线客服 30 秒内人工回复"]["coming"].startswith("即将调整：自 2026-04-01 起")


def test_build_writes_the_public_site_beside_the_handbook_and_the_revision_page_shows_the_records(published) -> None:
    repo, pid = published
    assert repo.cli(QA, "evaluate", pid, str(EXPORT), "--record").code == 0
    assert repo.cli(LEGAL, "notice", pid, "--record").code == 0
    run = repo.cli(QA, "build", "--as-of", "2026-05-01")  # build/site and build/public (which publish made: replaced)
    assert run.code == 0, run.err
    assert f"客户服务承诺书：12 项承诺 → {repo.root / 'build/public'}" in run.out
    assert entries(repo.root / "build/public")["在线客服 20 秒内人工回复"]["since"] == EFFECTIVE
    page = (repo.root / f"build/site/changes/{pid}/index.html").read_text(encoding="utf-8")
    assert "效果评估" in page and "生效前" in page and "达到预期" in page and "试点：基线 16 · 目标 15 · 结果 12" in page
    assert "客户告知" in page and "【悦选商城】自2026年4月1日起" in page


def test_public_out_follows_the_handbooks_folder_rules(repo_copy: Path, tmp_path: Path) -> None:
    shutil.copy2(REPO / "mkdocs.yml", repo_copy / "mkdocs.yml")
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep", encoding="utf-8")
    cases = [(["--public-out", str(repo_copy / "policies/public")], "policies"),
             (["--out", str(tmp_path / "both"), "--public-out", str(tmp_path / "both")], "重叠"),
             (["--out", str(tmp_path / "site"), "--public-out", str(tmp_path / "site/public")], "重叠"),
             (["--public-out", str(foreign)], str(foreign))]
    for args, said in cases:
        run = run_cli("build", *args, cwd=repo_copy)
        assert run.code == 2 and said in run.err, (args, run.err)
    assert not (tmp_path / "both").exists() and not (tmp_path / "site").exists() and not (repo_copy / "build").exists()
    assert [p.name for p in foreign.iterdir()] == ["mine.txt"]


def test_every_text_is_escaped(repo_copy: Path, tmp_path: Path) -> None:
    replace_in(repo_copy / "policies/standards/STD-FOLLOWUP.yaml", "title: 评价不满意，2 小时内回访", "title: <b>回访</b>")
    replace_in(repo_copy / "policies/standards/STD-FOLLOWUP.yaml", "我们会在 2 小时内回访您", "我们会在 2 小时内回访您<script>alert(1)</script>")
    build_public(repo_copy, tmp_path / "public", date(2026, 5, 1))
    html = (tmp_path / "public/index.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;回访&lt;/b&gt;" in html
