"""`--remote NAME`: steps push the branch; queue and status read remote branches without checkout."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from revise import workflow

from .conftest import AUTHOR, BUSINESS, CHAIR, LEGAL, Repo, git


def clone(repo: Repo, where: Path) -> Repo:
    subprocess.run(["git", "clone", "-q", str(repo.remote), str(where)], check=True, capture_output=True)
    git(where, "config", "user.name", "另一台电脑")
    git(where, "config", "user.email", "ci2@example.com")
    return Repo(where, repo.remote)


def remote_ref(repo: Repo, ref: str) -> str | None:
    out = git(repo.root, "ls-remote", str(repo.remote), ref).split()
    return out[0] if out else None


def test_each_step_pushes_and_another_clone_reads_without_checkout(repo, act, tmp_path):
    run = repo.cli(AUTHOR, "request", "--title", "远程流程", "--source", "internal", "--target", "STD-RESPONSE", "--remote", "origin")
    pid = run.out.split()[-1]
    assert remote_ref(repo, f"refs/heads/revise/{pid}") == repo.ref(f"revise/{pid}")
    other = clone(repo, tmp_path / "other")
    # the other clone has never fetched the proposal branch: --remote fetches it, nothing is checked out
    queue = json.loads(other.cli(CHAIR, "queue", "--format", "json", "--remote", "origin").out)
    assert [r["id"] for r in queue["proposals"]] == [pid]
    assert queue["proposals"][0]["branch"] == f"origin/revise/{pid}"
    assert git(other.root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    # a step from the other clone on a remote-only proposal: creates the local branch and pushes
    assert other.cli(CHAIR, "score", pid, "--impact", "4", "--cost", "2", "--urgency", "5", "--remote", "origin").code == 0
    assert remote_ref(repo, f"refs/heads/revise/{pid}") == other.ref(f"revise/{pid}")
    st = json.loads(repo.cli(AUTHOR, "status", pid, "--format", "json", "--remote", "origin").out)
    assert st["state"] == "scored" and st["priority"] is not None
    assert workflow.read_proposal(repo.root, pid, remote="origin")["scores"][0]["by"] == CHAIR


def test_full_procedure_across_two_clones_publishes_to_the_remote(repo, act, tmp_path):
    from revise.workflow import pilot, publish
    pid = act(AUTHOR, workflow.request, repo.root, title="两地协作", source="internal", targets=["STD-COURTESY"], remote="origin")
    act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3, remote="origin")
    act(AUTHOR, workflow.draft, repo.root, pid, remote="origin")
    repo.edit("policies/standards/STD-COURTESY.yaml", "待客户先挂断或先结束会话", "待客户先挂断或先结束会话后再结束")
    act(AUTHOR, workflow.submit, repo.root, pid, remote="origin")
    other = clone(repo, tmp_path / "other")
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business")):
        act(who, workflow.review, other.root, pid, area=area, decision="approve", remote="origin")
    act(CHAIR, pilot.waive, other.root, pid, reason="措辞调整", remote="origin")
    act(CHAIR, publish.publish, other.root, pid, effective="2099-01-01", remote="origin")
    assert remote_ref(repo, "refs/heads/main") == other.ref("main")
    assert remote_ref(repo, f"refs/tags/published/{pid}") == other.ref("main")
    # the first clone is behind on main now: a publish from it would refuse until it pulls
    git(repo.root, "checkout", "-q", "main")
    st = workflow.read_proposal(repo.root, pid, remote="origin")
    assert st["state"] == "published"


def test_a_local_branch_behind_the_remote_fast_forwards_before_the_step(repo, act, tmp_path):
    pid = act(AUTHOR, workflow.request, repo.root, title="分叉", source="internal", targets=["STD-RESPONSE"], remote="origin")
    other = clone(repo, tmp_path / "other")
    act(CHAIR, workflow.score, other.root, pid, impact=3, cost=3, urgency=3, remote="origin")
    run = repo.cli(LEGAL, "score", pid, "--impact", "1", "--cost", "1", "--urgency", "1", "--remote", "origin")
    # the local clone fast-forwards onto the remote branch first, so this succeeds rather than diverging
    assert run.code == 0, run.err
    data = workflow.read_proposal(repo.root, pid)
    assert {s["by"] for s in data["scores"]} == {CHAIR, LEGAL}


def test_unknown_remote_is_bad_usage(repo):
    run = repo.cli(AUTHOR, "queue", "--remote", "nowhere")
    assert run.code == 2 and "nowhere" in run.err


def test_diverged_branches_refuse_the_push_and_say_what_to_do(repo, act, tmp_path):
    pid = act(AUTHOR, workflow.request, repo.root, title="分叉", source="internal", targets=["STD-RESPONSE"], remote="origin")
    other = clone(repo, tmp_path / "other")
    act(CHAIR, workflow.score, other.root, pid, impact=3, cost=3, urgency=3, remote="origin")
    act(LEGAL, workflow.score, repo.root, pid, impact=1, cost=1, urgency=1)          # local only: now diverged
    run = repo.cli(BUSINESS, "score", pid, "--impact", "2", "--cost", "2", "--urgency", "2", "--remote", "origin")
    assert run.code == 1 and "git fetch origin" in run.err
    assert remote_ref(repo, f"refs/heads/revise/{pid}") == other.ref(f"revise/{pid}")  # the remote is untouched
