"""Periodic review: due dates from git history, `revise reviews`, and the check's review and drill rules."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from revise.check.engine import check
from revise.workflow import due
from revise.workflow.periodic import schedule

from .conftest import AUTHOR, CHAIR, Repo, git, make_repo

TODAY = date.today()
OWN_INTERVAL = "policies/standards/STD-COURTESY.yaml"


def _problems(root: Path, rules: tuple[str, ...] = ("review-due", "review-overdue", "drill-overdue")) -> list:
    return [p for p in check(root).problems if p.rule in rules]


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


@pytest.fixture
def aged(tmp_path: Path) -> Repo:
    """The corpus as it was added to main 200 days ago; STD-COURTESY reviewed every 7 months (due in ~13 days)."""
    src = tmp_path / "src"
    repo = make_repo(src, days_ago=200)
    text = (repo.root / OWN_INTERVAL).read_text(encoding="utf-8")
    (repo.root / OWN_INTERVAL).write_text(text.replace("\nowner: ", "\nreview_every: 7\nowner: ", 1), encoding="utf-8")
    when = (TODAY - timedelta(days=200)).isoformat() + "T09:00:00+08:00"
    git(repo.root, "commit", "-qam", "STD-COURTESY: its own review interval",
        env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    return repo


# --- calendar arithmetic -----------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)), (date(2026, 11, 25), 12, date(2027, 11, 25)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)), (date(2026, 3, 1), 120, date(2036, 3, 1)),
])
def test_a_month_is_a_calendar_month_ending_on_the_last_day_when_shorter(start, months, expected) -> None:
    assert due.add_months(start, months) == expected


def test_the_status_turns_due_thirty_days_before_and_overdue_the_day_after() -> None:
    deadline = date(2027, 5, 25)
    assert due.status(deadline, deadline - timedelta(days=31)) == "ok"
    assert due.status(deadline, deadline - timedelta(days=30)) == "due"
    assert due.status(deadline, deadline) == "due"
    assert due.status(deadline, deadline + timedelta(days=1)) == "overdue"


def test_a_drill_interval_counts_months_by_the_calendar_and_working_days_as_seven_fifths() -> None:
    start = date(2026, 11, 30)
    assert due.after(start, {"value": 3, "unit": "month"}) == date(2027, 2, 28)
    assert due.after(start, {"value": 2, "unit": "week"}) == date(2026, 12, 14)
    assert due.after(start, {"value": 10, "unit": "working-day"}) == date(2026, 12, 14)
    assert due.after(start, {"value": 36, "unit": "hour"}) == date(2026, 12, 2)
    assert due.after(start, {"value": 0, "unit": "day"}) is None and due.after(start, "6 months") is None


# --- the check ----------------------------------------------------------------------------------------

def test_check_warns_overdue_at_the_id_line_and_due_at_the_review_every_line(aged: Repo) -> None:
    found = {(p.path, p.rule): p for p in _problems(aged.root)}
    overdue = found[("policies/scripts/SCR-CLOSING.yaml", "review-overdue")]   # scripts: every 6 months (revise.yaml)
    assert (overdue.line, overdue.field, overdue.severity.value) == (_line_of(aged.root / overdue.path, "id:"), "id", "warning")
    assert "每 6 个月一次" in overdue.message and "首次进入主分支" in overdue.message
    assert (TODAY - timedelta(days=200)).isoformat() in overdue.message and "revise request --periodic SCR-CLOSING" in overdue.hint
    soon = found[(OWN_INTERVAL, "review-due")]
    assert (soon.line, soon.field) == (_line_of(aged.root / OWN_INTERVAL, "review_every:"), "review_every")
    deadline = due.add_months(TODAY - timedelta(days=200), 7)
    assert f"将于 {deadline.isoformat()} 到期（还有 {(deadline - TODAY).days} 天）" in soon.message
    assert not any(path.startswith("policies/standards/STD-RESPONSE") for path, _ in found)  # every 12 months: not yet
    drill = found[("policies/emergency/EP-SYSTEM-OUTAGE.yaml", "drill-overdue")]  # every 3 months, never drilled
    assert drill.field == "drill.every" and "从未记录演练" in drill.message and "频次：每 3 个月" in drill.message
    assert drill.line == _line_of(aged.root / drill.path, "  every:")
    result = check(aged.root)
    assert result.ok and not result.errors  # warnings only: nothing is refused for an overdue review


def test_the_rules_are_silent_outside_a_git_repository_and_in_a_subfolder_of_one(aged: Repo, tmp_path: Path) -> None:
    assert _problems(aged.root)
    copy = tmp_path / "copy"
    shutil.copytree(aged.root, copy, ignore=shutil.ignore_patterns(".git"))
    assert _problems(copy) == []
    inner = aged.root / "nested"
    shutil.copytree(aged.root / "policies", inner / "policies")
    assert _problems(inner) == []


def test_a_fresh_repository_has_nothing_due(repo: Repo) -> None:
    assert _problems(repo.root) == []


def test_the_english_messages(aged: Repo) -> None:
    run = aged.cli(AUTHOR, "--lang", "en", "check")
    assert run.code == 0, run.err
    assert "[review-overdue] warning: periodic review was due on" in run.out and "every 6 months" in run.out
    assert "drill overdue (due every 3 months): none recorded since the plan reached main on" in run.out


# --- revise reviews -----------------------------------------------------------------------------------

def test_reviews_lists_documents_by_due_date_with_owner_and_last_review(aged: Repo) -> None:
    run = aged.cli(AUTHOR, "reviews", "--format", "json")
    assert run.code == 0, run.err
    listed = json.loads(run.out)
    rows = {r["document"]: r for r in listed["documents"]}
    assert listed["today"] == TODAY.isoformat()
    assert [r["due"] for r in listed["documents"]] == sorted(r["due"] for r in listed["documents"])
    closing = rows["SCR-CLOSING"]
    assert closing["owner"] == {"role": "cs-manager", "people": [{"name": "李婷", "email": AUTHOR}]}
    assert closing["last_review"] == {"date": (TODAY - timedelta(days=200)).isoformat(), "kind": "added", "proposal": None}
    assert (closing["review_every"], closing["status"]) == (6, "overdue")
    assert (rows["STD-COURTESY"]["review_every"], rows["STD-COURTESY"]["status"]) == (7, "due")
    assert rows["STD-RESPONSE"]["status"] == "ok" and "drill" not in rows["STD-RESPONSE"]
    plan = rows["EP-SYSTEM-OUTAGE"]["drill"]
    assert (plan["last"], plan["count"], plan["status"]) == (None, 0, "overdue")
    assert plan["every"] == {"value": 3, "unit": "month"} and plan["since"] == (TODAY - timedelta(days=200)).isoformat()
    text = aged.cli(AUTHOR, "reviews")
    assert text.code == 0
    assert "已超期  SCR-CLOSING「结束语」（服务话术，每 6 个月）" in text.out and "cs-manager：李婷 <li.ting@example.com>" in text.out
    assert "演练：每 3 个月；上次 从未记录" in text.out
    assert text.out.rstrip().endswith(f"共 {len(rows)} 份文档：{sum(r['status'] == 'overdue' for r in rows.values())} 份已超期，1 份即将到期")


def test_each_owner_sees_theirs(aged: Repo) -> None:
    """What the desk shows a signed-in owner: `schedule(root, today, owner=email)`."""
    mine = schedule(aged.root, TODAY, owner=CHAIR)["documents"]
    assert mine and {r["owner"]["role"] for r in mine} == {"cs-director"}
    assert {r["document"] for r in mine} >= {"EP-SYSTEM-OUTAGE", "PROC-REVISION"}
    assert schedule(aged.root, TODAY, owner="nobody@example.com")["documents"] == []
    run = aged.cli(CHAIR, "reviews", "--owner", CHAIR.upper(), "--format", "json")
    assert [r["document"] for r in json.loads(run.out)["documents"]] == [r["document"] for r in mine]


def test_reviews_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    from tests.conftest import run_cli
    (tmp_path / "policies").mkdir()
    run = run_cli("reviews", cwd=tmp_path)
    assert run.code == 2 and "不是 git 仓库" in run.err


def test_revise_yaml_on_main_sets_the_interval_per_kind(aged: Repo) -> None:
    config = aged.root / "revise.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nreview_every: {" in text
    config.write_text(text.replace("script: 6", "script: 9"), encoding="utf-8")
    assert any(p.rule == "review-overdue" and "/scripts/" in p.path for p in _problems(aged.root))  # main says 6
    git(aged.root, "commit", "-qam", "scripts: every 9 months")
    assert not any("/scripts/" in p.path for p in _problems(aged.root))  # 200 days ago + 9 months: not yet due
    rows = {r["document"]: r for r in schedule(aged.root, TODAY)["documents"]}
    assert (rows["SCR-CLOSING"]["review_every"], rows["STD-RESPONSE"]["review_every"], rows["STD-COURTESY"]["review_every"]) == (9, 12, 7)
    config.write_text(text.replace("script: 6", "script: 0"), encoding="utf-8")
    git(aged.root, "commit", "-qam", "a bad interval")
    run = aged.cli(AUTHOR, "reviews")
    assert run.code == 2 and "revise.yaml 中「review_every.script」的值无效：0" in run.err
