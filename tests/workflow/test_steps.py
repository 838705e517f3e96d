"""Transitions, reviews on the exact draft, staleness, the pilot and closing a proposal."""

from __future__ import annotations

import json

import pytest

from revise import workflow
from revise.errors import GateError
from revise.workflow import pilot

from .conftest import AGENT, AUTHOR, BUSINESS, CHAIR, FIRST_REPLY, IT, LEGAL, LEGAL2, OUTSIDER, git, to_approved, to_review


def status(repo, pid):
    run = repo.cli(CHAIR, "status", pid, "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def gate(st, area):
    return next(g for g in st["gates"] if g["area"] == area)


def test_only_listed_transitions_and_a_refusal_changes_nothing(repo, act):
    pid = repo.cli(AUTHOR, "request", "--title", "t", "--source", "internal", "--target", "STD-RESPONSE").out.split()[-1]
    cases = [
        (LEGAL, ["review", pid, "--as", "legal", "--approve"]),          # request → review: not allowed
        (AUTHOR, ["draft", pid]),                                         # must be scored first
        (AUTHOR, ["submit", pid]),
        (CHAIR, ["pilot", pid, "--waive", "--reason", "x"]),
        (CHAIR, ["publish", pid, "--effective", "2099-01-01"]),
    ]
    for who, args in cases:
        before = repo.snapshot()
        run = repo.cli(who, *args)
        assert run.code == 1, (args, run.err)
        assert "Traceback" not in run.err
        assert repo.snapshot() == before
    act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    with pytest.raises(GateError, match="评审中|review"):
        act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    with pytest.raises(GateError, match="处于「起草中」状态，不能执行「revise score」"):
        act(CHAIR, workflow.score, repo.root, pid, impact=1, cost=1, urgency=1)  # scoring is over once drafting began


def test_draft_checks_out_the_branch_and_refuses_a_dirty_tree(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    repo.edit(FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 25 秒内")  # an edit on main, not committed
    before = repo.snapshot()
    run = repo.cli(AUTHOR, "draft", pid)
    assert run.code == 1 and "STD-RESPONSE" in run.err
    assert repo.snapshot() == before
    git(repo.root, "checkout", "--", ".")
    assert repo.cli(AUTHOR, "draft", pid).code == 0
    assert git(repo.root, "symbolic-ref", "HEAD").strip() == f"refs/heads/revise/{pid}"
    assert workflow.read_proposal(repo.root, pid)["state"] == "draft"
    assert (repo.root / f"proposals/{pid}.yaml").is_file()


def test_submit_runs_the_check_and_refuses_an_invalid_draft(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    nothing = repo.cli(AUTHOR, "submit", pid)
    assert nothing.code == 1 and "policies/" in nothing.err
    repo.edit(FIRST_REPLY, "op: <=\n        value: 30", "op: =<\n        value: 30")
    tip = repo.ref(f"revise/{pid}")
    run = repo.cli(AUTHOR, "submit", pid)
    assert run.code == 1
    assert "policies/standards/STD-RESPONSE.yaml:" in run.err and "op" in run.err
    assert repo.ref(f"revise/{pid}") == tip
    assert "STD-RESPONSE" in git(repo.root, "status", "--porcelain")  # the author's edit is kept


def test_submit_records_digest_changed_documents_and_it_need(in_review, act):
    repo, pid = in_review
    data = workflow.read_proposal(repo.root, pid)
    assert data["state"] == "review"
    assert data["draft"]["changed"] == ["STD-RESPONSE"] and data["draft"]["technical"] is True
    assert data["draft"]["digest"].startswith("sha256:")
    assert git(repo.root, "status", "--porcelain") == ""
    msg = git(repo.root, "log", "-1", "--format=%B", f"revise/{pid}")
    assert "Revise-Step: submit" in msg and data["draft"]["digest"] in msg


def test_it_review_only_when_a_measurable_or_technical_clause_changes(repo, act):
    pid = to_review(repo, act, technical=False)
    st = status(repo, pid)
    assert gate(st, "it")["required"] is False
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    assert workflow.read_proposal(repo.root, pid)["state"] == "pilot"


def test_technical_change_needs_it_before_the_pilot(in_review, act):
    repo, pid = in_review
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    st = status(repo, pid)
    assert st["state"] == "review"
    assert gate(st, "it") == {**gate(st, "it"), "required": True, "status": "pending",
                              "eligible": ["du.peng@example.com", IT]}
    assert "IT" in st["next"]
    act(IT, workflow.review, repo.root, pid, area="it", decision="approve")
    assert status(repo, pid)["state"] == "pilot"


def test_reviewer_must_hold_the_area_role_and_not_be_the_author(in_review, act):
    repo, pid = in_review
    for who, area in ((BUSINESS, "legal"), (AGENT, "business"), (OUTSIDER, "legal"), (AUTHOR, "business"), (LEGAL, "it")):
        before = repo.snapshot()
        run = repo.cli(who, "review", pid, "--as", area, "--approve")
        assert run.code == 1, (who, area, run.err)
        assert repo.snapshot() == before
    assert repo.cli(LEGAL2, "review", pid, "--as", "legal", "--approve", "-m", "同意").code == 0


def test_org_chart_on_the_branch_does_not_grant_review_rights(in_review, act):
    repo, pid = in_review
    org = repo.root / "policies/org/ORG-CENTRE.yaml"
    text = org.read_text(encoding="utf-8").replace("roles: [cs-agent]\n    signing_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDvolrId7WK4ThKr4eSYaWxBJcDJypMcdATspZvD4T/g",
                                                   "roles: [cs-agent, legal-counsel]\n    signing_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDvolrId7WK4ThKr4eSYaWxBJcDJypMcdATspZvD4T/g", 1)
    org.write_text(text, encoding="utf-8")
    act(AUTHOR, workflow.submit, repo.root, pid)
    with pytest.raises(GateError, match="lin.xiao@example.com 不担任「法务合规」评审所需的岗位"):
        act(AGENT, workflow.review, repo.root, pid, area="legal", decision="approve")


def test_a_later_change_makes_approvals_stale(in_review, act):
    repo, pid = in_review
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, pid, area=area, decision="approve")
    # a commit on the branch that was not submitted: the draft no longer matches the approvals
    repo.edit(FIRST_REPLY, "value: 20\n        unit: second\n  - id: voice-answer", "value: 15\n        unit: second\n  - id: voice-answer")
    git(repo.root, "commit", "-qam", "tweak", env={"GIT_AUTHOR_EMAIL": AUTHOR})
    st = status(repo, pid)
    assert st["draft"]["stale"] is True
    assert {gate(st, a)["status"] for a in ("legal", "business", "it")} == {"stale"}
    with pytest.raises(GateError, match="处于「试点中」状态，不能执行「revise review」"):  # reviews are over once approved
        act(LEGAL2, workflow.review, repo.root, pid, area="legal", decision="approve")
    with pytest.raises(GateError, match="的评审未全部通过当前草案"):  # and the pilot cannot conclude on stale approvals
        act(CHAIR, pilot.waive, repo.root, pid, reason="x")
    act(AUTHOR, workflow.submit, repo.root, pid)  # re-submitting: back to review, approvals stale
    st = status(repo, pid)
    assert st["state"] == "review" and st["draft"]["stale"] is False
    assert gate(st, "legal")["status"] == "stale"


def test_request_changes_and_reject_decisions_show_in_status(in_review, act):
    repo, pid = in_review
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="request-changes", message="请补充隐私条款依据")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="reject")
    st = status(repo, pid)
    assert gate(st, "legal")["status"] == "changes-requested" and gate(st, "legal")["message"] == "请补充隐私条款依据"
    assert gate(st, "business")["status"] == "rejected"
    assert st["state"] == "review"


def test_pilot_records_scope_metrics_and_outcome(in_review, act):
    repo, pid = in_review
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, pid, area=area, decision="approve")
    run = repo.cli(AGENT, "pilot", pid, "--start", "--scope", "华东区在线客服一组", "--region", "华东", "--group", "VIP",
                   "--channel", "online", "--until", "2099-06-30")
    assert run.code == 0, run.err
    bad_metric = repo.cli(AGENT, "pilot", pid, "--result", "happiness=3")
    assert bad_metric.code == 2 and "happiness" in bad_metric.err
    nonsense = repo.cli(AGENT, "pilot", pid, "--result", "nonsense")
    assert nonsense.code == 2 and "「nonsense」应写成 度量=数值" in nonsense.err, nonsense.err
    assert repo.cli(AGENT, "pilot", pid, "--result", "first_reply_seconds=18", "--baseline", "first_reply_seconds=26",
                    "--target", "first_reply_seconds=20").code == 0
    agent = repo.cli(AGENT, "pilot", pid, "--pass")                   # not on the committee
    assert agent.code == 1 and "只有服务标准管理会成员可以判定试点结论" in agent.err, agent.err
    author = repo.cli(AUTHOR, "pilot", pid, "--pass")                 # the author does not judge their own pilot
    assert author.code == 1 and "是本提案的发起人" in author.err, author.err
    outsider = repo.cli(OUTSIDER, "pilot", pid, "--result", "first_reply_seconds=1")
    assert outsider.code == 1 and f"{OUTSIDER} 不在组织架构中" in outsider.err, outsider.err
    assert repo.cli(CHAIR, "pilot", pid, "--pass", "-m", "达标").code == 0
    data = workflow.read_proposal(repo.root, pid)
    p = data["pilot"]
    assert (p["scope"], p["region"], p["customer_group"], p["channel"], p["until"]) == ("华东区在线客服一组", "华东", "VIP", "online", "2099-06-30")
    assert p["results"][0] | {"at": None} == {"metric": "first_reply_seconds", "baseline": 26, "target": 20, "value": 18, "at": None}
    assert (p["outcome"], p["by"], data["state"]) == ("pass", CHAIR, "approved")
    assert status(repo, pid)["next"].startswith("可以发布")


def test_failed_pilot_blocks_publish(in_review, act):
    repo, pid = in_review
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, pid, area=area, decision="approve")
    act(CHAIR, pilot.start, repo.root, pid, scope="x", until="2099-01-01")
    act(CHAIR, pilot.record, repo.root, pid, results={"first_reply_seconds": 31})
    act(BUSINESS, pilot.decide, repo.root, pid, passed=False, message="未达标")
    git(repo.root, "checkout", "-q", "main")
    run = repo.cli(CHAIR, "publish", pid, "--effective", "2099-01-01")
    assert run.code == 1 and "试点未通过" in run.err
    assert gate(status(repo, pid), "pilot")["status"] == "fail"


def test_only_the_chair_waives_a_pilot_with_a_reason(in_review, act):
    repo, pid = in_review
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, pid, area=area, decision="approve")
    legal = repo.cli(LEGAL, "pilot", pid, "--waive", "--reason", "小改动")
    assert legal.code == 1 and "只有管理会负责人可以执行此操作（免于试点）" in legal.err, legal.err
    bare = repo.cli(CHAIR, "pilot", pid, "--waive")
    assert bare.code == 2 and "--reason" in bare.err, bare.err
    assert repo.cli(CHAIR, "pilot", pid, "--waive", "--reason", "仅为措辞调整，无需试点").code == 0
    st = status(repo, pid)
    assert st["state"] == "approved" and gate(st, "pilot")["status"] == "waived" and gate(st, "pilot")["by"] == CHAIR


def test_reject_is_for_the_chair_and_withdraw_for_the_author(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    legal = repo.cli(LEGAL, "reject", pid, "-m", "no")
    assert legal.code == 1 and "只有管理会负责人可以执行此操作（否决提案）" in legal.err, legal.err
    chair = repo.cli(CHAIR, "withdraw", pid)
    assert chair.code == 1 and f"只有发起人 {AUTHOR} 可以撤回" in chair.err, chair.err
    assert repo.cli(CHAIR, "reject", pid, "-m", "与现行法规冲突").code == 0
    data = workflow.read_proposal(repo.root, pid)
    assert data["state"] == "rejected" and data["closed"]["reason"] == "与现行法规冲突"
    closed = repo.cli(AUTHOR, "withdraw", pid)  # closed: nothing more
    assert closed.code == 1 and "处于「已否决」状态" in closed.err, closed.err
    other = act(OUTSIDER, workflow.request, repo.root, title="t2", source="internal", targets=["STD-RESPONSE"])
    assert repo.cli(OUTSIDER, "withdraw", other, "-m", "重复").code == 0
    assert workflow.read_proposal(repo.root, other)["state"] == "withdrawn"


def test_every_step_commit_names_its_step_and_actor(repo, act):
    pid = to_approved(repo, act)
    log = git(repo.root, "log", "--reverse", "--format=%ae %(trailers:key=Revise-Step,valueonly,separator=)", f"main..revise/{pid}")
    rows = [line.split() for line in log.splitlines()]
    assert rows == [[AUTHOR, "request"], [CHAIR, "score"], [AUTHOR, "draft"], [AUTHOR, "submit"],
                    [LEGAL, "review"], [BUSINESS, "review"], [IT, "review"],
                    [CHAIR, "pilot"], [CHAIR, "pilot"], [CHAIR, "pilot"]]


def test_status_text_shows_gates_and_next_step(in_review, act):
    repo, pid = in_review
    run = repo.cli(CHAIR, "status", pid)
    assert run.code == 0
    assert "评审中" in run.out and "法务合规" in run.out and "yuan.bo@example.com" in run.out and "下一步" in run.out
    en = repo.cli(CHAIR, "--lang", "en", "status", pid)
    assert "next:" in en.out


def test_a_step_racing_another_is_refused_and_loses_nothing(repo, act, monkeypatch):
    from revise.workflow import steps
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    real, raced = steps.load, []

    def racing(ctx, p):
        loc = real(ctx, p)
        if not raced:                      # another panel member's score lands between our read and our write
            raced.append(True)
            act(LEGAL, workflow.score, repo.root, pid, impact=1, cost=1, urgency=1)
        return loc
    monkeypatch.setattr(steps, "load", racing)
    with pytest.raises(GateError, match="改动"):
        workflow.score(repo.root, pid, impact=5, cost=5, urgency=5)
    assert [s["by"] for s in workflow.read_proposal(repo.root, pid)["scores"]] == [LEGAL]
