"""`revise compliance --propose` on a real git repository with a bare remote: files a monitoring
request per clause missed two months running, with the figures as evidence, and never twice."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from revise import workflow
from tests.conftest import REPO, run_cli
from tests.workflow.conftest import actor_env, git, make_repo

QA = "peng.tao@example.com"  # qa-specialist in the shipped org chart
SAMPLE = REPO / "examples" / "tickets-sample.csv"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-global"))
    for key, value in actor_env(QA).items():
        monkeypatch.setenv(key, value)


def propose(root: Path, *extra: str):
    return run_cli("-C", str(root), "compliance", str(SAMPLE), "--propose", *extra, env=dict(os.environ))


def monitoring(root: Path) -> list[dict]:
    return [p for p in workflow.list_proposals(root) if p["source"] == "monitoring"]


def test_propose_files_once_per_clause_and_never_twice(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    before = git(repo.root, "for-each-ref", "--format=%(refname)", "refs/heads/main")
    run = propose(repo.root, "--remote", "origin")
    assert run.code == 1, run.err  # targets were missed: the check fails, the requests are filed
    filed = sorted(monitoring(repo.root), key=lambda p: p["targets"])
    # the copy's documents are all in force from January (tests.conftest.adopted): the social limit of
    # 20 s (RP-2026-0001) judges January to March too, and was missed
    assert [p["targets"] for p in filed] == [["STD-QUALITY"], ["STD-RESPONSE"], ["STD-RESPONSE"]]
    (first,) = [p for p in filed if "STD-RESPONSE#text-first-reply" in p["title"]]
    assert "STD-RESPONSE#text-first-reply" in first["title"] and "连续 2 个月" in first["title"]
    assert first["author"] == QA and first["state"] == "request"
    assert len(first["evidence"]) == 2 and "2026-02：工单" in first["evidence"][0] and "达标率 82.3%" in first["evidence"][0]
    assert "2026-03" in first["evidence"][1]
    assert all(f"已提出修订需求 {p['id']}" in run.err for p in filed)
    # main and the working tree are untouched; each request is on its own branch, pushed
    assert git(repo.root, "for-each-ref", "--format=%(refname)", "refs/heads/main") == before
    assert git(repo.root, "status", "--porcelain") == ""
    remote_branches = git(repo.root, "ls-remote", "--heads", "origin")
    assert all(f"refs/heads/revise/{p['id']}" in remote_branches for p in filed)

    again = propose(repo.root)
    assert again.code == 1 and "不重复提出" in again.err and "已提出" not in again.err
    assert len(monitoring(repo.root)) == 3

    # another QA machine, cloned from the remote, sees the open proposals there too
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(repo.remote), str(clone)], check=True)
    other = propose(clone, "--remote", "origin")
    assert other.code == 1 and other.err.count("不重复提出") == 3, other.err
    assert git(clone, "for-each-ref", "--format=%(refname)", "refs/heads/revise/") == ""

    # once withdrawn, a still-missed clause is filed again
    workflow.withdraw(repo.root, first["id"], reason="先核实数据")
    third = propose(repo.root)
    assert third.err.count("已提出修订需求") == 1 and "STD-RESPONSE#text-first-reply" in third.err
    assert len(monitoring(repo.root)) == 4


def test_propose_refuses_a_single_month_and_too_few_months(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    run = run_cli("-C", str(repo.root), "compliance", str(SAMPLE), "--propose", "--month", "2026-03", env=dict(os.environ))
    assert run.code == 2 and "--month" in run.err
    config = repo.root / "revise.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  months: 2\n", "  months: 4\n"), encoding="utf-8")
    run = propose(repo.root)
    assert run.code == 2 and "需要 4 个月" in run.err
    assert monitoring(repo.root) == []
