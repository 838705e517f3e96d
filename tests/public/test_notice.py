"""`revise notice`: what customers are told when a revision changes a public promise."""

from __future__ import annotations

import json

import pytest
import yaml

from revise.errors import UsageError
from revise.public.changes import PublicChange, PublicDiff
from revise.public.config import PublicConfig
from revise.public.notice import SMS_LIMIT, compose
from revise.public.promises import Promise
from revise.schema.schemaset import SchemaSet

from .conftest import CHAIR, EFFECTIVE, LEGAL, QA, git


def test_the_notice_of_the_first_reply_revision_in_three_lengths(published) -> None:
    repo, pid = published
    run = repo.cli(LEGAL, "notice", pid, "--format", "json")
    assert run.code == 0, run.err
    notice = json.loads(run.out)
    assert notice["effective"] == EFFECTIVE
    assert notice["changes"] == [{
        "ref": "STD-RESPONSE#text-first-reply", "title": "在线客服 20 秒内人工回复",
        "before": "在线咨询转到人工客服后，客服人员会在 30 秒内主动问候您，并告诉您本人的工号。（30 秒）",
        "after": "在线咨询转到人工客服后，客服人员会在 20 秒内主动问候您，并告诉您本人的工号。（20 秒）", "effect": "better"}]
    web, app, sms = notice["web"], notice["app"], notice["sms"]
    assert web.startswith("悦选商城客户服务中心服务承诺调整说明") and "自2026年4月1日起" in web
    assert "原承诺：在线咨询转到人工客服后，客服人员会在 30 秒内" in web and "新承诺：在线咨询转到人工客服后，客服人员会在 20 秒内" in web
    assert "对您更有利" in web
    assert app == "悦选商城服务承诺更新：自2026年4月1日起，「在线客服 20 秒内人工回复」30 秒→20 秒，对您更有利。"
    assert sms == "【悦选商城】自2026年4月1日起，「在线客服 20 秒内人工回复」30 秒→20 秒，对您更有利。详见官网服务承诺。"
    assert len(sms) <= SMS_LIMIT


def test_the_notice_speaks_english_when_asked(published) -> None:
    repo, pid = published
    run = repo.cli(LEGAL, "--lang", "en", "notice", pid)
    assert run.code == 0, run.err
    assert f"Customer notice of {pid} (effective: {EFFECTIVE})" in run.out and "better for customers" in run.out
    assert "From 4/1/2026, we change the following 1 service promise:" in run.out


def test_recorded_with_the_archive_record_as_a_step_commit(published) -> None:
    repo, pid = published
    run = repo.cli(LEGAL, "notice", pid, "--record", "--remote", "origin")
    assert run.code == 0, run.err
    assert "== 短信文本（" in run.out and f"已记入 {pid} 的修订档案（第 1 条客户告知）" in run.out
    assert git(repo.root, "log", "-1", "--format=%ae %(trailers:key=Revise-Step,valueonly)").split() == [LEGAL, "notice"]
    assert git(repo.remote, "rev-parse", "main") == git(repo.root, "rev-parse", "main")
    [entry] = yaml.safe_load((repo.root / f"proposals/{pid}.yaml").read_text(encoding="utf-8"))["notices"]
    assert entry["by"] == LEGAL and entry["effective"] == EFFECTIVE and entry["changes"][0]["effect"] == "better"
    status = json.loads(repo.cli(CHAIR, "status", pid, "--format", "json").out)
    assert status["tampered"] is None and status["timeline"][-1]["step"] == "notice"


def test_a_revision_that_changes_no_public_promise_needs_no_notice(in_review) -> None:
    """The draft makes the internal online target 20 s; customers are still promised 30 s."""
    repo, pid = in_review
    before = repo.snapshot()
    run = repo.cli(QA, "notice", pid)
    assert run.code == 2
    assert f"{pid} 没有改动任何对客承诺，不需要告知客户" in run.err
    assert "公开条款 STD-RESPONSE#text-first-reply 只改了内部要求" in run.err
    assert repo.snapshot() == before


def test_a_notice_is_recorded_only_once_published(in_review) -> None:
    repo, pid = in_review
    repo.edit("policies/standards/STD-RESPONSE.yaml", "客服人员会在 30 秒内主动问候您", "客服人员会在 30 秒内问候您")
    git(repo.root, "commit", "-qam", "wording")
    before = repo.snapshot()
    preview = repo.cli(QA, "notice", pid)
    assert preview.code == 0 and "自生效之日起" in preview.out and "表述调整" in preview.out
    run = repo.cli(QA, "notice", pid, "--record")
    assert run.code == 2 and f"{pid} 尚未发布" in run.err
    assert repo.snapshot() == before


def _promise(n: int, value: float) -> Promise:
    return Promise("STD-X", f"c{n}", n, "response", f"第 {n} 项承诺的一个相当长的标题", "我们会尽快回复您。", value, None, "second")


def test_a_long_notice_still_fits_an_sms() -> None:
    changes = [PublicChange(_promise(n, 30), _promise(n, 20 if n % 2 else 40)) for n in range(6)]
    notice = compose("RP-2026-0009", "2026-07-01", PublicDiff(changes), SchemaSet(), PublicConfig("某某商城客户服务中心", "某某商城"))
    assert len(notice.sms) <= SMS_LIMIT and notice.sms == "【某某商城】自2026年7月1日起，6 项服务承诺调整，其中 3 项对您更有利。详见官网服务承诺。"
    assert all(f"第 {n} 项承诺" in notice.web for n in range(6))
    with pytest.raises(UsageError):
        compose("RP-2026-0009", None, PublicDiff(), SchemaSet(), PublicConfig())
