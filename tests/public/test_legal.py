"""The legal review sees each public promise before and after: in `revise diff` and the PR report."""

from __future__ import annotations

import json

from .conftest import LEGAL


def test_diff_shows_the_public_wording_before_and_after(published) -> None:
    repo, pid = published
    text = repo.cli(LEGAL, "diff", pid)
    assert text.code == 0, text.err
    section = text.out.split("对客承诺的变化（法务评审须确认对客措辞）", 1)[1]
    assert "响应速度「在线客服 20 秒内人工回复」STD-RESPONSE#text-first-reply（承诺变更，对客户更有利）" in section
    assert "承诺时限：[-30 秒-] → {+20 秒+}" in section
    assert "对客措辞：在线咨询转到人工客服后，客服人员会在 [-30-]{+20+} 秒内主动问候您" in section
    md = repo.cli(LEGAL, "diff", pid, "--format", "md")
    assert "### 对客承诺的变化（法务评审须确认对客措辞）" in md.out and "<del>30 秒</del> → <ins>20 秒</ins>" in md.out
    public = json.loads(repo.cli(LEGAL, "diff", pid, "--format", "json").out)["public"]
    [change] = public["changes"]
    assert (change["change"], change["effect"], change["before"]["figure"], change["after"]["figure"]) == ("changed", "better", "30 秒", "20 秒")
    assert public["internal"] == []


def test_the_report_puts_the_promises_and_the_draft_notice_before_the_legal_gate(published) -> None:
    repo, pid = published
    report = repo.cli(LEGAL, "report", pid).out
    promises, notice, gates = (report.index(h) for h in ("### 对客承诺的变化", "### 客户告知（草稿，法务评审时一并确认）", "### 关卡检查"))
    assert promises < notice < gates
    assert "> 【悦选商城】自2026年4月1日起，「在线客服 20 秒内人工回复」30 秒→20 秒，对您更有利。详见官网服务承诺。" in report


def test_an_internal_change_under_a_public_promise_is_flagged_for_legal(in_review) -> None:
    repo, pid = in_review
    out = repo.cli(LEGAL, "diff", pid).out
    assert "内部要求有改动、对客措辞未变的公开条款（请确认承诺仍然成立）" in out
    assert "对客承诺的变化" not in out
