"""Concurrency through the API: 20 reviewers approving 20 proposals at the same moment all land on
the remote (writes are serialised by the desk's lock, none lost); two people acting on one proposal
at once both land, or the second gets a clear 409 and can retry."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from revise import workflow
from revise.workflow import drafting
from revise.workflow.gitstore import Author
from tests.desk.conftest import desk_settings, serve
from tests.workflow.conftest import AUTHOR, BUSINESS, CHAIR, LEGAL, ORG, Repo, git, make_repo

COURTESY = "policies/standards/STD-COURTESY.yaml"
REVIEWERS = [f"legal{i:02d}@example.com" for i in range(20)]


def add_reviewers(repo: Repo) -> None:
    """Twenty more legal counsels in the org chart on main (pushed)."""
    org = (repo.root / ORG).read_text(encoding="utf-8")
    extra = "".join(f"  - name: 法务{i:02d}\n    email: {email}\n    roles: [legal-counsel]\n" for i, email in enumerate(REVIEWERS))
    org = org.replace("committee:\n", extra + "committee:\n", 1)
    (repo.root / ORG).write_text(org, encoding="utf-8")
    git(repo.root, "commit", "-qam", "twenty legal counsels")
    git(repo.root, "push", "-q", "origin", "main")


def in_review(repo: Repo, n: int) -> list[str]:
    """`n` proposals submitted for review, made by the core as the CLI would, pushed to the remote."""
    author, chair = Author("李婷", AUTHOR), Author("王思远", CHAIR)
    text = (repo.root / COURTESY).read_bytes().replace("待客户先挂断或先结束会话".encode(), "待客户先挂断或先结束会话后再结束".encode())
    pids = []
    for i in range(n):
        pid = workflow.request(repo.root, title=f"礼貌用语修订 {i}", source="internal", targets=["STD-COURTESY"], actor=author)
        workflow.score(repo.root, pid, impact=3, cost=2, urgency=3, actor=chair)
        workflow.draft(repo.root, pid, actor=author, checkout=False)
        drafting.edit(repo.root, pid, {COURTESY: text}, actor=author)
        drafting.submit_branch(repo.root, pid, actor=author)
        pids.append(pid)
    git(repo.root, "push", "-q", "origin", "refs/heads/revise/*:refs/heads/revise/*")
    return pids


@pytest.fixture(scope="session")
def twenty_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    import os
    base = tmp_path_factory.mktemp("twenty")
    saved = {k: os.environ.get(k) for k in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL")}
    os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(base / "gitconfig-global")})
    try:
        repo = make_repo(base)
        add_reviewers(repo)
        return base, in_review(repo, 20)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


@pytest.fixture
def twenty(twenty_template: tuple[Path, list[str]], tmp_path: Path) -> tuple[Repo, list[str]]:
    base, pids = twenty_template
    dest = tmp_path / "copy"
    shutil.copytree(base, dest, symlinks=True)
    repo = Repo(dest / "repo", dest / "remote.git")
    git(repo.root, "remote", "set-url", "origin", str(repo.remote))
    return repo, pids


def at_once(calls: list[Any]) -> list[Any]:
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=300)
    return results


def test_twenty_reviewers_approve_twenty_proposals_at_once(twenty: tuple[Repo, list[str]]) -> None:
    repo, pids = twenty
    for served in serve(desk_settings(repo)):
        people = [served.person(email) for email in REVIEWERS]
        results = at_once([lambda p=p, pid=pid: p.step(pid, "review", area="legal", decision="approve")
                           for p, pid in zip(people, pids)])
        assert [r.status_code for r in results] == [200] * 20, [r.text for r in results if r.status_code != 200]
    for email, pid in zip(REVIEWERS, pids):
        log = git(repo.remote, "log", "-1", "--format=%ae %(trailers:key=Revise-Decision,valueonly)", f"revise/{pid}")
        assert log.split() == [email, "approve"], (pid, log)


def test_two_people_on_one_proposal_at_once(twenty: tuple[Repo, list[str]]) -> None:
    repo, pids = twenty
    pid = pids[0]
    for served in serve(desk_settings(repo)):
        legal, business = served.person(LEGAL), served.person(BUSINESS)
        results = at_once([lambda: legal.step(pid, "review", area="legal", decision="approve"),
                           lambda: business.step(pid, "review", area="business", decision="approve")])
        codes = sorted(r.status_code for r in results)
        assert codes in ([200, 200], [200, 409]), [r.text for r in results]
        for r, (who, area) in zip(results, ((legal, "legal"), (business, "business"))):
            if r.status_code == 409:  # a clear answer, and a retry lands
                assert r.json()["error"]
                assert who.step(pid, "review", area=area, decision="approve").status_code == 200
    reviews = git(repo.remote, "log", "--format=%ae", "--grep=Revise-Step: review", f"revise/{pid}").split()
    assert sorted(reviews) == sorted([LEGAL, BUSINESS])
