"""Acting for an authenticated person, and drafting without a working tree (what the desk does).

The desk authors each step commit as the signed-in person and commits it as itself (the org
chart's `desk.email`), with a `Revise-Via` trailer; such a step counts as the person's own.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from revise import workflow
from revise.workflow import drafting, pilot, publish
from revise.workflow.gitstore import Author
from revise.workflow.submission import CheckFailed
from revise.workflow.view import status

from .conftest import AUTHOR, BUSINESS, CHAIR, FIRST_REPLY, IT, LEGAL, git

VIA = "desk (password)"
DESK = "desk@example.com"


def person(email: str) -> Author:
    return Author(email.split("@")[0], email, VIA)


@pytest.fixture
def desk_repo(repo, monkeypatch):
    """The repository as the desk's clone sees it: git's own identity is the desk's."""
    git(repo.root, "config", "user.email", DESK)
    git(repo.root, "config", "user.name", "修订工作台")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "nobody@example.com")  # never used: every step names its actor
    return repo


def text_of(repo, pid: str) -> str:
    return git(repo.root, "show", f"revise/{pid}:{FIRST_REPLY}")


def test_the_whole_procedure_through_the_desk_without_a_working_tree(desk_repo):
    repo, root = desk_repo, desk_repo.root
    head_before = git(root, "symbolic-ref", "HEAD")
    pid = workflow.request(root, title="首响 20 秒", source="customer-feedback", targets=["STD-RESPONSE"], actor=person(AUTHOR))
    workflow.score(root, pid, impact=4, cost=2, urgency=4, actor=person(CHAIR))
    workflow.draft(root, pid, actor=person(AUTHOR), checkout=False)
    assert git(root, "symbolic-ref", "HEAD") == head_before          # the desk never checks out
    new_text = text_of(repo, pid).replace("坐席须在 30 秒内", "坐席须在 20 秒内")
    drafting.edit(root, pid, {FIRST_REPLY: new_text.encode("utf-8")}, summary="首响改为 20 秒", actor=person(AUTHOR))
    drafting.submit_branch(root, pid, actor=person(AUTHOR))
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        workflow.review(root, pid, area=area, decision="approve", actor=person(who))
    pilot.waive(root, pid, reason="措辞调整", actor=person(CHAIR))
    st = status(root, pid)
    assert st["state"] == "approved" and st["tampered"] is None
    assert {row["by"] for row in st["timeline"]} == {AUTHOR, CHAIR, LEGAL, BUSINESS, IT}
    assert {row["via"] for row in st["timeline"]} == {VIA}
    log = git(root, "log", "--format=%ae %ce", f"main..revise/{pid}").split("\n")
    assert all(line.endswith(f" {DESK}") for line in log if line)    # authored by the person, committed by the desk
    effective = (date.today() + timedelta(days=7)).isoformat()
    publish.publish(root, pid, effective=effective, actor=person(CHAIR))
    assert git(root, "rev-parse", "main").strip() == git(root, "rev-parse", f"published/{pid}").strip()
    assert "坐席须在 20 秒内" in git(root, "show", f"main:{FIRST_REPLY}")


def test_an_edit_that_fails_the_check_is_refused_and_nothing_moves(desk_repo):
    repo, root = desk_repo, desk_repo.root
    pid = workflow.request(root, title="t", source="internal", targets=["STD-RESPONSE"], actor=person(AUTHOR))
    workflow.score(root, pid, impact=3, cost=3, urgency=3, actor=person(CHAIR))
    workflow.draft(root, pid, actor=person(AUTHOR), checkout=False)
    before = repo.snapshot()
    broken = text_of(repo, pid).replace("\nversion: 2", "\nversion: one")
    with pytest.raises(CheckFailed) as failed:
        drafting.edit(root, pid, {FIRST_REPLY: broken.encode("utf-8")}, actor=person(AUTHOR))
    assert any(p.field == "version" and p.line > 0 for p in failed.value.result.errors)
    assert repo.snapshot() == before
    with pytest.raises(Exception, match="policies/"):
        drafting.edit(root, pid, {"revise.yaml": b"require_signatures: false\n"}, actor=person(AUTHOR))
    assert repo.snapshot() == before


def test_a_step_claiming_the_desk_but_committed_by_someone_else_is_tampering(desk_repo):
    root = desk_repo.root
    pid = workflow.request(root, title="t", source="internal", targets=["STD-RESPONSE"], actor=person(AUTHOR))
    git(root, "config", "user.email", "mallory@example.com")        # not the org chart's desk
    workflow.score(root, pid, impact=3, cost=3, urgency=3, actor=person(CHAIR))
    st = status(root, pid)
    assert st["tampered"]["author"] == CHAIR and "mallory@example.com" in st["tampered"]["reason"]
    q = json.loads(json.dumps(workflow.list_proposals(root)))
    assert q[0]["id"] == pid
