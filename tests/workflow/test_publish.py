"""`revise publish`: gates re-checked, versions bumped, merge commit, tag, archive record; refusals,
conflicts with main, a failing merged result, and a publish killed half-way (resume / abort)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date

import pytest

from revise import workflow
from revise.workflow import pilot
from revise.workflow import publish as pub

from .conftest import AUTHOR, BUSINESS, CHAIR, COURTESY, FIRST_REPLY, IT, LEGAL, OUTSIDER, git, to_approved, to_review

EFFECTIVE = "2099-03-01"


def approved_on_main(repo, act, **kw):
    pid = to_approved(repo, act, **kw)
    git(repo.root, "checkout", "-q", "main")
    return pid


def test_publish_merges_bumps_versions_tags_and_archives(approved, act):
    repo, pid = approved
    old_main = repo.ref("main")
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE, "--transition-days", "14")
    assert run.code == 0, run.err
    main = repo.ref("main")
    parents = git(repo.root, "rev-list", "--parents", "-n1", main).split()[1:]
    assert parents == [old_main, repo.ref(f"revise/{pid}")]                 # a real merge commit (--no-ff)
    assert repo.ref(f"refs/tags/published/{pid}") == main
    assert "Revise-Step: publish" in git(repo.root, "log", "-1", "--format=%B", main)
    doc = git(repo.root, "show", f"main:{FIRST_REPLY}")
    assert "\nversion: 3\n" in doc and f"\neffective_from: {EFFECTIVE}\n" in doc and "value: 20" in doc
    assert doc.startswith("# yaml-language-server")                       # comments and layout kept
    untouched = git(repo.root, "show", f"main:{COURTESY}")
    assert "\nversion: 2\n" in untouched                                   # RP-2026-0002 made it 2
    data = workflow.read_proposal(repo.root, pid)
    assert data["state"] == "published"
    assert data["publication"] | {"at": None} == {"effective": EFFECTIVE, "transition_days": 14, "by": CHAIR, "at": None,
                                                   "versions": {"STD-RESPONSE": 3}, "tag": f"published/{pid}"}
    archived = git(repo.root, "show", f"main:proposals/{pid}.yaml")
    assert "state: published" in archived
    assert git(repo.root, "status", "--porcelain") == ""                  # the checked-out main moved with it
    assert (repo.root / FIRST_REPLY).read_text(encoding="utf-8") == doc
    assert repo.cli(CHAIR, "check").code == 0
    again = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)   # published is final
    assert again.code == 1 and "处于「已发布」状态，不能执行「revise publish」" in again.err, again.err


def test_publish_refusals_change_nothing(approved, act):
    repo, pid = approved
    cases = [
        (OUTSIDER, ["publish", pid, "--effective", EFFECTIVE], 1),          # not in the org chart
        ("lin.xiao@example.com", ["publish", pid, "--effective", EFFECTIVE], 1),  # in the org chart, not the committee
        (CHAIR, ["publish", pid, "--effective", "2001-01-01"], 2),          # effective date in the past
        (CHAIR, ["publish", pid, "--effective", "soon"], 2),
        (CHAIR, ["publish", pid, "--effective", EFFECTIVE, "--transition-days", "-3"], 2),
        (CHAIR, ["publish", pid], 2),
    ]
    for who, args, code in cases:
        before = repo.snapshot()
        run = repo.cli(who, *args)
        assert run.code == code, (args, run.err)
        assert repo.snapshot() == before


def test_publish_refuses_a_dirty_working_tree(approved, act):
    repo, pid = approved
    repo.edit(COURTESY, "待客户先挂断", "等客户先挂断")
    before = repo.snapshot()
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)
    assert run.code == 1 and COURTESY in run.err
    assert repo.snapshot() == before


def test_publish_refuses_a_stale_approval(repo, act):
    pid = to_approved(repo, act)
    repo.edit(FIRST_REPLY, "坐席须在 20 秒内", "坐席须在 19 秒内")
    git(repo.root, "commit", "-qam", "late edit", env={"GIT_AUTHOR_EMAIL": AUTHOR})
    git(repo.root, "checkout", "-q", "main")
    before = repo.snapshot()
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)
    assert run.code == 1 and "失效" in run.err
    assert repo.snapshot() == before
    st = repo.cli(CHAIR, "status", pid, "--format", "json")
    assert '"state": "review"' in st.out and '"recorded_state": "approved"' in st.out


def test_conflict_with_main_names_the_documents_then_rework_publishes(repo, act):
    first = approved_on_main(repo, act, title="首响 20 秒")
    second = to_review(repo, act, title="首响措辞", edit=(FIRST_REPLY, "也要先逐一问候", "也须先逐一问候"))    # also edits STD-RESPONSE, branched before the first is published
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, second, area=area, decision="approve")
    act(CHAIR, pilot.waive, repo.root, second, reason="措辞调整")
    git(repo.root, "checkout", "-q", "main")
    assert repo.cli(CHAIR, "publish", first, "--effective", EFFECTIVE).code == 0
    before = repo.snapshot()
    run = repo.cli(CHAIR, "publish", second, "--effective", EFFECTIVE)
    assert run.code == 1 and "STD-RESPONSE" in run.err and "git merge main" in run.err
    assert repo.snapshot() == before
    # the author brings main into the draft, resubmits; the reviewers approve again
    act(AUTHOR, workflow.draft, repo.root, second)
    subprocess.run(["git", "-C", str(repo.root), "merge", "-q", "-X", "theirs", "--no-edit", "main"], check=True,
                   capture_output=True, env={**os.environ, "GIT_AUTHOR_EMAIL": AUTHOR})
    act(AUTHOR, workflow.submit, repo.root, second)
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, repo.root, second, area=area, decision="approve")
    act(CHAIR, pilot.waive, repo.root, second, reason="措辞调整")
    git(repo.root, "checkout", "-q", "main")
    assert repo.cli(CHAIR, "publish", second, "--effective", EFFECTIVE).code == 0
    assert "\nversion: 4\n" in git(repo.root, "show", f"main:{FIRST_REPLY}")


def test_merged_result_that_fails_the_check_is_not_published(repo, act):
    """A draft and main that merge cleanly but break a reference together: publish checks the merge."""
    quality = "policies/standards/STD-QUALITY.yaml"
    keeper = to_review(repo, act, title="引用质量监控条款",
                       edit=(COURTESY, "    refs:\n      - SCR-CLOSING", "    refs:\n      - SCR-CLOSING\n      - STD-QUALITY#monitoring"))
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business")):
        act(who, workflow.review, repo.root, keeper, area=area, decision="approve")
    act(CHAIR, pilot.waive, repo.root, keeper, reason="措辞调整")
    git(repo.root, "checkout", "-q", "main")
    # meanwhile main renames the clause the draft now points at (valid on its own)
    repo.edit(quality, "  - id: monitoring", "  - id: quality-monitoring")
    git(repo.root, "commit", "-qam", "rename clause")
    assert repo.cli(CHAIR, "check").code == 0
    before = repo.snapshot()
    run = repo.cli(CHAIR, "publish", keeper, "--effective", EFFECTIVE)
    assert run.code == 1
    assert "合并后的结果未通过 revise check" in run.err
    assert "policies/standards/STD-COURTESY.yaml:" in run.err and "monitoring" in run.err
    assert repo.snapshot() == before


def test_killed_after_the_refs_moved_resumes(approved, act, monkeypatch):
    repo, pid = approved
    old_main = repo.ref("main")

    def killed(*_a, **_k):
        raise KeyboardInterrupt
    monkeypatch.setattr(pub, "_sync_worktree", killed)
    with pytest.raises(KeyboardInterrupt):
        act(CHAIR, pub.publish, repo.root, pid, effective=EFFECTIVE)
    assert repo.ref("main") != old_main
    # the working tree still holds the old main, but HEAD is detached there: `git status` offers no
    # commit that would undo the publication, and `revise status` says what to run
    assert git(repo.root, "status", "--porcelain") == ""
    assert "HEAD detached at" in git(repo.root, "status") and git(repo.root, "rev-parse", "HEAD").strip() == old_main
    monkeypatch.undo()
    st = repo.cli(CHAIR, "status", pid)
    assert st.code == 0 and "发布没有完成" in st.out and f"revise publish {pid} --abort" in st.out, st.out
    assert "已发布" not in st.out.splitlines()[1]
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)
    assert run.code == 0, run.err
    assert git(repo.root, "status", "--porcelain") == ""
    assert git(repo.root, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert not list((repo.root / ".git/revise").glob("publish-*.json"))


def test_killed_after_the_refs_moved_can_be_undone(approved, act, monkeypatch):
    repo, pid = approved
    before = repo.snapshot()
    monkeypatch.setattr(pub, "_sync_worktree", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        act(CHAIR, pub.publish, repo.root, pid, effective=EFFECTIVE)
    monkeypatch.undo()
    run = repo.cli(CHAIR, "publish", pid, "--abort")
    assert run.code == 0, run.err
    assert repo.snapshot() == before
    nothing = repo.cli(CHAIR, "publish", pid, "--abort")   # nothing left to undo
    assert nothing.code == 2 and f"提案 {pid} 没有中断的发布可撤销" in nothing.err, nothing.err


def test_killed_before_the_refs_moved_leaves_everything_and_starts_over(approved, act, monkeypatch):
    repo, pid = approved
    before = repo.snapshot()
    monkeypatch.setattr(pub, "_move_refs", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        act(CHAIR, pub.publish, repo.root, pid, effective=EFFECTIVE)
    monkeypatch.undo()
    assert repo.snapshot() == before
    assert repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE).code == 0


@pytest.mark.parametrize("point, then", [("gitstore.update_refs", "resume"), ("gitstore.move_worktree", "abort"),
                                         ("publish._sync_worktree", "resume"), ("gitstore.update_refs", "abort")])
def test_real_sigkill_at_a_point_is_resumable_or_undoable(approved, point, then):
    """A real `kill -9` of the publishing process at a point; then `publish` again, or `publish --abort`."""
    repo, pid = approved
    before = repo.snapshot()
    module, name = point.split(".")
    script = (
        "import os, signal, sys\n"
        f"from revise.workflow import {module} as m\n"
        f"real = getattr(m, {name!r})\n"
        "def boom(*a, **k):\n"
        f"    if {name!r} != '_sync_worktree':\n"
        "        real(*a, **k)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"setattr(m, {name!r}, boom)\n"
        "from revise.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "GIT_AUTHOR_EMAIL": CHAIR, "GIT_AUTHOR_NAME": "wang"}
    proc = subprocess.run([sys.executable, "-c", script, "-C", str(repo.root), "publish", pid, "--effective", EFFECTIVE],
                          env=env, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert repo.ref("main") != before["refs"] and (repo.root / ".git/revise" / f"publish-{pid}.json").exists()
    if then == "abort":
        abort = repo.cli(CHAIR, "publish", pid, "--abort")
        assert abort.code == 0, abort.err
        assert repo.snapshot() == before
    resumed = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)
    assert resumed.code == 0, resumed.err
    assert git(repo.root, "status", "--porcelain") == "" and repo.ref(f"refs/tags/published/{pid}") == repo.ref("main")
    assert "\nversion: 3\n" in (repo.root / FIRST_REPLY).read_text(encoding="utf-8")


def test_publish_from_the_branch_checkout_moves_that_checkout(approved):
    repo, pid = approved
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    assert git(repo.root, "symbolic-ref", "HEAD").strip() == f"refs/heads/revise/{pid}"
    assert repo.cli(CHAIR, "publish", pid, "--effective", date.today().isoformat()).code == 0
    assert git(repo.root, "status", "--porcelain") == ""
    assert "state: published" in (repo.root / f"proposals/{pid}.yaml").read_text(encoding="utf-8")


def test_status_of_a_published_proposal_reads_the_archive(approved):
    repo, pid = approved
    assert repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE).code == 0
    git(repo.root, "branch", "-D", f"revise/{pid}")           # the branch may go; the archive on main stays
    import json
    st = json.loads(repo.cli(CHAIR, "status", pid, "--format", "json").out)
    assert st["state"] == "published" and st["branch"] == "main"
    assert {g["area"]: g["status"] for g in st["gates"]} == {"legal": "approved", "business": "approved",
                                                              "it": "approved", "pilot": "pass"}
    assert workflow.read_proposal(repo.root, pid)["publication"]["versions"] == {"STD-RESPONSE": 3}
