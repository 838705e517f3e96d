"""`revise evaluate`: the revision 30 → 20 s, published for 2026-04-01, on the shipped export — its
before/after figures checked against plain Python over the CSV; recorded by QA as a step commit."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta

import yaml

from revise.compliance import effect
from revise.workflow import publish

from tests.workflow.conftest import to_approved

from .conftest import AUTHOR, CHAIR, EFFECTIVE, EXPORT, QA, git

FMT = "%Y-%m-%d %H:%M:%S"


def independent(weeks: int) -> dict[str, tuple[int, int, float]]:
    """(tickets, within 20 s, mean seconds) of online first replies per window, read with the csv module."""
    day = datetime.fromisoformat(EFFECTIVE)
    windows = {"before": (day - timedelta(weeks=weeks), day), "after": (day, day + timedelta(weeks=weeks))}
    seconds: dict[str, list[float]] = {"before": [], "after": []}
    with EXPORT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["channel"] != "online" or not row["first_reply_at"]:
                continue
            received = datetime.strptime(row["received_at"], FMT)
            for side, (start, end) in windows.items():
                if start <= received < end:
                    seconds[side].append((datetime.strptime(row["first_reply_at"], FMT) - received).total_seconds())
    return {side: (len(v), sum(1 for s in v if s <= 20), sum(v) / len(v)) for side, v in seconds.items()}


def test_the_shipped_export_gives_the_known_before_and_after(published) -> None:
    repo, pid = published
    run = repo.cli(QA, "evaluate", pid, str(EXPORT), "--format", "json")
    assert run.code == 0, run.err                                   # achieved
    data = json.loads(run.out)
    assert (data["effective"], data["before"], data["after"]) == (
        EFFECTIVE, {"start": "2026-03-04", "end": "2026-04-01"}, {"start": "2026-04-01", "end": "2026-04-29"})
    [target] = data["targets"]
    assert (target["ref"], target["metric"], target["channel"], target["value"], target["old_value"]) == (
        "STD-RESPONSE#text-first-reply", "first_reply_seconds", "online", 20, 30)
    expected = independent(4)
    for side in ("before", "after"):
        n, met, mean = expected[side]
        got = target[side]
        assert (got["n"], got["met"]) == (n, met), side
        assert abs(got["actual"] - mean) < 1e-3 and abs(got["rate"] - met / n) < 1e-4, side
    assert expected["before"][1] / expected["before"][0] < 0.9 < expected["after"][1] / expected["after"][0]
    assert target["pilot"] == {"baseline": 16, "target": 15, "value": 12}
    assert (target["kept"], target["verdict"], data["achieved"]) == (True, "achieved", True)


def test_the_text_report_says_what_changed_and_why_it_is_achieved(published) -> None:
    repo, pid = published
    run = repo.cli(QA, "evaluate", pid, str(EXPORT), "--weeks", "12")
    assert run.code == 0, run.err
    n, met, _mean = independent(12)["after"]
    assert "比较生效前后各 12 周的工单：2026-01-07 至 2026-03-31，2026-04-01 至 2026-06-23" in run.out
    assert "✓ STD-RESPONSE#text-first-reply 人工首次响应时长 ≤ 20 秒（在线文字）（原为 30 秒）" in run.out
    assert f"生效后：工单 {n:,} · 达标 {met:,}" in run.out
    assert "试点：基线 16 · 目标 15 · 结果 12" in run.out and "达到试点目标 15" in run.out
    assert run.out.rstrip().endswith("结论：修订达到了预期效果（达到预期：1/1 个改动的目标达到预期）")


def test_an_export_short_of_a_window_says_which_and_by_how_much(published) -> None:
    repo, pid = published
    before = repo.snapshot()
    run = repo.cli(QA, "evaluate", pid, str(EXPORT), "--weeks", "14", "--record")
    assert run.code == 2
    first = date(2026, 1, 1)
    start = date.fromisoformat(EFFECTIVE) - timedelta(weeks=14)
    last_needed = date.fromisoformat(EFFECTIVE) + timedelta(weeks=14) - timedelta(days=1)
    assert f"生效前的窗口（{start} 至 2026-03-31）还差 {(first - start).days} 天" in run.err
    assert f"生效后的窗口（2026-04-01 至 {last_needed}）还差 {(last_needed - date(2026, 6, 30)).days} 天" in run.err
    assert "--weeks" in run.err
    assert repo.snapshot() == before


def test_recorded_by_qa_as_a_step_commit_on_main(published) -> None:
    repo, pid = published
    run = repo.cli(QA, "evaluate", pid, str(EXPORT), "--record", "--remote", "origin")
    assert run.code == 0, run.err
    assert f"已记入 {pid} 的修订档案（第 1 条效果评估）" in run.out
    assert git(repo.root, "log", "-1", "--format=%ae %(trailers:key=Revise-Step,valueonly)").split() == [QA, "evaluate"]
    assert git(repo.remote, "rev-parse", "main") == git(repo.root, "rev-parse", "main")
    record = yaml.safe_load((repo.root / f"proposals/{pid}.yaml").read_text(encoding="utf-8"))
    [entry] = record["evaluations"]
    assert entry["by"] == QA and entry["achieved"] is True and entry["export"] == EXPORT.name
    assert entry["targets"][0]["after"]["n"] == independent(4)["after"][0]
    status = json.loads(repo.cli(CHAIR, "status", pid, "--format", "json").out)
    assert status["tampered"] is None and status["timeline"][-1]["step"] == "evaluate"


def test_only_qa_records_an_evaluation(published) -> None:
    repo, pid = published
    before = repo.snapshot()
    run = repo.cli(CHAIR, "evaluate", pid, str(EXPORT), "--record")
    assert run.code == 1
    assert "wang.siyuan@example.com 不是质量管理人员" in run.err and "luo.jiaqi@example.com" in run.err
    assert repo.snapshot() == before


def test_someone_outside_the_org_chart_records_nothing(published) -> None:
    repo, pid = published
    before = repo.snapshot()
    run = repo.cli("visitor@elsewhere.org", "evaluate", pid, str(EXPORT), "--record")
    assert run.code == 1 and "visitor@elsewhere.org" in run.err and "记录效果评估" in run.err
    assert repo.snapshot() == before


def test_a_proposal_not_yet_published_cannot_be_evaluated(in_review) -> None:
    repo, pid = in_review
    before = repo.snapshot()
    run = repo.cli(QA, "evaluate", pid, str(EXPORT), "--record")
    assert run.code == 2
    assert f"{pid} 尚未发布（状态：review）" in run.err
    assert repo.snapshot() == before


def test_a_revision_without_measurable_changes_is_not_evaluated_on_tickets(repo, act) -> None:
    pid = to_approved(repo, act, title="礼貌用语补充", technical=False)
    git(repo.root, "checkout", "-q", "main")
    act(CHAIR, publish.publish, repo.root, pid, effective=(date.today() + timedelta(days=3)).isoformat())
    run = repo.cli(QA, "evaluate", pid, str(EXPORT))
    assert run.code == 2 and f"{pid} 没有新增或修改任何可度量目标" in run.err


def test_due_lists_measurable_revisions_without_an_evaluation_60_days_on(published) -> None:
    repo, pid = published
    day_60 = date.fromisoformat(EFFECTIVE) + timedelta(days=60)
    assert effect.due(repo.root, day_60 - timedelta(days=1)) == []
    [due] = effect.due(repo.root, day_60)
    assert (due.pid, due.effective.isoformat(), due.days, due.targets) == (pid, EFFECTIVE, 60, ("STD-RESPONSE#text-first-reply",))
    assert repo.cli(QA, "evaluate", pid, str(EXPORT), "--record").code == 0
    assert effect.due(repo.root, day_60) == []


def test_a_missed_revision_exits_1_and_says_why(published) -> None:
    """Measured against the weeks before the change only, the revision shows no effect: not achieved."""
    repo, pid = published
    early = repo.root / "early.csv"
    with EXPORT.open(encoding="utf-8", newline="") as src, early.open("w", encoding="utf-8", newline="") as out:
        rows = list(csv.reader(src))
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(rows[0])
        for row in rows[1:]:  # the same tickets, the weeks after the effective date made as slow as those before
            received = datetime.strptime(row[3], FMT)
            if received >= datetime(2026, 4, 1) and row[2] == "online" and row[4]:
                row[4] = (datetime.strptime(row[4], FMT) + (datetime.strptime(row[4], FMT) - received)).strftime(FMT)
            writer.writerow(row)
    run = repo.cli(AUTHOR, "evaluate", pid, str(early))
    assert run.code == 1
    assert "✗ STD-RESPONSE#text-first-reply" in run.out and "未达到预期" in run.out
    assert run.out.rstrip().endswith("结论：修订没有完全达到预期效果（未达到预期：0/1 个改动的目标达到预期）")
