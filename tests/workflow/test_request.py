"""`revise request`, `score`, `queue`: ids, branches, commits, hostile titles, priorities."""

from __future__ import annotations

import json

import pytest

from revise import workflow
from revise.errors import GateError, UsageError
from revise.workflow import config, priority

from .conftest import AUTHOR, BUSINESS, CHAIR, LEGAL, OUTSIDER, git

HOSTILE = [
    "--rm -rf / $(touch pwned) `id` ; | & > out.txt",
    "-x 引号 \"双\" '单' \\ 反斜杠",
    "客户反馈：首响太慢 🙂 ＜全角＞ # not a comment: {braces} [x] *star* !tag %pct @at",
    "yes",
    "null",
    "RP-2026-0099",
]


def test_request_creates_file_branch_and_commit(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="文字咨询人工首次响应缩短至 20 秒", source="customer-feedback",
              targets=["STD-RESPONSE"], background="投诉集中在晚高峰", evidence=["37 起投诉", "平均首响 26 秒"])
    assert pid == "RP-2026-0001" or pid.startswith("RP-20")
    data = workflow.read_proposal(repo.root, pid)
    assert data["state"] == "request" and data["author"] == AUTHOR
    assert data["targets"] == ["STD-RESPONSE"] and data["evidence"] == ["37 起投诉", "平均首响 26 秒"]
    assert data["branch"] == f"revise/{pid}"
    log = git(repo.root, "log", "-1", "--format=%ae%n%(trailers:key=Revise-Step,valueonly)", f"revise/{pid}")
    assert log.split() == [AUTHOR, "request"]
    # the branch starts at main and holds only the proposal file
    assert git(repo.root, "diff", "--name-only", "main", f"revise/{pid}").split() == [f"proposals/{pid}.yaml"]
    # main and the working tree are untouched
    assert git(repo.root, "status", "--porcelain") == ""
    assert git(repo.root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"


def test_ids_are_sequential_and_never_from_the_title(repo, act):
    a = act(AUTHOR, workflow.request, repo.root, title="RP-2026-0099", source="internal", targets=["STD-RESPONSE"])
    b = act(OUTSIDER, workflow.request, repo.root, title="second", source="regulation", targets=["STD-COURTESY"])
    year = a.split("-")[1]
    assert a == f"RP-{year}-0001" and b == f"RP-{year}-0002"
    assert [p["id"] for p in workflow.list_proposals(repo.root)] == [a, b]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_survive_git_yaml_and_the_shell(repo, title):
    run = repo.cli(AUTHOR, "request", f"--title={title}", "--source", "internal", "--target", "STD-RESPONSE",
                   f"--evidence={title}", f"--background={title}")
    assert run.code == 0, run.err
    pid = run.out.strip().splitlines()[-1]
    assert pid.startswith("RP-")
    data = workflow.read_proposal(repo.root, pid)
    assert data["title"] == title.strip() and data["evidence"] == [title.strip()] and data["background"] == title.strip()
    assert not (repo.root / "out.txt").exists() and not (repo.root / "pwned").exists()
    status = repo.cli(AUTHOR, "status", pid, "--format", "json")
    assert json.loads(status.out)["title"] == title.strip()


def test_hostile_title_through_a_real_process_and_git_log(repo):
    title = HOSTILE[0] + " " + HOSTILE[1]
    run = repo.proc(AUTHOR, "request", f"--title={title}", "--source", "internal", "--target", "STD-RESPONSE")
    assert run.code == 0, run.err
    pid = run.out.strip().splitlines()[-1]
    assert git(repo.root, "log", "-1", "--format=%s", f"revise/{pid}").strip() == f"revise request {pid}: {title}"
    assert workflow.read_proposal(repo.root, pid)["title"] == title
    assert sorted(p.name for p in repo.root.iterdir()) == [".git", "policies", "revise.yaml"]


def test_title_with_a_line_break_or_control_character_is_bad_usage(repo):
    for title in ("line\nbreak", "bell\x07", "   "):
        run = repo.cli(AUTHOR, "request", f"--title={title}", "--source", "internal", "--target", "STD-RESPONSE")
        assert run.code == 2 and "Traceback" not in run.err
    assert git(repo.root, "branch", "--list", "revise/*") == ""


def test_bad_request_usage_exits_2_and_creates_nothing(repo):
    before = repo.snapshot()
    unknown = repo.cli(AUTHOR, "request", "--title", "x", "--source", "internal", "--target", "STD-NOPE")
    assert unknown.code == 2 and "STD-NOPE" in unknown.err
    bad_source = repo.cli(AUTHOR, "request", "--title", "x", "--source", "rumour", "--target", "STD-RESPONSE")
    assert bad_source.code == 2 and "rumour" in bad_source.err and "customer-feedback" in bad_source.err, bad_source.err
    assert repo.snapshot() == before


def test_unknown_or_malformed_id_is_bad_usage(repo):
    unknown = repo.cli(CHAIR, "status", "RP-2026-0042")
    assert unknown.code == 2 and "RP-2026-0042" in unknown.err, unknown.err
    run = repo.cli(CHAIR, "score", "../../etc/passwd", "--impact", "1", "--cost", "1", "--urgency", "1")
    assert run.code == 2 and "Traceback" not in run.err and "RP-" in run.err, run.err   # says what an id looks like
    with pytest.raises(UsageError, match="RP-2026-0042"):
        workflow.read_proposal(repo.root, "RP-2026-0042")


def test_score_by_panel_member_replaces_own_score(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, pid, impact=2, cost=2, urgency=2)
    act(CHAIR, workflow.score, repo.root, pid, impact=5, cost=1, urgency=5, note="重新评估")
    act(LEGAL, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    data = workflow.read_proposal(repo.root, pid)
    assert data["state"] == "scored"
    assert [(s["by"], s["impact"]) for s in data["scores"]] == [(CHAIR, 5), (LEGAL, 3)]
    cfg = config.load(repo.root)
    # (0.4*5 + 0.4*5 + 0.2*(6-1)) = 5.0 ; (0.4*3 + 0.4*3 + 0.2*3) = 3.0 ; mean 4.0
    assert priority.of(data, cfg) == 4.0


def test_score_out_of_range_is_bad_usage(repo):
    pid = repo.cli(AUTHOR, "request", "--title", "t", "--source", "internal", "--target", "STD-RESPONSE").out.split()[-1]
    run = repo.cli(CHAIR, "score", pid, "--impact", "6", "--cost", "1", "--urgency", "1")
    assert run.code == 2 and "impact" in run.err


def test_outsider_can_request_but_not_score(repo, act):
    run = repo.cli(OUTSIDER, "request", "--title", "来自外部的建议", "--source", "benchmark", "--target", "STD-RESPONSE")
    assert run.code == 0
    pid = run.out.split()[-1]
    before = repo.snapshot()
    refused = repo.cli(OUTSIDER, "score", pid, "--impact", "5", "--cost", "1", "--urgency", "5")
    assert refused.code == 1 and OUTSIDER in refused.err
    assert repo.snapshot() == before


def test_queue_ranks_open_proposals_by_priority_then_age(repo, act):
    low = act(AUTHOR, workflow.request, repo.root, title="低", source="internal", targets=["STD-RESPONSE"])
    tie_old = act(AUTHOR, workflow.request, repo.root, title="并列-早", source="internal", targets=["STD-RESPONSE"])
    tie_new = act(AUTHOR, workflow.request, repo.root, title="并列-晚", source="internal", targets=["STD-RESPONSE"])
    high = act(AUTHOR, workflow.request, repo.root, title="高", source="internal", targets=["STD-RESPONSE"])
    unscored = act(AUTHOR, workflow.request, repo.root, title="未评分", source="internal", targets=["STD-RESPONSE"])
    closed = act(AUTHOR, workflow.request, repo.root, title="撤回", source="internal", targets=["STD-RESPONSE"])
    act(AUTHOR, workflow.withdraw, repo.root, closed)
    act(CHAIR, workflow.score, repo.root, low, impact=1, cost=5, urgency=1)
    for pid in (tie_new, tie_old):  # scored in reverse order: age, not scoring order, breaks the tie
        act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    act(CHAIR, workflow.score, repo.root, high, impact=5, cost=1, urgency=5)
    act(BUSINESS, workflow.score, repo.root, high, impact=4, cost=2, urgency=4)
    run = repo.cli(CHAIR, "queue", "--format", "json")
    rows = json.loads(run.out)["proposals"]
    assert [r["id"] for r in rows] == [high, tie_old, tie_new, low, unscored]
    assert rows[0]["priority"] == 4.5 and rows[-1]["priority"] is None
    text = repo.cli(CHAIR, "queue").out
    assert text.index(high) < text.index(low) and closed not in text


def test_weights_come_from_revise_yaml_on_main(repo, act):
    urgent = act(AUTHOR, workflow.request, repo.root, title="急", source="internal", targets=["STD-RESPONSE"])
    wide = act(AUTHOR, workflow.request, repo.root, title="广", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, urgent, impact=2, cost=2, urgency=5)
    act(CHAIR, workflow.score, repo.root, wide, impact=5, cost=4, urgency=2)
    first = json.loads(repo.cli(CHAIR, "queue", "--format", "json").out)["proposals"][0]["id"]
    text = (repo.root / "revise.yaml").read_text(encoding="utf-8")
    text = text.replace("impact: 0.4", "impact: 0.8").replace("urgency: 0.4", "urgency: 0.1")
    (repo.root / "revise.yaml").write_text(text, encoding="utf-8")
    git(repo.root, "commit", "-qam", "weigh impact")
    second = json.loads(repo.cli(CHAIR, "queue", "--format", "json").out)["proposals"][0]["id"]
    assert (first, second) == (urgent, wide)


def test_unreadable_proposal_file_is_reported_not_fatal(repo, act):
    good = act(AUTHOR, workflow.request, repo.root, title="好", source="internal", targets=["STD-RESPONSE"])
    bad = act(AUTHOR, workflow.request, repo.root, title="坏", source="internal", targets=["STD-RESPONSE"])
    git(repo.root, "checkout", "-q", f"revise/{bad}")
    (repo.root / f"proposals/{bad}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    git(repo.root, "commit", "-qam", "break it")
    git(repo.root, "checkout", "-q", "main")
    run = repo.cli(CHAIR, "queue")
    assert run.code == 0 and good in run.out and bad in run.err and f"proposals/{bad}.yaml:2:1:" in run.err
    status = repo.cli(CHAIR, "status", bad)
    assert status.code == 2 and f"proposals/{bad}.yaml:2:1:" in status.err and "Traceback" not in status.err


def test_gate_error_is_exit_1(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    with pytest.raises(GateError, match="处于「已提出」状态，不能执行「revise review」"):
        act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    before = repo.snapshot()
    run = repo.cli(LEGAL, "review", pid, "--as", "legal", "--approve")
    assert run.code == 1 and f"提案 {pid} 处于「已提出」状态，不能执行「revise review」" in run.err, run.err
    assert repo.snapshot() == before


def test_ties_are_broken_by_age_across_time_zones():
    cfg = config.Config()
    same = [{"impact": 3, "cost": 3, "urgency": 3, "by": "x", "at": ""}]
    newer = {"id": "RP-2026-0001", "created": "2026-03-02T10:00:00+08:00", "scores": same}   # 02:00 UTC
    older = {"id": "RP-2026-0002", "created": "2026-03-02T01:00:00+00:00", "scores": same}   # 01:00 UTC
    unscored = {"id": "RP-2026-0003", "created": "2020-01-01T00:00:00+00:00"}
    assert [p["id"] for p in priority.ranked([unscored, newer, older], cfg)] == ["RP-2026-0002", "RP-2026-0001", "RP-2026-0003"]


def test_outside_a_git_repository_is_bad_usage(tmp_path):
    from tests.conftest import run_cli
    folder = tmp_path / "plain"
    (folder / "policies").mkdir(parents=True)
    run = run_cli("-C", str(folder), "queue")
    assert run.code == 2 and "git" in run.err and "Traceback" not in run.err
