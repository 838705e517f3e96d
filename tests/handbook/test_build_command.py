"""`revise build`: checks first, refuses a broken corpus, clear errors, strict MkDocs underneath."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from revise.handbook.outdir import MARKER
from tests.conftest import run_cli
from tests.handbook.conftest import copy_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def test_refuses_a_corpus_with_errors_and_builds_nothing(repo: Path, tmp_path: Path) -> None:
    doc = repo / "policies/standards/STD-RESPONSE.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("op: <=", "op: =<", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("-C", str(repo), "build", "--out", str(out))
    assert result.code == 1
    assert "policies/standards/STD-RESPONSE.yaml:" in result.err and "=<" in result.err
    assert "语料库有错误，未生成手册" in result.err
    assert "Traceback" not in result.err
    assert not out.exists()


def test_bad_date_and_missing_config_are_usage_errors(repo: Path, tmp_path: Path) -> None:
    result = run_cli("-C", str(repo), "build", "--as-of", "2026-02-30")
    assert result.code == 2 and "2026-02-30" in result.err and "Traceback" not in result.err
    (repo / "mkdocs.yml").unlink()
    result = run_cli("-C", str(repo), "build", "--out", str(tmp_path / "x"))
    assert result.code == 2 and "mkdocs.yml" in result.err and "Traceback" not in result.err


def test_a_broken_link_in_a_hand_written_page_fails_the_strict_build(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("上一次的手册", encoding="utf-8")
    (out / MARKER).write_text("", encoding="utf-8")  # an earlier build's folder
    (repo / "site" / "about.md").write_text("# 关于\n\n见 [不存在的页面](nowhere.md)。\n", encoding="utf-8")
    result = run_cli("-C", str(repo), "build", "--out", str(out))
    assert result.code == 1
    assert "nowhere.md" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]  # no half-built folder left behind
    assert (out / "index.html").read_text(encoding="utf-8") == "上一次的手册"  # the last good handbook is untouched


def test_builds_every_page_and_the_revision_archive(repo: Path, tmp_path: Path) -> None:
    (repo / "proposals" / "RP-2026-0003.yaml").write_text(PROPOSAL, encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("-C", str(repo), "build", "--out", str(out))
    assert result.code == 0, result.err
    assert "手册已生成" in result.out
    for doc in (repo / "policies").rglob("*.yaml"):
        folder = {"standards": "standards", "scripts": "scripts", "emergency": "emergency", "procedures": "procedures",
                  "org": "org", "scorecards": "scorecards"}[doc.parent.name]
        assert (out / folder / doc.stem / "index.html").is_file(), doc
    page = html.unescape((out / "changes/RP-2026-0003/index.html").read_text(encoding="utf-8"))
    for text in ("文字咨询人工首次响应缩短至 20 秒", "客户反馈", "已发布", "2026-04-01", "近三个月在线咨询首响超 20 秒的投诉占 18%",
                 "法务合规", "批准", "首响 20 秒在试点组达标率 96%", "通过", "href=\"../../standards/STD-RESPONSE/\""):
        assert text in page, text
    index = html.unescape((out / "changes/index.html").read_text(encoding="utf-8"))
    assert "RP-2026-0003" in index
    home = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    assert "文字咨询人工首次响应缩短至 20 秒" in home  # latest published change on the home page


def test_a_malformed_proposal_names_its_file_and_line(repo: Path, tmp_path: Path) -> None:
    (repo / "proposals" / "RP-2026-0009.yaml").write_text("id: RP-2026-0009\ntitle: [坏\n", encoding="utf-8")
    result = run_cli("-C", str(repo), "build", "--out", str(tmp_path / "site"))
    assert result.code == 2
    assert "proposals/RP-2026-0009.yaml:" in result.err and "Traceback" not in result.err


PROPOSAL = """\
id: RP-2026-0003
title: 文字咨询人工首次响应缩短至 20 秒
source: customer-feedback
targets: [STD-RESPONSE]
background: 在线客户反映等待人工时间长。
evidence:
  - 近三个月在线咨询首响超 20 秒的投诉占 18%
author: zhou.min@example.com
created: 2026-03-02T10:00:00+08:00
state: published
reviews:
  - {area: legal, by: li.na@example.com, decision: approve, at: "2026-03-10T09:00:00+08:00", message: 无法律风险}
  - {area: business, by: wang.qiang@example.com, decision: approve, at: "2026-03-11T09:00:00+08:00"}
pilot:
  scope: 在线客服一组
  outcome: pass
  results:
    - {metric: first_reply_seconds, baseline: 28, target: 20, value: 18}
  message: 首响 20 秒在试点组达标率 96%
publication:
  effective: 2026-04-01
  at: "2026-03-20T10:00:00+08:00"
  versions: {STD-RESPONSE: 2}
summary: 文字咨询人工首次响应时限由 30 秒缩短为 20 秒。
"""
