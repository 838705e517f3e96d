"""After publish: evaluation and notice entries are step commits on main, audited like every step."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from revise.errors import GateError
from revise.workflow import annotate, publish

from .conftest import AUTHOR, CHAIR, IT, git

EFFECTIVE = (date.today() + timedelta(days=10)).isoformat()
# an evaluation as `revise evaluate --record` records it (the schema describes every field)
WINDOW = {"start": "2026-01-01", "end": "2026-01-29"}
ENTRY = {"effective": "2026-01-29", "weeks": 4, "export": "tickets.csv", "before": WINDOW,
         "after": {"start": "2026-01-29", "end": "2026-02-26"}, "achieved": True,
         "targets": [{"ref": "STD-RESPONSE#text-first-reply", "metric": "first_reply_seconds", "op": "<=", "value": 20,
                      "unit": "second", "before": {"n": 10, "met": 7}, "after": {"n": 10, "met": 10}, "verdict": "achieved"}]}


@pytest.fixture
def published(approved, act):
    repo, pid = approved
    git(repo.root, "push", "-q", "origin", "main", f"revise/{pid}")
    act(CHAIR, publish.publish, repo.root, pid, effective=EFFECTIVE, remote="origin")
    return repo, pid


def status(repo, pid):
    run = repo.cli(CHAIR, "status", pid, "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_an_evaluation_is_a_step_commit_on_main_pushed_to_the_remote(published, act):
    repo, pid = published
    before_main = repo.ref("main")
    act(IT, annotate.annotate, repo.root, pid, "evaluate", ENTRY, "首响达标", remote="origin")
    assert git(repo.root, "rev-parse", "HEAD^").strip() == before_main
    assert git(repo.remote, "rev-parse", "main").strip() == repo.ref("main")
    assert git(repo.root, "status", "--porcelain") == ""      # the checked-out main followed
    st = status(repo, pid)
    assert st["tampered"] is None and st["timeline"][-1]["step"] == "evaluate" and st["timeline"][-1]["by"] == IT
    record = (repo.root / f"proposals/{pid}.yaml").read_text(encoding="utf-8")
    assert "evaluations:" in record and f"by: {IT}" in record


def test_an_archive_record_edited_by_hand_after_publish_is_tampered(published):
    repo, pid = published
    path = repo.root / f"proposals/{pid}.yaml"
    entry = json.dumps({"by": IT, "at": "2026-12-01T10:00:00+08:00", **ENTRY}, ensure_ascii=False)
    path.write_text(path.read_text(encoding="utf-8") + f"evaluations:\n- {entry}\n", encoding="utf-8")
    git(repo.root, "commit", "-qam", f"evaluation\n\nRevise-Step: evaluate\nRevise-Proposal: {pid}",
        env={"GIT_AUTHOR_EMAIL": AUTHOR, "GIT_COMMITTER_EMAIL": AUTHOR})
    st = status(repo, pid)
    assert st["tampered"]["commit"] == git(repo.root, "rev-parse", "HEAD").strip()
    assert IT in st["tampered"]["reason"]


def test_an_unpublished_proposal_has_no_archive_to_annotate(in_review, act):
    repo, pid = in_review
    before = repo.snapshot()
    with pytest.raises(GateError, match="尚未发布"):
        act(IT, annotate.annotate, repo.root, pid, "evaluate", ENTRY, "x")
    assert repo.snapshot() == before
