"""A periodic review that ends "no change needed": the whole path on a real repository with a bare
remote, the refusals (each with its reason, nothing moved), and the audit accepting nothing else."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from revise import workflow
from revise.check.engine import check
from revise.workflow import periodic, pilot
from revise.workflow.proposal import EMPTY_DIGEST, dumps

from .conftest import AGENT, AUTHOR, BUSINESS, CHAIR, IT, LEGAL, Repo, _as, _copy, _template, git, make_repo

TODAY = date.today()
DOC = "SCR-CLOSING"
DOC_PATH = "policies/scripts/SCR-CLOSING.yaml"


def to_no_change(repo: Repo, act: Callable[..., Any], doc: str = DOC) -> str:
    """A periodic review of `doc` whose empty draft legal and business approved: state approved."""
    pid = act(AUTHOR, periodic.request_review, repo.root, doc)
    act(CHAIR, workflow.score, repo.root, pid, impact=2, cost=1, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    act(AUTHOR, workflow.submit, repo.root, pid)
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    git(repo.root, "checkout", "-q", "main")
    return pid


@pytest.fixture(scope="session")
def no_change_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return _template(tmp_path_factory.mktemp("no-change-template"), lambda repo: to_no_change(repo, _as))


@pytest.fixture
def approved_empty(no_change_template: tuple[Path, str], tmp_path: Path) -> tuple[Repo, str]:
    return _copy(no_change_template, tmp_path)


def status(repo: Repo, pid: str) -> dict[str, Any]:
    run = repo.cli(CHAIR, "status", pid, "--format", "json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_the_whole_path_signs_off_no_change_merges_only_the_record_and_resets_the_clock(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, days_ago=200)
    assert any(p.path == DOC_PATH and p.rule == "review-overdue" for p in check(repo.root).problems)
    before = (repo.root / DOC_PATH).read_bytes()
    run = repo.cli(AUTHOR, "request", "--periodic", DOC, "--remote", "origin")
    assert run.code == 0, run.err
    pid = run.out.split()[-1]
    record = json.loads(repo.cli(AUTHOR, "status", pid, "--format", "json", "--remote", "origin").out)
    assert record["title"] == "定期评估：结束语（SCR-CLOSING）" and record["targets"] == [DOC]
    for who, *args in ((CHAIR, "score", pid, "--impact", "2", "--cost", "1", "--urgency", "3"), (AUTHOR, "draft", pid),
                       (AUTHOR, "submit", pid), (LEGAL, "review", pid, "--as", "legal", "--approve"),
                       (BUSINESS, "review", pid, "--as", "business", "--approve")):
        step = repo.cli(who, *args, "--remote", "origin")
        assert step.code == 0, (args, step.err)
    under_way = json.loads(repo.cli(AUTHOR, "reviews", "--format", "json").out)["documents"]
    assert {r["document"]: r["open_review"] for r in under_way}[DOC] == pid
    st = status(repo, pid)
    assert st["state"] == "approved" and st["draft"]["recorded"] == EMPTY_DIGEST and not st["draft"]["stale"]
    assert [g["required"] for g in st["gates"]] == [True, True, False, False]  # legal, business; no IT, no pilot
    assert "--no-change" in st["next"]
    git(repo.root, "checkout", "-q", "main")
    run = repo.cli(CHAIR, "publish", pid, "--no-change", "--remote", "origin")
    assert run.code == 0, run.err
    assert f"{pid} 已签发「无需修改」（标签 published/{pid}）" in run.out
    # merged into main and pushed with its tag; the document itself is untouched (no version bump)
    main = repo.ref("main")
    assert git(repo.remote, "rev-parse", "main").strip() == main
    assert git(repo.remote, "rev-parse", f"published/{pid}^{{commit}}").strip() == main
    assert git(repo.root, "diff", "--name-only", "main^1", "main").split() == [f"proposals/{pid}.yaml"]
    assert (repo.root / DOC_PATH).read_bytes() == before
    archived = yaml.safe_load((repo.root / f"proposals/{pid}.yaml").read_text(encoding="utf-8"))
    assert archived["state"] == "published" and archived["source"] == "periodic-review"
    assert {k: v for k, v in archived["publication"].items() if k != "at"} == {
        "no_change": True, "reviewed": [DOC], "by": CHAIR, "tag": f"published/{pid}"}
    st = status(repo, pid)
    assert st["state"] == "published" and st["tampered"] is None
    assert [row["step"] for row in st["timeline"]] == ["request", "score", "draft", "submit", "review", "review", "publish"]
    # the clock starts again today
    rows = {r["document"]: r for r in json.loads(repo.cli(AUTHOR, "reviews", "--format", "json").out)["documents"]}
    assert rows[DOC]["last_review"] == {"date": TODAY.isoformat(), "kind": "no-change", "proposal": pid}
    assert rows[DOC]["status"] == "ok" and rows[DOC]["open_review"] is None and rows["SCR-TEXT-OPENING"]["status"] == "overdue"
    assert not any(p.path == DOC_PATH for p in check(repo.root).problems)


def test_the_publication_record_names_what_was_reviewed(approved_empty: tuple[Repo, str], act) -> None:
    from revise.workflow import publish
    repo, pid = approved_empty
    plan = act(CHAIR, publish.publish, repo.root, pid, no_change=True)
    pub = plan["publication"]
    assert {k: v for k, v in pub.items() if k != "at"} == {"no_change": True, "reviewed": [DOC], "by": CHAIR,
                                                           "tag": f"published/{pid}"}
    assert "effective" not in pub and "versions" not in pub


# --- refusals: the reason, exit 1, nothing moved ---------------------------------------------------------

def _refused(repo: Repo, who: str, args: tuple[str, ...], reason: str, code: int = 1) -> None:
    before, remote = repo.snapshot(), git(repo.remote, "for-each-ref")
    run = repo.cli(who, *args, *(("--remote", "origin") if code == 1 else ()))
    assert run.code == code, run.out + run.err
    assert reason in run.err, run.err
    assert repo.snapshot() == before and git(repo.remote, "for-each-ref") == remote


def test_no_change_is_refused_to_someone_off_the_committee(approved_empty: tuple[Repo, str]) -> None:
    repo, pid = approved_empty
    _refused(repo, AGENT, ("publish", pid, "--no-change"), f"只有服务标准管理会成员可以发布；{AGENT} 不是")


def test_no_change_is_refused_for_a_proposal_that_is_not_a_periodic_review(approved: tuple[Repo, str]) -> None:
    repo, pid = approved
    _refused(repo, CHAIR, ("publish", pid, "--no-change"), f"提案 {pid} 的来源是「customer-feedback」，不是定期评估")


def test_no_change_is_refused_for_a_periodic_review_that_changes_policies(repo: Repo, act) -> None:
    pid = act(AUTHOR, periodic.request_review, repo.root, "STD-COURTESY")
    act(CHAIR, workflow.score, repo.root, pid, impact=2, cost=1, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    repo.edit("policies/standards/STD-COURTESY.yaml", "待客户先挂断或先结束会话", "待客户先挂断或先结束会话后再结束")
    act(AUTHOR, workflow.submit, repo.root, pid)
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    assert workflow.read_proposal(repo.root, pid)["state"] == "pilot"  # a change is piloted, review or not
    act(CHAIR, pilot.start, repo.root, pid, scope="华东区在线客服一组", until="2099-12-31")
    act(CHAIR, pilot.record, repo.root, pid, results={"first_reply_seconds": 18}, baselines={"first_reply_seconds": 26})
    act(CHAIR, pilot.decide, repo.root, pid, passed=True)
    git(repo.root, "checkout", "-q", "main")
    _refused(repo, CHAIR, ("publish", pid, "--no-change"), f"提案 {pid} 的草案改动了 STD-COURTESY，不能以「无需修改」发布")


def test_an_empty_draft_is_published_only_as_no_change(approved_empty: tuple[Repo, str]) -> None:
    repo, pid = approved_empty
    future = (TODAY + timedelta(days=10)).isoformat()
    _refused(repo, CHAIR, ("publish", pid, "--effective", future), f"提案 {pid} 的草案没有任何改动")
    _refused(repo, CHAIR, ("publish", pid, "--no-change", "--effective", future), "--no-change 不设生效日期", code=2)


def test_only_a_periodic_review_may_submit_an_empty_draft(repo: Repo, act) -> None:
    pid = act(AUTHOR, workflow.request, repo.root, title="x", source="internal", targets=["STD-COURTESY"])
    act(CHAIR, workflow.score, repo.root, pid, impact=2, cost=1, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    _refused(repo, AUTHOR, ("submit", pid), f"提案 {pid} 的草案没有改动 policies/ 中的任何文件")


def test_request_periodic_refuses_an_unknown_document_a_second_review_and_other_options(approved_empty: tuple[Repo, str]) -> None:
    repo, pid = approved_empty
    _refused(repo, AUTHOR, ("request", "--periodic", "STD-NOPE"), "STD-NOPE", code=2)
    _refused(repo, AUTHOR, ("request", "--periodic", DOC), f"{DOC} 已有未关闭的定期评估提案 {pid}")
    _refused(repo, AUTHOR, ("request", "--periodic", DOC, "--title", "x"), "或只用 --periodic", code=2)
    _refused(repo, AUTHOR, ("request", "--title", "x", "--source", "internal"), "缺少 1 个必需的参数：--target", code=2)


# --- the audit accepts exactly the new steps ----------------------------------------------------------------

def _forge(repo: Repo, pid: str, who: str, edit: Callable[[str], str], trailers: str) -> None:
    git(repo.root, "checkout", "-q", f"revise/{pid}")
    path = repo.root / f"proposals/{pid}.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    git(repo.root, "commit", "-qam", f"forged\n\n{trailers}", env={"GIT_AUTHOR_EMAIL": who, "GIT_COMMITTER_EMAIL": who})


def test_a_no_change_publication_written_on_a_revision_is_tampering(approved: tuple[Repo, str]) -> None:
    repo, pid = approved
    record = (f"publication:\n  no_change: true\n  reviewed:\n  - STD-RESPONSE\n  by: {CHAIR}\n"
              f"  at: '2026-12-01T10:00:00+08:00'\n  tag: published/{pid}\n")
    _forge(repo, pid, CHAIR, lambda text: text.replace("state: approved", "state: published") + record,
           f"Revise-Step: publish\nRevise-Proposal: {pid}")
    st = status(repo, pid)
    assert st["state"] == "tampered" and "「无需修改」只能签发定期评估的空草案" in st["tampered"]["reason"]


def test_an_empty_draft_recorded_for_another_source_is_tampering(in_review: tuple[Repo, str]) -> None:
    repo, pid = in_review
    recorded = workflow.read_proposal(repo.root, pid)["draft"]["digest"]
    _forge(repo, pid, AUTHOR, lambda text: text.replace(recorded, EMPTY_DIGEST),
           f"Revise-Step: submit\nRevise-Proposal: {pid}\nRevise-Digest: {EMPTY_DIGEST}")
    st = status(repo, pid)
    assert st["state"] == "tampered" and "只有定期评估可以提交空草案" in st["tampered"]["reason"]
    assert "customer-feedback" in st["tampered"]["reason"]


def test_a_normal_publish_counts_as_the_review_of_what_it_changed(approved: tuple[Repo, str], act) -> None:
    from revise.workflow import publish
    repo, pid = approved
    act(CHAIR, publish.publish, repo.root, pid, effective=(TODAY + timedelta(days=3)).isoformat())
    rows = {r["document"]: r for r in periodic.schedule(repo.root, TODAY)["documents"]}
    assert rows["STD-RESPONSE"]["last_review"] == {"date": TODAY.isoformat(), "kind": "publication", "proposal": pid}
    assert rows["STD-RESPONSE"]["version"] == 3
    assert rows["STD-COURTESY"]["last_review"]["kind"] == "added"
    # a hand edit of the archive on main moves no review date: the record the publish merge brought is read
    path = repo.root / f"proposals/{pid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["publication"]["at"] = "2020-01-01T00:00:00+08:00"
    path.write_bytes(dumps(data))
    git(repo.root, "commit", "-qam", "backdate the review", env={"GIT_AUTHOR_EMAIL": IT, "GIT_COMMITTER_EMAIL": IT})
    assert "2020-01-01" in git(repo.root, "show", f"main:proposals/{pid}.yaml")
    rows = {r["document"]: r for r in periodic.schedule(repo.root, TODAY)["documents"]}
    assert rows["STD-RESPONSE"]["last_review"]["date"] == TODAY.isoformat()


def test_a_no_change_review_signed_off_at_the_desk_counts(approved_empty: tuple[Repo, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from revise.workflow import publish
    from revise.workflow.gitstore import Author
    repo, pid = approved_empty
    monkeypatch.setenv("GIT_COMMITTER_NAME", "工作台")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "desk@example.com")
    publish.publish(repo.root, pid, no_change=True, actor=Author("王思远", CHAIR, "desk (sso)"))
    rows = {r["document"]: r for r in periodic.schedule(repo.root, TODAY)["documents"]}
    assert rows[DOC]["last_review"] == {"date": TODAY.isoformat(), "kind": "no-change", "proposal": pid}
    assert status(repo, pid)["tampered"] is None
