"""Approvals no one can forge: every gate comes from the step commit that made it.

Each attack is tried as an attacker with push access would, on a real repository with a bare
remote, signatures off (the default) and on. Each is refused with exit 1, names the tampered commit
or the forbidden path, and leaves main, the tags, the branches and the remote as they were.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from revise import workflow
from revise.workflow import pilot

from .conftest import AUTHOR, BUSINESS, CHAIR, FIRST_REPLY, IT, LEGAL, Repo, git, to_approved, to_review

EFFECTIVE = (date.today() + timedelta(days=30)).isoformat()


def as_person(who: str) -> dict[str, str]:
    """A plain `git commit` by `who` (author and committer), as anyone with push access can make."""
    name = who.split("@")[0]
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": who, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": who}


def proposal_file(repo: Repo, pid: str) -> Path:
    return repo.root / f"proposals/{pid}.yaml"


def head(repo: Repo) -> str:
    return git(repo.root, "rev-parse", "HEAD").strip()


def remote_refs(repo: Repo) -> str:
    return git(repo.remote, "for-each-ref", "--format=%(refname) %(objectname)")


def everything(repo: Repo) -> tuple[dict, str]:
    return repo.snapshot(), remote_refs(repo)


def status(repo: Repo, pid: str) -> dict:
    run = repo.cli(CHAIR, "status", pid, "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def publish_refused(repo: Repo, pid: str, who: str, *needles: str) -> None:
    """`revise publish` by `who` exits 1 naming each needle, and nothing anywhere moved."""
    git(repo.root, "checkout", "-q", "main")
    before = everything(repo)
    run = repo.cli(who, "publish", pid, "--effective", EFFECTIVE, "--remote", "origin")
    assert run.code == 1, (run.out, run.err)
    for needle in needles:
        assert needle in run.err, (needle, run.err)
    assert everything(repo) == before


@pytest.fixture
def pushed(approved):
    """The approved proposal, its branch and main pushed to the bare remote."""
    repo, pid = approved
    git(repo.root, "push", "-q", "origin", "main", f"revise/{pid}")
    return repo, pid


# --- 1. copying another proposal's approvals into one's own file -------------------------------------
def test_copied_approvals_make_the_proposal_tampered_and_unpublishable(pushed, act):
    repo, approved_pid = pushed
    # her second proposal, still in review
    git(repo.root, "checkout", "-q", "main")
    pid = to_review(repo, act, title="另一个提案", edit=(FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 15 秒内"))
    git(repo.root, "push", "-q", "origin", f"revise/{pid}")
    donor = (repo.root / ".." / "donor.yaml")
    donor.write_text(git(repo.root, "show", f"revise/{approved_pid}:proposals/{approved_pid}.yaml"), encoding="utf-8")
    import yaml
    theirs = yaml.safe_load(donor.read_text(encoding="utf-8"))
    mine = yaml.safe_load(proposal_file(repo, pid).read_text(encoding="utf-8"))
    digest = mine["draft"]["digest"]
    mine["reviews"] = [{**r, "digest": digest} for r in theirs["reviews"]]
    mine["pilot"] = theirs["pilot"]
    mine["state"] = "approved"
    from revise.workflow.proposal import dumps
    proposal_file(repo, pid).write_bytes(dumps(mine))
    git(repo.root, "commit", "-qam", "reviews", env=as_person(AUTHOR))
    forged = head(repo)
    git(repo.root, "push", "-q", "origin", f"revise/{pid}")

    st = status(repo, pid)
    assert st["state"] == "tampered" and st["tampered"]["commit"] == forged
    assert {g["area"]: g["status"] for g in st["gates"]}["legal"] == "pending"  # from the step commits
    assert forged[:10] in st["next"] and f"revise restore {pid}" in st["next"]
    text = repo.cli(CHAIR, "status", pid)
    assert "记录被篡改" in text.out and forged[:10] in text.out
    q = json.loads(repo.cli(CHAIR, "queue", "--format", "json").out)
    row = next(r for r in q["proposals"] if r["id"] == pid)
    assert row["state"] == "tampered" and row["tampered"]["commit"] == forged and row["priority"] is None
    report = repo.cli(CHAIR, "report", pid)
    assert report.code == 0 and f"记录被篡改：提交 {forged[:10]}" in report.out, report.err
    for who in (AUTHOR, CHAIR):   # as herself, and when the chair runs it
        publish_refused(repo, pid, who, forged[:10], "不是修订步骤")


# --- 2. editing the draft after approval and copying the new digest in ------------------------------
def test_a_draft_edited_after_approval_with_its_new_digest_copied_in_cannot_publish(pushed, act):
    repo, pid = pushed
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    repo.edit(FIRST_REPLY, "坐席须在 20 秒内", "坐席须在 20 秒内（节假日 60 秒）")
    git(repo.root, "commit", "-qam", "wording", env=as_person(AUTHOR))
    current = status(repo, pid)["draft"]["current"]
    text = proposal_file(repo, pid).read_text(encoding="utf-8")
    old = status(repo, pid)["draft"]["recorded"]
    proposal_file(repo, pid).write_text(text.replace(old, current), encoding="utf-8")
    git(repo.root, "commit", "-qam", "digest", env=as_person(AUTHOR))
    forged = head(repo)
    st = status(repo, pid)
    assert st["tampered"]["commit"] == forged
    publish_refused(repo, pid, CHAIR, forged[:10])


def test_a_draft_edited_after_approval_leaves_the_approvals_stale(pushed):
    repo, pid = pushed
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    repo.edit(FIRST_REPLY, "坐席须在 20 秒内", "坐席须在 20 秒内（节假日 60 秒）")
    git(repo.root, "commit", "-qam", "wording", env=as_person(AUTHOR))
    st = status(repo, pid)
    assert st["tampered"] is None and st["draft"]["stale"]
    assert {g["status"] for g in st["gates"] if g["area"] != "pilot"} == {"stale"}
    publish_refused(repo, pid, CHAIR, "草案")


# --- 3. tooling changes riding on a proposal ---------------------------------------------------------
def test_changes_outside_policies_are_refused_at_publish_and_submit(pushed, act):
    repo, pid = pushed
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    workflow_file = repo.root / ".github/workflows/x.yml"
    workflow_file.parent.mkdir(parents=True)
    workflow_file.write_text("on: push\njobs: {}\n", encoding="utf-8")
    cfg = (repo.root / "revise.yaml").read_text(encoding="utf-8")
    (repo.root / "revise.yaml").write_text(cfg.replace("require_signatures: false", "require_signatures: false  # x"), encoding="utf-8")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "tooling", env=as_person(AUTHOR))
    st = status(repo, pid)
    assert st["forbidden"] == [".github/workflows/x.yml", "revise.yaml"]
    assert st["draft"]["stale"]   # the digest covers everything the merge would change
    assert ".github/workflows/x.yml" in st["next"]
    publish_refused(repo, pid, CHAIR, ".github/workflows/x.yml", "revise.yaml")
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    before = everything(repo)
    run = repo.cli(AUTHOR, "submit", pid)
    assert run.code == 1 and ".github/workflows/x.yml, revise.yaml" in run.err, run.err
    assert everything(repo) == before


# --- 4. signatures on: the author rewrites legal's decision in a commit she signs herself ------------
def test_signed_commit_cannot_change_another_persons_decision(signed_repo, as_signed):
    repo, keys = signed_repo
    root = repo.root
    pid = as_signed(AUTHOR, keys[AUTHOR], workflow.request, root, title="签名流程", source="internal", targets=["STD-RESPONSE"])
    as_signed(CHAIR, keys[CHAIR], workflow.score, root, pid, impact=3, cost=3, urgency=3)
    as_signed(AUTHOR, keys[AUTHOR], workflow.draft, root, pid)
    repo.edit(FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 25 秒内")
    as_signed(AUTHOR, keys[AUTHOR], workflow.submit, root, pid)
    as_signed(LEGAL, keys[LEGAL], workflow.review, root, pid, area="legal", decision="request-changes", message="措辞")
    for who, area in ((BUSINESS, "business"), (IT, "it")):
        as_signed(who, keys[who], workflow.review, root, pid, area=area, decision="approve")
    import yaml

    from revise.workflow.proposal import dumps
    data = yaml.safe_load(proposal_file(repo, pid).read_text(encoding="utf-8"))
    data["reviews"][0]["decision"] = "approve"
    data["state"] = "approved"
    data["pilot"] = {"scope": "全部", "start": "2026-01-01", "until": "2026-02-01", "started_by": AUTHOR,
                     "started_at": "2026-01-01T10:00:00+08:00", "results": [], "outcome": "pass", "by": CHAIR,
                     "at": "2026-02-01T10:00:00+08:00"}
    proposal_file(repo, pid).write_bytes(dumps(data))
    signing = {"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "gpg.format", "GIT_CONFIG_VALUE_0": "ssh",
               "GIT_CONFIG_KEY_1": "user.signingkey", "GIT_CONFIG_VALUE_1": str(keys[AUTHOR])}
    git(root, "commit", "-S", "-qam", f"revise review {pid}: legal approve\n\nRevise-Step: review\nRevise-Proposal: {pid}\n"
        "Revise-Area: legal\nRevise-Decision: approve", env={**as_person(AUTHOR), **signing})
    forged = head(repo)
    st = status(repo, pid)
    assert st["state"] == "tampered" and st["tampered"]["commit"] == forged
    assert st["signatures"]["problems"] == []          # her signature is good — it does not help her
    legal = next(g for g in st["gates"] if g["area"] == "legal")
    assert legal["status"] == "changes-requested" and legal["by"] == LEGAL
    git(root, "checkout", "-q", "main")
    before = everything(repo)
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE)
    assert run.code == 1 and forged[:10] in run.err, run.err
    assert everything(repo) == before


# --- variations ------------------------------------------------------------------------------------
def test_an_entry_for_a_person_who_never_acted_is_tampering(pushed):
    """A commit by the author that adds a review signed by legal: the entry's person is not the commit's."""
    repo, pid = pushed
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    import yaml

    from revise.workflow.proposal import dumps
    data = yaml.safe_load(proposal_file(repo, pid).read_text(encoding="utf-8"))
    data["reviews"].append({**data["reviews"][0], "at": "2026-12-01T10:00:00+08:00"})
    proposal_file(repo, pid).write_bytes(dumps(data))
    git(repo.root, "commit", "-qam", f"revise review {pid}: legal approve\n\nRevise-Step: review\nRevise-Proposal: {pid}\n"
        "Revise-Area: legal\nRevise-Decision: approve", env=as_person(AUTHOR))
    st = status(repo, pid)
    assert st["tampered"]["commit"] == head(repo) and "yuan.bo@example.com" in st["tampered"]["reason"]
    publish_refused(repo, pid, CHAIR, head(repo)[:10])


def test_a_merge_commit_that_edits_the_proposal_file_is_tampering(pushed):
    repo, pid = pushed
    git(repo.root, "checkout", "-q", "-b", "side", f"revise/{pid}")
    git(repo.root, "commit", "-q", "--allow-empty", "-m", "side", env=as_person(AUTHOR))
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    git(repo.root, "merge", "-q", "--no-ff", "--no-commit", "side", env=as_person(AUTHOR))
    text = proposal_file(repo, pid).read_text(encoding="utf-8")
    proposal_file(repo, pid).write_text(text.replace("state: approved", "state: approved\nbackground: 合并时加入"), encoding="utf-8")
    git(repo.root, "commit", "-qam", f"merge\n\nRevise-Step: review\nRevise-Proposal: {pid}", env=as_person(AUTHOR))
    merge = head(repo)
    assert len(git(repo.root, "rev-list", "--parents", "-1", "HEAD").split()) == 3
    st = status(repo, pid)
    assert st["tampered"]["commit"] == merge and "合并提交" in st["tampered"]["reason"]
    publish_refused(repo, pid, CHAIR, merge[:10])


def test_reordered_step_commits_are_rewritten_steps(pushed):
    """A rebase that reorders the steps recommits other people's steps: their committer is not them."""
    repo, pid = pushed
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    base = git(repo.root, "merge-base", "main", "HEAD").strip()
    commits = git(repo.root, "rev-list", "--reverse", f"{base}..HEAD").split()
    # replay the history with the last two steps swapped, as `git rebase -i` by the author would
    git(repo.root, "reset", "-q", "--hard", commits[-3])
    for sha in (commits[-1], commits[-2]):
        git(repo.root, "cherry-pick", "--strategy=recursive", "-X", "theirs", sha, env=as_person(AUTHOR))
    st = status(repo, pid)
    first = git(repo.root, "rev-list", "--reverse", f"{commits[-3]}..HEAD").split()[0]
    assert st["tampered"]["commit"] == first and st["tampered"]["author"] == CHAIR
    assert "li.ting@example.com" in st["tampered"]["reason"] and "改写" in st["tampered"]["reason"]
    publish_refused(repo, pid, CHAIR, first[:10])


# --- the way back: restore ---------------------------------------------------------------------------
def test_the_author_restores_a_tampered_file_and_the_procedure_goes_on(in_review, act):
    repo, pid = in_review
    text = proposal_file(repo, pid).read_text(encoding="utf-8")
    proposal_file(repo, pid).write_text(text.replace("state: review", "state: approved"), encoding="utf-8")
    git(repo.root, "commit", "-qam", "shortcut", env=as_person(AUTHOR))
    forged = head(repo)
    assert status(repo, pid)["tampered"]["commit"] == forged
    before = repo.snapshot()
    refused = repo.cli(LEGAL, "review", pid, "--as", "legal", "--approve")
    assert refused.code == 1 and forged[:10] in refused.err and f"revise restore {pid}" in refused.err
    assert repo.snapshot() == before
    assert repo.cli(LEGAL, "restore", pid).code == 1                 # only the author restores
    run = repo.cli(AUTHOR, "restore", pid)
    assert run.code == 0, run.err
    st = status(repo, pid)
    assert st["tampered"] is None and st["state"] == "review"
    assert [row["step"] for row in st["timeline"]][-1] == "restore"
    assert repo.cli(AUTHOR, "restore", pid).code == 2                # nothing left to restore
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    act(IT, workflow.review, repo.root, pid, area="it", decision="approve")
    act(CHAIR, pilot.waive, repo.root, pid, reason="措辞调整")
    git(repo.root, "checkout", "-q", "main")
    assert repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE).code == 0


def test_status_timeline_lists_every_step_with_who_and_when(approved):
    repo, pid = approved
    st = status(repo, pid)
    steps = [(row["step"], row["by"]) for row in st["timeline"]]
    assert steps[:4] == [("request", AUTHOR), ("score", CHAIR), ("draft", AUTHOR), ("submit", AUTHOR)]
    assert ("review", LEGAL) in steps and ("review", BUSINESS) in steps and ("review", IT) in steps
    assert steps[-1] == ("pilot", CHAIR)
    assert all(row["at"] and row["signed"] is None for row in st["timeline"])


def test_the_honest_procedure_still_publishes(tmp_path, act):
    from .conftest import make_repo
    repo = make_repo(tmp_path)
    pid = to_approved(repo, act)
    git(repo.root, "checkout", "-q", "main")
    run = repo.cli(CHAIR, "publish", pid, "--effective", EFFECTIVE, "--remote", "origin")
    assert run.code == 0, run.err
    assert repo.ref(f"refs/tags/published/{pid}") == repo.ref("main")
    assert status(repo, pid)["tampered"] is None
